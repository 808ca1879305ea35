"""The Classify page in a real browser: drawing on the sketchpad with the mouse answers in the page
itself (the same answer as the server's), undo and clear work, the drawing survives a language
switch, and an uploaded PNG shows its preprocessing steps.

The app needs a model: the pretrained default when it ships, otherwise the test saves a small
trained model into the server's model store (``FCL_MODELS_DIR``) and picks it on the page.
"""

from __future__ import annotations

import os

import numpy as np
import pytest
from PIL import Image

from tools.app_server import drawing_canvas, open_page, sketchpad_frame, wait_for_idle
from cnn_core import preprocess, store
from cnn_core.i18n import t

SCREENSHOTS = os.environ.get("FCL_SCREENSHOT_DIR", "/tmp")

# Simple drawings in canvas pixels (the canvas is 280x280), as parts: ("fill", convex polygon) is
# scribbled in with one zig-zag stroke, ("line", points) is one stroke along the points.
SHAPES = {
    "trousers": [("fill", [(85, 40), (195, 40), (195, 75), (85, 75)]),
                 ("fill", [(85, 60), (128, 60), (118, 250), (78, 250)]),
                 ("fill", [(152, 60), (195, 60), (202, 250), (162, 250)])],
    "shirt": [("fill", [(95, 50), (185, 50), (185, 240), (95, 240)]),
              ("fill", [(95, 50), (60, 70), (35, 130), (70, 145), (100, 100)]),
              ("fill", [(185, 50), (220, 70), (245, 130), (210, 145), (180, 100)])],
    "bag": [("fill", [(50, 110), (230, 110), (230, 240), (50, 240)]),
            ("line", [(100, 112), (102, 75), (120, 52), (160, 52), (178, 75), (180, 112)])],
    # a sneaker seen from the side, toe to the left, heel higher on the right (as in Fashion-MNIST)
    "shoe": [("fill", [(20, 205), (100, 165), (180, 130), (255, 115), (260, 215), (20, 215)])],
}


def fill_stroke(polygon, spacing: int = 12) -> list[tuple[float, float]]:
    """A zig-zag path that covers a convex polygon: left-to-right, then right-to-left, row by row."""
    points = []
    ys = [y for _, y in polygon]
    for row, y in enumerate(np.arange(min(ys) + spacing / 2, max(ys), spacing)):
        crossings = []
        for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1]):
            if (y1 <= y <= y2 or y2 <= y <= y1) and y1 != y2:
                crossings.append(x1 + (y - y1) * (x2 - x1) / (y2 - y1))
        if len(crossings) >= 2:
            left, right = min(crossings), max(crossings)
            points += [(left, y), (right, y)] if row % 2 == 0 else [(right, y), (left, y)]
    return points


def canvas_box(page):
    """The sketchpad's canvas on screen."""
    canvas = drawing_canvas(page)
    canvas.scroll_into_view_if_needed()
    return canvas.bounding_box()


def draw(page, shape: str) -> None:
    """Draw ``shape`` with the mouse, one stroke per convex part; wait for the app after each."""
    box = canvas_box(page)
    for kind, points in SHAPES[shape]:
        path = fill_stroke(points) if kind == "fill" else points
        page.mouse.move(box["x"] + path[0][0], box["y"] + path[0][1])
        page.mouse.down()
        for x, y in path[1:]:
            page.mouse.move(box["x"] + x, box["y"] + y, steps=6)
        page.mouse.up()
        page.wait_for_timeout(300)
        wait_for_idle(page)


def ensure_model(page, app_url: str, lang: str = "en") -> None:
    """Open Classify; when no default model ships, pick the saved test model."""
    open_page(page, app_url, "classify", lang=lang)
    if page.get_by_text(t("classify.no_model", lang)).count():
        page.get_by_text("browser test model").first.click()
        wait_for_idle(page)
    page.get_by_text(t("classify.tab_draw", lang)).first.wait_for()


@pytest.fixture(scope="module")
def saved_model(fashion):
    """A small trained model in the live server's store (used only if no pretrained default ships)."""
    from tests.support.tiny_model import train_tiny_model

    model, meta = train_tiny_model(fashion, images=6000)
    run_id = store.ModelStore().save(model, {**meta, "name": "browser test model"})
    yield run_id
    store.ModelStore().delete(run_id)


