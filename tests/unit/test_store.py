"""The model store: round trips, atomic saves, and every kind of bad file refused with a clear key."""

from __future__ import annotations

import json
import zipfile

import keras
import numpy as np
import pytest

from cnn_core import i18n, store
from cnn_core.errors import UserError
from cnn_core.models import build_model
from cnn_core.training import compile_model

PICTURES = np.random.default_rng(0).integers(0, 256, (4, 28, 28, 1), dtype=np.uint8)


@pytest.fixture
def trained_seed_model():
    """The lesson's network after one optimizer step, so it has optimizer state the store must drop."""
    model = build_model("seed", seed=5)
    compile_model(model, "adam", 1e-3)
    model.fit(PICTURES, np.arange(4), epochs=1, verbose=0)
    return model


def expect_error(key, path):
    with pytest.raises(UserError) as raised:
        store.load_model_file(path)
    assert raised.value.key == key
    for lang in i18n.LANGUAGES:
        assert i18n.t(raised.value.key, lang, **raised.value.values)
    return raised.value


def test_save_list_load_delete_round_trip(tmp_path, trained_seed_model):
    models_dir = store.ModelStore(tmp_path)
    meta = {"name": "my run", "dataset": "fashion_mnist", "preset": "seed", "test_accuracy": 0.5,
            "history": {"loss": [1.0, 0.5]}}
    run_id = models_dir.save(trained_seed_model, meta)
    assert models_dir.model_path(run_id).is_file() and models_dir.meta_path(run_id).is_file()
    [entry] = models_dir.list()
    assert entry["run_id"] == run_id and entry["name"] == "my run" and entry["created"]
    model, loaded_meta = models_dir.load(run_id)
    assert loaded_meta["history"] == {"loss": [1.0, 0.5]} and loaded_meta["run_id"] == run_id
    np.testing.assert_allclose(model(PICTURES), trained_seed_model(PICTURES), rtol=1e-5, atol=1e-6)
    with zipfile.ZipFile(models_dir.model_path(run_id)) as archive:
        weights = archive.read("model.weights.h5")
    assert b"optimizer" not in weights  # saved without optimizer state
    assert models_dir.model_path(run_id).stat().st_size < 2_500_000  # 421,642 float32 weights + a header
    models_dir.delete(run_id)
    assert models_dir.list() == []
    with pytest.raises(UserError) as raised:
        models_dir.load(run_id)
    assert raised.value.key == "store.err_not_found"


