"""Teach it in a real browser: name two classes (in Bengali script), draw examples of each on the
canvas, take a photo with a (fake) camera and remove it again, teach the model, see a new drawing
classified on the Classify page, and carry the examples over to a new session as a zip.

Chromium's fake camera (``--use-fake-ui-for-media-stream --use-fake-device-for-media-stream``)
grants the permission by itself and films a test pattern (a green frame with a turning disc), so
``st.camera_input`` works headless.
Screenshots of the page in both languages go to ``$FCL_SCREENSHOT_DIR`` (default /tmp).
"""

from __future__ import annotations

import math
import os

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from cnn_core.i18n import t
from test_accessibility import BLOCKING, audit
from tools.app_server import CHROMIUM, CHROMIUM_ARGS, draw_stroke, open_page, sketchpad_frame, wait_for_idle

SCREENSHOTS = os.environ.get("FCL_SCREENSHOT_DIR", "/tmp")
FAKE_CAMERA = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]
RING, BAR = "বৃত্ত", "রেখা"
PER_CLASS = 4


def ring(variant: int) -> list[tuple[float, float]]:
    """A circle drawn in one stroke, a little off centre and of a different size each time."""
    cx, cy, radius = 140 + 6 * (variant % 3 - 1), 140 + 5 * (variant % 2), 80 + 6 * (variant % 4)
    return [(cx + radius * math.cos(step / 24 * 2 * math.pi), cy + radius * math.sin(step / 24 * 2 * math.pi))
            for step in range(26)]


def bar(variant: int) -> list[tuple[float, float]]:
    """An upright line, slanted a little differently each time."""
    lean = 10 * (variant % 5 - 2)
    return [(140 - lean, 35), (140, 140), (140 + lean, 245)]


@pytest.fixture(scope="module")
def camera_browser(browser):
    """A second Chromium from the same Playwright, with the fake camera switched on."""
    chromium = browser.browser_type.launch(executable_path=CHROMIUM, headless=True,
                                           args=[*CHROMIUM_ARGS, *FAKE_CAMERA])
    yield chromium
    chromium.close()


