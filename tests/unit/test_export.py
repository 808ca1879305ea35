"""Export round trips: .keras bytes load back with the same answers, the TFLite file gives the same
top class as Keras, the examples zip comes back whole, and each snippet runs and classifies."""

from __future__ import annotations

import contextlib
import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from cnn_core import export, inference, preprocess, store, transfer
from cnn_core.examples import ExampleSet


def shape_picture(kind: str, jitter: int) -> Image.Image:
    """A black-on-white drawing as someone would photograph or scan it."""
    picture = Image.new("L", (300, 300), 255)
    pen = ImageDraw.Draw(picture)
    if kind == "ring":
        pen.ellipse((50 + jitter, 40, 240, 250 - jitter), outline=0, width=18)
    else:
        pen.line((150 + jitter, 30, 140 - jitter, 260), fill=0, width=20)
    return picture


@pytest.fixture(scope="module")
def shapes():
    own = ExampleSet()
    ring, bar = own.add_class("বৃত্ত"), own.add_class("bar")
    for jitter in range(0, 24, 3):
        own.add_picture(ring, shape_picture("ring", jitter), "draw")
        own.add_picture(bar, shape_picture("bar", jitter), "draw")
    return own


@pytest.fixture(scope="module")
def model(shapes):
    base, _ = store.pretrained("fashion_mnist")
    images, labels = shapes.arrays()
    return transfer.train_head(base, images, labels, epochs=8, seed=0)


def test_keras_bytes_load_back_with_the_same_answers(model, shapes):
    data = export.keras_bytes(model)
    loaded, _ = store.load_model_bytes(data, num_classes=2)
    images, _ = shapes.arrays()
    expected = inference.predictor_for(model).batch_probabilities(images)
    np.testing.assert_allclose(inference.predictor_for(loaded).batch_probabilities(images), expected, atol=1e-6)


def test_tflite_gives_the_same_top_class(model, shapes, mnist):
    data = export.tflite_bytes(model)
    assert data[4:8] == b"TFL3"  # the FlatBuffer identifier of a TFLite model
    images, _ = shapes.arrays()
    strangers = np.asarray(mnist.test_images[:40, :, :, 0])  # pictures it was not taught: answers less sure
    parity = export.check_tflite(model, data, np.concatenate([images, strangers]))
    assert parity.ok and parity.total == len(images) + 40
    assert parity.max_difference < 1e-4


def test_examples_zip_round_trip(shapes):
    back = ExampleSet.from_zip(shapes.to_zip())
    assert back.class_names == shapes.class_names
    for mine, theirs in zip(shapes.classes, back.classes):  # the zip groups the examples by class
        assert np.array_equal(np.stack([e.image for e in shapes.examples(mine.id)]),
                              np.stack([e.image for e in back.examples(theirs.id)]))


def run_snippet(code: str, folder, monkeypatch) -> tuple[str, dict]:
    monkeypatch.chdir(folder)
    namespace: dict = {"__name__": "__main__"}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "snippet.py", "exec"), namespace)  # noqa: S102 - our own generated program
    return printed.getvalue(), namespace


@pytest.mark.filterwarnings("ignore:.*tf.lite.Interpreter is deprecated")  # the snippet's fallback without LiteRT
@pytest.mark.parametrize("kind", ["keras", "tflite"])
def test_model_snippets_classify_a_picture_like_the_app(kind, model, shapes, tmp_path, monkeypatch):
    data = export.keras_bytes(model) if kind == "keras" else export.tflite_bytes(model)
    (tmp_path / export.FILE_NAMES[kind]).write_bytes(data)
    names = shapes.class_names
    for shape in ("ring", "bar"):
        picture = shape_picture(shape, 10)
        picture.save(tmp_path / "picture.png")
        printed, namespace = run_snippet(export.snippet(kind, names), tmp_path, monkeypatch)
        app_input = preprocess.to_model_input(picture)
        snippet_input = namespace["to_model_input"](str(tmp_path / "picture.png"))
        assert snippet_input.shape == (1, 28, 28, 1) and snippet_input.dtype == np.uint8
        assert np.abs(snippet_input[0, :, :, 0].astype(int) - app_input.astype(int)).mean() < 3
        top = int(np.argmax(inference.predictor_for(model).probabilities(app_input)))
        assert printed.startswith(f"{names[top]}: ")


def test_mnist_profile_snippet_centres_the_mass():
    code = export.snippet("keras", ["a", "b"], profile="mnist")
    assert 'item_size=20, centring="mass"' in code


def test_examples_snippet_reads_the_zip(model, shapes, tmp_path, monkeypatch):
    (tmp_path / export.FILE_NAMES["examples"]).write_bytes(shapes.to_zip())
    (tmp_path / export.FILE_NAMES["keras"]).write_bytes(export.keras_bytes(model))
    printed, namespace = run_snippet(export.snippet("examples", shapes.class_names), tmp_path, monkeypatch)
    assert "বৃত্ত 8 examples" in printed and "bar 8 examples" in printed
    assert namespace["images"].shape == (16, 28, 28)
    assert "the model knows" in printed
