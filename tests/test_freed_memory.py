"""Memory a page run frees goes back to the system at the end of the run (smartisland/ui/memory.py)."""
from __future__ import annotations

import subprocess
import sys

import pytest
from support import ROOT

# Many small blocks made and dropped in a thread of its own (as Streamlit runs a page), one in every 64 kept so
# that the freed space lies between blocks still in use: glibc keeps such space unless it is trimmed.
FREE_IN_A_THREAD = """
import sys, threading
from smartisland.ui.memory import release_freed_memory
def rss():
    return int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) >> 10
kept = []
def work():
    blocks = [bytearray(700) for _ in range(400_000)]
    kept.extend(blocks[::64])
worker = threading.Thread(target=work)
worker.start()
worker.join()
before = rss()
if sys.argv[1] == "release":
    release_freed_memory()
print(before - rss())
"""


def freed_mb(how: str) -> int:
    done = subprocess.run([sys.executable, "-c", FREE_IN_A_THREAD, how], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    return int(done.stdout.split()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_memory_freed_in_a_thread_goes_back_to_the_system():
    assert freed_mb("keep") < 20  # the allocator keeps it unasked: what the check stands on
    assert freed_mb("release") > 150


def test_every_page_run_ends_by_releasing_freed_memory():
    source = (ROOT / "app.py").read_text()
    assert "finally:\n        ui.release_freed_memory()" in source
