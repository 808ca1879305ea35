"""ops.convolve_channels: one filter of a real Conv2D layer over a C-channel input, equal to
TensorFlow's conv2d for any channel count, stride and padding, and to the shipped models' own layers."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnn_core import network, ops, store
from cnn_core.errors import UserError
from cnn_core.models import build_model

PROPERTY_SETTINGS = settings(max_examples=60, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def conv_cases(draw):
    channels = draw(st.integers(1, 64))
    k_rows, k_cols = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    padding = draw(st.sampled_from(ops.PADDINGS))
    low = 1 if padding == "same" else max(k_rows, k_cols)
    rows, cols = draw(st.integers(low, 12)), draw(st.integers(low, 12))
    stride = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(rows, cols, channels)), rng.normal(size=(k_rows, k_cols, channels)),
            float(rng.normal()), stride, padding)


@PROPERTY_SETTINGS
@given(conv_cases())
def test_equals_tensorflow_conv2d_for_any_channels_stride_and_padding(case):
    stack, kernels, bias, stride, padding = case
    trace = ops.convolve_channels(stack, kernels, bias=bias, stride=stride, padding=padding)
    expected = tf.nn.conv2d(stack[None].astype(np.float64), kernels[:, :, :, None].astype(np.float64),
                            strides=(1, *stride, 1), padding=padding.upper()).numpy()[0, :, :, 0] + bias
    np.testing.assert_allclose(trace.output, expected, rtol=1e-9, atol=1e-9)
    # each channel alone is the plain 2-D convolution of that channel with its slice
    for channel in (0, stack.shape[2] - 1):
        alone = ops.convolve(stack[:, :, channel], kernels[:, :, channel], stride=stride, padding=padding)
        np.testing.assert_allclose(trace.per_channel[channel], alone.output, atol=1e-12)
    np.testing.assert_allclose(trace.per_channel.sum(axis=0) + trace.bias, trace.output, atol=1e-12)
    step = trace.step(len(trace) - 1)
    assert step.value == pytest.approx(float(step.channel_sums.sum()) + bias)
    assert (step.row, step.col) == (trace.shape[0] - 1, trace.shape[1] - 1)


def test_one_channel_is_the_single_channel_convolution():
    kernel = ops.preset_kernel("sobel_x", 3)
    single = ops.convolve(ops.LESSON_GRID, kernel, padding="same", bias=0.5)
    stacked = ops.convolve_channels(ops.LESSON_GRID, kernel, bias=0.5, padding="same")
    np.testing.assert_array_equal(stacked.output, single.output)
    np.testing.assert_array_equal(stacked.step(6).windows[0], single.step(6).window)


@pytest.mark.parametrize("dataset", ["fashion_mnist", "mnist"])
def test_equals_the_shipped_models_own_layers_before_their_activation(dataset, fashion, mnist):
    model = store.pretrained(dataset)[0]
    picture = (fashion if dataset == "fashion_mnist" else mnist).test_images[11, :, :, 0]
    trace = network.trace_network(model, picture)
    for name in network.conv_layers(model):
        layer = model.get_layer(name)
        # the layer's own output with its built-in activation switched off: the pre-activation map
        linear = keras.layers.Conv2D.from_config({**layer.get_config(), "activation": "linear"})
        linear.build(trace.input_of(name)[None].shape)
        linear.set_weights(layer.get_weights())
        own = keras.ops.convert_to_numpy(linear(trace.input_of(name)[None]))[0]
        kernel = keras.ops.convert_to_numpy(layer.kernel)
        biases = keras.ops.convert_to_numpy(layer.bias) if layer.use_bias else np.zeros(layer.filters)
        for channel in range(layer.filters):
            ours = ops.convolve_channels(trace.input_of(name), kernel[:, :, :, channel], bias=biases[channel],
                                         stride=layer.strides, padding=layer.padding)
            np.testing.assert_allclose(ours.output, own[:, :, channel], rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("stack, kernels, key", [
    (np.zeros((4, 4, 3)), np.zeros((3, 3, 2)), "network.err_kernel_channels"),
    (np.zeros((4, 4, 3, 1)), np.zeros((3, 3, 3)), "network.err_stack_shape"),
    (np.zeros((4, 4, 1)), np.zeros(3), "network.err_kernel_shape"),
    (np.full((4, 4, 1), np.nan), np.zeros((3, 3, 1)), "network.err_not_finite"),
    (np.zeros((2, 2, 1)), np.zeros((3, 3, 1)), "conv.err_kernel_bigger"),
])
def test_bad_shapes_and_values_are_explained(stack, kernels, key):
    with pytest.raises(UserError) as caught:
        ops.convolve_channels(stack, kernels, padding="valid")
    assert caught.value.key == key


def test_first_layer_filters_are_the_first_convolutions_kernels_and_biases():
    """The one reader of a model's first filters (Convolution lab and Inside the model both use it)."""
    model = build_model("seed", seed=5)
    kernels, biases = ops.first_layer_filters(model)
    conv1 = model.get_layer("conv1")
    assert kernels.shape == (32, 3, 3) and biases.shape == (32,)
    np.testing.assert_allclose(np.moveaxis(kernels, 0, -1), conv1.kernel.numpy()[:, :, 0, :])
    np.testing.assert_allclose(biases, conv1.bias.numpy())
    inputs = keras.Input((28, 28, 1))
    unbiased = keras.Model(inputs, keras.layers.Conv2D(4, 5, use_bias=False)(inputs))
    kernels, biases = ops.first_layer_filters(unbiased)
    assert kernels.shape == (4, 5, 5) and not biases.any()
    with pytest.raises(UserError):
        ops.first_layer_filters(keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)]))
