"""Plotly figures for a run's replay (:mod:`cnn_core.timeline`): filters, the probe's maps, its
answer, and the per-class accuracy over the whole run.

Each builder returns a complete plain plotly dict (a replay redraws on every step of its slider or
player), styled like :func:`cnn_core.figures.apply_style` (bigger text in ``projector`` mode), so
the app draws it without plotly's validation. Pictures are heatmaps with row 0 on top.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from cnn_core.figures import PALETTE, PROJECTOR_SEQUENTIAL, rgb_stops
from cnn_core.figures.inspect import mosaic
from cnn_core.i18n import number, t

FILTER_SCALE = "RdBu"          # blue adds brightness, red takes it away
MAP_SCALE = "Inferno"
ACCURACY_SCALE = "Viridis"
TOP_COLOR = PALETTE[0]
OTHER_COLOR = "#9bbcd6"


def _layout(height: int, projector: bool, title: str | None = None, **extra) -> dict:
    base = 20 if projector else 13
    layout = {"height": height, "margin": {"l": 10, "r": 10, "t": 44 if title else 10, "b": 10},
              "font": {"size": base, "color": "#000000" if projector else "#0f172a"},
              "plot_bgcolor": "#ffffff", "paper_bgcolor": "#ffffff", "hoverlabel": {"font": {"size": base}}}
    if title:
        layout["title"] = {"text": title, "font": {"size": base + 4}}
    layout.update(extra)
    return layout


def _picture_axes() -> dict:
    axis = {"showticklabels": False, "showgrid": False, "zeroline": False, "constrain": "domain"}
    return {"xaxis": dict(axis), "yaxis": {**axis, "autorange": "reversed", "scaleanchor": "x", "scaleratio": 1}}


def _scale(name: str, projector: bool, diverging: bool = False):
    if projector and not diverging:
        return rgb_stops(PROJECTOR_SEQUENTIAL)
    return rgb_stops(name)


def filters_figure(filters: np.ndarray, lang: str = "en", projector: bool = False, columns: int = 8) -> dict:
    """The first layer's kernels ``(F, kh, kw)`` in one grid, on one diverging scale centred on 0
    (so how strong each has grown can be compared frame to frame)."""
    kernels = np.asarray(filters, dtype=np.float32)
    tiled, owner = mosaic(kernels.transpose(1, 2, 0), columns)
    limit = float(np.nanmax(np.abs(kernels))) if kernels.size else 1.0
    hover = t("replay.filter_hover", lang, filter="%{customdata[0]}", value="%{z:.3f}")
    trace = {"type": "heatmap", "z": _listed(tiled), "customdata": np.dstack([owner + 1]).tolist(),
             "colorscale": _scale(FILTER_SCALE, projector, diverging=True), "zmin": -(limit or 1.0),
             "zmax": limit or 1.0, "showscale": False, "hoverongaps": False,
             "hovertemplate": hover + "<extra></extra>"}
    rows = math.ceil(len(kernels) / max(1, min(columns, len(kernels))))
    return {"data": [trace], "layout": _layout(max(160, 62 * rows + 50), projector,
                                               t("replay.filters_title", lang, count=number(len(kernels), lang)),
                                               **_picture_axes())}


def maps_figure(maps: Sequence[np.ndarray], layer_names: Sequence[str], lang: str = "en", projector: bool = False,
                columns: int = 8) -> dict:
    """The probe's feature maps at every convolution layer: one row of small pictures a layer (each
    channel scaled to its own strongest value), the layer named on the left."""
    data, annotations, layout_axes = [], [], {}
    count = len(maps)
    heights = [math.ceil(np.shape(layer)[2] / columns) * np.shape(layer)[0] for layer in maps]
    total = float(sum(heights)) or 1.0
    gap = 0.06
    top = 1.0
    for index, (layer, name) in enumerate(zip(maps, layer_names)):
        values = np.asarray(layer, dtype=np.float32)
        peaks = np.abs(values).max(axis=(0, 1))
        tiled, owner = mosaic(values / np.where(peaks > 0, peaks, 1.0), columns)
        share = (1.0 - gap * (count - 1)) * heights[index] / total
        suffix = "" if index == 0 else str(index + 1)
        hover = t("replay.map_hover", lang, layer=name, channel="%{customdata[0]}")
        data.append({"type": "heatmap", "z": _listed(tiled), "customdata": np.dstack([owner + 1]).tolist(),
                     "colorscale": _scale(MAP_SCALE, projector), "zmin": 0.0, "zmax": 1.0, "showscale": False,
                     "hoverongaps": False, "hovertemplate": hover + "<extra></extra>",
                     "xaxis": f"x{suffix}", "yaxis": f"y{suffix}"})
        axes = _picture_axes()
        axes["xaxis"]["domain"] = [0.12, 1.0]
        axes["yaxis"].update(domain=[max(0.0, top - share), top], scaleanchor=f"x{suffix}")
        layout_axes[f"xaxis{suffix}"], layout_axes[f"yaxis{suffix}"] = axes["xaxis"], axes["yaxis"]
        annotations.append({"text": f"<b>{name}</b>", "x": 0.0, "y": top - share / 2, "xref": "paper",
                            "yref": "paper", "xanchor": "left", "showarrow": False})
        top -= share + gap
    height = int(max(220, 4.2 * total + 60)) if not projector else int(max(320, 6 * total + 80))
    return {"data": data, "layout": _layout(height, projector, t("replay.maps_title", lang),
                                            annotations=annotations, **layout_axes)}


def probe_figure(image: np.ndarray, lang: str = "en", projector: bool = False) -> dict:
    """The probe picture itself, in gray."""
    trace = {"type": "heatmap", "z": np.asarray(image).tolist(), "colorscale": rgb_stops("gray_r"), "zmin": 0,
             "zmax": 255, "showscale": False,
             "hovertemplate": t("classify.pixel_hover", lang, row="%{y}", col="%{x}", value="%{z}") + "<extra></extra>"}
    return {"data": [trace], "layout": _layout(260 if not projector else 360, projector,
                                               t("replay.probe_title", lang), **_picture_axes())}


def probabilities_figure(probabilities: Sequence[float], class_names: Sequence[str], true_class: int,
                         lang: str = "en", projector: bool = False) -> dict:
    """The probe's probabilities, one bar a class in class order (so bars do not jump between frames),
    the answer highlighted and the true class marked."""
    values = [float(value) for value in probabilities]
    top = int(np.argmax(values)) if values else -1
    names = [f"{name} ✓" if index == true_class else name for index, name in enumerate(class_names)]
    trace = {"type": "bar", "orientation": "h", "x": values, "y": names,
             "marker": {"color": [TOP_COLOR if index == top else OTHER_COLOR for index in range(len(values))]},
             "text": [f"{number(100 * value, lang, '.1f')}%" for value in values], "textposition": "outside",
             "cliponaxis": False, "hovertemplate": "%{y}: %{text}<extra></extra>"}
    layout = _layout(max(280, (40 if projector else 28) * len(values) + 70), projector,
                     t("replay.probabilities_title", lang),
                     xaxis={"range": [0, 1.3], "tickformat": ".0%", "gridcolor": "#e5e7eb"},
                     yaxis={"autorange": "reversed", "automargin": True}, showlegend=False)
    return {"data": [trace], "layout": layout}


def class_accuracy_figure(x: Sequence[float], accuracy: np.ndarray, class_names: Sequence[str], current_x: float,
                          lang: str = "en", projector: bool = False) -> dict:
    """Accuracy per class (rows) over the run (columns, on the epoch axis), a line at the frame shown:
    which classes the network learns first, and which it is still confusing."""
    values = np.asarray(accuracy, dtype=np.float32).T  # classes x frames
    hover = t("replay.accuracy_hover", lang, cls="%{y}", epoch="%{x:.2f}", value="%{z:.0%}")
    trace = {"type": "heatmap", "x": [float(value) for value in x], "y": list(class_names), "z": _listed(values),
             "zmin": 0.0, "zmax": 1.0, "colorscale": _scale(ACCURACY_SCALE, projector), "hoverongaps": False,
             "colorbar": {"tickformat": ".0%", "thickness": 12}, "hovertemplate": hover + "<extra></extra>"}
    line = {"type": "line", "x0": current_x, "x1": current_x, "y0": 0, "y1": 1, "yref": "paper",
            "line": {"color": "#000000", "width": 3 if projector else 2}}
    layout = _layout(max(300, (40 if projector else 26) * len(class_names) + 90), projector,
                     t("replay.accuracy_title", lang),
                     xaxis={"title": {"text": t("train.fig_epoch_axis", lang)}, "gridcolor": "#e5e7eb"},
                     yaxis={"autorange": "reversed", "automargin": True}, shapes=[line])
    return {"data": [trace], "layout": layout}


def _listed(values: np.ndarray) -> list:
    """A 2-D array as nested lists with gaps (NaN) as ``None``, what JSON and plotly take."""
    array = np.asarray(values, dtype=np.float64)
    return [[None if math.isnan(value) else round(value, 4) for value in row] for row in array.tolist()]
