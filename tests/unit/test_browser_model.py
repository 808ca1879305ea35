"""The page's own answer to a drawing (ui/sketchpad/frontend/sketchpad_core.js, run in Node.js) is
the server's: the same 28x28 picture as cnn_core.preprocess (Pillow's Lanczos included) and the
same probabilities as TensorFlow, for every kind of network this app builds; models the page
cannot run are not exported."""

from __future__ import annotations

import base64
import json
import shutil
import struct
import subprocess
from pathlib import Path

import keras
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from cnn_core import browser_model, network, preprocess
from cnn_core.datasets import DATASETS
from cnn_core.figures import network as figures
from cnn_core.models import build_model

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tests" / "support" / "run_sketchpad_core.js"


def drawing(seed: int, size: int = 280) -> np.ndarray:
    """A learner-like RGBA drawing: a few thick white strokes on black, with soft (anti-aliased) edges."""
    rng = np.random.default_rng(seed)
    picture = Image.new("L", (size, size), 0)
    pen = ImageDraw.Draw(picture)
    for _ in range(int(rng.integers(1, 5))):
        points = [tuple(int(v) for v in rng.integers(10, size - 10, 2)) for _ in range(int(rng.integers(2, 6)))]
        pen.line(points, fill=255, width=int(rng.integers(8, 40)), joint="curve")
    if seed % 3 == 0:  # a learner who scribbled over most of the edge: the picture gets inverted
        pen.rectangle([0, 0, size - 1, size - 1], outline=255, width=12)
    grey = np.asarray(picture.filter(ImageFilter.GaussianBlur(1.2)))
    return np.dstack([grey, grey, grey, np.full_like(grey, 255)])


def run_core(cases: list[tuple[np.ndarray, str]], packed: browser_model.BrowserModel, tmp_path: Path,
             strip: dict | None = None) -> list[dict]:
    (tmp_path / "cases.json").write_text(json.dumps([
        {"rgba": base64.b64encode(rgba.tobytes()).decode(), "width": rgba.shape[1], "height": rgba.shape[0],
         "profile": {"item_size": DATASETS[dataset].profile.item_size, "centring": DATASETS[dataset].profile.centring}}
        for rgba, dataset in cases]))
    (tmp_path / "model.bin").write_bytes(packed.data)
    extra = []
    if strip is not None:
        (tmp_path / "strip.json").write_text(json.dumps(strip))
        extra = [str(tmp_path / "strip.json")]
    node = shutil.which("node")
    assert node, "Node.js runs the page's code here (CI installs it with npm)"
    done = subprocess.run([node, str(RUNNER), str(tmp_path / "cases.json"), str(tmp_path / "model.bin"), *extra],
                          capture_output=True, text=True, timeout=120, check=True)
    return json.loads(done.stdout)


def with_batchnorm_statistics(model: keras.Model, seed: int) -> keras.Model:
    """Untrained BatchNorm layers scale by 1 and shift by 0; give them learned-looking numbers."""
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            gamma, beta, mean, variance = layer.get_weights()
            layer.set_weights([rng.uniform(0.5, 1.5, gamma.shape), rng.normal(0, 0.2, beta.shape),
                               rng.normal(0, 0.3, mean.shape), rng.uniform(0.2, 2.0, variance.shape)])
    return model


@pytest.mark.parametrize("preset", ["seed", "small", "strong", "best"])
def test_the_page_answers_as_the_server_does(preset, tmp_path):
    model = with_batchnorm_statistics(build_model(preset, num_classes=10, seed=3), seed=3)
    packed = browser_model.export(model)
    assert packed is not None
    cases = [(drawing(seed), dataset) for seed in range(8) for dataset in ("fashion_mnist", "mnist")]
    answers = run_core(cases, packed, tmp_path)
    for (rgba, dataset), answer in zip(cases, answers):
        image28 = preprocess.to_model_input(rgba, dataset)
        assert np.array_equal(np.asarray(answer["image28"], dtype=np.uint8).reshape(28, 28), image28), dataset
        expected = model(image28[None, ..., None], training=False).numpy()[0]
        np.testing.assert_allclose(answer["probabilities"], expected, atol=2e-5)
    assert answers[0]["shapes"][-1] == [10]


