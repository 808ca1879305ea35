"""The upload limits (cnn_core.uploads) and their use by the examples zip and the model store: every
class of hostile file is refused with its own clear message, and the proof that the check came
*before* the work is that the work never started (no picture decoded, no model built, no child
process), not a stopwatch."""

from __future__ import annotations

import json
import zipfile

import numpy as np
import pytest

from cnn_core import examples, i18n, model_checker, preprocess, store, uploads
from cnn_core.errors import UserError
from tests.support import hostile_files as hostile

SMALL = uploads.ZipLimits(max_bytes=10_000, max_members=5, max_unpacked=50_000, max_member_unpacked=20_000)


@pytest.fixture
def decodes(monkeypatch):
    """Counts the pictures decoded (every picture goes through ``preprocess.read_upload``)."""
    calls = []
    original = preprocess.read_upload

    def counting(data, filename="", **kwargs):
        calls.append(filename)
        return original(data, filename, **kwargs)

    monkeypatch.setattr(preprocess, "read_upload", counting)
    return calls


@pytest.fixture
def nothing_built(monkeypatch):
    """Fails the test if a model is built or a child process started."""
    import keras

    def refuse(*args, **kwargs):
        raise AssertionError("built or started although the checks should have refused the file")

    monkeypatch.setattr(keras.models, "load_model", refuse)
    monkeypatch.setattr(model_checker, "open_in_child", refuse)


def refused(call, key: str) -> UserError:
    with pytest.raises(UserError) as caught:
        call()
    assert caught.value.key == key, caught.value
    for lang in i18n.LANGUAGES:   # the message fills in, in every language
        assert i18n.t(caught.value.key, lang, **caught.value.values)
    return caught.value


# ------------------------------------------------------------------------------------- zip checks
def test_a_good_examples_zip_still_opens(decodes):
    loaded = examples.ExampleSet.from_zip(hostile.good_examples_zip())
    assert loaded.class_names == ["a", "b"] and loaded.counts() == [2, 2]
    assert len(decodes) == 4


def test_a_saved_set_round_trips_through_the_checks():
    own = examples.ExampleSet()
    first = own.add_class("বৃত্ত")
    own.add_picture(first, np.asarray(preprocess.read_upload(hostile.drawing_png())), "draw")
    again = examples.ExampleSet.from_zip(own.to_zip())
    assert again.class_names == ["বৃত্ত"] and len(again) == 1


def test_repeated_references_are_refused_before_any_picture_is_decoded(decodes):
    data = hostile.repeated_reference_zip()
    assert len(data) < 100_000
    refused(lambda: examples.ExampleSet.from_zip(data, "class.zip"), "teach.err_zip_repeated")
    assert decodes == []


def test_overlapping_members_are_refused_before_anything_is_unpacked(decodes, monkeypatch):
    data = hostile.overlapping_zip()
    opened = []
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *args, **kwargs: opened.append(args) or 1 / 0)
    refused(lambda: examples.ExampleSet.from_zip(data, "class.zip"), "uploads.err_zip_bomb")
    assert decodes == [] and opened == []


def test_a_deflate_bomb_is_refused_by_its_packing_ratio(decodes):
    data = hostile.deflate_bomb_zip()
    assert len(data) < 100_000
    refused(lambda: examples.ExampleSet.from_zip(data, "bomb.zip"), "uploads.err_zip_bomb")
    assert decodes == []


def test_member_count_is_read_from_the_end_record_before_the_directory(monkeypatch):
    data = hostile.claimed_members_zip(65_000)

    def no_parsing(*args, **kwargs):
        raise AssertionError("the directory was parsed")

    monkeypatch.setattr(zipfile, "ZipFile", no_parsing)
    error = refused(lambda: uploads.open_zip(data, "z.zip", SMALL, "teach"),
                    "uploads.err_zip_members")
    assert error.values["count"] == 65_000


