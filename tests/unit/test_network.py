"""cnn_core.network: one picture through every layer of any of the app's models, and the pieces it
opens (a convolution map's channel sums, a dense unit's weights x inputs, softmax from the logits),
checked against the models' own arithmetic."""

from __future__ import annotations

import gc
import weakref

import keras
import numpy as np
import pytest

from cnn_core import network, store
from cnn_core.errors import UserError
from cnn_core.figures import network as figures
from cnn_core.models import build_model

PRESET_BUILDS = {
    "seed": {},
    "small": {},
    "strong": {},
    "custom_one_block": {"conv_blocks": 1, "filters": 4, "kernel_size": 5, "dense_units": 16},
    "custom_three_blocks_dropout": {"conv_blocks": 3, "filters": 8, "dense_units": 24, "dropout": 0.4},
}


def build(name: str) -> keras.Model:
    options = PRESET_BUILDS[name]
    return build_model("custom" if name.startswith("custom") else name, seed=1, **options)


def with_learned_batchnorm(model: keras.Model, seed: int = 0) -> keras.Model:
    """Give every BatchNorm layer the kind of numbers training leaves (a fresh one is the identity)."""
    rng = np.random.default_rng(seed)
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            channels = layer.gamma.shape[0]
            layer.set_weights([rng.uniform(0.5, 2.0, channels), rng.normal(0, 0.3, channels),
                               rng.normal(0, 0.2, channels), rng.uniform(0.01, 0.5, channels)])
    return model


def own_outputs(model: keras.Model, image28: np.ndarray) -> dict[str, np.ndarray]:
    """Every layer's output computed by Keras itself, layer by layer (no shared code with the trace)."""
    values, outputs = image28[None, :, :, None], {}
    for layer in model.layers[1:]:
        values = layer(values, training=False)
        outputs[layer.name] = keras.ops.convert_to_numpy(values)[0]
    return outputs


@pytest.fixture(scope="module")
def pictures(fashion):
    return fashion.test_images[:4, :, :, 0]


@pytest.mark.parametrize("name", sorted(PRESET_BUILDS))
def test_every_layer_output_is_the_models_own(name, pictures):
    model = with_learned_batchnorm(build(name))
    trace = network.trace_network(model, pictures[1])
    expected = own_outputs(model, pictures[1])
    assert [result.name for result in trace.layers[1:]] == list(expected)
    for result in trace.layers[1:]:
        np.testing.assert_allclose(result.values, expected[result.name], rtol=1e-5, atol=1e-5)
    np.testing.assert_allclose(trace.probabilities, model(pictures[1][None, :, :, None]).numpy()[0], atol=1e-6)
    # the logits are the output layer without its softmax
    np.testing.assert_allclose(network.explain_softmax(trace.logits).probabilities, trace.probabilities, atol=1e-6)


@pytest.mark.parametrize("name", sorted(PRESET_BUILDS))
def test_stages_are_read_from_the_layer_kinds(name):
    model = build(name)
    trace = network.trace_network(model, np.zeros((28, 28), np.uint8))
    kinds = [stage.kind for stage in trace.stages]
    convs = sum(isinstance(layer, keras.layers.Conv2D) for layer in model.layers)
    assert kinds == ["input"] + ["conv", "pool"] * convs + ["flatten", "dense", "output"]
    assert [layer for stage in trace.stages for layer in stage.layers] == [layer.name for layer in model.layers]
    assert trace.stages[-1].values.shape == (10,)
    for stage in trace.stages:
        if stage.kind == "conv":          # what the next column sees is after the activation
            assert stage.values.min() >= 0 and "ReLU" in stage.extras
    if name == "strong":
        assert trace.stage_of("block2_bn").extras == ("BN", "ReLU")
        assert trace.stage_of("drop1").name == "flatten"


def test_layer_kinds_come_from_the_classes_not_the_names():
    inputs = keras.Input((28, 28, 1), dtype="uint8")
    x = keras.layers.Rescaling(1 / 255, name="dense")(inputs)               # names that would mislead
    x = keras.layers.Conv2D(3, 3, name="pool", activation="tanh")(x)
    x = keras.layers.AveragePooling2D(2, name="conv")(x)
    x = keras.layers.GlobalAveragePooling2D(name="softmax")(x)
    outputs = keras.layers.Dense(4, activation="softmax", name="flatten")(x)
    model = keras.Model(inputs, outputs)
    trace = network.trace_network(model, np.full((28, 28), 100, np.uint8))
    assert [stage.kind for stage in trace.stages] == ["input", "conv", "pool", "flatten", "output"]
    assert trace.stages[1].extras == ("tanh",)
    explained = network.explain_conv_map(model, trace, "pool", 2)
    assert explained.matches_model and explained.after[-1].activation == "tanh"


