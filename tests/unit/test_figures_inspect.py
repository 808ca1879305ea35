"""Figures of Classify and Inside the model: built from plain arrays, checked without a browser."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from cnn_core.figures import inspect as figures
from cnn_core.i18n import class_names, t


def test_probability_bars_put_the_most_likely_class_on_top():
    probabilities = np.array([0.05, 0.6, 0.1, 0.25] + [0.0] * 6)
    names = class_names("fashion_mnist", "bn")
    fig = figures.probability_bars(probabilities, names, "bn")
    go.Figure(fig)  # a valid plotly figure (pages skip this check on every stroke)
    bars = fig["data"][0]
    assert list(bars["y"])[-1] == names[1] and list(bars["y"])[-2] == names[3]   # plotly draws bottom-up
    assert list(bars["x"]) == sorted(probabilities)
    assert bars["text"][-1] == "৬০.০%"
    assert bars["marker"]["color"][-1] == figures.TOP_COLOR and bars["marker"]["color"][0] == figures.OTHER_COLOR


def test_pixel_heatmap_shows_values_and_rows_top_down():
    picture = np.arange(28 * 28, dtype=np.uint8).reshape(28, 28)
    fig = figures.pixel_heatmap(picture[:, :, None], "en", projector=True)
    checked = go.Figure(fig)  # a valid plotly figure (pages skip this check on every stroke)
    np.testing.assert_array_equal(np.asarray(checked.data[0].z), picture)
    assert checked.layout.yaxis.autorange == "reversed" and checked.layout.font.size == 20
    assert "row %{y}" in checked.data[0].hovertemplate


def test_confusion_matrix_cells_are_clickable_markers():
    confusion = np.arange(100).reshape(10, 10)
    names = class_names("fashion_mnist", "en")
    heatmap, cells = figures.confusion_heatmap(confusion, names, "en").data
    assert heatmap.text[6][0] == "60"
    assert len(cells.x) == 100 and (cells.y[61], cells.x[61]) == (names[6], names[1])
    assert cells.customdata[61] == "61"
    assert t("inside.confusion_hover", "en", true="%{y}", predicted="%{x}", count="%{customdata}") in cells.hovertemplate


def test_mosaic_tiles_channels_with_gaps():
    maps = np.stack([np.full((2, 3), channel, float) for channel in range(5)], axis=2)
    tiled, owner = figures.mosaic(maps, columns=2, gap=1)
    assert tiled.shape == (3 * 2 + 2, 2 * 3 + 1)
    assert tiled[0, 0] == 0 and tiled[0, 4] == 1 and tiled[3, 0] == 2 and tiled[6, 0] == 4
    assert np.isnan(tiled[2, 0]) and owner[2, 0] == -1 and owner[6, 4] == -1


def test_activation_grid_scales_each_channel_and_keeps_raw_values_for_hover():
    maps = np.zeros((4, 4, 2))
    maps[1, 1, 0] = 0.5
    maps[2, 2, 1] = 8.0
    heat = figures.channel_grid(maps, "en").data[0]
    shown = np.asarray(heat.z, dtype=float)
    assert np.nanmax(shown[:, :4]) == 1.0 and np.nanmax(shown[:, 5:]) == 1.0   # both channels reach 1
    raw = np.asarray(heat.customdata, dtype=float)
    assert raw[2, 7, 1] == 8.0 and raw[2, 7, 0] == 2                          # value and channel number
    filters = figures.filter_grid(np.array([[[-2.0, 1.0]]]), "en").data[0]
    assert (filters.zmin, filters.zmax) == (-2.0, 2.0)                         # one scale centred on 0


def test_saliency_overlay_lies_over_the_picture():
    fig = figures.saliency_overlay(np.zeros((28, 28), np.uint8), np.ones((28, 28)), "bn")
    picture, heat = fig.data
    assert picture.hoverinfo == "skip" and heat.zmax == 1
    assert "সারি" in heat.hovertemplate
