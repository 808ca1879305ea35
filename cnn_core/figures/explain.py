"""Figures of the "Why it decided" page, as plain plotly dicts (they redraw on every stroke).

Every builder is a pure function of numpy arrays and strings; ``projector`` makes text and marks
larger. Pictures have row 0 on top and square pixels.
"""

from __future__ import annotations

import numpy as np

from cnn_core.figures import PALETTE
from cnn_core.i18n import number

HEAT = "Inferno"
SIGNED = "RdBu_r"
CLASS_COLORS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000",
                "#999999", "#882255")


def _font(projector: bool) -> dict:
    return {"size": 20 if projector else 13}


def _picture_layout(title: str, height: int, projector: bool) -> dict:
    axis = {"showticklabels": False, "showgrid": False, "zeroline": False, "constrain": "domain"}
    return {"title": {"text": title, "font": _font(projector)}, "height": height,
            "margin": {"l": 4, "r": 4, "t": 40 if projector else 32, "b": 4},
            "xaxis": dict(axis), "yaxis": dict(axis, autorange="reversed", scaleanchor="x", scaleratio=1),
            "font": _font(projector), "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)"}


def picture_figure(image: np.ndarray, title: str, hover: str, height: int = 260, projector: bool = False) -> dict:
    """A 28x28 gray picture (0..255); ``hover`` is a plotly hover template (row, col, value)."""
    values = np.asarray(image, dtype=float).reshape(28, 28)
    trace = {"type": "heatmap", "z": values.tolist(), "colorscale": "gray", "zmin": 0, "zmax": 255,
             "showscale": False, "hovertemplate": hover + "<extra></extra>"}
    return {"data": [trace], "layout": _picture_layout(title, height, projector)}


def map_figure(image: np.ndarray, heat: np.ndarray, title: str, hover: str, signed: bool = False,
               height: int = 260, projector: bool = False) -> dict:
    """The picture in gray with a map laid over it, half see-through: a 0..1 heat map, or a signed
    map (occlusion's drops) on a red-blue scale centred on 0."""
    values = np.asarray(heat, dtype=float).reshape(28, 28)
    figure = picture_figure(image, title, hover, height, projector)
    figure["data"][0]["hoverinfo"] = "skip"
    figure["data"][0].pop("hovertemplate")
    overlay = {"type": "heatmap", "z": np.round(values, 4).tolist(), "opacity": 0.65, "showscale": True,
               "colorbar": {"thickness": 10, "len": 0.8}, "hovertemplate": hover + "<extra></extra>"}
    if signed:
        limit = float(np.abs(values).max()) or 1.0
        overlay.update(colorscale=SIGNED, zmin=-limit, zmax=limit)
    else:
        overlay.update(colorscale=HEAT, zmin=0.0, zmax=1.0)
    figure["data"].append(overlay)
    return figure


def curves_figure(x: list[float], curves: dict[str, list[float]], labels: dict[str, str], x_title: str,
                  y_title: str, percent_x: bool = True, height: int = 320, projector: bool = False,
                  dashed: tuple[str, ...] = ("random",)) -> dict:
    """Lines sharing an x axis (deletion curves, flip shares): one per entry of ``curves``, named by
    ``labels``; the names in ``dashed`` (the random baseline) are drawn dashed and gray."""
    traces = []
    for index, (name, values) in enumerate(curves.items()):
        line = {"width": 4 if projector else 2.5}
        if name in dashed:
            line.update(dash="dash", color="#555555")
        else:
            line["color"] = PALETTE[index % len(PALETTE)]
        traces.append({"type": "scatter", "mode": "lines+markers", "name": labels.get(name, name),
                       "x": [float(value) for value in x], "y": [float(value) for value in values], "line": line})
    layout = {"height": height, "font": _font(projector), "margin": {"l": 60, "r": 10, "t": 20, "b": 50},
              "xaxis": {"title": {"text": x_title}, "tickformat": ".0%" if percent_x else None},
              "yaxis": {"title": {"text": y_title}, "tickformat": ".0%", "range": [0, 1.02]},
              "legend": {"orientation": "h", "y": -0.3}, "paper_bgcolor": "rgba(0,0,0,0)"}
    return {"data": traces, "layout": layout}


