"""The Network page in a real browser: each stroke on the sketchpad redraws every column of the
network strip in the sketchpad's own frame, and the opened layer-2 map writes out a sum whose terms
add up to its result; a test picture gets the server's (plotly) strip.

The test reads each column back from what the browser shows: the sketchpad's canvases (each carries
a checksum of its codes) or the plotly chart's traces (one per column, named after its layer).
Screenshots (English and Bengali) go to ``FCL_SCREENSHOT_DIR`` (default /tmp).
"""

from __future__ import annotations

import os
import re
import time

import pytest

from cnn_core.i18n import t
from tools.app_server import draw_stroke, open_page, sketchpad_frame, wait_for_idle

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

FRAME_FINGERPRINTS = """strip => Array.from(strip.querySelectorAll('canvas[data-layer]'),
                                      (canvas) => [canvas.dataset.layer, Number(canvas.dataset.sum)])"""


def frame_strip(page, changed_from: dict | None = None, timeout: float = 20) -> dict[str, float]:
    """Each column of the sketchpad's strip (layer -> checksum); with ``changed_from``, once every
    column differs from it."""
    strip = sketchpad_frame(page).locator("#strip")
    deadline = time.time() + timeout
    while True:
        shown = dict(strip.evaluate(FRAME_FINGERPRINTS))
        if shown and (changed_from is None or all(shown.get(name) != value for name, value in changed_from.items())):
            return shown
        assert time.time() < deadline, f"the strip was not redrawn: {shown}"
        time.sleep(0.1)


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
    shown = frame_strip(page)                              # test picture 0, until something is drawn
    assert list(shown) == ["image", "block1_conv", "block1_pool", "block2_conv", "block2_pool", "block3_conv",
                           "block3_pool", "flatten", "dense"]
    frame = sketchpad_frame(page)
    for stroke in STROKES:
        draw_stroke(page, stroke)
        shown = frame_strip(page, changed_from=shown)
    assert page.get_by_text(t("network.nothing_drawn", "en", index="0", label="")[:20]).count() == 0
    assert frame.locator("#strip h2").inner_text() == t("network.strip_header", "en")
    assert frame.locator("#strip .prediction").inner_text().startswith("The model says ")
    assert frame.locator("#strip table tbody tr").count() == 10
    assert frame.locator("#strip .ring").count() == 1             # the open map (block2_conv, map 1)
    assert page.locator(".js-plotly-plot").filter(has_text="probabilities").count() == 0   # no server strip

    # open map 5 of layer 2 (block2_conv, chosen by default) and read its written-out sum
    channel = page.locator(".st-key-network_conv_channel_block2_conv input")
    channel.fill("5")
    channel.press("Enter")
    wait_for_idle(page)
    page.get_by_text("Map 5 of block2_conv is made from all 32 maps").first.wait_for()
    ring = frame.locator("#strip canvas[data-layer=block2_conv] + .ring")
    ring.wait_for()
    assert ring.evaluate("ring => [ring.style.top, ring.style.left]") != ["0%", "0%"]   # off map 1, onto map 5
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
