"""Plotly figures and written-out arithmetic for the Convolution lab.

Every grid is drawn the same way: one square cell per number, the number written in the cell when
the grid is small enough to read, row 0 at the top. The input shows its zero padding as pale orange
cells, the current window as a thick rectangle, the feature map fills in cell by cell (cells not yet
computed stay blank) and the pooling view rings the winning cell of a max-pooling window.
"""

from __future__ import annotations

import math

import numpy as np
import plotly.graph_objects as go

from cnn_core.figures import MINUS, PALETTE
from cnn_core.i18n import digits
from cnn_core.ops import ConvStep, ConvTrace, PoolStep, PoolTrace

WINDOW_COLOR = PALETTE[3]      # vermillion: where the kernel / pooling window is now
CURRENT_COLOR = PALETTE[3]     # the output cell being written
WINNER_COLOR = PALETTE[6]      # yellow: the cell max pooling keeps
PADDING_COLOR = "#FCE3C4"      # pale orange: zeros added around the image
PADDING_TEXT = "#9A6A2F"
EMPTY_COLOR = "#F2F2F2"        # background of cells not computed yet
IMAGE_SCALE = "Greys"          # 0 white .. big dark, like ink on paper
SIGNED_SCALE = "RdBu"          # negatives red, positives blue, 0 white
NUMBERS_UP_TO = 14             # write numbers in cells only on grids at most this wide/tall


def format_number(value: float, lang: str = "en") -> str:
    """A short, readable number in ``lang``'s digits: whole numbers as they are, others to 1-3
    decimals, a real minus sign (``−``).

    Example:

    >>> format_number(3.0), format_number(-0.5), format_number(1234.5678, "bn")
    ('3', '−0.5', '১২৩৪.৬')
    """
    value = float(value)
    if math.isclose(value, round(value), abs_tol=1e-9):
        text = str(int(round(value)))
    else:
        decimals = 1 if abs(value) >= 100 else 2 if abs(value) >= 1 else 3
        text = f"{value:.{decimals}f}".rstrip("0").rstrip(".")
    if text in ("-0", "0"):
        text = "0"
    text = text.replace("-", MINUS)
    return digits(text, lang)


def _wrapped(value: float, lang: str) -> str:
    """A number ready to follow ``×``: negatives in brackets, ``2×(−1)``."""
    text = format_number(value, lang)
    return f"({text})" if text.startswith(MINUS) else text


def conv_arithmetic(step: ConvStep, kernel: np.ndarray, bias: float, lang: str = "en",
                    relu: bool = False) -> str:
    """One step written out: ``1×0 + 2×(−1) + … + bias = 5`` (and the ReLU when it is on)."""
    terms = [f"{_wrapped(x, lang)}×{_wrapped(w, lang)}" for x, w in zip(step.window.ravel(), kernel.ravel())]
    text = " + ".join(terms)
    if bias:
        text += f" + {_wrapped(bias, lang)}"
    text += f" = {format_number(step.value, lang)}"
    if relu:
        text += f"  →  ReLU = {format_number(max(step.value, 0.0), lang)}"
    return text


def pool_arithmetic(step: PoolStep, mode: str, lang: str = "en") -> str:
    """One pooling step written out: ``max(1, 2, …) = 4`` or ``(1 + 2 + …) ÷ 9 = 1.67``."""
    cells = [format_number(v, lang) for v in step.window.ravel() if not np.isnan(v)]
    if mode == "max":
        return f"max({', '.join(cells)}) = {format_number(step.value, lang)}"
    return f"({' + '.join(cells)}) ÷ {format_number(step.count, lang)} = {format_number(step.value, lang)}"


def output_size_text(n: int, k: int, stride: int, padding: str, out: int, lang: str = "en") -> str:
    """The output-size formula for one side with the numbers put in (see :func:`cnn_core.ops.output_size`).

    Example:

    >>> output_size_text(4, 3, 1, "valid", 2), output_size_text(28, 3, 2, "same", 14, "bn")
    ('⌊(4 − 3) ÷ 1⌋ + 1 = 2', '⌈২৮ ÷ ২⌉ = ১৪')
    """
    f = lambda v: format_number(v, lang)  # noqa: E731 - a local shorthand keeps the formulas readable
    if padding == "same":
        return f"⌈{f(n)} ÷ {f(stride)}⌉ = {f(out)}"
    return f"⌊({f(n)} {MINUS} {f(k)}) ÷ {f(stride)}⌋ + 1 = {f(out)}"


