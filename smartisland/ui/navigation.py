"""Every page of the app, declared once: its section, script, title, icon, URL and audience."""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class PageEntry:
    section: str  # translation key of the sidebar section
    script: str  # path from the project root
    title_key: str
    icon: str
    url_path: str
    is_public: bool  # public pages exist in both modes; the others only in internal mode
    is_default: bool = False  # the default page is served at the root URL, not at url_path
    is_public_default: bool = False  # the default page in public mode, where the internal default does not exist
    is_hidden: bool = False  # registered, so its URL resolves, but not listed in the sidebar

    @property
    def url(self) -> str:
        return "" if self.is_default else self.url_path


PAGES: tuple[PageEntry, ...] = (
    PageEntry("nav.overview", "app_pages/overview.py", "overview.title", ":material/dashboard:", "overview", False,
              is_default=True),
    PageEntry("nav.themes", "app_pages/spbe.py", "spbe.title", ":material/account_balance:", "spbe", True),
    PageEntry("nav.themes", "app_pages/services.py", "services.title", ":material/apps:", "services", True),
    PageEntry("nav.themes", "app_pages/connectivity.py", "connectivity.title", ":material/wifi:", "connectivity", True),
    PageEntry("nav.team", "app_pages/tracker.py", "tracker.title", ":material/monitoring:", "tracker", False),
    PageEntry("nav.team", "app_pages/data.py", "data_page.title", ":material/database:", "data", False),
    PageEntry("nav.public", "app_pages/transparency.py", "transparency.nav_title", ":material/public:", "transparency", True,
              is_public_default=True),
)


def pages_for_mode(mode: str) -> tuple[PageEntry, ...]:
    """In public mode the internal pages are not registered at all, so their URLs do not resolve, and the public
    default page takes the root URL. Its own URL (`/transparency`, as the internal site and shared links have it)
    stays valid through a hidden alias: Streamlit serves a default page only at the root and reserves its declared
    path, so the default is declared under another path and the alias takes the page's own."""
    if mode == "internal":
        return PAGES
    pages = []
    for page in PAGES:
        if not page.is_public:
            continue
        if page.is_public_default:
            pages.append(replace(page, is_default=True, url_path=f"{page.url_path}_home"))
            pages.append(replace(page, is_hidden=True))
        else:
            pages.append(page)
    return tuple(pages)
