"""`python -m smartisland.tools.sample`: write the province's sample."""
from smartisland.tools.sample import main

raise SystemExit(main())
