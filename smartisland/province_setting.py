"""The province setting checked before anything is served: one line naming the provinces there are, never a
traceback (apart from province.py, which i18n builds its texts on, because the line is itself a text)."""
from __future__ import annotations

from smartisland.config import PROVINCES_DIR, province_code
from smartisland.i18n import shared_text
from smartisland.province import CODE_PATTERN, PROVINCE_FILE, SHOWN_SETTING, available, load


def setting_problem(code: str | None = None, /) -> str | None:
    """One line, in Indonesian then English, when the province to serve (SMARTISLAND_PROVINCE) is unknown or
    malformed, naming the provinces there are; None when it is served."""
    code = province_code() if code is None else code
    if CODE_PATTERN.fullmatch(code) and (PROVINCES_DIR / code / PROVINCE_FILE).is_file():
        return None
    shown = code[:SHOWN_SETTING] + ("…" if len(code) > SHOWN_SETTING else "")
    shown = "".join(character if character.isprintable() else "?" for character in shown)
    known = ", ".join(f"{known_code} ({load(known_code).short_name})" for known_code in available())
    return " / ".join(shared_text("common.unknown_province", language, code=shown, known=known)
                      for language in ("id", "en"))
