"""The Network page under AppTest: the strip shows every stage of the model in use, the opened
convolution map, dense unit and softmax write out the same numbers ``cnn_core.network`` computes, in
both languages, for the shipped defaults (Fashion-MNIST "strong", MNIST lesson network) and for a
learner's custom build. (The drawing canvas is a custom component AppTest cannot draw on:
tests/browser/test_browser_network.py draws on it.)"""

from __future__ import annotations

import io
import json

import keras
import numpy as np
import pytest
from PIL import Image

from cnn_core import i18n, network, store
from cnn_core.figures import PROJECTOR_SEQUENTIAL, network as figures
from cnn_core.figures.conv import format_number
from cnn_core.i18n import class_names, t
from cnn_core.models import build_model
from tests.support.apptest import codes, no_trouble


def charts(at) -> list[dict]:
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def strip_of(at) -> dict:
    """The network strip: the chart whose last trace is the probability bars next to heatmaps."""
    for chart in charts(at):
        kinds = [trace["type"] for trace in chart["data"]]
        if kinds[-1] == "bar" and kinds.count("heatmap") >= 3:
            return chart
    raise AssertionError("no network strip on the page")


@pytest.fixture(scope="module")
def fashion_default():
    return store.pretrained("fashion_mnist")[0]


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_shipped_default_follows_a_test_picture_and_writes_out_a_layer_2_pixel(app_test, fashion_default, fashion,
                                                                                  lang):
    at = app_test("network", lang=lang)
    no_trouble(at)
    assert at.title[0].value == t("network.title", lang)
    at.radio(key="network_source").set_value("test").run()
    at.number_input(key="network_test_index").set_value(3).run()
    no_trouble(at)
    trace = network.trace_network(fashion_default, fashion.test_images[3, :, :, 0])
    strip = strip_of(at)
    assert [item["name"] for item in strip["data"]] == [stage.name for stage in trace.stages]
    # layer 2 is opened by default: its 32 input channels, one written-out line each, then the sum
    assert at.selectbox(key="network_conv_layer").value == "block2_conv"
    at.number_input(key="network_conv_channel_block2_conv").set_value(7).run()
    at.number_input(key="network_pixel_row_block2_conv").set_value(5).run()
    at.number_input(key="network_pixel_col_block2_conv").set_value(9).run()
    no_trouble(at)
    explained = network.explain_conv_map(fashion_default, trace, "block2_conv", 6)
    channel_lines = figures.pixel_channel_lines(explained.pixel(4, 8), lang)
    written = figures.pixel_sum_text(explained.pixel(4, 8), lang)
    assert channel_lines in codes(at) and written in codes(at)
    assert len(channel_lines.splitlines()) == 32
    lines = written.splitlines()
    assert lines[-1].endswith(format_number(explained.model_map[4, 8], lang))       # after BatchNorm and ReLU
    assert [line.split(":")[0] for line in lines[-2:]] == ["BatchNorm", "ReLU"]
    assert any(box.value == t("network.matches_model", lang, value=format_number(explained.model_map[4, 8], lang))
               for box in at.success)
    # the softmax tab writes out the model's own logits and probabilities
    softmax = network.explain_softmax(trace.logits)
    assert figures.softmax_sum_text(softmax, lang) in codes(at)
    np.testing.assert_allclose(softmax.probabilities, trace.probabilities, atol=1e-6)


def test_a_custom_build_is_read_layer_by_layer(app_test, fashion):
    model = build_model("custom", conv_blocks=3, filters=8, kernel_size=5, dense_units=32, dropout=0.3, seed=3)
    meta = {"dataset": "fashion_mnist", "name": "custom five-by-five"}
    at = app_test("network", lang="bn", session_state={"active_model": (model, meta),
                                                       "network_source": "test"})
    no_trouble(at)
    assert "custom five-by-five" in at.caption[0].value
    assert at.selectbox(key="network_conv_layer").options[2].startswith("conv3")
    at.selectbox(key="network_conv_layer").set_value("conv3").run()
    at.number_input(key="network_conv_channel_conv3").set_value(2).run()
    no_trouble(at)
    trace = network.trace_network(model, fashion.test_images[0, :, :, 0])
    assert [item["name"] for item in strip_of(at)["data"]] == [
        "image", "conv1", "pool1", "conv2", "pool2", "conv3", "pool3", "flatten", "dense", "probabilities"]
    row, col = (int(at.number_input(key=f"network_pixel_{axis}_conv3").value) - 1 for axis in ("row", "col"))
    pixel = network.explain_conv_map(model, trace, "conv3", 1).pixel(row, col)
    written = figures.pixel_channel_lines(pixel, "bn")
    assert written in codes(at) and figures.pixel_sum_text(pixel, "bn") in codes(at)
    assert written.count("×") == 16 * 25                    # 16 input channels, 5x5 products each
    # the dense unit's inputs are laid out as the 3x3x32 maps flatten received
    at.number_input(key="network_dense_unit_dense").set_value(4).run()
    unit = network.explain_dense_unit(model, trace, "dense", 3)
    assert unit.contributions.shape == (3, 3, 32)
    assert figures.dense_sum_text(unit, "bn") in codes(at)
    # moving one logit: the page says what happens to the others, with the numbers of explain_logit_change
    at.selectbox(key="network_change_class").set_value(2).run()
    at.slider(key="network_change_delta").set_value(2.5).run()
    no_trouble(at)
    change = network.explain_logit_change(trace.logits, 2, 2.5)
    assert figures.softmax_sum_text(change.after, "bn") in codes(at)
    assert figures.exp_text(change.others_factor, "bn") in at.info[-1].value