def test_a_branching_model_is_refused_with_a_reason():
    inputs = keras.Input((28, 28, 1), dtype="uint8")
    scaled = keras.layers.Rescaling(1 / 255)(inputs)
    joined = keras.layers.Add()([keras.layers.Conv2D(2, 3, padding="same")(scaled),
                                 keras.layers.Conv2D(2, 3, padding="same")(scaled)])
    outputs = keras.layers.Dense(10, activation="softmax")(keras.layers.Flatten()(joined))
    with pytest.raises(UserError) as caught:
        network.trace_network(keras.Model(inputs, outputs), np.zeros((28, 28), np.uint8))
    assert caught.value.key == "network.err_not_a_chain"


def test_a_layer_used_twice_is_refused_with_a_reason():
    inputs = keras.Input((28, 28, 1), dtype="uint8")
    shared = keras.layers.Conv2D(1, 3, padding="same")
    x = shared(shared(keras.layers.Rescaling(1 / 255)(inputs)))
    outputs = keras.layers.Dense(10, activation="softmax")(keras.layers.Flatten()(x))
    with pytest.raises(UserError) as caught:
        network.trace_network(keras.Model(inputs, outputs), np.zeros((28, 28), np.uint8))
    assert caught.value.key == "network.err_not_a_chain"


def test_the_cache_does_not_keep_a_model_alive():
    model = build_model("small", seed=0)
    network.trace_network(model, np.zeros((28, 28), np.uint8))
    plan = network._plan_for(model)
    assert network._plan_for(model) is plan                # one compiled call per model
    gone = weakref.ref(model)
    del model, plan
    gc.collect()
    assert gone() is None