def test_list_is_newest_first_and_reports_broken_entries(tmp_path):
    models_dir = store.ModelStore(tmp_path)
    model = build_model("small")
    older = models_dir.save(model, {"name": "older", "created": "2026-01-01T00:00:00+00:00"})
    newer = models_dir.save(model, {"name": "newer", "created": "2026-02-01T00:00:00+00:00"})
    (tmp_path / "torn.keras").write_bytes(b"PK")
    (tmp_path / "torn.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "orphan.json").write_text("{}", encoding="utf-8")
    entries = models_dir.list()
    assert [entry["run_id"] for entry in entries if not entry.get("broken")] == [newer, older]
    broken = {entry["run_id"]: entry["error"] for entry in entries if entry.get("broken")}
    assert set(broken) == {"torn", "orphan"} and all(broken.values())
    assert store.ModelStore(tmp_path / "never-made").list() == []


def test_a_failed_save_leaves_the_saved_model_untouched(tmp_path, monkeypatch, trained_seed_model):
    path = tmp_path / "kept.keras"
    store.save_model_file(trained_seed_model, path)
    before = path.read_bytes()

    def save_half_then_fail(self, filepath, *args, **kwargs):
        open(filepath, "wb").write(b"PK\x03\x04 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(keras.Model, "save", save_half_then_fail)
    with pytest.raises(OSError):
        store.save_model_file(build_model("seed", seed=9), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["kept.keras"]  # no temporary file left behind
    with pytest.raises(UserError) as raised:
        store.ModelStore(tmp_path / "runs").save(build_model("seed"), {"name": "x"})
    assert raised.value.key == "store.err_save_failed"
    assert list((tmp_path / "runs").iterdir()) == []


def test_not_a_zip_file_is_refused(tmp_path):
    text = tmp_path / "notes.keras"
    text.write_text("just some text", encoding="utf-8")
    expect_error("store.err_not_keras", text)
    empty = tmp_path / "empty.keras"
    empty.write_bytes(b"")
    expect_error("store.err_not_keras", empty)
    png = tmp_path / "picture.keras"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    expect_error("store.err_not_keras", png)


def test_truncated_and_damaged_archives_are_refused(tmp_path, trained_seed_model):
    good = tmp_path / "good.keras"
    store.save_model_file(trained_seed_model, good)
    data = good.read_bytes()
    truncated = tmp_path / "truncated.keras"
    truncated.write_bytes(data[: len(data) // 2])
    expect_error("store.err_corrupt", truncated)
    junk_zip = tmp_path / "junk.keras"
    with zipfile.ZipFile(junk_zip, "w") as archive:
        archive.writestr("readme.txt", "not a model")
    expect_error("store.err_corrupt", junk_zip)
    bad_config = tmp_path / "bad_config.keras"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad_config, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            target.writestr(item, b"{" if item.filename == "config.json" else content)
    expect_error("store.err_corrupt", bad_config)
    expect_error("store.err_not_found", tmp_path / "missing.keras")


def test_models_for_other_pictures_or_classes_are_refused(tmp_path):
    colour = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Flatten(), keras.layers.Dense(10)])
    colour.save(tmp_path / "colour.keras")
    error = expect_error("store.err_input_shape", tmp_path / "colour.keras")
    assert error.values["shape"] == "32×32×3"
    five = build_model("seed", num_classes=5)
    five.save(tmp_path / "five.keras")
    error = expect_error("store.err_output_shape", tmp_path / "five.keras")
    assert (error.values["got"], error.values["expected"]) == ("5", 10)


def test_custom_code_is_refused_by_safe_mode(tmp_path):
    inputs = keras.Input((28, 28, 1))
    outputs = keras.layers.Dense(10)(keras.layers.Flatten()(keras.layers.Lambda(lambda x: x * 2)(inputs)))
    keras.Model(inputs, outputs).save(tmp_path / "lambda.keras")
    expect_error("store.err_unsafe", tmp_path / "lambda.keras")


def test_a_bare_keras_file_gets_minimal_meta_and_bad_json_is_ignored(tmp_path):
    path = tmp_path / "bare.keras"
    store.save_model_file(build_model("small"), path)
    model, meta = store.load_model_file(path)
    assert meta["name"] is None and meta["params"] == model.count_params() and meta["created"]
    path.with_suffix(".json").write_text(json.dumps(["a list"]), encoding="utf-8")
    assert store.load_model_file(path)[1]["name"] is None


def test_a_model_travels_as_keras_bytes_and_comes_back_checked(trained_seed_model):
    data = store.model_to_bytes(trained_seed_model)
    assert data[:2] == b"PK"
    model, meta = store.load_model_bytes(data)
    np.testing.assert_allclose(model.predict(PICTURES, verbose=0), trained_seed_model.predict(PICTURES, verbose=0),
                               atol=1e-6)
    assert meta["params"] == trained_seed_model.count_params()
    five = store.model_to_bytes(build_model("small", num_classes=5))
    assert store.load_model_bytes(five, num_classes=None)[0].output_shape == (None, 5)  # any number of classes
    with pytest.raises(UserError) as raised:
        store.load_model_bytes(five)
    assert raised.value.key == "store.err_output_shape"


def test_an_upload_is_checked_then_stored_under_its_name(tmp_path):
    models_dir = store.ModelStore(tmp_path)
    with pytest.raises(UserError) as raised:
        store.import_upload(b"not a model at all", "notes.keras", "mnist", models_dir)
    assert (raised.value.key, raised.value.values) == ("store.err_not_keras", {"file": "notes.keras"})
    assert models_dir.list() == []
    model, meta, run_id = store.import_upload(store.model_to_bytes(build_model("small")), "my-net.keras", "mnist",
                                              models_dir)
    assert (meta["name"], meta["dataset"], meta["preset"], meta["run_id"]) == ("my-net", "mnist", "upload", run_id)
    assert [entry["run_id"] for entry in models_dir.list()] == [run_id]
    assert models_dir.load(run_id)[0].count_params() == model.count_params()


def test_run_ids_cannot_reach_outside_the_folder(tmp_path):
    models_dir = store.ModelStore(tmp_path)
    for run_id in ("../secrets", "a/b", ".hidden", ""):
        with pytest.raises(UserError):
            models_dir.load(run_id)


def test_default_root_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("FCL_MODELS_DIR", str(tmp_path))
    assert store.ModelStore().root == tmp_path


def test_missing_pretrained_model_is_a_user_error():
    with pytest.raises(UserError) as raised:
        store.pretrained("cifar10")
    assert raised.value.key == "store.err_no_pretrained"


@pytest.mark.parametrize("dataset_name", ["fashion_mnist", "mnist"])
def test_shipped_pretrained_models_load_and_classify_well(dataset_name, request):
    dataset = request.getfixturevalue("fashion" if dataset_name == "fashion_mnist" else "mnist")
    model, meta = store.pretrained(dataset_name)
    assert meta["pretrained"] and meta["dataset"] == dataset_name and meta["class_names"] == dataset.class_names
    assert store.ASSETS_MODELS.joinpath(f"{dataset_name}.keras").stat().st_size < 5_000_000
    predictions = np.asarray(model.predict(dataset.test_images[:1000], batch_size=500, verbose=0)).argmax(axis=1)
    accuracy = float(np.mean(predictions == dataset.test_labels[:1000]))
    assert accuracy > (0.9 if dataset_name == "fashion_mnist" else 0.97)
    assert meta["test_accuracy"] == pytest.approx(accuracy, abs=0.03)  # the recorded number is real