def test_mnist_default_with_an_upload_in_projector_mode(app_test, mnist):
    at = app_test("network", dataset="mnist", session_state={"projector": True, "network_source": "upload"})
    no_trouble(at)
    seven = mnist.test_images[int(np.flatnonzero(mnist.test_labels == 7)[0]), :, :, 0]
    buffer = io.BytesIO()
    Image.fromarray(255 - seven).resize((140, 140)).convert("RGB").save(buffer, "PNG")
    at.file_uploader(key="network_upload").set_value(("seven.png", buffer.getvalue(), "image/png")).run()
    no_trouble(at)
    strip = strip_of(at)
    assert [item["name"] for item in strip["data"]] == [
        "image", "conv1", "pool1", "conv2", "pool2", "flatten", "dense", "probabilities"]
    assert strip["data"][-1]["y"] == class_names("mnist", "en")
    assert t("network.prediction", "en", name="7", percent="")[:-2] in "\n".join(m.value for m in at.markdown)
    cividis = figures.colorscale("sequential", projector=True)
    assert strip["data"][1]["colorscale"][-1][1] == cividis[-1][1]
    assert cividis == figures.colorscale("sequential", True) != figures.colorscale("sequential", False)
    assert PROJECTOR_SEQUENTIAL == "Cividis"
    assert strip["layout"]["font"]["size"] == 20


def sketchpad_args(at) -> dict:
    """What the page handed the sketchpad (its component arguments)."""
    (element,) = at.get("component_instance")
    return json.loads(element.proto.json_args)


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_a_drawing_gets_its_strip_from_the_sketchpad(app_test, fashion_default, lang):
    """Draw (the default source): the sketchpad draws every column itself, stroke by stroke, so the
    server sends no strip of its own; the strip rings the map the explainer below has open."""
    at = app_test("network", lang=lang, session_state={"network_conv_layer": "block3_conv",
                                                       "network_conv_channel_block3_conv": 5})
    no_trouble(at)
    args = sketchpad_args(at)
    strip = args["strip"]
    trace = network.trace_network(fashion_default, np.zeros((28, 28), np.uint8))
    assert [column["name"] for column in strip["columns"]] == [stage.name for stage in trace.stages[:-1]]
    assert strip["output"]["name"] == trace.stages[-1].name
    assert strip["names"] == class_names("fashion_mnist", lang)
    assert [column["selected"] for column in strip["columns"] if column["selected"] is not None] == [4]
    assert next(column for column in strip["columns"] if column["selected"] is not None)["name"] == "block3_conv"
    assert strip["columns"][1]["label"][1] == "×".join(i18n.number(n, lang) for n in (28, 28, 32))
    assert args["text"]["strip_header"] == t("network.strip_header", lang)
    assert len(args["fallback"]) == 28 * 28 and args["model_url"].startswith("models/")
    with pytest.raises(AssertionError):
        strip_of(at)                                      # no server strip: the sketchpad draws it
    assert at.selectbox(key="network_conv_layer").value == "block3_conv"   # the explainers are the server's


def test_a_model_the_page_cannot_run_gets_the_servers_strip(app_test):
    """A layer the page's JavaScript lacks (LeakyReLU): the sketchpad only draws, the server answers."""
    inputs = keras.Input((28, 28, 1), dtype="uint8", name="image")
    x = keras.layers.Rescaling(1 / 255)(inputs)
    x = keras.layers.LeakyReLU()(keras.layers.Conv2D(4, 3, name="conv")(x))
    x = keras.layers.Flatten()(keras.layers.MaxPooling2D(name="pool")(x))
    model = keras.Model(inputs, keras.layers.Dense(10, activation="softmax", name="out")(x))
    at = app_test("network", session_state={"active_model": (model, {"dataset": "fashion_mnist", "name": "leaky"})})
    no_trouble(at)
    args = sketchpad_args(at)
    assert args["strip"] is None and args["model_url"] is None
    assert [item["name"] for item in strip_of(at)["data"]] == ["image", "conv", "pool", "flatten", "out"]
