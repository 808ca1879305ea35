"""Numeric ticks in the page's digits (cnn_core.figures.ticks): which axes change, to what, and
which keep plotly's own ticks."""

import numpy as np
import plotly.graph_objects as go
import pytest
from plotly.subplots import make_subplots

from cnn_core import jobs
from cnn_core.figures import ticks
from cnn_core.figures.training import live_chart

pytestmark = pytest.mark.fast

BENGALI_DIGITS = set("০১২৩৪৫৬৭৮৯")


def test_a_language_that_writes_0_to_9_changes_nothing():
    spec = {"data": [{"type": "scatter", "x": [1, 2], "y": [0.5, 0.2]}], "layout": {}}
    assert ticks.tick_updates(spec["layout"], spec["data"], "en") == ({}, {})
    assert ticks.localize_spec(spec, "en") == {"data": [{"type": "scatter", "x": [1, 2], "y": [0.5, 0.2]}],
                                               "layout": {}}


@pytest.mark.parametrize(("low", "high", "step"), [(0, 1.02, 0.2), (0, 2.3, 0.5), (0, 255, 50), (-3, 3, 1),
                                                   (0.81, 0.93, 0.02), (0, 60000, 10000)])
def test_steps_are_1_2_or_5_times_a_power_of_ten_with_at_most_six_intervals(low, high, step):
    assert ticks.nice_step(low, high) == pytest.approx(step)
    values = ticks.tick_values(low, high, ticks.nice_step(low, high))
    assert 2 <= len(values) <= ticks.MAX_INTERVALS + 1
    assert low - 1e-9 <= values[0] and values[-1] <= high + 1e-9