def test_too_many_real_members_and_too_many_unpacked_bytes():
    refused(lambda: uploads.open_zip(hostile.many_members_zip(6), "z.zip", SMALL, "teach"), "uploads.err_zip_members")
    refused(lambda: examples.ExampleSet.from_zip(hostile.many_members_zip(examples.MAX_ZIP_MEMBERS + 1)),
            "uploads.err_zip_members")
    big = hostile.examples_zip({}, {"a.bin": bytes(30_000)}, compression=zipfile.ZIP_STORED)
    refused(lambda: uploads.open_zip(big, "z.zip", SMALL, "teach"), "teach.err_zip_too_big")


@pytest.mark.parametrize("name", ["../evil.png", "/etc/passwd", "images\\..\\x.png", "c:/x.png", "a/\x01.png"])
def test_unsafe_member_names_are_refused(name):
    data = hostile.examples_zip({}, {name: b"x"})
    refused(lambda: examples.ExampleSet.from_zip(data), "uploads.err_zip_name")


def test_repeated_member_names_are_refused():
    import io
    import warnings

    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w") as archive:
        warnings.simplefilter("ignore")
        archive.writestr("labels.json", "{}")
        archive.writestr("labels.json", "{}")
    refused(lambda: examples.ExampleSet.from_zip(buffer.getvalue()), "uploads.err_zip_name")


# Named ids: the zip's bytes hold the time it was written, which two xdist workers can see differ.
@pytest.mark.parametrize("data", [b"not a zip at all", hostile.good_examples_zip()[:300], b""],
                         ids=["not a zip", "a zip cut short", "empty"])
def test_non_zips_and_truncated_zips(data):
    refused(lambda: examples.ExampleSet.from_zip(data), "teach.err_zip_not_zip")


def test_a_member_is_never_read_past_its_limit():
    data = hostile.examples_zip({}, {"a.bin": bytes(5000)}, compression=zipfile.ZIP_STORED)
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        info = archive.getinfo("a.bin")
        refused(lambda: uploads.read_member(archive, info, 1000, "z.zip"), "uploads.err_zip_bomb")
        assert uploads.read_member(archive, info, 5000, "z.zip") == bytes(5000)


# ---------------------------------------------------------------------------------- pixels
def test_a_pixel_bomb_inside_the_zip_is_refused_from_its_header(decodes):
    entries = [{"file": "images/big.png", "class": 0}]
    data = hostile.examples_zip({**hostile.EXAMPLES_FORMAT, "classes": ["a", "b"], "examples": entries},
                                {"images/big.png": hostile.png(2100, 2000)})
    refused(lambda: examples.ExampleSet.from_zip(data), "classify.err_too_many_pixels")


def test_all_pictures_of_a_zip_share_one_pixel_budget(monkeypatch):
    monkeypatch.setattr(examples, "MAX_ZIP_PIXELS", 3 * 100 * 103)
    files = {f"images/00/{n}.png": hostile.block_png(100, 100 + n) for n in range(4)}
    entries = [{"file": name, "class": 0} for name in files]
    data = hostile.examples_zip({**hostile.EXAMPLES_FORMAT, "classes": ["a", "b"], "examples": entries}, files)
    refused(lambda: examples.ExampleSet.from_zip(data), "teach.err_zip_pixels")


# ------------------------------------------------------------------------------------- JSON
def test_json_depth_ignores_brackets_in_strings():
    assert uploads.json_depth(b'{"a": [1, {"b": "[[[[[["}]}') == 3
    assert uploads.json_depth(b'"\\"[[[["') == 0
    assert uploads.json_depth(hostile.deep_json(1000)) == 1000


def test_deep_json_is_refused_without_recursion_error():
    refused(lambda: uploads.parse_json(hostile.deep_json(), "labels.json", 2**20), "uploads.err_json_deep")
    data = hostile.examples_zip(hostile.deep_json(), {}, compression=zipfile.ZIP_STORED)
    refused(lambda: examples.ExampleSet.from_zip(data), "uploads.err_json_deep")


