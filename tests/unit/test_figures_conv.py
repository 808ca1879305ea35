"""Convolution-lab figures and written arithmetic, built from real engine traces."""

import numpy as np

from cnn_core import ops
from cnn_core.figures import conv as figs


def test_format_number_is_short_uses_a_real_minus_and_bengali_digits():
    assert figs.format_number(4.0) == "4"
    assert figs.format_number(-1) == "\u22121"
    assert figs.format_number(1 / 9) == "0.111"
    assert figs.format_number(127.53) == "127.5"
    assert figs.format_number(-0.0001) == "0"
    assert figs.format_number(12, "bn") == "১২"
    assert figs.format_number(-2.5, "bn") == "\u2212২.৫"


def test_conv_arithmetic_writes_every_product_and_the_sum():
    trace = ops.convolve([[1, 2], [3, 4]], [[0, -1], [2, 1]], bias=0.5)
    text = figs.conv_arithmetic(trace.steps[0], trace.kernel, trace.bias)
    assert text == "1×0 + 2×(\u22121) + 3×2 + 4×1 + 0.5 = 8.5"
    trace = ops.convolve([[1, 2], [3, 4]], [[0, -1], [0, 0]])
    assert figs.conv_arithmetic(trace.steps[0], trace.kernel, 0.0, relu=True).endswith("= \u22122  →  ReLU = 0")


def test_pool_arithmetic_max_and_average_skip_padding():
    trace = ops.pool(ops.LESSON_GRID, **ops.LESSON_POOL)
    assert figs.pool_arithmetic(trace.steps[0], "max") == "max(1, 2, 2, 1, 0, 3, 1, 4, 1) = 4"
    trace = ops.pool([[1, 2, 3]], size=2, stride=2, mode="average", padding="same")
    assert figs.pool_arithmetic(trace.steps[1], "average") == "(3) ÷ 1 = 3"
    assert figs.pool_arithmetic(trace.steps[0], "average", "bn") == "(১ + ২) ÷ ২ = ১.৫"


def test_output_size_text_puts_the_numbers_in():
    assert figs.output_size_text(4, 3, 1, "valid", 2) == "⌊(4 \u2212 3) ÷ 1⌋ + 1 = 2"
    assert figs.output_size_text(5, 3, 2, "same", 3) == "⌈5 ÷ 2⌉ = 3"


def test_input_figure_shows_padding_cells_and_the_window():
    trace = ops.convolve(ops.LESSON_GRID, ops.preset_kernel("identity", 3), padding="same")
    fig = figs.input_figure(trace, trace.steps[0])
    padding = [t for t in fig.data if t.colorscale and t.colorscale[0][1] == figs.PADDING_COLOR]
    assert len(padding) == 1
    assert np.count_nonzero(~np.isnan(np.asarray(padding[0].z, dtype=float))) == 6 * 7 - 4 * 5
    (window,) = fig.layout.shapes
    assert (window.x0, window.x1, window.y0, window.y1) == (-1.5, 1.5, -1.5, 1.5)


def test_output_figure_fills_cells_in_sliding_order_and_outlines_the_newest():
    values = np.arange(6, dtype=float).reshape(2, 3)
    fig = figs.output_figure(values, filled=4)
    shown = np.asarray(fig.data[-1].z, dtype=float)
    assert np.array_equal(np.isnan(shown), [[False, False, False], [False, True, True]])
    assert fig.data[-1].text[1][0] == "3" and fig.data[-1].text[1][1] == ""
    (newest,) = fig.layout.shapes
    assert (newest.x0, newest.y0) == (-0.5, 0.5)


def test_pool_input_figure_rings_the_winner():
    trace = ops.pool(ops.LESSON_GRID, **ops.LESSON_POOL)
    fig = figs.pool_input_figure(trace, trace.steps[2])
    window, *rings = fig.layout.shapes
    assert (window.x0, window.y0) == (-0.5, 0.5)  # third window: one row down
    assert len(rings) == 2
    for ring in rings:  # around the 4 in row 3, column 2
        assert (ring.x0 + ring.x1) / 2 == 1 and (ring.y0 + ring.y1) / 2 == 2
    average = ops.pool(ops.LESSON_GRID, size=3, stride=(1, 2), mode="average")
    assert len(figs.pool_input_figure(average, average.steps[0]).layout.shapes) == 1


def test_big_grids_hide_cell_numbers():
    image = np.random.default_rng(0).integers(0, 256, (28, 28)).astype(float)
    fig = figs.image_figure(image)
    assert fig.data[-1].texttemplate is None
    assert figs.kernel_figure(np.ones((3, 3))).data[-1].texttemplate == "%{text}"
    assert figs.image_figure(np.ones((4, 4)), numbers=False).data[-1].texttemplate is None