# ---------------------------------------------------------------------------------------------
# Grid drawing
# ---------------------------------------------------------------------------------------------

def _cell_px(rows: int, cols: int) -> int:
    return 46 if max(rows, cols) <= 6 else 34 if max(rows, cols) <= NUMBERS_UP_TO else 14


def _grid(values: np.ndarray, *, lang: str, colorscale: str, zmid: float | None = None, zrange: tuple[float, float] | None = None,
          numbers: bool | None = None, extra_rows: int = 0, extra_cols: int = 0) -> go.Figure:
    """A heatmap of ``values``, cell ``(i, j)`` at ``x=j, y=i`` (row 0 on top); NaN cells stay blank.
 ``extra_rows/cols`` make room for padding drawn by the caller.
    """
    rows, cols = values.shape
    if numbers is None:
        numbers = max(rows + extra_rows, cols + extra_cols) <= NUMBERS_UP_TO
    gap = 2 if numbers else 0  # on big grids gaps would hide the picture
    finite = values[np.isfinite(values)]
    if zrange is None:
        low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        if zmid is not None:
            reach = max(abs(low - zmid), abs(high - zmid), 1e-9)
            low, high = zmid - reach, zmid + reach
        elif high == low:
            high = low + 1.0
        zrange = (low, high)
    labels = [["" if np.isnan(v) else format_number(v, lang) for v in row] for row in values] if numbers else None
    cell = _cell_px(rows + extra_rows, cols + extra_cols)
    empty = go.Heatmap(  # pale boxes under every cell, so cells not filled in yet still show
        z=np.zeros_like(values), x=np.arange(cols), y=np.arange(rows),
        colorscale=[[0, EMPTY_COLOR], [1, EMPTY_COLOR]], showscale=False, xgap=gap, ygap=gap, hoverinfo="skip")
    fig = go.Figure([empty, go.Heatmap(
        z=values, x=np.arange(cols), y=np.arange(rows), colorscale=colorscale,
        zmin=zrange[0], zmax=zrange[1], showscale=False, xgap=gap, ygap=gap,
        text=labels, texttemplate="%{text}" if numbers else None,
        textfont={"size": 16 if cell >= 40 else 13}, hoverinfo="skip" if numbers else "z")])
    height = min(cell * (rows + extra_rows) + 20, 520)
    fig.update_layout(height=height, plot_bgcolor="white", margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      showlegend=False)
    fig.update_xaxes(visible=False, constrain="domain")
    fig.update_yaxes(visible=False, autorange="reversed", scaleanchor="x", constrain="domain")
    return fig


def _rect(fig: go.Figure, top: int, left: int, rows: int, cols: int, color: str, width: float = 4) -> None:
    fig.add_shape(type="rect", x0=left - 0.5, x1=left + cols - 0.5, y0=top - 0.5, y1=top + rows - 0.5,
                  line={"color": color, "width": width}, fillcolor="rgba(0,0,0,0)")


def _padding_layer(fig: go.Figure, shape: tuple[int, int], pads: tuple[int, int, int, int], lang: str,
                   numbers: bool, blank: bool = False) -> None:
    """Draw the zero border around a grid of ``shape`` as pale cells (``0`` written in them, or blank
    for pooling, where padding is ignored)."""
    top, bottom, left, right = pads
    if not any(pads):
        return
    rows, cols = shape[0] + top + bottom, shape[1] + left + right
    mask = np.ones((rows, cols))
    mask[top:top + shape[0], left:left + shape[1]] = np.nan
    label = "" if blank else format_number(0, lang)
    labels = [[label if v == 1 else "" for v in row] for row in mask]
    fig.add_trace(go.Heatmap(
        z=mask, x=np.arange(cols) - left, y=np.arange(rows) - top,
        colorscale=[[0, PADDING_COLOR], [1, PADDING_COLOR]], showscale=False, xgap=2 if numbers else 0,
        ygap=2 if numbers else 0,
        text=labels, texttemplate="%{text}" if numbers else None, textfont={"color": PADDING_TEXT},
        hoverinfo="skip"))