def test_json_size_and_syntax():
    refused(lambda: uploads.parse_json(b"[" + b"1," * 1000 + b"1]", "x.json", 100), "uploads.err_json_big")
    refused(lambda: uploads.parse_json(b"{'single': 'quotes'}", "x.json", 100), "uploads.err_json_broken")
    refused(lambda: uploads.parse_json(b"\xff\xfe", "x.json", 100), "uploads.err_json_broken")
    assert uploads.parse_json('{"a": [1, 2]}', "x.json", 100) == {"a": [1, 2]}


@pytest.mark.parametrize("change, key", [
    ({"profile": ["fashion_mnist"]}, "uploads.err_json_type_text"),        # was a raw TypeError
    ({"profile": {"a": 1}}, "uploads.err_json_type_text"),
    ({"classes": {"a": 1}}, "uploads.err_json_type_list"),
    ({"classes": ["a", 7]}, "uploads.err_json_type_text"),
    ({"examples": "all of them"}, "uploads.err_json_type_list"),
    ({"examples": [["images/00/0001.png", 0]]}, "uploads.err_json_type_object"),
    ({"examples": [{"file": 5, "class": 0}]}, "uploads.err_json_type_text"),
    ({"examples": [{"file": "images/00/0001.png", "class": "0"}]}, "uploads.err_json_type_whole"),
    ({"examples": [{"file": "images/00/0001.png", "class": True}]}, "uploads.err_json_type_whole"),
])
def test_wrong_json_types_get_a_message_naming_the_field(change, key):
    labels = {**hostile.EXAMPLES_FORMAT, "classes": ["a", "b"],
              "examples": [{"file": "images/00/0001.png", "class": 0}], **change}
    data = hostile.examples_zip(labels, {"images/00/0001.png": hostile.drawing_png()})
    refused(lambda: examples.ExampleSet.from_zip(data), key)


def test_labels_json_that_is_not_an_object():
    data = hostile.examples_zip(json.dumps([1, 2, 3]), {})
    refused(lambda: examples.ExampleSet.from_zip(data), "uploads.err_json_type_object")


# ------------------------------------------------------------------------------- model configs
def test_the_shipped_models_pass_and_their_size_is_counted_right():
    import keras

    for dataset in ("fashion_mnist", "mnist"):
        path = store.ASSETS_MODELS / f"{dataset}.keras"
        size = uploads.check_keras_file(path.read_bytes(), path.name)
        model = keras.models.load_model(path, compile=False)
        assert size.params == model.count_params()
        assert size.largest_output == max(int(np.prod(layer.output.shape[1:])) for layer in model.layers)


def test_a_taught_model_config_is_counted_right(fashion):
    from cnn_core import transfer

    base, _ = store.pretrained("fashion_mnist")
    model = transfer.build_transfer_model(base, 3)
    assert uploads.check_keras_file(store.model_to_bytes(model), "t.keras").params == model.count_params()


def test_a_config_bomb_is_refused_before_anything_is_built(nothing_built):
    data = hostile.config_bomb()
    assert len(data) < 100_000
    error = refused(lambda: uploads.open_untrusted_model(data, "bomb.keras"), "store.err_model_too_big")
    assert error.values["file"] == "bomb.keras"
    refused(lambda: store.import_upload(data, "bomb.keras", "fashion_mnist"), "store.err_model_too_big")


def test_an_activation_bomb_is_refused(nothing_built):
    refused(lambda: uploads.open_untrusted_model(hostile.activation_bomb(), "up.keras"), "store.err_model_too_big")


@pytest.mark.parametrize("layer, key", [("Lambda", "store.err_unsafe"), ("TFOpLambda", "store.err_unsafe"),
                                        ("MyVeryOwnLayer", "store.err_unknown_layer")])
def test_code_carrying_and_unknown_layers_are_refused_from_the_config(nothing_built, layer, key):
    refused(lambda: uploads.open_untrusted_model(hostile.relabelled_layer(layer), "m.keras"), key)