def test_a_percent_axis_with_a_set_range_gets_bengali_percentages():
    spec = ticks.localize_spec({"data": [], "layout": {"yaxis": {"range": [0, 1.02], "tickformat": ".0%"}}}, "bn")
    axis = spec["layout"]["yaxis"]
    assert axis["tickmode"] == "array"
    assert axis["tickvals"] == pytest.approx([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    assert axis["ticktext"] == ["০%", "২০%", "৪০%", "৬০%", "৮০%", "১০০%"]
    assert axis["range"] == [0, 1.02]  # what was there stays


def test_axes_without_a_range_take_their_traces_numbers_like_plotly_writes_them():
    spec = {"data": [{"type": "scatter", "x": [1, 2, 3], "y": [2.31, 0.75, -0.4]}],
            "layout": {"xaxis": {"dtick": 1}}}
    layout = ticks.localize_spec(spec, "bn")["layout"]
    # plotly pads the range it picks: one tick more at each end (it leaves out those it does not show)
    assert layout["xaxis"]["tickvals"] == [0, 1, 2, 3, 4]  # the axis's own dtick is kept
    assert layout["xaxis"]["ticktext"] == ["০", "১", "২", "৩", "৪"]
    assert layout["yaxis"]["ticktext"] == ["\u2212০.৫", "০", "০.৫", "১", "১.৫", "২", "২.৫"]  # a real minus, no "1.0"


def test_bars_count_from_zero_and_thousands_are_grouped_when_the_axis_asks():
    spec = {"data": [{"type": "bar", "x": ["T-shirt", "Trouser"], "y": [5800, 6000]}],
            "layout": {"yaxis": {"tickformat": ","}}}
    layout = ticks.localize_spec(spec, "bn")["layout"]
    assert "xaxis" not in layout  # class names: a category axis keeps its names
    assert {"০", "২,০০০", "৬,০০০"} <= set(layout["yaxis"]["ticktext"])


@pytest.mark.parametrize("axis", [{"visible": False}, {"showticklabels": False}, {"type": "date"},
                                  {"tickvals": [1], "ticktext": ["one"]}, {"tickformat": ".2s"}])
def test_axes_that_choose_their_own_ticks_or_hide_them_are_left_alone(axis):
    spec = {"data": [{"type": "scatter", "x": [0, 10], "y": [0, 10]}], "layout": {"xaxis": dict(axis)}}
    layout = ticks.localize_spec(spec, "bn")["layout"]
    assert layout["xaxis"] == axis
    assert set(layout["yaxis"]["ticktext"][-1]) <= BENGALI_DIGITS


def test_histogram_counts_and_pictures_keep_plotlys_ticks():
    spec = {"data": [{"type": "histogram", "x": [1, 2, 2, 3]}, {"type": "image", "z": np.zeros((4, 4, 3))}],
            "layout": {}}
    assert ticks.tick_updates(spec["layout"], spec["data"], "bn") == ({}, {})


def test_a_heatmaps_colour_bar_and_index_axes():
    z = np.arange(12, dtype=float).reshape(3, 4)
    spec = ticks.localize_spec({"data": [{"type": "heatmap", "z": z}], "layout": {}}, "bn")
    assert spec["data"][0]["colorbar"]["ticktext"] == ["০", "২", "৪", "৬", "৮", "১০"]
    assert spec["layout"]["xaxis"]["tickvals"] == [0, 1, 2, 3]
    hidden = ticks.localize_spec({"data": [{"type": "heatmap", "z": z, "showscale": False}],
                                  "layout": {"xaxis": {"visible": False}, "yaxis": {"visible": False}}}, "bn")
    assert "colorbar" not in hidden["data"][0] and "tickvals" not in hidden["layout"]["xaxis"]


def test_a_plotly_figure_with_two_subplots_gets_each_axis():
    fig = make_subplots(rows=1, cols=2)
    fig.add_trace(go.Scatter(x=[0, 5], y=[0, 1]), row=1, col=1)
    fig.add_trace(go.Bar(x=[0.1, 0.7], y=["a", "b"], orientation="h"), row=1, col=2)
    fig.update_xaxes(tickformat=".0%", row=1, col=2)
    ticks.localize_figure(fig, "bn")
    assert fig.layout.xaxis.ticktext[1:-1] == ("০", "১", "২", "৩", "৪", "৫")
    assert fig.layout.xaxis2.ticktext[1:-1] == ("০%", "২০%", "৪০%", "৬০%")
    assert fig.layout.yaxis2.ticktext is None  # category names


def test_the_train_pages_live_charts_in_bengali():
    curves = jobs.Curves()
    for step, loss in enumerate([2.3, 1.1, 0.7, 0.5], start=1):
        curves.add(step / 4, loss, 1 - loss / 3)
    spec = ticks.localize_spec(live_chart(curves.series(), [], "loss", "bn", total_epochs=3), "bn")
    texts = spec["layout"]["xaxis"]["ticktext"] + spec["layout"]["yaxis"]["ticktext"]
    assert spec["layout"]["xaxis"]["ticktext"] == ["০", "১", "২", "৩"]
    assert all(set(text) <= BENGALI_DIGITS | {".", "\u2212"} for text in texts), texts


def test_a_log_axis_gets_its_powers_of_ten_written_out():
    spec = {"data": [{"type": "bar", "x": [10, 20], "y": [0.0004, 0.6]}], "layout": {"yaxis": {"type": "log"}}}
    layout = ticks.localize_spec(spec, "bn")["layout"]
    assert layout["yaxis"]["tickvals"] == pytest.approx([1e-4, 1e-3, 1e-2, 1e-1, 1])
    assert layout["yaxis"]["ticktext"] == ["০.০০০১", "০.০০১", "০.০১", "০.১", "১"]


def test_an_empty_live_loss_chart_has_room_for_the_first_loss_and_bengali_ticks():
    spec = ticks.localize_spec(live_chart(jobs.Curves().series(), [], "loss", "bn", total_epochs=5), "bn")
    assert spec["layout"]["yaxis"]["range"][1] > 2.3  # ln(10): where a fresh network's loss starts
    assert all(set(text) <= BENGALI_DIGITS | {"."} for text in spec["layout"]["yaxis"]["ticktext"])