def input_figure(trace: ConvTrace, step: ConvStep | None, lang: str = "en",
                 numbers: bool | None = None) -> go.Figure:
    """The image with its zero padding and, when ``step`` is given, the kernel's window outlined.

    ``numbers`` forces cell numbers on or off; by default only grids up to 14 cells a side get them.
    """
    top, bottom, left, right = trace.pads
    if numbers is None:
        numbers = max(trace.padded.shape) <= NUMBERS_UP_TO
    fig = _grid(trace.image, lang=lang, colorscale=IMAGE_SCALE, numbers=numbers,
                extra_rows=top + bottom, extra_cols=left + right)
    _padding_layer(fig, trace.image.shape, trace.pads, lang, numbers=numbers)
    if step is not None:
        _rect(fig, step.top, step.left, *trace.kernel.shape, WINDOW_COLOR)
    return fig


def kernel_figure(kernel: np.ndarray, lang: str = "en") -> go.Figure:
    """The kernel's weights: blue positive, red negative, white zero."""
    return _grid(kernel, lang=lang, colorscale=SIGNED_SCALE, zmid=0.0, numbers=True)


def products_figure(step: ConvStep, lang: str = "en") -> go.Figure:
    """Each pixel of the window times the weight on top of it."""
    return _grid(step.products, lang=lang, colorscale=SIGNED_SCALE, zmid=0.0, numbers=True)


def output_figure(values: np.ndarray, filled: int | None = None, lang: str = "en",
                  numbers: bool | None = None) -> go.Figure:
    """The feature map (or pooled map) with the first ``filled`` cells, in sliding order, written in;
    the rest blank and the newest one outlined. ``filled=None`` shows every cell."""
    values = np.asarray(values, dtype=float)
    shown = values.copy()
    if filled is not None:
        shown.ravel()[filled:] = np.nan
    reach = max(float(np.max(np.abs(values))), 1e-9)  # colours fixed by the whole map, not the cells so far
    fig = _grid(shown, lang=lang, colorscale=SIGNED_SCALE, zrange=(-reach, reach), numbers=numbers)
    if filled:
        row, col = divmod(filled - 1, values.shape[1])
        _rect(fig, row, col, 1, 1, CURRENT_COLOR)
    return fig


def image_figure(values: np.ndarray, lang: str = "en", signed: bool = False,
                 numbers: bool | None = None) -> go.Figure:
    """A whole grid at once (the real-image overview); signed grids get the red-white-blue scale."""
    values = np.asarray(values, dtype=float)
    if signed:
        return _grid(values, lang=lang, colorscale=SIGNED_SCALE, zmid=0.0, numbers=numbers)
    return _grid(values, lang=lang, colorscale=IMAGE_SCALE, numbers=numbers)


def pool_input_figure(trace: PoolTrace, step: PoolStep | None, lang: str = "en",
                      numbers: bool | None = None) -> go.Figure:
    """The feature map being pooled, the window outlined and, for max pooling, its winner ringed."""
    top, bottom, left, right = trace.pads
    feature = trace.feature
    if numbers is None:
        numbers = max(feature.shape[0] + top + bottom, feature.shape[1] + left + right) <= NUMBERS_UP_TO
    reach = max(float(np.max(np.abs(feature))), 1e-9)
    fig = _grid(feature, lang=lang, colorscale=SIGNED_SCALE, zrange=(-reach, reach), numbers=numbers,
                extra_rows=top + bottom, extra_cols=left + right)
    _padding_layer(fig, feature.shape, trace.pads, lang, numbers=numbers, blank=True)
    if step is not None:
        _rect(fig, step.top, step.left, *trace.size, WINDOW_COLOR)
        if step.argmax is not None:
            row, col = step.top + step.argmax[0], step.left + step.argmax[1]
            # A black ring with a yellow one inside stays visible on light and dark cells alike.
            for color, width in (("black", 6), (WINNER_COLOR, 3)):
                fig.add_shape(type="rect", x0=col - 0.36, x1=col + 0.36, y0=row - 0.36, y1=row + 0.36,
                              line={"color": color, "width": width}, fillcolor="rgba(0,0,0,0)")
    return fig
