"""Hostile uploads on the pages (Teach it's examples zip, the Train page's .keras upload): each is
refused with its own message in the session's language, nothing the learner made or saved is
touched, and the next ordinary upload works. The files are made in the test
(``tests/support/hostile_files.py``); the library checks themselves are unit-tested in
``tests/unit/test_uploads.py``."""

from __future__ import annotations


import numpy as np
import pytest

from cnn_core import escape, examples, i18n, model_checker
from cnn_core.errors import UserError
from tests.support import hostile_files as hostile

LANGS = ["en", "bn"]

HOSTILE_ZIPS = {
    "repeated.zip": (hostile.repeated_reference_zip, "teach.err_zip_repeated"),
    "overlap.zip": (hostile.overlapping_zip, "uploads.err_zip_bomb"),
    "deflate.zip": (hostile.deflate_bomb_zip, "uploads.err_zip_bomb"),
    "deep.zip": (lambda: hostile.examples_zip(hostile.deep_json(20_000), {}), "uploads.err_json_deep"),
    "types.zip": (lambda: hostile.examples_zip({**hostile.EXAMPLES_FORMAT, "profile": ["fashion_mnist"],
                                                "classes": ["a"], "examples": []}, {}),
                  "uploads.err_json_type_text"),
    "traversal.zip": (lambda: hostile.examples_zip({}, {"../../etc/x.png": b"x"}), "uploads.err_zip_name"),
    "many.zip": (lambda: hostile.many_members_zip(examples.MAX_ZIP_MEMBERS + 1), "uploads.err_zip_members"),
    "text.zip": (lambda: b"just some text", "teach.err_zip_not_zip"),
}

HOSTILE_MODELS = {
    "config-bomb.keras": (hostile.config_bomb, "store.err_model_too_big"),
    "upsampling.keras": (hostile.activation_bomb, "store.err_model_too_big"),
    "lambda.keras": (lambda: hostile.relabelled_layer("Lambda"), "store.err_unsafe"),
    "custom.keras": (lambda: hostile.relabelled_layer("MyVeryOwnLayer"), "store.err_unknown_layer"),
    "wrong-type.keras": (hostile.wrong_type_config, "store.err_model_config"),
    "deep.keras": (hostile.deep_config, "uploads.err_json_deep"),
}


def expected_error(builder, name: str) -> UserError:
    with pytest.raises(UserError) as caught:
        if name.endswith(".zip"):
            examples.ExampleSet.from_zip(builder(), name)
        else:
            from cnn_core import uploads

            uploads.check_keras_file(builder(), name)
    return caught.value


def shown(err: UserError, lang: str) -> str:
    return i18n.t(err.key, lang, **err.values)


@pytest.fixture(autouse=True)
def own_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("FCL_EXAMPLES_DIR", str(tmp_path / "examples"))
    monkeypatch.setenv("FCL_MODELS_DIR", str(tmp_path / "models"))
    return tmp_path


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_example_zips_are_explained_and_the_set_is_kept(app_test, lang, monkeypatch):
    from cnn_core import preprocess

    decoded = []
    original = preprocess.read_upload
    monkeypatch.setattr(preprocess, "read_upload",
                        lambda data, filename="", **kw: decoded.append(filename) or original(data, filename, **kw))
    own = examples.ExampleSet()
    own.add_image28(own.add_class("mine"), np.full((28, 28), 200, np.uint8), "draw")
    at = app_test("teach", lang=lang, session_state={"teach_examples": own})
    assert not at.exception
    for round_number, (name, (builder, key)) in enumerate(HOSTILE_ZIPS.items()):
        err = expected_error(builder, name)
        assert err.key == key, name
        decoded.clear()
        at.file_uploader(key=f"teach_import_{round_number}").set_value((name, builder(), "application/zip")).run()
        assert not at.exception, name
        assert shown(err, lang) in [error.value for error in at.error], (name, [error.value for error in at.error])
        if lang == "bn":
            assert shown(err, "bn") != shown(err, "en")
        assert decoded == [], name                                   # refused before any picture was decoded
        kept = at.session_state["teach_examples"]
        assert kept.class_names == ["mine"] and len(kept) == 1, name  # the learner's set is as it was
    at.file_uploader(key=f"teach_import_{len(HOSTILE_ZIPS)}").set_value(
        ("good.zip", hostile.good_examples_zip(), "application/zip")).run()
    assert not at.exception
    assert at.session_state["teach_examples"].class_names == ["mine", "a", "b"]
    assert i18n.t("teach.imported", lang, count=i18n.number(4, lang), name="good.zip") in \
        [success.value for success in at.success]


@pytest.mark.parametrize("lang", LANGS)
def test_hostile_model_files_are_refused_before_anything_is_built(app_test, lang, own_folders, monkeypatch):
    saved = own_folders / "models"
    saved.mkdir()
    (saved / "20261206-000000-keep01.keras").write_bytes(hostile.SHIPPED_MODEL.read_bytes())
    (saved / "20261206-000000-keep01.json").write_text('{"name": "kept", "dataset": "fashion_mnist"}')
    before = sorted(path.name for path in saved.iterdir())
    children = []
    real_open = model_checker.open_in_child
    monkeypatch.setattr(model_checker, "open_in_child", lambda *args: children.append(args) or real_open(*args))
    at = app_test("train", lang=lang)
    assert not at.exception
    for name, (builder, key) in HOSTILE_MODELS.items():
        err = expected_error(builder, name)
        assert err.key == key, name
        at.file_uploader(key="train_upload").set_value((name, builder(), "application/octet-stream")).run()
        assert not at.exception, name
        assert [error.value for error in at.error] == [shown(err, lang)], name
        assert children == [], name                                   # no child process: refused from the config
        assert sorted(path.name for path in saved.iterdir()) == before, name
    at.file_uploader(key="train_upload").set_value(
        ("fine.keras", hostile.SHIPPED_MODEL.read_bytes(), "application/octet-stream")).run()
    assert not at.exception
    assert len(children) == 1                                         # the good one was opened in a child
    assert i18n.t("train.uploaded", lang, name=escape.markdown("fine")) in [success.value for success in at.success]
    assert len(list(saved.glob("*.keras"))) == 2
