"""Plotly figures for Classify and Inside the model: pixels, probabilities, confusion, activations.

Every builder is a pure function of numpy arrays and strings, testable without a browser. Pictures
are drawn as heatmaps with row 0 at the top, square pixels and each pixel's value on hover.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from cnn_core import escape
from cnn_core.figures import PALETTE, rgb_stops
from cnn_core.i18n import number, t

GRAY = "gray"
HEAT = "Inferno"
DIVERGING = "RdBu"
TOP_COLOR = PALETTE[0]
OTHER_COLOR = "#9bbcd6"
RIGHT_COLOR = PALETTE[2]


def _picture_axes(fig: go.Figure) -> go.Figure:
    """Square pixels, row 0 on top, no tick labels."""
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False, constrain="domain")
    fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False, autorange="reversed",
                     scaleanchor="x", scaleratio=1, constrain="domain")
    return fig


def _plain_layout(height: int, projector: bool, **extra) -> dict:
    """The app's look (:func:`cnn_core.figures.apply_style`) as a plain layout dict, for figures
    redrawn on every stroke: plotly's validation of a styled figure costs more than drawing it."""
    base = 20 if projector else 13
    layout = {"height": height, "colorway": PALETTE, "font": {"size": base, **({"color": "#000000"} if projector else {})},
              "template": "plotly_white", "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "showlegend": False}
    return {**layout, **extra}


def pixel_heatmap(image: np.ndarray, lang: str = "en", height: int = 360, projector: bool = False) -> dict:
    """A 2-D gray picture (0..255) as a zoomable heatmap; hovering shows row, column and value.

    Args:
        image: ``(H, W)`` or ``(H, W, 1)`` pixel values.
        lang: the language of the hover text.
        height: the figure's height in pixels.
        projector: projector mode's larger text.

    Returns:
        A complete plotly figure as a plain dict (draw it with ``ui.theme.show_figure``).

    Example:
        >>> fig = pixel_heatmap(np.zeros((28, 28), np.uint8))
        >>> fig["data"][0]["type"], fig["layout"]["yaxis"]["autorange"]
        ('heatmap', 'reversed')
    """
    values = np.asarray(image)
    if values.ndim == 3:
        values = values[:, :, 0]
    hover = t("classify.pixel_hover", lang, row="%{y}", col="%{x}", value="%{z}")
    heatmap = {"type": "heatmap", "z": values, "colorscale": rgb_stops(GRAY), "zmin": 0, "zmax": 255,
               "showscale": False, "hovertemplate": hover + "<extra></extra>"}
    axes = {"showticklabels": False, "showgrid": False, "zeroline": False, "constrain": "domain"}
    return {"data": [heatmap], "layout": _plain_layout(
        height, projector, xaxis=dict(axes), yaxis={**axes, "autorange": "reversed", "scaleanchor": "x", "scaleratio": 1})}


def probability_bars(probabilities: Sequence[float], class_names: Sequence[str],
                     lang: str = "en", projector: bool = False) -> dict:
    """Every class's probability as a horizontal bar, the most likely on top and highlighted.

    Args:
        probabilities: one value per class, summing to 1.
        class_names: the names on the bars, in class order.
        lang: the language of the numbers and the axis title.
        projector: projector mode's larger text.

    Returns:
        A complete plotly figure as a plain dict (draw it with ``ui.theme.show_figure``).

    Example:
        >>> bars = probability_bars([0.1, 0.9], ["cat", "dog"])["data"][0]
        >>> bars["y"], bars["text"]
        (['cat', 'dog'], ['10.0%', '90.0%'])
    """
    class_names = escape.plotly_all(class_names)   # learners' own class names show as typed
    values = np.asarray(probabilities, dtype=float)
    order = np.argsort(values, kind="stable")  # plotly draws the first bar at the bottom
    base = 20 if projector else 13
    bars = {"type": "bar", "orientation": "h", "x": values[order], "y": [class_names[index] for index in order],
            "marker": {"color": [TOP_COLOR if index == order[-1] else OTHER_COLOR for index in order]},
            "text": [f"{number(values[index] * 100, lang, '.1f')}%" for index in order], "textposition": "outside",
            "textfont": {"size": base}, "cliponaxis": False, "hovertemplate": "%{y}: %{text}<extra></extra>"}
    return {"data": [bars], "layout": _plain_layout(
        max(260, 32 * len(values)), projector,
        xaxis={"range": [0, 1.3], "tickformat": ".0%", "title": {"text": t("classify.probability_axis", lang)}})}


def confusion_heatmap(confusion: np.ndarray, class_names: Sequence[str], lang: str = "en") -> go.Figure:
    """The confusion matrix: rows are true classes, columns what the model said; counts in cells.

    The colour uses the square root of each count, so the few mistakes stay visible next to the big
    diagonal of right answers. Plotly heatmaps report no clicked cell to Streamlit, so a nearly
    invisible square marker sits on every cell: clicking a cell selects its marker (``x`` is the
    predicted class name, ``y`` the true one), and the chosen cell is outlined.
    """
    class_names = escape.plotly_all(class_names)   # learners' own class names show as typed
    counts = np.asarray(confusion)
    names = list(class_names)
    text = [[number(int(value), lang) for value in row] for row in counts]
    hover = t("inside.confusion_hover", lang, true="%{y}", predicted="%{x}", count="%{customdata}")
    cells_x = [name for _ in names for name in names]
    cells_y = [name for name in names for _ in names]
    fig = go.Figure([
        go.Heatmap(z=np.sqrt(counts), x=names, y=names, text=text, texttemplate="%{text}", colorscale="Blues",
                   showscale=False, hoverinfo="skip", xgap=1, ygap=1),
        go.Scatter(x=cells_x, y=cells_y, mode="markers", customdata=[cell for row in text for cell in row],
                   marker={"symbol": "square-open", "size": 30, "color": PALETTE[1], "opacity": 0.02,
                           "line": {"width": 3}},
                   selected={"marker": {"opacity": 1.0}}, unselected={"marker": {"opacity": 0.02}},
                   hovertemplate=hover + "<extra></extra>", showlegend=False),
    ])
    fig.update_xaxes(title=t("inside.axis_predicted", lang), side="bottom", tickangle=-35, showgrid=False)
    fig.update_yaxes(title=t("inside.axis_true", lang), autorange="reversed", showgrid=False)
    fig.update_layout(height=520, clickmode="event+select")
    return fig


def per_class_bars(per_class_accuracy: Sequence[float], class_names: Sequence[str],
                   lang: str = "en") -> go.Figure:
    """Accuracy within each true class as vertical bars."""
    class_names = escape.plotly_all(class_names)   # learners' own class names show as typed
    values = np.nan_to_num(np.asarray(per_class_accuracy, dtype=float))
    labels = [f"{number(value * 100, lang, '.1f')}%" for value in values]
    fig = go.Figure(go.Bar(x=list(class_names), y=values, text=labels, textposition="outside",
                           marker_color=RIGHT_COLOR, cliponaxis=False,
                           hovertemplate="%{x}: %{text}<extra></extra>"))
    fig.update_yaxes(range=[0, 1.1], tickformat=".0%", title=t("inside.axis_accuracy", lang))
    fig.update_xaxes(tickangle=-35)
    fig.update_layout(height=360, showlegend=False)
    return fig


def mosaic(maps: np.ndarray, columns: int = 8, gap: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Tile ``H x W x C`` maps into one picture, ``columns`` wide, with ``gap`` NaN pixels between.

    Returns:
        ``(tiled, owner)``: the tiled values and, for every pixel, the channel it belongs to (-1 in
        the gaps), so a hover can name the channel.

    Example:

    Three 2x2 maps, two to a row:

    >>> tiled, owner = mosaic(np.ones((2, 2, 3)), columns=2, gap=1)
    >>> owner.tolist()
    [[0, 0, -1, 1, 1], [0, 0, -1, 1, 1], [-1, -1, -1, -1, -1], [2, 2, -1, -1, -1], [2, 2, -1, -1, -1]]
    """
    height, width, channels = maps.shape
    columns = max(1, min(columns, channels))
    rows = math.ceil(channels / columns)
    tiled = np.full((rows * (height + gap) - gap, columns * (width + gap) - gap), np.nan)
    owner = np.full(tiled.shape, -1, dtype=int)
    for channel in range(channels):
        top = (channel // columns) * (height + gap)
        left = (channel % columns) * (width + gap)
        tiled[top:top + height, left:left + width] = maps[:, :, channel]
        owner[top:top + height, left:left + width] = channel
    return tiled, owner


def channel_grid(maps: np.ndarray, lang: str = "en", columns: int = 8, max_channels: int = 64,
                 colorscale: str = HEAT, symmetric: bool = False, height_per_row: int = 70) -> go.Figure:
    """Every channel of a layer's output (``H x W x C``) as a small picture in one grid.

    Activations: each channel is scaled to its own strongest value (dark = 0, bright = that
    channel's maximum), so a weak channel's pattern is as visible as a strong one's; the hover
    shows the real value. ``symmetric`` (for learned filters, negative as well as positive) instead
    puts all channels on one diverging scale centred on 0, so their weights can be compared.
    """
    maps = np.asarray(maps, dtype=float)[:, :, :max_channels]
    raw, owner = mosaic(maps, columns)
    if symmetric:
        limit = float(np.nanmax(np.abs(maps))) or 1.0
        shown, zmin, zmax = raw, -limit, limit
    else:
        peaks = np.abs(maps).max(axis=(0, 1))
        shown, _ = mosaic(maps / np.where(peaks > 0, peaks, 1.0), columns)
        zmin, zmax = (-1.0 if maps.min() < 0 else 0.0), 1.0
    customdata = np.dstack([owner + 1, np.nan_to_num(raw)])
    hover = t("inside.channel_hover", lang, channel="%{customdata[0]}", value="%{customdata[1]:.3f}")
    fig = go.Figure(go.Heatmap(z=shown, customdata=customdata, colorscale=colorscale, zmin=zmin, zmax=zmax,
                               showscale=symmetric, hoverongaps=False,
                               hovertemplate=hover + "<extra></extra>"))
    grid_rows = math.ceil(maps.shape[2] / max(1, min(columns, maps.shape[2])))
    fig.update_layout(height=max(140, height_per_row * grid_rows + 30))
    return _picture_axes(fig)


def filter_grid(filters: np.ndarray, lang: str = "en", columns: int = 8) -> go.Figure:
    """The first layer's learned ``k x k`` kernels (``k x k x C``): blue weights add brightness, red
    ones subtract it."""
    return channel_grid(filters, lang, columns=columns, colorscale=DIVERGING, symmetric=True,
                        height_per_row=60)


def saliency_overlay(image28: np.ndarray, saliency_map: np.ndarray, lang: str = "en",
                     height: int = 360) -> go.Figure:
    """The picture in gray with the saliency map on top: see-through where it is weak."""
    picture = np.asarray(image28)
    if picture.ndim == 3:
        picture = picture[:, :, 0]
    see_through_heat = [[0.0, "rgba(255,0,0,0)"], [0.2, "rgba(255,80,0,0.25)"],
                        [0.6, "rgba(255,160,0,0.65)"], [1.0, "rgba(255,255,0,0.95)"]]
    hover = t("inside.saliency_hover", lang, row="%{y}", col="%{x}", value="%{z:.2f}")
    fig = go.Figure([
        go.Heatmap(z=picture, colorscale=GRAY, zmin=0, zmax=255, showscale=False, hoverinfo="skip"),
        go.Heatmap(z=saliency_map, colorscale=see_through_heat, zmin=0, zmax=1, showscale=False,
                   hovertemplate=hover + "<extra></extra>"),
    ])
    fig.update_layout(height=height)
    return _picture_axes(fig)
