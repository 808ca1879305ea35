"""Lesson links in Chromium, many times over: a link opened in a fresh browser context shows every
bound control at the link's value, every time.

Issue 22 found ``/conv_lab?stride=2x3`` opening as stride 1x3 in 4 of 6 fresh sessions: the browser
sometimes drew a widget from its own default instead of the value the link put in session state, and
sent that back on the next run. The pages now create each bound widget with the linked value as its
default (``ui.links.shown``). The browser's CPU is slowed down here, as on a busy class server, which
made the old code fail about one open in five on this machine. Every page's bound widgets go through
that one helper, so the race is run on the link it was found on, the one with the most controls;
``tests/app/test_lesson_links.py`` takes every page's link through a round trip.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from cnn_core.i18n import t
from tools.app_server import wait_for_idle

CPU_SLOWDOWN = 4    # Chromium's CPU throttling factor while a link opens
# Fresh browser contexts opened at once (the old race failed about one open in five; each open under
# throttling costs about half a minute of a 2-core CI machine).
OPENS = 2

# Each link, the widget that shows the page has drawn, and what each bound widget must show:
# ("number", key, "2"), ("radio", key, label), ("toggle", key, True), ("slider", key, "5").
LINKS = {
    "conv_lab?stride=2x3&relu=1&pool=2&pstride=2x1&pmode=average&ppad=same&step=3": (
        "conv_stride_rows",
        [("number", "conv_stride_rows", "2"), ("number", "conv_stride_cols", "3"),
         ("radio", "conv_padding", t("conv.padding_same", "en")), ("toggle", "conv_relu", True),
         ("radio", "pool_size", "2×2"), ("number", "pool_stride_rows", "2"), ("number", "pool_stride_cols", "1"),
         ("radio", "pool_mode", t("conv.pool_mode_average", "en")), ("radio", "pool_padding", t("conv.padding_same", "en")),
         ("slider", "conv_step", "3")]),
}


def shown_value(page, kind: str, key: str):
    """What the browser shows for the widget with ``key``."""
    box = page.locator(f".st-key-{key}")
    if kind == "number":
        return box.locator("input").input_value()
    if kind == "toggle":
        return box.locator("input[type=checkbox]").is_checked()
    if kind == "slider":
        return box.locator("input[type=range]").input_value()
    return box.locator('label:has(input[type="radio"]:checked)').inner_text().strip()


def open_fresh(browser, app_url: str, link: str):
    """A fresh browser context (its own Streamlit session) with a slowed-down CPU, loading ``link``."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    devtools = context.new_cdp_session(page)
    devtools.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(f"{app_url}/{link}", wait_until="commit")
    return context, page, devtools


@pytest.mark.parametrize("link", list(LINKS))
def test_a_link_opens_every_control_at_its_value_every_time(browser, app_url, link):
    """``OPENS`` sessions open the link at the same moment, as a class following the teacher's link."""
    ready_key, expected = LINKS[link]
    wanted = {key: value for _kind, key, value in expected}
    linked = {name: values[-1] for name, values in parse_qs(urlparse(link).query).items()}
    opened = [open_fresh(browser, app_url, link) for _ in range(OPENS)]
    try:
        for attempt, (_context, page, devtools) in enumerate(opened, start=1):
            page.wait_for_selector(f".st-key-{ready_key}", timeout=180_000)
            wait_for_idle(page, 180_000)
            shown = {key: shown_value(page, kind, key) for kind, key, _value in expected}
            assert shown == wanted, f"open {attempt} of {OPENS}"
            devtools.send("Emulation.setCPUThrottlingRate", {"rate": 1})  # the race is in the opening
        for attempt, (_context, page, _devtools) in enumerate(opened, start=1):
            # The next run (the projector switch) gets the browser's values back: the link stays the same.
            page.locator(".st-key-projector label").first.click()
            page.wait_for_function("() => location.search.includes('projector=1')", timeout=60_000)
            wait_for_idle(page)
            query = {name: values[-1] for name, values in parse_qs(urlparse(page.url).query).items()}
            assert query == {**linked, "projector": "1"}, f"open {attempt} of {OPENS}"
    finally:
        for context, _page, _devtools in opened:
            context.close()
