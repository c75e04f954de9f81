"""The image a shared link shows (Open Graph, 1200x630 PNG): the verdict in words and a bar of the statuses, so a
link sent on WhatsApp reads at a glance. Pillow's own bundled font: the same picture on any machine."""
from __future__ import annotations

import io
import textwrap

import pandas as pd
from PIL import Image, ImageDraw, ImageFont

from smartisland.i18n import t
from smartisland.kpis.scorecard import status_counts
from smartisland.kpis.status import COLOURS, label_key
from smartisland.publishing.transparency import summary_sentence

WIDTH, HEIGHT = 1200, 630
INK, PAPER, BAND = "#1B2B2A", "#FFFFFF", "#005A8C"


def _font(size: int) -> ImageFont.ImageFont:
    return ImageFont.load_default(size=size)


def verdict_image(promises: pd.DataFrame) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 110), fill=BAND)
    draw.text((60, 30), t("app.title"), font=_font(46), fill="#FFFFFF")
    draw.text((60, 150), t("transparency.nav_title"), font=_font(40), fill=INK)
    sentence = summary_sentence(promises) if len(promises) else t("transparency.no_promises")
    for line_number, line in enumerate(textwrap.wrap(sentence, 44)[:5]):
        draw.text((60, 215 + 56 * line_number), line, font=_font(44), fill=INK)
    counts = {key: value for key, value in status_counts(promises).items() if value} if len(promises) else {}
    total = sum(counts.values())
    left = 60
    for status, count in counts.items():
        width = round((WIDTH - 120) * count / total)
        draw.rectangle((left, 520, left + width, 580), fill=COLOURS[status])
        left += width
    if counts:
        # the words without the status symbols, which the bundled font does not draw
        legend = " · ".join(f"{count} {t(label_key(status))}" for status, count in counts.items())
        draw.text((60, 588), legend[:90], font=_font(26), fill=INK)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