def test_wrong_types_and_deep_nesting_in_a_model_config(nothing_built):
    refused(lambda: uploads.open_untrusted_model(hostile.wrong_type_config(), "m.keras"), "store.err_model_config")
    refused(lambda: uploads.open_untrusted_model(hostile.deep_config(), "m.keras"), "uploads.err_json_deep")
    refused(lambda: uploads.open_untrusted_model(hostile.keras_file(b"[1, 2]"), "m.keras"), "store.err_model_config")


def test_model_files_too_big_or_not_zips(nothing_built):
    refused(lambda: uploads.open_untrusted_model(b"PK" + bytes(uploads.MAX_MODEL_BYTES), "m.keras"),
            "store.err_zip_too_big")
    refused(lambda: uploads.open_untrusted_model(b"hello", "m.keras"), "store.err_not_keras")
    refused(lambda: uploads.open_untrusted_model(hostile.SHIPPED_MODEL.read_bytes()[:5000], "m.keras"),
            "store.err_corrupt")


# ------------------------------------------------------------------------------- the child process
def test_a_good_upload_is_opened_in_a_child_and_comes_back_the_same(tmp_path):
    import keras

    data = hostile.SHIPPED_MODEL.read_bytes()
    opened = uploads.open_untrusted_model(data, "good.keras")
    assert 0 < opened.child_peak_bytes < uploads.MODEL_MEMORY_BYTES     # the child's own peak, under its cap
    original = keras.models.load_model(hostile.SHIPPED_MODEL, compile=False)
    again, _ = store.load_model_bytes(opened.data, "good.keras")
    picture = np.random.default_rng(0).integers(0, 256, (2, 28, 28, 1), dtype=np.uint8)
    assert np.allclose(original(picture).numpy(), again(picture).numpy(), atol=1e-6)


def test_uploads_at_once_get_children_of_one_template_which_is_replaced_when_it_dies(monkeypatch):
    import os
    import signal
    from concurrent.futures import ThreadPoolExecutor

    import psutil

    data = hostile.SHIPPED_MODEL.read_bytes()
    model_checker.start_template()
    template = model_checker._template._process.pid
    parents = []
    real_fork = model_checker._template.fork

    def fork_and_note_the_parent(request):
        pid = real_fork(request)
        try:
            parents.append(psutil.Process(pid).ppid())
        except psutil.NoSuchProcess:   # already done: it was the template's (the template answered with it)
            parents.append(template)
        return pid

    monkeypatch.setattr(model_checker._template, "fork", fork_and_note_the_parent)
    with ThreadPoolExecutor(3) as pool:   # three learners upload at the same moment
        opened = list(pool.map(lambda index: uploads.open_untrusted_model(data, f"m{index}.keras"), range(3)))
    monkeypatch.undo()
    assert [len(model.data) > 0 for model in opened] == [True] * 3
    assert parents == [template] * 3          # forked by the template: none paid for importing TensorFlow
    os.kill(template, signal.SIGKILL)         # the template dies: the next upload starts a new one
    psutil.Process(template).wait(timeout=10)
    assert uploads.open_untrusted_model(data, "after.keras").data
    assert model_checker._template._process.pid != template


def test_the_child_is_stopped_at_its_memory_cap_and_its_time_limit():
    data = hostile.SHIPPED_MODEL.read_bytes()
    refused(lambda: uploads.open_untrusted_model(data, "m.keras", memory_bytes=150 * 2**20), "store.err_model_memory")
    refused(lambda: uploads.open_untrusted_model(data, "m.keras", seconds=0.01), "store.err_model_slow")


def test_import_upload_never_touches_saved_models(tmp_path, nothing_built):
    model_store = store.ModelStore(tmp_path)
    (tmp_path / "kept.keras").write_bytes(b"PK saved before")
    (tmp_path / "kept.json").write_text("{}")
    refused(lambda: store.import_upload(hostile.config_bomb(), "bomb.keras", "fashion_mnist", model_store),
            "store.err_model_too_big")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["kept.json", "kept.keras"]
