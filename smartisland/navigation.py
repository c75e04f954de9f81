"""Every page of the app, declared once: its section, script, title, icon, URL and audience."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    section: str  # translation key of the sidebar section
    script: str  # path from the project root
    title_key: str
    icon: str
    url_path: str
    is_public: bool  # public pages exist in both modes; the others only in internal mode
    is_default: bool = False


PAGES: tuple[PageEntry, ...] = (
    PageEntry("nav.themes", "pages/spbe.py", "spbe.title", ":material/account_balance:", "spbe", True),
    PageEntry("nav.themes", "pages/services.py", "services.title", ":material/apps:", "layanan", True),
    PageEntry("nav.team", "pages/data.py", "data_page.title", ":material/database:", "data", False),
)


def pages_for_mode(mode: str) -> tuple[PageEntry, ...]:
    """In public mode the internal pages are not registered at all, so their URLs do not resolve."""
    return tuple(page for page in PAGES if mode == "internal" or page.is_public)
