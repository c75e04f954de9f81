"""axe-core (npm axe-core@4.11.0, vendored as axe.min.js beside this file) run in a Playwright page: the WCAG 2.0,
2.1 and 2.2 A and AA rules."""
from __future__ import annotations

from pathlib import Path

AXE_SOURCE = Path(__file__).with_name("axe.min.js")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
    """The violations of the page as it is now, of the given impacts: rule id, impact, help and the first targets.
    The script is evaluated through the DevTools protocol, which a page's Content-Security-Policy does not block."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS)
    return [{"id": item["id"], "impact": item["impact"], "help": item["help"],
             "targets": [node["target"] for node in item["nodes"][:5]]}
            for item in results["violations"] if item["impact"] in impacts]
