"""Present mode in Chromium: the arrow keys step the Convolution lab's slides and the network's
layers, everything else on the page is out of the way, and a screenshot of each is kept."""

from __future__ import annotations

import os

from cnn_core.i18n import t
from tools.app_server import wait_for_idle

SCREENSHOTS = os.environ.get("FCL_SCREENSHOT_DIR", "/tmp")


def open_present(page, app_url: str, path: str, query: str = "") -> None:
    page.goto(f"{app_url}/{path}?projector=1&present=1{query}")
    page.wait_for_selector(".st-key-fcl_present_forward button", timeout=120_000)
    wait_for_idle(page, 120_000)


def heading(page) -> str:
    return page.locator(".st-key-fcl_present h2").first.inner_text().strip()


def slide_title(**values) -> str:
    """A slide's heading as the browser shows it (the catalog text bolds a part with markdown)."""
    return t("conv.step_title", "en", total=20, **values).replace("**", "")


def test_arrow_keys_step_the_convolution_slides(page, app_url):
    open_present(page, app_url, "conv_lab")
    assert heading(page) == slide_title(step=1, row=1, col=1)
    assert not page.locator(".st-key-conv_source").is_visible()          # the set-up is out of the way
    assert page.locator('[data-testid="stPlotlyChart"]:visible').count() == 2
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('step=2')", timeout=30_000)
    wait_for_idle(page)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => location.search.includes('step=3')", timeout=30_000)
    wait_for_idle(page)
    assert heading(page) == slide_title(step=3, row=1, col=3)
    page.keyboard.press("ArrowLeft")
    page.wait_for_function("() => location.search.includes('step=2')", timeout=30_000)
    wait_for_idle(page)
    page.screenshot(path=f"{SCREENSHOTS}/present_conv_lab.png")


def test_arrow_keys_step_through_the_network_in_bengali(page, app_url):
    open_present(page, app_url, "network", "&lang=bn")
    first = heading(page)
    assert "স্তরের ১ নম্বর" in first  # layer 1 of the strip, in Bengali digits
    page.keyboard.press("PageDown")
    page.wait_for_function("() => location.search.includes('stage=2')", timeout=30_000)
    wait_for_idle(page)
    assert heading(page) != first
    page.screenshot(path=f"{SCREENSHOTS}/present_network_bn.png")