@pytest.mark.parametrize("preset", ["seed", "strong", "best"])
def test_the_page_draws_the_strip_the_server_draws(preset, tmp_path):
    """Every column of the page's strip holds the codes of the server's plotly strip (a code may
    differ by one where float32 sums in another order land on a rounding edge) on the same scale."""
    model = with_batchnorm_statistics(build_model(preset, num_classes=10, seed=4), seed=4)
    names = [f"class {index}" for index in range(10)]
    spec = figures.browser_strip(network.strip_columns(model), names)
    cases = [(drawing(seed), "fashion_mnist") for seed in range(4)]
    for answer in run_core(cases, browser_model.export(model), tmp_path, strip=spec):
        image28 = np.asarray(answer["image28"], dtype=np.uint8).reshape(28, 28)
        server = figures.network_strip(network.trace_network(model, image28), names)
        heatmaps = [trace for trace in server["data"] if trace["type"] == "heatmap"]
        assert [column["name"] for column in answer["strip"]] == [trace["name"] for trace in heatmaps]
        for column, trace in zip(answer["strip"], heatmaps):
            expected = np.asarray(trace["z"], dtype=np.int64)
            page = np.asarray(column["codes"], dtype=np.int64).reshape(column["height"], column["width"])
            assert page.shape == expected.shape, column["name"]
            assert np.abs(page - expected).max() <= 1 and np.mean(page != expected) < 0.01, column["name"]
            assert figures.colour_table(trace["colorscale"]) == spec["colours"][column["kind"]], column["name"]
        server_bars = next(trace for trace in server["data"] if trace["type"] == "bar")
        assert server_bars["name"] == spec["output"]["name"]


def test_a_blank_drawing_has_no_answer(tmp_path):
    packed = browser_model.export(build_model("small", num_classes=10, seed=0))
    black = np.dstack([np.zeros((280, 280, 3), np.uint8), np.full((280, 280), 255, np.uint8)])
    faint = black.copy()
    faint[100:120, 100:120, :3] = preprocess.MIN_INK - 1
    assert run_core([(black, "fashion_mnist"), (faint, "fashion_mnist")], packed, tmp_path) == [
        {"blank": True}, {"blank": True}]


def test_the_file_names_its_content_and_holds_every_weight():
    model = build_model("seed", num_classes=10, seed=1)
    packed = browser_model.export(model)
    header_length = struct.unpack("<I", packed.data[:4])[0]
    header = json.loads(packed.data[4:4 + header_length])
    floats = (len(packed.data) - 4 - header_length) // 4
    assert floats == model.count_params()
    assert [layer["kind"] for layer in header["layers"]] == ["rescale", "conv", "pool", "conv", "pool", "flatten",
                                                            "dense", "dense"]
    assert browser_model.export(build_model("seed", num_classes=10, seed=1)).name == packed.name
    assert browser_model.export(build_model("seed", num_classes=10, seed=2)).name != packed.name


def test_models_the_page_cannot_run_stay_on_the_server():
    inputs = keras.Input((28, 28, 1), dtype="uint8")
    x = keras.layers.Rescaling(1 / 255)(inputs)
    branch = keras.layers.Conv2D(4, 3, padding="same")(x)
    x = keras.layers.Concatenate()([x, branch])                       # not a chain
    outputs = keras.layers.Dense(10, activation="softmax")(keras.layers.Flatten()(x))
    assert browser_model.export(keras.Model(inputs, outputs)) is None
    inputs = keras.Input((28, 28, 1), dtype="uint8")
    x = keras.layers.Rescaling(1 / 255)(inputs)
    x = keras.layers.Conv2D(4, 3, activation="tanh")(x)              # an activation the page lacks
    outputs = keras.layers.Dense(10, activation="softmax")(keras.layers.Flatten()(x))
    assert browser_model.export(keras.Model(inputs, outputs)) is None
    inputs = keras.Input((28, 28, 1), dtype="uint8")
    x = keras.layers.Flatten()(keras.layers.Rescaling(1 / 255)(inputs))
    assert browser_model.export(keras.Model(inputs, keras.layers.Dense(10)(x))) is None  # no softmax