@pytest.mark.parametrize("name", ["seed", "strong", "custom_one_block"])
def test_a_conv_map_is_its_channels_summed_plus_bias_then_bn_and_activation(name, pictures):
    model = with_learned_batchnorm(build(name), seed=4)
    trace = network.trace_network(model, pictures[2])
    for layer in network.conv_layers(model):
        filters = model.get_layer(layer).filters
        for channel in (0, filters - 1):
            explained = network.explain_conv_map(model, trace, layer, channel)
            conv = explained.trace
            np.testing.assert_allclose(conv.per_channel.sum(axis=0) + conv.bias, conv.output, atol=1e-9)
            assert explained.matches_model, (layer, channel)
            kinds = [change.kind for change in explained.after]
            assert kinds == (["batchnorm", "activation"] if name == "strong" and layer != "block1_conv"
                             else ["activation"])
            rows, cols = conv.shape
            pixel = explained.pixel(rows - 1, cols // 2)
            np.testing.assert_allclose(pixel.step.products.sum(axis=(1, 2)), pixel.step.channel_sums)
            assert pixel.total == pytest.approx(float(pixel.step.channel_sums.sum()) + pixel.bias)
            assert pixel.value == pytest.approx(float(explained.model_map[rows - 1, cols // 2]), abs=1e-4)
            assert pixel.step.windows.shape == (conv.channels,) + conv.kernels.shape[:2]


def test_batchnorm_is_written_with_its_learned_numbers(pictures):
    model = with_learned_batchnorm(build_model("strong", seed=2), seed=9)
    trace = network.trace_network(model, pictures[0])
    explained = network.explain_conv_map(model, trace, "block3_conv", 5)
    batchnorm = explained.after[0]
    gamma, beta, mean, variance = (weight[5] for weight in model.get_layer("block3_bn").get_weights())
    assert (batchnorm.gamma, batchnorm.beta, batchnorm.mean, batchnorm.variance) == pytest.approx(
        (gamma, beta, mean, variance))
    np.testing.assert_allclose(batchnorm.output, explained.trace.output * batchnorm.scale + batchnorm.shift)
    pixel = explained.pixel(2, 3)
    channel_lines = figures.pixel_channel_lines(pixel, "en").splitlines()
    assert len(channel_lines) == 64 and all(line.count("×") == 9 for line in channel_lines)
    text = figures.pixel_sum_text(pixel, "en")
    assert text.count("\nBatchNorm: (") == 1 and "ReLU: max(" in text
    assert text.splitlines()[0].split(": ", 1)[1].count(" + ") == 64    # 64 channel sums and the bias


def test_bad_picks_are_explained():
    model = build_model("small", seed=0)
    trace = network.trace_network(model, np.zeros((28, 28), np.uint8))
    for call, key in ((lambda: network.explain_conv_map(model, trace, "dense", 0), "network.err_not_conv"),
                      (lambda: network.explain_conv_map(model, trace, "conv1", 16), "network.err_channel"),
                      (lambda: network.explain_conv_map(model, trace, "conv1", 0).pixel(28, 0), "network.err_pixel"),
                      (lambda: network.explain_dense_unit(model, trace, "conv2", 0), "network.err_not_dense"),
                      (lambda: network.explain_dense_unit(model, trace, "dense", 64), "network.err_unit"),
                      (lambda: network.change_logit(trace.logits, 10, 1.0), "network.err_class"),
                      (lambda: network.explain_softmax([1.0, float("nan")]), "network.err_logits"),
                      (lambda: network.trace_network(model, np.zeros((28, 27))), "network.err_input_shape")):
        with pytest.raises(UserError) as caught:
            call()
        assert caught.value.key == key


@pytest.mark.parametrize("dataset", ["fashion_mnist", "mnist"])
def test_shipped_default_dense_unit_reads_flatten_in_its_layout(dataset, fashion, mnist):
    model = store.pretrained(dataset)[0]
    images = (fashion if dataset == "fashion_mnist" else mnist).test_images
    trace = network.trace_network(model, images[5, :, :, 0])
    first_dense = network.dense_layers(model)[0]
    unit = int(np.argmax(trace.layer(first_dense).values))
    explained = network.explain_dense_unit(model, trace, first_dense, unit)
    pooled = trace.stages[[stage.kind for stage in trace.stages].index("flatten") - 1].values
    assert explained.flatten_layer == "flatten" and explained.inputs.shape == pooled.shape
    np.testing.assert_array_equal(explained.inputs, pooled)         # flatten keeps every number's place
    assert explained.total == pytest.approx(explained.contributions.sum() + explained.bias)
    assert explained.value == pytest.approx(explained.model_value, abs=1e-4)
    up, down = explained.strongest(3)
    assert all(value > 0 for _, value in up) and all(value < 0 for _, value in down)
    assert up[0][1] == pytest.approx(explained.contributions.max())
    output = network.explain_dense_unit(model, trace, network.dense_layers(model)[-1], 2)
    assert output.flatten_layer is None and output.contributions.ndim == 1
    assert output.value == pytest.approx(trace.logits[2])


def test_figures_are_plain_dicts_that_plotly_accepts_in_both_modes(pictures):
    import plotly.graph_objects as go

    model = with_learned_batchnorm(build_model("strong", seed=0))
    trace = network.trace_network(model, pictures[3])
    names = [f"class {index}" for index in range(10)]
    explained = network.explain_conv_map(model, trace, "block2_conv", 3)
    change = network.explain_logit_change(trace.logits, 4, -2.0)
    for projector in (False, True):
        built = [figures.network_strip(trace, names, "bn", projector, selected=("block2_bn", 3)),
                 figures.channel_sum_figure(explained, 0, 13, "en", projector),
                 figures.softmax_figure(change.before, names, "en", projector, change.after, 4),
                 figures.dense_contribution_figure(network.explain_dense_unit(model, trace, "dense", 0), "bn", projector),
                 figures.dense_contribution_figure(network.explain_dense_unit(model, trace, "probabilities", 0))]
        for figure in built:
            assert isinstance(figure, dict) and set(figure) == {"data", "layout"}
            go.Figure(figure)                                        # plotly's own validators accept it
    strip = figures.network_strip(trace, names, "en", selected=("block2_conv", 3))
    assert [item["name"] for item in strip["data"]] == [stage.name for stage in trace.stages]
    assert all(item["z"].dtype == np.uint8 for item in strip["data"][1:-1])   # compact typed arrays
    assert len(strip["layout"]["shapes"]) == 1 and strip["layout"]["shapes"][0]["xref"] == "x4"
    for trace_data in strip["data"][:-1]:     # plotly.js drops a scale that does not run from exactly 0 to 1
        stops = [stop for stop, _ in trace_data["colorscale"]]
        assert stops[0] == 0.0 and stops[-1] == 1.0 and stops == sorted(stops)


def test_strip_columns_tile_every_map_where_the_highlight_says():
    maps = np.arange(5 * 3 * 2, dtype=float).reshape(5, 3, 2)
    mosaic = figures.tile(maps, 2)
    assert mosaic.shape == (3 * 4 - 1, 2 * 3 - 1)
    for channel in range(5):
        top, left = figures.tile_origin(channel, 2, 3, 2)
        np.testing.assert_array_equal(mosaic[top:top + 3, left:left + 2], maps[channel])
    assert np.isnan(mosaic[3, 0]) and np.isnan(mosaic[0, 2])
    assert figures.mosaic_columns(32, 28, 28, 2.6) in (3, 4)


def test_numbers_in_the_softmax_text_keep_what_matters():
    assert figures.percent_text(0.9194, "en") == "91.9%"
    assert figures.percent_text(0.00004, "en") == "0.004%"          # not a flat 0.0%
    assert figures.percent_text(2e-9, "en") == "2.00×10^−7%"
    assert figures.percent_text(0.00004, "bn") == "০.০০৪%"
    assert figures.exp_text(0.99963, "en", digits=4) == "0.9996"     # a factor that is not quite 1
    assert figures.exp_text(1.28e8, "bn") == "১.২৮×১০^৮"
    change = network.explain_logit_change([2.0, 0.0, -1.0], 1, 2.0)
    assert change.others_factor == pytest.approx(change.after.probabilities[0] / change.before.probabilities[0])
    assert change.after.probabilities[1] / change.before.probabilities[1] == pytest.approx(
        change.factor * change.others_factor)