@pytest.fixture
def camera_page(camera_browser):
    context = camera_browser.new_context(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    context.set_default_timeout(60_000)
    yield context.new_page()
    context.close()


def pick_target(page, name: str) -> None:
    page.locator(".st-key-teach_target").get_by_text(name, exact=True).click()
    wait_for_idle(page)


def add_drawings(page, name: str, shape) -> None:
    """Draw and add ``PER_CLASS`` examples. After each add the canvas comes back as a new, empty
    component; a stroke made while it is still mounting is lost, so a stroke that did not enable
    the add button is drawn again."""
    pick_target(page, name)
    enabled = page.locator(".st-key-teach_add_drawing button:not([disabled])")
    for variant in range(PER_CLASS):
        for _ in range(3):
            draw_stroke(page, shape(variant), steps=4, settle_ms=300)
            try:
                enabled.wait_for(timeout=5_000)
                break
            except PlaywrightTimeout:
                page.wait_for_timeout(500)
        enabled.click()
        wait_for_idle(page)
        page.locator(".st-key-teach_add_drawing button[disabled]").wait_for()  # the canvas came back empty
        page.wait_for_timeout(800)  # and its drawing surface is mounting
    page.get_by_text(t("teach.class_count", "en", count=PER_CLASS)).first.wait_for()


def screenshot(page, name: str) -> None:
    """The whole page: Streamlit scrolls inside its own container, so the window grows for the shot."""
    size = page.viewport_size
    page.set_viewport_size({"width": size["width"], "height": 3600})
    page.wait_for_timeout(500)
    page.screenshot(path=f"{SCREENSHOTS}/{name}.png")
    page.set_viewport_size(size)


def examples_in(page, class_id: int) -> int:
    return page.locator(f".st-key-teach_class_{class_id} [data-testid='stImage']").count()


def take_photo(page, tries: int = 4) -> None:
    """Take a photo and add it, as a learner does when the first try shows nothing: a photo taken
    before the fake camera's first frame is black (the app says so, ``classify.err_blank``), and on a
    busy machine a click can come before the camera is ready (no photo, so no add button)."""
    added = page.get_by_text(t("teach.added", "en", count=1, name=RING))
    blank = page.get_by_text(t("classify.err_blank", "en"))
    add = page.locator(".st-key-teach_add_photo button")  # shows once the photo has reached the app
    for _ in range(tries):
        page.wait_for_timeout(1_000)  # the camera's stream starts
        take = page.get_by_role("button", name="Take Photo")
        if take.count():
            take.click()
        try:
            add.click(timeout=20_000)
        except PlaywrightTimeout:
            continue
        wait_for_idle(page)
        added.or_(blank).first.wait_for()
        if added.count():
            return
    raise AssertionError(f"no photo of {tries} was added")


@pytest.mark.browser
def test_draw_two_classes_teach_and_classify_a_new_drawing(app_url, camera_page, tmp_path):
    page = camera_page
    open_page(page, app_url)
    open_page(page, app_url, "teach")
    for name in (RING, BAR):
        page.get_by_label(t("teach.class_name", "en")).fill(name)
        page.locator(".st-key-teach_add_class button").click()
        wait_for_idle(page)
    add_drawings(page, RING, ring)
    add_drawings(page, BAR, bar)

    # The camera: the fake device films a test pattern; the photo goes in, then out again.
    pick_target(page, RING)
    page.get_by_role("tab", name=t("teach.tab_camera", "en")).click()
    page.locator(".st-key-teach_camera_on label").click()
    wait_for_idle(page)
    take_photo(page)
    assert examples_in(page, 1) == PER_CLASS + 1
    page.locator(".st-key-teach_class_1 button").filter(has_text="close").first.click()  # the newest comes first
    wait_for_idle(page)
    assert examples_in(page, 1) == PER_CLASS
    assert page.locator('[data-testid="stException"]').count() == 0

    page.locator(".st-key-teach_start button").click()
    page.get_by_text(t("teach.holdout_accuracy", "en")).first.wait_for(timeout=240_000)
    wait_for_idle(page)
    page.get_by_text(t("teach.active_now", "en")).wait_for()
    screenshot(page, "teach_trained_en")
    blocking = [violation for violation in audit(page) if violation["impact"] in BLOCKING]
    assert not blocking, blocking  # the full page (thumbnails, remove buttons, results) passes axe too
    page.get_by_text("বাংলা", exact=True).first.click()  # the same session in Bengali: everything kept
    wait_for_idle(page)
    page.get_by_text(t("teach.holdout_accuracy", "bn")).first.wait_for()
    screenshot(page, "teach_trained_bn")
    page.get_by_text("English", exact=True).first.click()
    wait_for_idle(page)

    # The examples leave as a zip ...
    with page.expect_download() as download:
        page.locator(".st-key-teach_download_examples button").click()
    archive = tmp_path / "my_examples.zip"
    download.value.save_as(archive)
    with page.expect_download() as download:
        page.locator(".st-key-teach_download_tflite button").click()
    assert download.value.suggested_filename == "my_classes.tflite"

    # ... and the taught model classifies a new drawing on the Classify page.
    page.get_by_role("link", name=t("nav.classify", "en")).last.click()
    wait_for_idle(page)
    page.get_by_text(t("classify.tab_draw", "en")).first.wait_for()
    draw_stroke(page, ring(5), steps=4, settle_ms=300)
    headline = t("classify.top_prediction", "en", name=RING)
    sketchpad_frame(page).get_by_text(headline).first.wait_for()   # the sketchpad answers in the page
    screenshot(page, "teach_classified_en")

    # A new session carries on from the zip, in Bengali.
    fresh = page.context.new_page()
    open_page(fresh, app_url, "teach", lang="bn")
    fresh.locator(".st-key-teach_import_0 input[type='file']").set_input_files(str(archive))
    wait_for_idle(fresh)
    screenshot(fresh, "teach_imported_bn")
    fresh.get_by_text(t("teach.imported", "bn", count=2 * PER_CLASS, name="my_examples.zip")).wait_for()
    assert fresh.locator(".st-key-teach_target").get_by_text(BAR, exact=True).count() == 1
    assert fresh.locator('[data-testid="stException"]').count() == 0
