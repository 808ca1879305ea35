"""Present mode's figure: one stage of the network at a time, as large as the screen allows.

A plain plotly dict (no ``go.Figure`` validation, it is redrawn at every arrow key): the input
picture in gray, a conv or pool stage as a mosaic of its channel maps, a flat stage (flatten, dense)
as one bar per unit, and the output as the class probabilities.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from cnn_core import escape
from cnn_core.figures.network import colorscale, mosaic_columns, tile
from cnn_core.i18n import number

if TYPE_CHECKING:
    from cnn_core.network import NetworkTrace

HEIGHT = 620
MAX_MAPS = 64
MAX_UNITS = 256
BAR_COLOR = "#0f766e"
TOP_COLOR = "#b45309"


def _layout(height: int, **extra) -> dict:
    return {"height": height, "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "template": "plotly_white",
            "font": {"size": 20}, "showlegend": False, **extra}


def _picture_axes() -> dict:
    return {"xaxis": {"visible": False, "constrain": "domain", "fixedrange": True},
            "yaxis": {"visible": False, "autorange": "reversed", "scaleanchor": "x", "fixedrange": True}}


def stage_figure(trace: NetworkTrace, index: int, class_names: list[str], lang: str = "en",
                 height: int = HEIGHT) -> dict:
    """Stage ``index`` of ``trace`` (a :class:`cnn_core.network.NetworkTrace`) drawn large."""
    class_names = escape.plotly_all(class_names)   # learners' own class names show as typed
    stage = trace.stages[index]
    if stage.kind == "input":
        return {"data": [{"type": "heatmap", "z": np.asarray(trace.image28, dtype=np.float32), "showscale": False,
                          "colorscale": colorscale("gray"), "zmin": 0, "zmax": 255,
                          "hovertemplate": "%{z:.0f}<extra></extra>"}],
                "layout": _layout(height, **_picture_axes())}
    if stage.kind == "output":
        values = np.asarray(trace.probabilities, dtype=np.float64)
        top = int(values.argmax())
        return {"data": [{"type": "bar", "orientation": "h", "x": values, "y": list(class_names),
                          "marker": {"color": [TOP_COLOR if i == top else BAR_COLOR for i in range(len(values))]},
                          "text": [f"{number(v * 100, lang, '.0f')}%" for v in values], "textposition": "outside",
                          "cliponaxis": False, "hovertemplate": "%{y}: %{text}<extra></extra>"}],
                "layout": _layout(height, xaxis={"range": [0, 1.15], "visible": False, "fixedrange": True},
                                  yaxis={"autorange": "reversed", "fixedrange": True, "automargin": True})}
    values = np.asarray(stage.values, dtype=np.float32)
    # The colours span the 99th percentile, not the maximum: one hot pixel would leave the rest dark.
    reach = max(float(np.percentile(np.abs(values), 99)), 1e-9)
    kind, zmin, zmax = ("diverging", -reach, reach) if values.min() < 0 else ("sequential", 0.0, reach)
    if values.ndim == 3:
        maps = np.moveaxis(values[:, :, :MAX_MAPS], -1, 0)
        count, rows, cols = maps.shape
        mosaic = tile(maps, mosaic_columns(count, rows, cols, 9 / 16))  # a wide mosaic for a wide screen
        return {"data": [{"type": "heatmap", "z": mosaic, "showscale": False, "hoverongaps": False,
                          "colorscale": colorscale(kind, True), "zmin": zmin, "zmax": zmax,
                          "hovertemplate": "%{z:.3f}<extra></extra>"}],
                "layout": _layout(height, **_picture_axes())}
    units = values.reshape(-1)[:MAX_UNITS]
    return {"data": [{"type": "bar", "x": list(range(1, len(units) + 1)), "y": units,
                      "marker": {"color": BAR_COLOR}, "hovertemplate": "%{x}: %{y:.3f}<extra></extra>"}],
            "layout": _layout(height, bargap=0.1, xaxis={"fixedrange": True, "showgrid": False},
                              yaxis={"fixedrange": True, "zeroline": True})}
