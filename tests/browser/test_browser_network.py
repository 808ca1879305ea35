"""The Network page in a real browser: each stroke on the canvas redraws every column of the network
strip, and the opened layer-2 map writes out a sum whose terms add up to its result.

The page reads the strip's data back from the plotly chart in the page (each trace is one column,
named after its layer), so "every layer updated" is checked on what the browser actually shows.
Screenshots (English and Bengali) go to ``FCL_SCREENSHOT_DIR`` (default /tmp).
"""

from __future__ import annotations

import os
import re

import pytest

from cnn_core.i18n import t
from tools.app_server import draw_stroke, open_page, wait_for_idle

SCREENSHOTS = os.environ.get("FCL_SCREENSHOT_DIR", "/tmp")
MINUS = "\u2212"

# Two strokes in canvas pixels (the canvas is 240x240): a trouser leg, then the other one.
STROKES = [[(80, 30), (160, 30), (150, 60), (95, 60), (85, 120), (80, 215)],
           [(160, 40), (165, 120), (170, 215)]]

# One number per column of the strip (a checksum of its values), read from the chart in the page.
STRIP_FINGERPRINTS = """() => {
  const total = (value) => {
    if (value === null || value === undefined) return 0;
    if (typeof value === 'number') return value;
    if (typeof value === 'string') { let s = 0; for (let i = 0; i < value.length; i++) s += value.charCodeAt(i) * (i % 97 + 1); return s; }
    if (value.bdata !== undefined) return total(value.bdata);
    let s = 0, i = 0;
    for (const item of value) { s += total(item) * ((i++ % 89) + 1); }
    return s;
  };
  for (const chart of document.querySelectorAll('.js-plotly-plot')) {
    const data = chart.data || [];
    const heatmaps = data.filter((trace) => trace.type === 'heatmap').length;
    if (data.length && data[data.length - 1].type === 'bar' && heatmaps >= 3) {
      return data.map((trace) => [trace.name, trace.type === 'bar' ? total(trace.x) : total(trace.z)]);
    }
  }
  return null;
}"""

EVERY_COLUMN_CHANGED = f"""(before) => {{
  const now = ({STRIP_FINGERPRINTS})();
  return now !== null && now.every(([name, value]) => value !== before[name]);
}}"""


def strip_fingerprints(page) -> dict[str, float]:
    page.wait_for_function(f"({STRIP_FINGERPRINTS})() !== null")
    return dict(page.evaluate(STRIP_FINGERPRINTS))


def number_value(text: str) -> tuple[float, float]:
    """A written number (``(−0.012)``, ``0.5``) and half a unit of its last digit (its rounding)."""
    text = text.strip().strip("()").replace(MINUS, "-")
    decimals = len(text.split(".")[1]) if "." in text else 0
    return float(text), 0.5 * 10 ** -decimals


def written_sum(page) -> tuple[list[str], list[str], str]:
    """(each channel line's sum, the summing line's terms, its result) from the opened map's arithmetic."""
    label = t("network.sum_label", "en")
    block = page.locator('[data-testid="stCode"]').filter(has_text=label).first
    block.wait_for()
    summing = next(line for line in block.inner_text().splitlines() if line.startswith(label))
    terms, result = summing.split(": ", 1)[1].rsplit(" = ", 1)
    channels = page.locator('[data-testid="stCode"]').filter(has_text="ch 1: ").first.text_content()
    channel_sums = re.findall(r"ch \d+: [^\n]*? = (\S+)\s*(?=ch \d+:|$)", channels.replace("\n", " "))
    return channel_sums, terms.split(" + "), result


@pytest.mark.browser
def test_each_stroke_redraws_every_layer_and_layer_2_writes_out_its_sum(app_url, page):
    open_page(page, app_url)
    open_page(page, app_url, "network")
    page.get_by_text(t("network.title", "en")).first.wait_for()
    shown = strip_fingerprints(page)                       # the test picture shown before any drawing
    assert list(shown)[:2] == ["image", "block1_conv"] and len(shown) == 10
    for stroke in STROKES:
        draw_stroke(page, stroke)
        page.wait_for_function(EVERY_COLUMN_CHANGED, arg=shown)
        after = strip_fingerprints(page)
        assert list(after) == list(shown)
        unchanged = [name for name in shown if after[name] == shown[name]]
        assert unchanged == [], f"columns not redrawn after a stroke: {unchanged}"
        shown = after
    assert page.get_by_text(t("network.nothing_drawn", "en", index="0", label="")[:20]).count() == 0

    # open map 5 of layer 2 (block2_conv, chosen by default) and read its written-out sum
    channel = page.locator(".st-key-network_conv_channel_block2_conv input")
    channel.fill("5")
    channel.press("Enter")
    wait_for_idle(page)
    page.get_by_text("Map 5 of block2_conv is made from all 32 maps").first.wait_for()
    channel_sums, terms, result = written_sum(page)
    assert len(channel_sums) == 32 and len(terms) == 33     # 32 channel sums + the bias
    assert channel_sums == [term.strip("()") for term in terms[:32]]   # each channel line ends in its term
    values = [number_value(term) for term in terms]
    total, rounding = number_value(result)
    assert abs(sum(value for value, _ in values) - total) <= sum(half for _, half in values) + rounding
    page.set_viewport_size({"width": 1400, "height": 3200})      # the app scrolls inside its own pane
    wait_for_idle(page)
    page.screenshot(path=f"{SCREENSHOTS}/network_drawn_en.png")


@pytest.mark.browser
def test_bengali_page_with_a_test_picture(app_url, page):
    open_page(page, app_url)
    open_page(page, app_url, "network", lang="bn")
    page.get_by_text(t("network.source_test", "bn"), exact=True).first.click()
    wait_for_idle(page)
    strip_fingerprints(page)
    block = page.locator('[data-testid="stCode"]').filter(has_text=t("network.sum_label", "bn")).first
    assert re.search("[০-৯]", block.inner_text())
    assert page.locator('[data-testid="stException"]').count() == 0
    page.set_viewport_size({"width": 1400, "height": 3200})
    wait_for_idle(page)
    page.screenshot(path=f"{SCREENSHOTS}/network_test_picture_bn.png")
