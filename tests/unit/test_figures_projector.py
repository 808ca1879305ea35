"""Projector mode's figures: bigger chart text, colour-blind-safe high-contrast heatmaps."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from cnn_core.figures import PALETTE, PROJECTOR_DIVERGING, apply_style, projector_colorscale, rgb_stops
from cnn_core.figures import inspect as inspect_figures


def scale_of(name):
    """A scale as it reaches the page: plotly's stops, every colour written as rgb()."""
    return tuple(tuple(stop) for stop in rgb_stops(go.Heatmap(z=[[0, 1]], colorscale=name).colorscale))


def test_normal_style_keeps_scales_and_uses_the_palette():
    fig = apply_style(go.Figure([go.Scatter(y=[1, 2]), go.Heatmap(z=[[0, 1]], colorscale="RdBu")]))
    assert list(fig.layout.colorway) == PALETTE
    assert fig.layout.font.size == 13
    assert fig.data[1].colorscale == scale_of("RdBu")
    assert fig.data[0].line.width is None


def test_projector_style_enlarges_text_and_thickens_lines():
    fig = go.Figure([go.Scatter(y=[1, 2], marker={"size": 4}), go.Bar(y=[3], text=["3"])])
    fig.update_layout(title="loss")
    fig.add_annotation(text="note", x=0, y=1)
    apply_style(fig, projector=True)
    assert fig.layout.font.size == 20
    assert fig.layout.title.font.size == 26
    assert fig.layout.xaxis.title.font.size == 22 and fig.layout.yaxis.tickfont.size == 20
    assert fig.layout.annotations[0].font.size == 20
    mosaic = go.Figure()
    for index in range(24):
        mosaic.add_annotation(text=f"#{index}", x=index, y=0, font_size=11)
    assert all(note.font.size == 11 for note in apply_style(mosaic, projector=True).layout.annotations)
    assert fig.data[0].line.width == 4 and fig.data[0].marker.size == 10
    assert fig.data[1].textfont.size == 20
    assert fig.layout.font.color == "#000000"


@pytest.mark.parametrize("name, expected", [
    ("Blues", "Cividis"), ("Inferno", "Cividis"), ("Viridis", "Cividis"), ("Hot", "Cividis"),
    ("RdBu", "diverging"), ("RdBu_r", "diverging"), ("PuOr", "diverging"),
    ("gray", None), ("Greys", None), ("gray_r", None),
])
def test_projector_heatmap_scales(name, expected):
    fig = apply_style(go.Figure(go.Heatmap(z=[[0, 1]], colorscale=name)), projector=True)
    if expected is None:
        assert fig.data[0].colorscale == scale_of(name)       # pictures stay gray
        assert projector_colorscale(go.Heatmap(z=[[0, 1]], colorscale=name).colorscale) is None
    elif expected == "diverging":
        assert fig.data[0].colorscale == scale_of(PROJECTOR_DIVERGING)
    else:
        assert fig.data[0].colorscale == scale_of(expected)


def test_hand_made_scales_are_kept():
    flat = [[0, "#eeeeee"], [1, "#eeeeee"]]
    overlay = [[0, "rgba(213,94,0,0)"], [1, "rgba(213,94,0,0.9)"]]
    fig = apply_style(go.Figure([go.Heatmap(z=[[0]], colorscale=flat), go.Heatmap(z=[[0]], colorscale=overlay)]),
                      projector=True)
    assert fig.data[0].colorscale == scale_of(flat)
    assert fig.data[1].colorscale == scale_of(overlay)


def test_confusion_matrix_on_a_projector():
    confusion = np.diag(np.full(10, 100))
    fig = apply_style(inspect_figures.confusion_heatmap(confusion, [str(i) for i in range(10)], "bn"),
                      projector=True)
    assert fig.data[0].colorscale == scale_of("Cividis")
    assert fig.data[0].textfont.size == 20


def test_heatmap_scales_reach_the_page_as_rgb_so_streamlit_never_swaps_near_black():
    """Streamlit's chart theme replaces reserved near-black hex colours such as Inferno's #000004."""
    for projector in (False, True):
        fig = apply_style(go.Figure(go.Heatmap(z=[[0, 1]], colorscale="Inferno")), projector=projector)
        stops = fig.data[0].colorscale
        assert all(str(colour).startswith("rgb(") for _, colour in stops)
    assert apply_style(go.Figure(go.Heatmap(z=[[0, 1]], colorscale="Inferno"))).data[0].colorscale[0][1] == "rgb(0,0,4)"
