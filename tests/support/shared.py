"""What the suite's workers share: the sample warehouse, built once, and one server of each mode on it.

Under pytest-xdist each worker is its own process; without this each built the sample warehouse and started two
servers of its own, warming every page's caches again. The controller names a folder (SMARTISLAND_TEST_SHARED, set
before the workers start, so they inherit it); the first worker to need a thing makes it there under a file lock and
the others use it; the controller stops the servers and removes the folder at the end."""
from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import signal
import tempfile
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

SHARED_FOLDER = "SMARTISLAND_TEST_SHARED"


def open_shared_folder() -> None:
    """In the controller (or a run without workers): the folder the session shares, named in the environment."""
    os.environ[SHARED_FOLDER] = tempfile.mkdtemp(prefix="smartisland-tests-")


def close_shared_folder() -> None:
    """Stop the shared servers and remove the folder."""
    folder = os.environ.pop(SHARED_FOLDER, None)
    if folder is None:
        return
    for record in Path(folder).glob("server-*.json"):
        with contextlib.suppress(OSError, ValueError, KeyError):
            os.killpg(json.loads(record.read_text())["pid"], signal.SIGTERM)
    shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared_file(name: str, make: Callable[[Path], None]) -> Path:
    """The shared file `name`, made by `make(path)` by the first worker to ask (the others wait for it)."""
    folder = Path(os.environ[SHARED_FOLDER])
    path = folder / name
    with _locked(folder / f"{name}.lock"):
        if not path.exists():
            making = folder / f"{name}.making"
            if making.is_dir():  # a worker that failed half-way left it: start again from nothing
                shutil.rmtree(making)
            making.unlink(missing_ok=True)
            make(making)
            making.rename(path)
    return path


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def shared_server(name: str, start: Callable[[], tuple[object, str]]) -> str:
    """The URL of the shared server `name`, started by `start()` (a process and its URL) by the first worker to ask.
    Its process leads a session of its own, so that the controller can stop it with whatever it started."""
    folder = Path(os.environ[SHARED_FOLDER])
    record = folder / f"server-{name}.json"
    with _locked(folder / f"server-{name}.lock"):
        if record.exists():
            url = json.loads(record.read_text())["url"]
            if _answers(url):
                return url
        process, url = start()
        record.write_text(json.dumps({"pid": process.pid, "url": url}))
    return url
