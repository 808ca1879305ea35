"""The "Why it decided" page in a real browser: the dense layer's map is made by a job on a worker,
and each stroke on the canvas moves the learner's dot (the star) on it.

The star's position is read back from the plotly chart in the page, so "the dot moved" is checked
on what the browser shows. A screenshot goes to ``FCL_SCREENSHOT_DIR`` (default /tmp).
"""

from __future__ import annotations

import os

import pytest

from cnn_core.i18n import t
from tools.app_server import draw_stroke, open_page, wait_for_idle

SCREENSHOTS = os.environ.get("FCL_SCREENSHOT_DIR", "/tmp")

# Two strokes in canvas pixels (the canvas is 240x240): a trouser leg, then the other one.
STROKES = [[(80, 30), (160, 30), (150, 60), (95, 60), (85, 120), (80, 215)],
           [(160, 40), (165, 120), (170, 215)]]

# The star on the trained model's map: [x, y], or null while there is no map.
STAR = """() => {
  for (const chart of document.querySelectorAll('.js-plotly-plot')) {
    const data = chart.data || [];
    const last = data[data.length - 1];
    if (data.length > 2 && data[0].type === 'scattergl' && last.marker && last.marker.symbol === 'star') {
      return [Number(last.x[0]), Number(last.y[0])];
    }
  }
  return null;
}"""

STAR_MOVED = f"""(before) => {{
  const now = ({STAR})();
  return now !== null && (now[0] !== before[0] || now[1] !== before[1]);
}}"""


@pytest.mark.browser
def test_each_stroke_moves_the_dot_on_the_dense_map(app_url, page):
    open_page(page, app_url)
    open_page(page, app_url, "explain?tool=map")
    page.get_by_text(t("explain.map_header", "en")).first.wait_for()
    page.locator(".st-key-explain_start_explain_map button").click()
    page.wait_for_function(f"({STAR})() !== null", timeout=300_000)   # the job ran on a worker
    wait_for_idle(page)
    star = page.evaluate(STAR)
    for stroke in STROKES:
        draw_stroke(page, stroke)
        page.wait_for_function(STAR_MOVED, arg=star)
        moved = page.evaluate(STAR)
        assert moved != star
        star = moved
    assert page.get_by_text(t("explain.nothing_drawn", "en", label="")[:20]).count() == 0
    page.set_viewport_size({"width": 1400, "height": 1800})
    wait_for_idle(page)
    page.screenshot(path=f"{SCREENSHOTS}/explain_map_drawn_en.png")
