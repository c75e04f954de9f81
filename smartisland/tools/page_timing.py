"""Each page's warm script run and the bytes it sends: `python -m smartisland.tools.page_timing --help`.

The measuring drives Streamlit's AppTest, so it lives in the UI layer (smartisland/ui/page_timing.py).
"""
import sys

from smartisland.ui.page_timing import main

if __name__ == "__main__":
    sys.exit(main())