def test_drawing_answers_in_the_page_as_the_server_would(app_url, page, saved_model):
    ensure_model(page, app_url)
    assert page.get_by_text(t("classify.draw_something", "en")).count() == 1
    draw(page, "trousers")
    pad = sketchpad_frame(page)
    headline = pad.locator("h2").first
    assert headline.inner_text().startswith(t("classify.top_prediction", "en", name=""))
    assert pad.get_by_text(t("classify.probabilities_header", "en")).count() == 1
    assert pad.locator("tbody tr").count() == 10
    stroke_ended = float(pad.locator("body").get_attribute("data-released"))
    answered = float(pad.locator("body").get_attribute("data-answered"))
    assert 0 <= answered - stroke_ended < 5_000
    # the rest of the page is the server's: the steps, and the same answer in the drawings' history
    assert page.get_by_text(t("classify.step_centred", "en")).count() >= 1
    assert page.get_by_text(t("classify.draw_something", "en")).count() == 0
    history = page.locator('[data-testid="stExpander"]').filter(has_text=t("classify.history_header", "en"))
    history.locator("summary").first.click()
    said = headline.inner_text().split(": ", 1)[1].split(" — ")[0]
    assert said in history.inner_text()
    page.screenshot(path=f"{SCREENSHOTS}/classify_drawn_trousers.png", full_page=True)

    # the drawing and its answer come back after a language switch (a new frame)
    page.get_by_text("বাংলা", exact=True).first.click()
    wait_for_idle(page)
    headline = sketchpad_frame(page).locator("h2").first
    headline.wait_for()
    assert headline.inner_text().startswith(t("classify.top_prediction", "bn", name=""))
    assert page.get_by_text(t("classify.step_centred", "bn")).count() >= 1
    page.screenshot(path=f"{SCREENSHOTS}/classify_drawn_trousers_bn.png", full_page=True)

    # undo takes one stroke back (still an answer); clear empties the canvas and the answer
    pad = sketchpad_frame(page)
    pad.get_by_role("button", name=t("sketchpad.undo", "bn")).click()
    page.wait_for_timeout(300)
    wait_for_idle(page)
    assert pad.locator("h2").count() == 1
    pad.get_by_role("button", name=t("sketchpad.clear", "bn")).click()
    page.wait_for_timeout(300)
    wait_for_idle(page)
    assert pad.locator("h2").count() == 0
    page.get_by_text(t("classify.draw_something", "bn")).wait_for()


def test_a_model_that_cannot_be_fetched_says_so_and_the_next_stroke_tries_again(app_url, page, saved_model):
    """The connection drops while the page fetches the model: the sketchpad says so in the learner's
    language instead of answering, and a stroke after the connection is back gets the answer."""
    page.route("**/models/*.bin", lambda route: route.abort())
    ensure_model(page, app_url, lang="bn")
    draw(page, "bag")
    pad = sketchpad_frame(page)
    pad.get_by_text(t("sketchpad.model_failed", "bn")).wait_for()
    assert pad.locator("h2").count() == 0
    page.unroute("**/models/*.bin")
    draw(page, "trousers")
    pad.locator("h2").first.wait_for()
    assert pad.get_by_text(t("sketchpad.model_failed", "bn")).count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0


def test_uploading_a_png_shows_the_preprocessing_steps(app_url, page, saved_model, fashion, tmp_path):
    ensure_model(page, app_url, lang="bn")
    sneaker = fashion.test_images[int(np.flatnonzero(fashion.test_labels == 7)[0]), :, :, 0]
    photo = Image.fromarray(255 - sneaker).resize((224, 224), Image.Resampling.BICUBIC).convert("RGB")
    path = tmp_path / "sneaker.png"
    photo.save(path)
    page.get_by_text(t("classify.tab_upload", "bn")).first.click()
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
    wait_for_idle(page)
    for step in preprocess.STEP_KEYS:
        page.get_by_text(t(f"classify.step_{step}", "bn")).last.wait_for()
    page.get_by_text(t("classify.probabilities_header", "bn")).last.wait_for()
    page.screenshot(path=f"{SCREENSHOTS}/classify_upload_bn.png", full_page=True)
    # a file that is not a picture is explained in Bengali, and the page stays
    bad = tmp_path / "notes.png"
    bad.write_bytes(b"just some text")
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(bad))
    wait_for_idle(page)
    page.get_by_text(t("classify.err_not_image", "bn", name="notes.png")).wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
