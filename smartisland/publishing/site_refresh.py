"""Always current, never half-written: after each successful load, the static site is built into a new folder and
the web server's folder is switched to it in one step.

    SMARTISLAND_SITE_DIR/
        builds/20261207T051500-3fa9c2/   one complete site per build (the newest few kept)
        current -> builds/20261207T051500-3fa9c2   what nginx serves (deploy/nginx/site.conf)

A build is written under a hidden name, renamed into builds/ only when complete, and `current` is a symbolic link
replaced by rename(2) (os.replace), which is atomic: a reader gets the old site or the new one, never a mixture.
A failed build leaves `current` where it was and says why. Loads that finish together build one after the other
(a lock file), so the last load's data is the one served.
"""
from __future__ import annotations

import fcntl
import os
import secrets
import shutil
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from smartisland import clock
from smartisland.config import site_dir, warehouse_path
from smartisland.i18n import t
from smartisland.report_context import in_language

BUILDS, CURRENT, LOCK = "builds", "current", ".refresh.lock"
OWN_ASSETS = ".own-assets"  # in each build: the hashed files it wrote itself, one path a line
HASHED_FOLDERS = ("assets", "charts")
KEEP_BUILDS = 3  # the one served and two before it: a reader still on an older page finds its files a while longer

Builder = Callable[[Path, str], None]  # (folder to write, build id)


@dataclass(frozen=True)
class RefreshResult:
    ok: bool
    build_id: str | None  # the build now served (the new one, or the previous one after a failure)
    reason: str | None = None  # why the build failed

    def message(self, language: str | None = None) -> str:
        if language is not None:
            with in_language(language):
                return self.message()
        if self.ok:
            return t("site_refresh.done", build=self.build_id)
        return t("site_refresh.failed", reason=self.reason,
                 previous=self.build_id or t("site_refresh.no_previous"))


def export_builder(db_path: Path) -> Builder:
    """The real build: the static site of the warehouse at `db_path`."""
    def build(folder: Path, build_id: str) -> None:
        import duckdb

        from smartisland.publishing.export import export_site

        with duckdb.connect(str(db_path), read_only=True) as connection:
            export_site(connection, folder, build_id=build_id, with_brief=True)
    return build


def served_build(root: Path) -> str | None:
    link = root / CURRENT
    return Path(os.readlink(link)).name if link.is_symlink() else None


def new_build_id() -> str:
    return f"{clock.now():%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"


@contextmanager
def _locked(root: Path):
    with open(root / LOCK, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def switch_to(root: Path, build_id: str) -> None:
    """Point `current` at builds/<build_id> in one rename: a new link beside it, renamed over it."""
    staging = root / f".{CURRENT}-{build_id}"
    if staging.is_symlink() or staging.exists():
        staging.unlink()
    os.symlink(Path(BUILDS) / build_id, staging)
    os.replace(staging, root / CURRENT)


def carry_assets(kept: list[Path], folder: Path) -> int:
    """Give the new build the hashed files of the builds still kept, so that a reader who opened a page just before
    a switch still gets its stylesheet and charts (their names differ when their content does); only those builds'
    own files, so that they do not pile up. The number of files carried."""
    own = sorted(str(path.relative_to(folder)) for name in HASHED_FOLDERS if (folder / name).is_dir()
                 for path in (folder / name).rglob("*") if path.is_file())
    (folder / OWN_ASSETS).write_text("\n".join(own) + "\n", encoding="utf-8")
    carried = 0
    for previous in kept:
        if not (previous / OWN_ASSETS).is_file():
            continue
        for relative in (previous / OWN_ASSETS).read_text(encoding="utf-8").split():
            source, target = previous / relative, folder / relative
            if source.is_file() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(source, target)
                except OSError:
                    shutil.copy2(source, target)
                carried += 1
    return carried


def finished_builds(root: Path) -> list[Path]:
    """The complete builds, newest first."""
    return sorted((path for path in (root / BUILDS).iterdir() if not path.name.startswith(".")),
                  key=lambda path: (path.stat().st_mtime_ns, path.name), reverse=True)


def prune(root: Path, keep: int = KEEP_BUILDS) -> list[str]:
    """Remove all but the newest `keep` builds (never the one served), and any half-written one; the removed ids."""
    builds = root / BUILDS
    served = served_build(root)
    removed = [path for path in finished_builds(root)[keep:] if path.name != served]
    removed += [path for path in builds.iterdir() if path.name.startswith(".")]
    for path in removed:
        shutil.rmtree(path, ignore_errors=True)
    return [path.name for path in removed]


def refresh_site(root: Path, builder: Builder, keep: int = KEEP_BUILDS) -> RefreshResult:
    """Build a new site under `root` and serve it; on failure keep serving the previous one."""
    builds = root / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    with _locked(root):
        build_id = new_build_id()
        partial = builds / f".{build_id}.partial"
        try:
            builder(partial, build_id)
            if not (partial / "index.html").is_file():
                raise RuntimeError(t("site_refresh.incomplete"))
            carry_assets(finished_builds(root)[:keep - 1], partial)
            partial.rename(builds / build_id)
        except Exception as error:  # a build may fail in any way; the previous site must stay served
            shutil.rmtree(partial, ignore_errors=True)
            return RefreshResult(False, served_build(root), f"{type(error).__name__}: {error}")
        switch_to(root, build_id)
        prune(root, keep)
        return RefreshResult(True, build_id)


def refresh_site_after_load(db_path: Path | None = None, announce: Callable[[str], None] | None = None,
                            builder: Builder | None = None) -> RefreshResult | None:
    """The hook every successful load calls: when SMARTISLAND_SITE_DIR is set, rebuild the static site from the
    warehouse and switch to it; None when it is not set. `announce` gets the outcome in words."""
    root = site_dir()
    if root is None:
        return None
    result = refresh_site(root, builder or export_builder(db_path or warehouse_path()))
    if announce is not None:
        announce(result.message())
    return result
