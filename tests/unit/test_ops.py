"""The numpy convolution/pooling engine: the lesson's numbers, TensorFlow agreement, clear errors."""

import numpy as np
import pytest
import tensorflow as tf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cnn_core import i18n, ops
from cnn_core.errors import UserError

PROPERTY_SETTINGS = settings(max_examples=80, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --- the lesson ------------------------------------------------------------------------------

def test_lesson_grid_is_the_drawing_with_the_blank_cell_as_zero():
    assert ops.LESSON_GRID.shape == (4, 5)  # 4 tall, 5 wide
    assert ops.LESSON_GRID[1, 4] == 0
    assert ops.LESSON_GRID.sum() == 31


def test_lesson_pooling_gives_4_3_4_3():
    trace = ops.pool(ops.LESSON_GRID, **ops.LESSON_POOL)
    np.testing.assert_array_equal(trace.output, [[4, 3], [4, 3]])
    np.testing.assert_array_equal(trace.output, ops.LESSON_POOLED)
    # The first window's winner is the 4 in row 3, column 2 of the grid.
    first = trace.steps[0]
    assert first.argmax == (2, 1) and first.value == 4
    # The window moves 2 columns right, then 1 row down.
    assert [(s.top, s.left) for s in trace.steps] == [(0, 0), (0, 2), (1, 0), (1, 2)]


def test_lesson_default_convolution_copies_the_grid_so_pooling_sees_the_lesson_numbers():
    kernel = ops.preset_kernel(ops.LESSON_CONV["kernel"], ops.LESSON_CONV["kernel_size"])
    conv = ops.convolve(ops.LESSON_GRID, kernel, stride=ops.LESSON_CONV["stride"],
                        padding=ops.LESSON_CONV["padding"])
    np.testing.assert_array_equal(conv.output, ops.LESSON_GRID)
    np.testing.assert_array_equal(ops.pool(conv.output, **ops.LESSON_POOL).output, ops.LESSON_POOLED)


def test_lesson_3x3_kernel_with_stride_1_2_makes_a_four_cell_feature_map():
    conv = ops.convolve(ops.LESSON_GRID, np.ones((3, 3)), stride=(1, 2))
    assert conv.output.shape == (2, 2)
    # Sum of the first 3x3 window: 1+2+2 + 1+0+3 + 1+4+1.
    assert conv.output[0, 0] == 15


# --- steps -----------------------------------------------------------------------------------

def test_steps_are_row_major_and_each_value_is_its_products_sum_plus_bias():
    image = np.arange(20, dtype=float).reshape(4, 5)
    kernel = np.array([[1.0, -1.0], [2.0, 0.5]])
    trace = ops.convolve(image, kernel, stride=(1, 2), padding="valid", bias=0.25)
    assert trace.output.shape == (3, 2)
    assert [(s.row, s.col) for s in trace.steps] == [(r, c) for r in range(3) for c in range(2)]
    for step in trace.steps:
        np.testing.assert_array_equal(step.window, image[step.top:step.top + 2, step.left:step.left + 2])
        np.testing.assert_array_equal(step.products, step.window * kernel)
        assert step.value == pytest.approx(step.products.sum() + 0.25)
        assert trace.output[step.row, step.col] == step.value


def test_same_padding_is_asymmetric_like_tensorflow_and_windows_show_zeros():
    image = np.ones((4, 4))
    trace = ops.convolve(image, np.ones((2, 2)), padding="same")
    # pad_total = (4-1)*1 + 2 - 4 = 1: nothing before, one row/column after.
    assert trace.pads == (0, 1, 0, 1)
    trace = ops.convolve(image, np.ones((3, 3)), padding="same")
    assert trace.pads == (1, 1, 1, 1)
    first = trace.steps[0]
    assert (first.top, first.left) == (-1, -1)
    np.testing.assert_array_equal(first.window, [[0, 0, 0], [0, 1, 1], [0, 1, 1]])
    assert first.value == 4


def test_pool_same_ignores_padding_and_reports_real_cell_count():
    feature = np.array([[-5.0, -1.0, -2.0], [-3.0, -4.0, -6.0], [-7.0, -8.0, -9.0]])
    max_trace = ops.pool(feature, size=2, stride=2, mode="max", padding="same")
    # The padded cells would be 0 if they counted; the max of real cells is negative.
    np.testing.assert_array_equal(max_trace.output, [[-1, -2], [-7, -9]])
    avg_trace = ops.pool(feature, size=2, stride=2, mode="average", padding="same")
    corner = avg_trace.steps[3]
    assert corner.count == 1 and corner.value == -9
    assert avg_trace.steps[1].count == 2 and avg_trace.steps[1].value == pytest.approx(-4)
    assert max_trace.steps[0].argmax == (0, 1)


def test_output_size_formulas():
    assert ops.output_size(28, 3, 1, "valid") == 26
    assert ops.output_size(5, 3, 2, "valid") == 2
    assert ops.output_size(28, 3, 1, "same") == 28
    assert ops.output_size(28, 2, 2, "same") == 14
    assert ops.output_size(5, 3, 2, "same") == 3


def test_uncovered_pixels_counts_skipped_and_dropped_pixels():
    assert ops.uncovered_pixels(5, 3, 2, "valid") == 0     # windows 0-2, 2-4 cover everything
    assert ops.uncovered_pixels(6, 3, 2, "valid") == 1     # the last pixel is dropped
    assert ops.uncovered_pixels(7, 2, 3, "valid") == 3     # gaps at 2 and 5, and 6 dropped
    assert ops.uncovered_pixels(28, 3, 1, "same") == 0
    assert ops.uncovered_pixels(9, 1, 3, "same") == 6      # a 1x1 window every 3 pixels


def test_relu_and_presets():
    np.testing.assert_array_equal(ops.relu(np.array([-2.0, 0.0, 3.0])), [0, 0, 3])
    for name, sizes in ops.KERNEL_PRESETS.items():
        assert 3 in sizes, name
        for size, kernel in sizes.items():
            assert kernel.shape == (size, size)
            assert not kernel.flags.writeable
            i18n.t(f"conv.kernel.{name}", "bn")  # every preset has a name in both languages
    assert set(ops.KERNEL_PRESETS["box_blur"]) >= {3, 5} and set(ops.KERNEL_PRESETS["gaussian"]) >= {3, 5}
    assert ops.KERNEL_PRESETS["gaussian"][5].sum() == pytest.approx(1.0)
    # The identity kernel leaves any image as it was.
    image = np.random.default_rng(0).random((6, 7))
    np.testing.assert_allclose(ops.convolve(image, ops.preset_kernel("identity", 5), padding="same").output, image)


def test_a_28x28_trace_has_a_step_for_every_output_pixel():
    image = np.random.default_rng(1).integers(0, 256, (28, 28)).astype(float)
    trace = ops.convolve(image, ops.preset_kernel("sobel_x", 3), padding="same")
    assert len(trace.steps) == 784
    assert [step.row * 28 + step.col for step in trace.steps] == list(range(784))


# --- TensorFlow agreement --------------------------------------------------------------------

def tf_conv(image, kernel, stride, padding, bias):
    x = tf.constant(image[None, :, :, None], tf.float64)
    w = tf.constant(kernel[:, :, None, None], tf.float64)
    return tf.nn.conv2d(x, w, strides=[1, *stride, 1], padding=padding.upper())[0, :, :, 0].numpy() + bias


def tf_pool(feature, size, stride, mode, padding):
    x = tf.constant(feature[None, :, :, None], tf.float64)
    fn = tf.nn.max_pool2d if mode == "max" else tf.nn.avg_pool2d
    return fn(x, ksize=list(size), strides=list(stride), padding=padding.upper())[0, :, :, 0].numpy()


values = st.floats(-100, 100, allow_nan=False, allow_infinity=False, width=32)


@st.composite
def conv_cases(draw):
    padding = draw(st.sampled_from(ops.PADDINGS))
    k_rows, k_cols = draw(st.integers(1, 7)), draw(st.integers(1, 7))
    low_rows, low_cols = (k_rows, k_cols) if padding == "valid" else (1, 1)
    rows, cols = draw(st.integers(low_rows, 12)), draw(st.integers(low_cols, 12))
    image = np.array(draw(st.lists(values, min_size=rows * cols, max_size=rows * cols))).reshape(rows, cols)
    kernel = np.array(draw(st.lists(values, min_size=k_rows * k_cols,
                                    max_size=k_rows * k_cols))).reshape(k_rows, k_cols)
    stride = draw(st.one_of(st.integers(1, 4), st.tuples(st.integers(1, 4), st.integers(1, 4))))
    bias = draw(values)
    return image, kernel, stride, padding, bias


@PROPERTY_SETTINGS
@given(conv_cases())
def test_convolve_matches_tf_conv2d(case):
    image, kernel, stride, padding, bias = case
    trace = ops.convolve(image, kernel, stride=stride, padding=padding, bias=bias)
    pair = (stride, stride) if isinstance(stride, int) else stride
    expected = tf_conv(image, kernel, pair, padding, bias)
    assert trace.output.shape == expected.shape
    np.testing.assert_allclose(trace.output, expected, rtol=1e-9, atol=1e-7)
    assert trace.output.shape == (ops.output_size(image.shape[0], kernel.shape[0], pair[0], padding),
                                  ops.output_size(image.shape[1], kernel.shape[1], pair[1], padding))


@st.composite
def pool_cases(draw):
    padding = draw(st.sampled_from(ops.PADDINGS))
    size = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    low_rows, low_cols = size if padding == "valid" else (1, 1)
    rows, cols = draw(st.integers(low_rows, 12)), draw(st.integers(low_cols, 12))
    feature = np.array(draw(st.lists(values, min_size=rows * cols, max_size=rows * cols))).reshape(rows, cols)
    stride = (draw(st.integers(1, 4)), draw(st.integers(1, 4)))
    mode = draw(st.sampled_from(ops.POOL_MODES))
    return feature, size, stride, mode, padding


@PROPERTY_SETTINGS
@given(pool_cases())
def test_pool_matches_tf_pooling(case):
    feature, size, stride, mode, padding = case
    trace = ops.pool(feature, size=size, stride=stride, mode=mode, padding=padding)
    expected = tf_pool(feature, size, stride, mode, padding)
    assert trace.output.shape == expected.shape
    np.testing.assert_allclose(trace.output, expected, rtol=1e-9, atol=1e-7)
    if mode == "max":
        for step in trace.steps:
            assert step.window[step.argmax] == step.value


# --- errors ----------------------------------------------------------------------------------

@pytest.mark.parametrize("call, key", [
    (lambda: ops.convolve(np.ones((2, 2)), np.ones((3, 3))), "conv.err_kernel_bigger"),
    (lambda: ops.convolve(np.ones((5, 5)), np.ones((3, 3)), stride=0), "conv.err_stride"),
    (lambda: ops.convolve(np.ones((5, 5)), np.ones((3, 3)), stride=(1, -2)), "conv.err_stride"),
    (lambda: ops.convolve(np.ones((5, 5)), np.ones((3, 3)), stride=1.5), "conv.err_stride"),
    (lambda: ops.convolve(np.ones(5), np.ones((3, 3))), "conv.err_not_2d"),
    (lambda: ops.convolve(np.ones((5, 5, 1)), np.ones((3, 3))), "conv.err_not_2d"),
    (lambda: ops.convolve(np.ones((0, 5)), np.ones((1, 1))), "conv.err_empty"),
    (lambda: ops.convolve(np.ones((5, 5)), np.ones((8, 8)), padding="same"), "conv.err_kernel_size"),
    (lambda: ops.convolve([[1, float("nan")]], np.ones((1, 1))), "conv.err_cell_empty"),
    (lambda: ops.convolve([[1, float("inf")]], np.ones((1, 1))), "conv.err_cell_too_big"),
    (lambda: ops.convolve([[1, 1e308]], np.ones((1, 1))), "conv.err_cell_too_big"),
    (lambda: ops.convolve([[1, 2]], [[float("-inf")]]), "conv.err_cell_too_big"),
    (lambda: ops.convolve(np.ones((3, 3)), np.ones((1, 1)), padding="full"), "conv.err_padding"),
    (lambda: ops.convolve(np.ones((3, 3)), np.ones((1, 1)), bias=float("nan")), "conv.err_bias"),
    (lambda: ops.pool(np.ones((2, 2)), size=3), "conv.err_pool_bigger"),
    (lambda: ops.pool(np.ones((4, 4)), mode="median"), "conv.err_pool_mode"),
    (lambda: ops.pool(np.ones((4, 4)), stride=(0, 1)), "conv.err_stride"),
    (lambda: ops.pool(np.ones((4, 4)), size=(0, 2)), "conv.err_pool_size"),
    (lambda: ops.output_size(2, 3, 1, "valid"), "conv.err_window_too_big"),
    (lambda: ops.preset_kernel("sharpen", 5), "conv.err_preset_size"),
    (lambda: ops.preset_kernel("blurry", 3), "conv.err_unknown_preset"),
])
def test_bad_arguments_raise_user_errors_with_translated_text(call, key):
    with pytest.raises(UserError) as caught:
        call()
    err = caught.value
    assert isinstance(err, ValueError) and err.key == key
    for lang in i18n.LANGUAGES:
        text = i18n.t(err.key, lang, **err.values)
        assert text and "{" not in text


@pytest.mark.parametrize("cells, key, where", [
    ([["1", "abc"], ["2", "3"]], "conv.err_cell_text", (1, 2)),
    ([["1", "2"], ["", "3"]], "conv.err_cell_empty", (2, 1)),
    ([["1", "2"], [None, "3"]], "conv.err_cell_empty", (2, 1)),
    ([["1", "nan"], ["2", "3"]], "conv.err_cell_empty", (1, 2)),
    ([["inf", "2"]], "conv.err_cell_too_big", (1, 1)),
    ([["1", "1e308"]], "conv.err_cell_too_big", (1, 2)),
])
def test_to_grid_points_at_the_bad_cell(cells, key, where):
    with pytest.raises(UserError) as caught:
        ops.to_grid(cells)
    assert caught.value.key == key
    assert (caught.value.values["row"], caught.value.values["col"]) == where


def test_to_grid_reads_typed_numbers_including_bengali_digits():
    grid = ops.to_grid([[" 1", "−2", "২.৫"], [3, 4.5, "1e2"]])
    np.testing.assert_array_equal(grid, [[1, -2, 2.5], [3, 4.5, 100]])
