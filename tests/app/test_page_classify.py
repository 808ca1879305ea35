"""The Classify page in AppTest: model shown and switchable, uploads classified with every step
shown, bad files explained, in both languages. (The drawing canvas is a custom component AppTest
cannot draw on; tests/test_browser_classify.py draws on it in a real browser.)"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from cnn_core import i18n, preprocess, store
from cnn_core.i18n import class_names, t

CORPUS_DIR = Path(__file__).resolve().parents[1] / "support" / "bad_inputs"


@pytest.fixture(scope="module")
def tiny(fashion):
    from tests.support.tiny_model import train_tiny_model

    return train_tiny_model(fashion)


@pytest.fixture(autouse=True)
def models_dir(tmp_path, monkeypatch):
    folder = tmp_path / "models"
    monkeypatch.setenv("FCL_MODELS_DIR", str(folder))
    return folder


def png_of(image28: np.ndarray, scale: int = 8) -> bytes:
    """A photo-like upload: a dataset picture enlarged and turned dark-on-light, as RGB."""
    big = Image.fromarray(255 - image28).resize((28 * scale, 28 * scale), Image.Resampling.BICUBIC)
    buffer = io.BytesIO()
    big.convert("RGB").save(buffer, "PNG")
    return buffer.getvalue()


def texts(at) -> str:
    return "\n".join(str(element.value) for element in [*at.markdown, *at.subheader, *at.caption,
                                                           *at.warning, *at.error, *at.info])


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_upload_shows_steps_probabilities_and_the_answer(app_test, tiny, fashion, lang):
    model, meta = tiny
    at = app_test("classify", lang=lang, session_state={"active_model": (model, meta)})
    assert not at.exception
    assert at.title[0].value == t("classify.title", lang)
    assert meta["name"] in texts(at)
    index = int(np.flatnonzero(fashion.test_labels == 1)[0])            # a trouser
    image28 = fashion.test_images[index, :, :, 0]
    at.file_uploader(key="classify_upload").set_value(("trouser.png", png_of(image28), "image/png")).run()
    assert not at.exception
    captions = [caption for image in at.image for caption in image.captions]
    assert captions == [t(f"classify.step_{step}", lang) for step in preprocess.STEP_KEYS]
    assert len(at.get("plotly_chart")) == 2                               # bars + 28x28 heatmap
    probabilities = model(preprocess.to_model_input(Image.open(io.BytesIO(png_of(image28))))[None, ..., None],
                          training=False).numpy()[0]
    top = int(probabilities.argmax())
    english, bengali = class_names("fashion_mnist", "en")[top], class_names("fashion_mnist", "bn")[top]
    headline = t("classify.top_prediction", lang, name=f"{english} — {bengali}")
    assert headline in [element.value for element in at.subheader]


@pytest.mark.parametrize("name, key", [("text_renamed.png", "classify.err_not_image"),
                                       ("truncated.jpg", "classify.err_broken"),
                                       ("drawing.svg", "classify.err_vector"),
                                       ("empty.png", "classify.err_empty")])
def test_bad_upload_is_explained_and_the_page_stays_usable(app_test, tiny, name, key):
    model, meta = tiny
    at = app_test("classify", session_state={"active_model": (model, meta)})
    upload_name = Path(name).stem + ".png"          # the uploader itself refuses other extensions
    at.file_uploader(key="classify_upload").set_value(
        (upload_name, (CORPUS_DIR / name).read_bytes(), "image/png")).run()
    assert not at.exception
    assert [error.value for error in at.error] == [t(key, "en", name=upload_name)]
    assert at.tabs and at.slider(key="classify_brush")                     # the page is still there


def test_blank_upload_is_explained(app_test, tiny):
    model, meta = tiny
    at = app_test("classify", lang="bn", session_state={"active_model": (model, meta)})
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(buffer, "PNG")
    at.file_uploader(key="classify_upload").set_value(("white.png", buffer.getvalue(), "image/png")).run()
    assert not at.exception
    assert [error.value for error in at.error] == [t("classify.err_blank", "bn")]


def test_switching_to_a_saved_model(app_test, tiny, models_dir):
    model, meta = tiny
    run_id = store.ModelStore().save(model, {**meta, "name": "saved tiny"})
    session_model = (model, {**meta, "name": "session tiny"})
    at = app_test("classify", session_state={"active_model": session_model})
    assert not at.exception
    choice = at.radio(key="classify_model_choice")
    expected = [t("classify.option_session", "en", name="session tiny"),
                t("classify.option_saved", "en", name="saved tiny",
                  created=store.ModelStore().list()[0]["created"][:16].replace("T", " "))]
    has_default = (store.ASSETS_MODELS / "fashion_mnist.keras").is_file()
    if has_default:
        expected.insert(0, t("classify.option_pretrained", "en"))
    assert choice.options == expected
    assert choice.value == "session"
    choice.set_value(f"saved:{run_id}").run()
    assert not at.exception
    active_model, active_meta = at.session_state["active_model"]
    assert active_meta["run_id"] == run_id and active_model is not model   # loaded from disk
    assert "saved tiny" in texts(at)
    at.radio(key="classify_model_choice").set_value("session").run()       # and back again
    assert at.session_state["active_model"][1]["name"] == "session tiny"
    if has_default:
        at.radio(key="classify_model_choice").set_value("pretrained").run()
        assert not at.exception
        assert at.session_state["active_model"][1]["pretrained"] is True


def test_without_a_default_model_a_saved_one_can_be_picked(app_test, tiny, tmp_path, monkeypatch):
    from ui import state

    model, meta = tiny
    run_id = store.ModelStore().save(model, {**meta, "name": "only saved"})
    monkeypatch.setattr(store, "ASSETS_MODELS", tmp_path / "no_pretrained_here")
    state._pretrained.clear()
    try:
        at = app_test("classify")
        assert not at.exception
        assert t("classify.no_model", "en") in [info.value for info in at.info]
        choice = at.radio(key="classify_model_choice")
        assert choice.value is None
        choice.set_value(f"saved:{run_id}").run()
        assert not at.exception
        assert at.session_state["active_model"][1]["name"] == "only saved"
        assert at.file_uploader(key="classify_upload")                    # the page goes on
    finally:
        state._pretrained.clear()


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_the_shipped_default_is_named_in_the_pages_language(app_test, lang):
    assert (store.ASSETS_MODELS / "fashion_mnist.keras").is_file(), "the pretrained default ships in assets/"
    at = app_test("classify", lang=lang)
    assert not at.exception
    _, meta = store.pretrained("fashion_mnist")
    kind = t(f"train.preset_{meta['preset']}", lang)
    assert t("classify.pretrained_name", lang, kind=kind) in texts(at)
    if lang != i18n.DEFAULT_LANGUAGE:
        assert "(pretrained)" not in texts(at)


def sketchpad_value(picture: Image.Image, stroke_id: int = 1) -> dict:
    """What the sketchpad sends after a stroke: its id and the canvas as a PNG data URL."""
    import base64

    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return {"id": stroke_id, "png": "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()}


def test_a_drawing_from_the_sketchpad_gets_the_rest_of_its_answer(app_test, tiny, fashion):
    """The sketchpad shows the answer itself; the server adds every step and keeps the drawing."""
    model, meta = tiny
    trouser = fashion.test_images[int(np.flatnonzero(fashion.test_labels == 1)[0]), :, :, 0]
    canvas = Image.fromarray(trouser).resize((280, 280), Image.Resampling.BICUBIC).convert("RGBA")
    at = app_test("classify", session_state={"active_model": (model, meta),
                                             "classify_canvas": sketchpad_value(canvas)})
    assert not at.exception
    captions = [caption for image in at.image for caption in image.captions]
    assert captions[:6] == [t(f"classify.step_{step}", "en") for step in preprocess.STEP_KEYS]
    assert not [element for element in at.subheader if element.value.startswith(t("classify.top_prediction", "en", name=""))]
    assert len(at.get("plotly_chart")) == 1                               # the 28x28 heatmap; the bars are the sketchpad's


@pytest.mark.parametrize("png, key", [("data:image/png;base64,!!!", "classify.err_broken"),
                                      ("data:text/html;base64,PGI+", "classify.err_not_image"),
                                      ("data:image/png;base64," + "A" * 5_000_000, "classify.err_not_image")])
def test_a_tampered_sketchpad_value_is_refused_with_a_message(app_test, tiny, png, key):
    model, meta = tiny
    at = app_test("classify", session_state={"active_model": (model, meta), "classify_canvas": {"id": 7, "png": png}})
    assert not at.exception
    assert [error.value for error in at.error] == [t(key, "en", name="drawing.png")]
