"""Hostile input sweep, across pages: every awkward thing a learner can upload, type or click gets a
clear message in the session's own language (English and Bengali), never a traceback, and the very
next normal action on the same page works.

Page owners unit-test their own parsers; this sweep drives the pages themselves through AppTest.
Pictures come from the Classify corpus (``tests/support/bad_inputs/``), model files from ``tests/app/hostile/``.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from tests.support.bad_inputs.make_corpus import BAD, bomb_png
from tests.support.languages import share_of
from cnn_core import i18n, ops, preprocess, store
from cnn_core.errors import UserError
from hostile.make_corpus import MARKER_ENV, MODEL_FILES

TESTS = Path(__file__).resolve().parent
PICTURES = TESTS.parent / "support" / "bad_inputs"
MODELS = TESTS / "hostile"
LANGS = list(i18n.LANGUAGES)


def no_trouble(at) -> None:
    assert not at.exception, [exception.value for exception in at.exception]


def errors(at) -> list[str]:
    return [error.value for error in at.error]


def assert_said(at, key: str, lang: str, **values) -> None:
    """Exactly the one expected message, in ``lang``; in Bengali it must not be the English text."""
    expected = i18n.t(key, lang, **values)
    assert errors(at) == [expected]
    if lang != i18n.DEFAULT_LANGUAGE:
        assert expected != i18n.t(key, i18n.DEFAULT_LANGUAGE, **values)


@pytest.fixture(scope="module")
def tiny(fashion):
    from tests.support.tiny_model import train_tiny_model

    return train_tiny_model(fashion, images=600)


@pytest.fixture(autouse=True)
def models_dir(tmp_path, monkeypatch):
    folder = tmp_path / "models"
    monkeypatch.setenv("FCL_MODELS_DIR", str(folder))
    return folder


def good_picture() -> bytes:
    """An ordinary photo-like upload: a dark T-shirt-ish block on white."""
    picture = np.full((120, 120), 255, dtype=np.uint8)
    picture[20:100, 35:85] = 40
    picture[20:45, 15:105] = 40
    buffer = io.BytesIO()
    Image.fromarray(picture).convert("RGB").save(buffer, "PNG")
    return buffer.getvalue()


# --------------------------------------------------------------------------------- Classify uploads
HOSTILE_PICTURES = [(name, key) for name, key in BAD.items()] + [("bomb.png", "classify.err_too_many_pixels")]
ODD_BUT_FINE = ["animated.gif", "gray16.png", "cmyk.jpg", "huge_exif.png"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_hostile_picture_is_explained_then_a_normal_upload_works(app_test, tiny, lang):
    model, meta = tiny
    at = app_test("classify", lang=lang, session_state={"active_model": (model, meta)})
    no_trouble(at)
    bomb = bomb_png()
    for name, key in HOSTILE_PICTURES:
        data = bomb if name == "bomb.png" else (PICTURES / name).read_bytes()
        upload_name = Path(name).stem + ".png"   # the uploader's own filter would refuse other endings
        at.file_uploader(key="classify_upload").set_value((upload_name, data, "image/png")).run()
        no_trouble(at)
        with pytest.raises(UserError) as caught:       # the values the message is filled with
            preprocess.read_upload(data, upload_name)
        assert caught.value.key == key, name
        assert_said(at, key, lang, **caught.value.values)
        assert not at.get("plotly_chart"), name                      # nothing computed from it
        # The next normal upload on the same page works.
        at.file_uploader(key="classify_upload").set_value(("shirt.png", good_picture(), "image/png")).run()
        no_trouble(at)
        assert errors(at) == [], (name, errors(at))
        assert len(at.get("plotly_chart")) == 2, name                 # probabilities + 28x28 input


@pytest.mark.parametrize("name", [name for name in ODD_BUT_FINE if name not in BAD])
def test_odd_but_valid_pictures_classify(app_test, tiny, name):
    model, meta = tiny
    at = app_test("classify", lang="bn", session_state={"active_model": (model, meta)})
    at.file_uploader(key="classify_upload").set_value((name, (PICTURES / name).read_bytes(), "image/png")).run()
    no_trouble(at)
    assert errors(at) == []
    assert len(at.get("plotly_chart")) == 2


# ------------------------------------------------------------------------ Convolution lab editors
BAD_CELLS = [("", "conv.err_cell_empty", {}), ("abc", "conv.err_cell_text", {"text": "abc"}),
             ("nan", "conv.err_cell_empty", {}), ("inf", "conv.err_cell_too_big", {"text": "inf"}),
             ("1e308", "conv.err_cell_too_big", {"text": "1e308"})]


def cell_values(key: str, lang: str, values: dict) -> dict:
    where = {"row": i18n.number(2, lang), "col": i18n.number(3, lang)}
    extra = {"limit": f"{ops.VALUE_LIMIT:g}"} if key == "conv.err_cell_too_big" else {}
    return {**where, **values, **extra}


def matching(at, key: str, lang: str, values: dict) -> bool:
    """True when the page says ``key`` in ``lang`` (with either digit style for row/column)."""
    candidates = {i18n.t(key, lang, **cell_values(key, lang, values)),
                  i18n.t(key, lang, **{**cell_values(key, "en", values)})}
    return errors(at) and all(error in candidates for error in errors(at)) and len(errors(at)) == 1


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("bad, key, values", BAD_CELLS)
def test_bad_grid_cell_is_explained_and_clear_recovers(app_test, lang, bad, key, values):
    cells = np.array(ops.LESSON_GRID, dtype=object).astype(int).astype(str)
    cells[1, 2] = bad
    at = app_test("conv_lab", lang=lang, session_state={"conv_source": "toy", "conv_toy_version": 0,
                                                        "conv_toy_table": pd.DataFrame(cells)})
    no_trouble(at)
    assert matching(at, key, lang, values), errors(at)
    if lang != i18n.DEFAULT_LANGUAGE:
        english = i18n.DEFAULT_LANGUAGE
        assert not any(i18n.t(key, english, **cell_values(key, english, values)) == error for error in errors(at))
    at.button(key="conv_toy_clear").click().run()                      # the next normal action
    no_trouble(at)
    assert errors(at) == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("bad, key, values", BAD_CELLS)
def test_bad_kernel_cell_is_explained_and_a_preset_recovers(app_test, lang, bad, key, values):
    cells = np.array([["1", "0", "-1"], ["1", "0", "-1"], ["1", "0", "-1"]], dtype=object)
    cells[1, 2] = bad
    at = app_test("conv_lab", lang=lang, session_state={"conv_custom_table": pd.DataFrame(cells),
                                                        "conv_custom_version": 0})
    at.radio(key="conv_kernel_source").set_value("custom").run()
    no_trouble(at)
    assert matching(at, key, lang, values), errors(at)
    at.radio(key="conv_kernel_source").set_value("preset").run()        # back to a ready-made filter
    no_trouble(at)
    assert errors(at) == []


# ------------------------------------------------------------------------------- Train form extremes
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("field, value", [("train_batch_size", 512), ("train_learning_rate", 0.0),
                                          ("train_learning_rate", 10.0), ("train_epochs", 0)])
def test_training_form_extremes_in_both_languages(app_test, lang, field, value):
    from cnn_core import training

    at = app_test("train", lang=lang)
    at.number_input(key="train_subset").set_value(256)
    at.number_input(key=field).set_value(value)
    at.button(key="train_start").click().run()
    no_trouble(at)
    settings = {"epochs": 5, "batch_size": 32, "learning_rate": 0.001, "subset": 256,
                field.removeprefix("train_"): value}
    with pytest.raises(UserError) as caught:
        training.TrainConfig(**settings).validate(60_000)
    assert_said(at, caught.value.key, lang, **caught.value.values)
    assert any(info.value == i18n.t("train.no_run", lang) for info in at.info)     # nothing started
    at.radio(key="train_preset").set_value("small").run()                          # the page carries on
    no_trouble(at)
    assert errors(at) == []


# ------------------------------------------------------------------------------- model files
def good_model_file(model) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "good.keras"
        store.save_model_file(model, path)
        return path.read_bytes()


def files_for(lang: str) -> dict:
    """The languages take the hostile model files in turn: every file is tried, every language is
    heard (each file is opened in its own child process, twice, so once is enough)."""
    return dict(share_of(MODEL_FILES.items(), lang))


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_model_files_are_refused_then_a_good_one_loads(app_test, tiny, lang, tmp_path, monkeypatch):
    marker = tmp_path / "lambda-ran"
    monkeypatch.setenv(MARKER_ENV, str(marker))
    model, _ = tiny
    good = good_model_file(model)
    at = app_test("train", lang=lang)
    no_trouble(at)
    for name, key in files_for(lang).items():
        at.file_uploader(key="train_upload").set_value((name, (MODELS / name).read_bytes(),
                                                        "application/octet-stream")).run()
        no_trouble(at)
        assert len(errors(at)) == 1, (name, errors(at))
        try:
            store.load_model_file(MODELS / name)
        except UserError as err:
            assert err.key == key, name
            assert_said(at, key, lang, **err.values)       # the message names the learner's own file
        else:
            pytest.fail(f"{name} loaded")
    # After every refusal the page still takes a good file (one check: each opens a TensorFlow child).
    at.file_uploader(key="train_upload").set_value(("good.keras", good, "application/octet-stream")).run()
    no_trouble(at)
    assert errors(at) == [], errors(at)
    assert any(i18n.t("train.uploaded", lang, name="good") == success.value for success in at.success)
    assert not marker.exists()        # the Lambda layer's code never ran


def test_safe_mode_stays_on_for_lambda_layers(tmp_path, monkeypatch):
    marker = tmp_path / "lambda-ran"
    monkeypatch.setenv(MARKER_ENV, str(marker))
    with pytest.raises(UserError) as caught:
        store.load_model_file(MODELS / "lambda_layer.keras")
    assert caught.value.key == "store.err_unsafe"
    assert not marker.exists()


def test_a_failed_save_never_clobbers_a_saved_model(tiny, models_dir, monkeypatch):
    import keras

    model, meta = tiny
    model_store = store.ModelStore(models_dir)
    run_id = model_store.save(model, meta)
    saved_path = model_store.model_path(run_id)
    before = saved_path.read_bytes()

    def half_written_then_disk_full(self, path, *args, **kwargs):
        Path(path).write_bytes(b"PK\x03\x04 half a model")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(keras.Model, "save", half_written_then_disk_full)
    with pytest.raises(OSError):
        store.save_model_file(model, saved_path)          # overwrite attempt fails mid-write
    with pytest.raises(UserError) as caught:
        model_store.save(model, meta)                     # a new save fails: clear message, no debris
    assert caught.value.key == "store.err_save_failed"
    for lang in LANGS:
        assert "No space left on device" in i18n.t(caught.value.key, lang, **caught.value.values)
    monkeypatch.undo()

    assert saved_path.read_bytes() == before
    assert not [path for path in models_dir.iterdir() if path.name.startswith(".tmp-")]
    assert [entry["run_id"] for entry in model_store.list()] == [run_id]
    loaded, _ = model_store.load(run_id)
    sample = np.zeros((1, 28, 28, 1), dtype=np.uint8)
    assert np.allclose(loaded(sample).numpy(), model(sample).numpy(), atol=1e-6)

