"""The Train page's replay in a real browser: a run finishes in a worker, then the learner scrubs its
replay with the keyboard and the snapshot, its figures and the link follow."""

import os
import re

from cnn_core.i18n import t
from tools.app_server import open_page, wait_for_idle

SCREENSHOTS = os.environ.get("FCL_SCREENSHOT_DIR", "/tmp")
WHERE = re.compile(r"^Snapshot (\d+) of (\d+): after (\d+) of (\d+) batches")


def where(page) -> tuple[int, int]:
    """``(snapshot, snapshots)`` as the replay's text says now."""
    text = page.get_by_text(WHERE).first.inner_text().strip()
    found = WHERE.match(text)
    return int(found[1]), int(found[2])


def test_scrub_a_finished_runs_replay(app_url, page):
    page.set_viewport_size({"width": 1400, "height": 2600})
    open_page(page, app_url, "train")
    page.get_by_role("spinbutton", name=t("train.subset", "en")).fill("1200")
    page.get_by_role("spinbutton", name=t("train.epochs", "en")).fill("2")
    page.get_by_role("button", name=t("train.start", "en")).click()
    page.get_by_text(t("train.state_done", "en")).wait_for(timeout=420_000)  # a cold worker on a busy machine
    page.get_by_text(t("train.test_accuracy", "en")).first.wait_for(timeout=60_000)
    wait_for_idle(page)

    page.get_by_text(t("replay.header", "en")).scroll_into_view_if_needed()
    shown, total = where(page)
    assert shown == total == 17  # 16 batches: before the first and after each; it opens on the last
    slider = page.get_by_role("slider", name=t("replay.frame", "en"))
    slider.focus()
    page.keyboard.press("Home")
    page.get_by_text(re.compile(rf"^Snapshot 1 of {total}: after 0 of 16 batches")).wait_for()
    assert "frame=" not in page.url  # the first snapshot is the default: the link stays short
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.get_by_text(re.compile(rf"^Snapshot 4 of {total}:")).wait_for()
    wait_for_idle(page)
    page.wait_for_function("() => location.href.includes('frame=4')")
    assert where(page) == (4, total)
    charts = page.locator('[class*="st-key-train_replay_"] .js-plotly-plot, [data-testid="stPlotlyChart"]')
    assert charts.count() >= 5
    page.get_by_text(t("replay.accuracy_title", "en")).first.scroll_into_view_if_needed()
    page.screenshot(path=f"{SCREENSHOTS}/train_replay.png", full_page=True)
