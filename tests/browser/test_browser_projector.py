"""Projector mode in a real browser: bigger headings, advanced sections tucked away."""

from __future__ import annotations

import os

from cnn_core.i18n import t
from tools.app_server import open_page, wait_for_idle

SCREENSHOTS = os.environ.get("FCL_SCREENSHOT_DIR", "/tmp")


def test_projector_mode_in_a_browser(app_url, page):
    open_page(page, app_url, "datasets")
    heading = page.locator("h1").first
    normal_size = float(heading.evaluate("element => parseFloat(getComputedStyle(element).fontSize)"))
    catalog = page.get_by_text(t("datasets.catalog_heading", "en"))
    assert catalog.first.is_visible()
    # The switch is a visually hidden checkbox under react-aria's label; check it directly.
    switch = page.locator('[data-testid="stSidebar"]').get_by_role("switch", name=t("app.projector", "en"))
    for _ in range(5):  # the first press can land while the frontend is still settling
        switch.check(force=True)
        wait_for_idle(page)
        if switch.is_checked():
            break
        page.wait_for_timeout(1000)
    assert switch.is_checked()
    page.wait_for_function(f"parseFloat(getComputedStyle(document.querySelector('h1')).fontSize) >= {1.3 * normal_size}",
                           timeout=30_000)
    assert not catalog.first.is_visible()                       # advanced sections are tucked away
    page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
    page.screenshot(path=f"{SCREENSHOTS}/projector_datasets.png", full_page=False)