def probability_change_figure(before: np.ndarray, after: np.ndarray, names: list[str], labels: tuple[str, str],
                              lang: str, height: int = 320, projector: bool = False) -> dict:
    """Every class's probability before and after a change of the picture, side by side."""
    traces = []
    for values, label, color in ((before, labels[0], "#9bbcd6"), (after, labels[1], PALETTE[0])):
        values = np.asarray(values, dtype=float)
        traces.append({"type": "bar", "name": label, "x": list(names), "y": values.tolist(), "marker": {"color": color},
                       "text": [f"{number(value * 100, lang, '.0f')}%" for value in values], "textposition": "outside",
                       "cliponaxis": False, "hovertemplate": "%{x}: %{text}<extra></extra>"})
    layout = {"barmode": "group", "height": height, "font": _font(projector),
              "margin": {"l": 40, "r": 10, "t": 20, "b": 80}, "yaxis": {"range": [0, 1.15], "tickformat": ".0%"},
              "legend": {"orientation": "h", "y": 1.12}, "paper_bgcolor": "rgba(0,0,0,0)"}
    return {"data": traces, "layout": layout}


def dense_map_figure(points: np.ndarray, labels: np.ndarray, indices: np.ndarray, names: list[str], title: str,
                     hover: str, dot: np.ndarray | None = None, dot_label: str = "", height: int = 460,
                     projector: bool = False) -> dict:
    """Each picture as a point of its class's colour (``customdata`` holds its test-set index, for
    clicks); ``dot`` (x, y), when given, is the learner's drawing as a large star on top."""
    points, labels, indices = np.asarray(points), np.asarray(labels), np.asarray(indices)
    traces = []
    for label, name in enumerate(names):
        members = np.flatnonzero(labels == label)
        traces.append({"type": "scattergl", "mode": "markers", "name": name,
                       "x": np.round(points[members, 0], 3).tolist(), "y": np.round(points[members, 1], 3).tolist(),
                       "customdata": indices[members].tolist(), "text": [name] * len(members),
                       "marker": {"size": 8 if projector else 5, "color": CLASS_COLORS[label % len(CLASS_COLORS)],
                                  "opacity": 0.75},
                       "hovertemplate": hover + "<extra></extra>"})
    if dot is not None:
        traces.append({"type": "scatter", "mode": "markers", "name": dot_label, "x": [float(dot[0])],
                       "y": [float(dot[1])], "hovertemplate": dot_label + "<extra></extra>",
                       "marker": {"size": 26 if projector else 20, "symbol": "star", "color": "#ff1f5b",
                                  "line": {"width": 2, "color": "#000000"}}})
    layout = {"title": {"text": title, "font": _font(projector)}, "height": height, "font": _font(projector),
              "margin": {"l": 10, "r": 10, "t": 40, "b": 10}, "dragmode": "pan", "clickmode": "event+select",
              "xaxis": {"showticklabels": False, "zeroline": False}, "yaxis": {"showticklabels": False, "zeroline": False},
              "legend": {"itemsizing": "constant"}, "paper_bgcolor": "rgba(0,0,0,0)"}
    return {"data": traces, "layout": layout}


def amplified(change: np.ndarray) -> np.ndarray:
    """A signed change of the picture (pixel levels) stretched to 0..255 around mid-gray, so a
    change of a few levels becomes visible: the biggest change goes to black or white."""
    change = np.asarray(change, dtype=float)
    peak = float(np.abs(change).max()) or 1.0
    return np.clip(127.5 + 127.5 * change / peak, 0, 255).astype(np.uint8)
