"""Text from the data shown as text: escaped for Streamlit's Markdown and for Plotly's bits of HTML, and found by
a reader's search (no Streamlit).

Streamlit reads every st.markdown, caption, alert, label, tab, badge and expander title as Markdown with GitHub
extensions (links, images, autolinked URLs and e-mail addresses), LaTeX between `$`, colour directives
(`:red[...]`), icon and emoji short codes (`:material/x:`, `:smile:`). Plotly reads `<a href>`, `<b>`, `<br>`
and entities in every text, hover and axis label. A value from a loaded file is neither: it is shown as typed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

# What Markdown, GitHub's extensions, remark-math and remark-directive read; a backslash makes each literal.
_SIGNIFICANT = frozenset("\\`*_[]()<>#+-.!|~$:&")
# Invisible and unbreakable: it splits what Streamlit finds in the text after the Markdown is parsed, where a
# backslash escape is already gone (`:smile:`, `:material_x:`, `https://...`, `www.`, `name@host`).
WORD_JOINER = "\u2060"
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def _as_text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


def markdown_text(value) -> str:
    """`value` as literal text inside Streamlit Markdown: every significant character escaped, newlines as spaces."""
    text = _CONTROL.sub(" ", _as_text(value))
    out = []
    for character in text:
        if character == ".":
            out.append(WORD_JOINER + "\\.")
        elif character == ":":
            out.append("\\:" + WORD_JOINER)
        elif character == "@":
            out.append("@" + WORD_JOINER)
        elif character in _SIGNIFICANT:
            out.append("\\" + character)
        else:
            out.append(character)
    return "".join(out)


def plain_text(markdown: str) -> str:
    """What a reader sees of `markdown_text(value)`: the value again (for tests and checks)."""
    return re.sub(r"\\([" + re.escape("".join(sorted(_SIGNIFICANT))) + "])", r"\1", markdown).replace(WORD_JOINER, "")


def plotly_text(value) -> str:
    """`value` as literal text in a Plotly label, hover or legend: no tags, entities shown as typed."""
    return _as_text(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown_code(value) -> str:
    """`value` as inline code in Markdown, where nothing is interpreted: fenced by more backticks than it holds."""
    text = _CONTROL.sub(" ", _as_text(value))
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    return f"{fence} {text} {fence}" if longest else f"{fence}{text}{fence}"


def _data_text_pairs() -> dict[str, str]:
    from smartisland.config import province_code

    return _province_data_text_pairs(province_code())


@lru_cache(maxsize=8)
def _province_data_text_pairs(code: str) -> dict[str, str]:
    """Each data text of the province's catalogue (shared and its own), in either language, to its key."""
    from smartisland.i18n import DATA_TEXT_PREFIX, province_catalog

    pairs: dict[str, str] = {}
    for key, texts in province_catalog(code).items():
        if key.startswith(DATA_TEXT_PREFIX):
            for text in texts.values():
                pairs[text] = key
    return pairs


def data_text(value):
    """A text that came with the data (a source, a note) in the reader's language when smartisland/locales/
    data_text.toml holds it in both; else as the data has it. Not escaped: escape it for where it is shown."""
    from smartisland.i18n import t

    if not isinstance(value, str):
        return value
    key = _data_text_pairs().get(value.strip())
    return t(key) if key else value


def _folded(value: str) -> str:
    """Case and accents set aside, so that "kepegawaian" finds "Kepegawaian" and "Denpasar" finds "Dénpasar"."""
    return "".join(character for character in unicodedata.normalize("NFKD", value.casefold())
                   if not unicodedata.combining(character))


@dataclass(frozen=True)
class Matches:
    offered: dict[str, str]  # key -> name, what the list offers
    shown: int  # how many of the matches it offers
    total: int  # how many match in all


def matching_names(names: dict[str, str], search: str, limit: int, keep: str | None = None) -> Matches:
    """The first `limit` of `names` (key -> name, in their order) whose name or key holds every word of `search`;
    `keep` (the current choice) is offered whatever the search, first when it is not among them."""
    words = _folded(search).split()
    matches = [key for key, name in names.items()
               if all(word in _folded(name) or word in _folded(str(key)) for word in words)]
    offered = {key: names[key] for key in matches[:limit]}
    if keep in names and keep not in offered:
        offered = {keep: names[keep], **offered}
    return Matches(offered, len([key for key in offered if key in set(matches)]), len(matches))
