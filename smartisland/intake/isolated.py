"""A load run in a process of its own, under a memory ceiling and a time limit, so that no file can take the app
server's memory, swap it, or hold the load lock for ever: past either limit the load ends in a message.

The child is a fresh interpreter (`python -m smartisland.intake.isolated`, never a fork of a threaded server, nor
multiprocessing's spawn, which would run the app's own script again). It lowers its own address-space limit
(RLIMIT_AS) and CPU-time limit, runs the load and writes its result to a file the parent names; the parent stops it
at the wall-clock limit, and the child dies with its parent (a load killed from the shell or by a service manager
stops, rather than going on unseen and holding the load lock). A load that dies leaves the warehouse as it was: it
is written only by the atomic swap at its end, and the next load removes the staging folder it leaves (see
smartisland.load).
"""
from __future__ import annotations

import ctypes
import importlib
import os
import pickle
import resource
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from smartisland.config import PROJECT_ROOT, load_memory_mb, load_seconds
from smartisland.validate import Problem, first_line

GRACE_SECONDS = 10  # to start the interpreter and import the loader, beyond the load's own time
# glibc gives each thread a malloc arena that reserves 64 MB of address space: with DuckDB's threads an 81 MB CSV
# reserved over 3 GB while using 0.7 GB, and the address-space ceiling refused it as out of memory.
MALLOC_ARENAS = "2"
PR_SET_PDEATHSIG = 1  # prctl(2) option: the signal the kernel sends when the parent dies


@dataclass
class Outcome:
    value: object = None  # what the function returned, when it finished
    problem: Problem | None = None  # why it did not: the memory ceiling or the time limit


def run_isolated(function: Callable, *args, file_name: str = "", memory_mb: int | None = None,
                 seconds: int | None = None, **kwargs) -> Outcome:
    """function(*args, **kwargs) in a child process under the limits; its value, or the problem that stopped it."""
    memory_mb = memory_mb or load_memory_mb()
    seconds = seconds or load_seconds()
    with tempfile.TemporaryDirectory(prefix="smartisland-load-") as folder:
        answer = Path(folder) / "answer.pickle"
        request = pickle.dumps((os.getpid(), function.__module__, function.__qualname__, args, kwargs, memory_mb, seconds,
                                str(answer)))
        child = subprocess.Popen([sys.executable, "-m", "smartisland.intake.isolated"], stdin=subprocess.PIPE,
                                 cwd=PROJECT_ROOT, env={**os.environ, "MALLOC_ARENA_MAX": MALLOC_ARENAS})
        out_of_time = False
        try:
            child.communicate(request, timeout=seconds + GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            out_of_time = True
            child.kill()
            child.wait()
        kind, detail = ("died", None)
        if answer.is_file():
            try:
                kind, detail = pickle.loads(answer.read_bytes())
            except (EOFError, pickle.UnpicklingError):
                pass  # cut off while writing: died at a limit
    if kind == "done":
        return Outcome(value=detail)
    if kind == "error":
        return Outcome(problem=Problem(file_name, None, None, "unreadable", params=(("detail", detail),)))
    if out_of_time or child.returncode == -signal.SIGXCPU:
        return Outcome(problem=Problem(file_name, None, None, "load_time_limit", params=(("seconds", str(seconds)),)))
    return Outcome(problem=Problem(file_name, None, None, "load_memory_limit", params=(("limit", str(memory_mb)),)))


def _die_with_parent(parent: int) -> None:
    """Ask the kernel for SIGKILL when the parent dies; if it died before the ask, stop now."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the load runs to its end or its limits, as before
        return
    if os.getppid() != parent:
        os._exit(1)


def _main() -> None:
    parent, module, name, args, kwargs, memory_mb, seconds, answer = pickle.loads(sys.stdin.buffer.read())
    _die_with_parent(parent)
    limit = memory_mb << 20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    try:
        function = importlib.import_module(module)
        for part in name.split("."):
            function = getattr(function, part)
        message = ("done", function(*args, **kwargs))
    except MemoryError:
        message = ("memory", None)
    except Exception as error:  # noqa: BLE001 - the engine's own out-of-memory error, or any other, in one line
        out_of_memory = "out of memory" in str(error).lower()
        message = ("memory" if out_of_memory else "error", first_line(error))
    Path(answer).write_bytes(pickle.dumps(message))


if __name__ == "__main__":
    _main()
