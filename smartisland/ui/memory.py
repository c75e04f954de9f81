"""Memory a page run freed, handed back to the system at the end of the run.

glibc (per thread, and the script runs in a thread of its own) and Arrow's allocator keep freed memory for reuse.
A page that once worked through large boundaries would leave the server hundreds of MB larger for good, by chance
of how the freed blocks lie: measured on the largest accepted boundaries, the public Connectivity page grew the
server by 259 to 432 MB without this and by 44 to 121 MB with it. After a run that freed little it costs about
half a millisecond; after one that freed hundreds of MB, some 50 ms, which that run has already spent many times.
"""
from __future__ import annotations

import ctypes
from functools import cache

import pyarrow


@cache
def _malloc_trim():
    """glibc's malloc_trim, None where the C library has none (musl, macOS)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return None


def release_freed_memory() -> None:
    pyarrow.default_memory_pool().release_unused()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
