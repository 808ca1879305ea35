"""Training figures built from synthetic snapshot data: traces, axes, thinned long runs, both languages."""

import json

import numpy as np
import plotly.graph_objects as go
import pytest

from cnn_core import jobs
from cnn_core.figures import training as figures
from cnn_core.i18n import t


def synthetic_curves(epochs: int, steps: int, partial: int = 0) -> dict:
    """Curves as a job snapshot carries them: batch positions on the epoch axis, falling loss,
    rising accuracy, each with a smoothed copy."""
    reporter_curves = jobs.Curves()
    for epoch in range(1, epochs + 2):
        for step in range(1, (steps if epoch <= epochs else partial) + 1):
            count = reporter_curves.count + 1
            reporter_curves.add(epoch - 1 + step / steps, 2.0 / count, 1 - 1.0 / (count + 1))
    return reporter_curves.series()


def synthetic_epochs(count: int, stopped_at: float | None = None) -> list[dict]:
    rows = [{"epoch": e, "x": float(e), "loss": 1.0 / e, "accuracy": 0.8 + 0.01 * e, "val_loss": 1.2 / e,
             "val_accuracy": 0.78 + 0.005 * e, "seconds": 3.0} for e in range(1, count + 1)]
    if stopped_at is not None:
        rows[-1]["x"] = stopped_at
    return rows


def is_valid_plotly(spec: dict) -> bool:
    go.Figure(spec)  # raises on anything plotly does not know
    return True


@pytest.mark.parametrize("metric", ["loss", "accuracy"])
def test_live_chart_traces_and_axes(metric):
    curves = synthetic_curves(3, 10, partial=4)
    epochs = synthetic_epochs(3)
    spec = figures.live_chart(curves, epochs, metric, "en", total_epochs=5)
    assert is_valid_plotly(spec)
    raw, smoothed, train_epochs, val_epochs = spec["data"]
    assert raw["name"] == t("train.fig_batch_raw", "en")
    assert smoothed["name"] == t("train.fig_batch_smooth", "en")
    assert raw["x"] == smoothed["x"] == curves["x"] and len(raw["x"]) == 34
    assert raw["y"] == curves[metric] and smoothed["y"] == curves[f"{metric}_smooth"]
    assert train_epochs["x"] == [1.0, 2.0, 3.0] and val_epochs["y"] == [e[f"val_{metric}"] for e in epochs]
    assert raw["x"][9] == pytest.approx(1.0) and raw["x"][-1] == pytest.approx(3.4)
    layout = spec["layout"]
    assert layout["xaxis"]["title"]["text"] == t("train.fig_epoch_axis", "en")
    assert layout["xaxis"]["range"][1] >= 5  # room for the epochs still to come
    assert layout["yaxis"]["title"]["text"] == t(f"train.fig_{metric}", "en")
    if metric == "accuracy":
        assert layout["yaxis"]["range"] == [0, 1.02]


def test_a_stopped_epoch_summary_sits_at_its_last_batch():
    spec = figures.live_chart(synthetic_curves(1, 10, partial=3), synthetic_epochs(2, stopped_at=1.3), "accuracy",
                              total_epochs=5)
    assert spec["data"][2]["x"] == [1.0, 1.3] and spec["data"][3]["x"] == [1.0, 1.3]


def test_live_chart_empty_and_bengali():
    spec = figures.live_chart(jobs.Curves().series(), [], "loss", "bn", total_epochs=3)
    assert is_valid_plotly(spec)
    assert [len(trace["x"]) for trace in spec["data"]] == [0, 0, 0, 0]
    assert spec["layout"]["title"]["text"] == t("train.fig_title_loss", "bn")
    assert spec["data"][3]["name"] == t("train.fig_epoch_val", "bn")
    with pytest.raises(ValueError):
        figures.live_chart(jobs.Curves().series(), [], "precision")


def test_a_long_run_draws_at_most_500_points_a_line():
    curves = synthetic_curves(20, 5000)  # 100,000 batches
    spec = figures.live_chart(curves, synthetic_epochs(20), "loss", total_epochs=20)
    assert all(len(trace["x"]) <= 500 for trace in spec["data"])
    assert spec["data"][0]["x"][-1] == pytest.approx(20.0)
    assert "dtick" in spec["layout"]["xaxis"] and len(json.dumps(spec)) < 60_000


@pytest.mark.parametrize("projector", [False, True])
def test_the_live_chart_is_complete_so_the_page_can_skip_validation(projector):
    from ui.theme import unchecked_figure

    spec = figures.live_chart(synthetic_curves(2, 10, partial=3), synthetic_epochs(2), "accuracy", "bn",
                              total_epochs=4, projector=projector)
    checked = go.Figure(spec)  # validates every property: raises on anything plotly does not know
    unchecked = unchecked_figure(spec)
    assert json.loads(unchecked.to_json()) == json.loads(checked.to_json())  # the same chart either way
    assert spec["layout"]["font"]["size"] == (20 if projector else 13)
    assert {trace["line"]["width"] for trace in spec["data"]} == ({4} if projector else {1, 2, 2.5})
    # What the page relies on, and a plotly upgrade could take away: the switch really skips checks.
    odd = {"data": [{"type": "scatter", "bogus": 1}]}
    with pytest.raises(ValueError):
        go.Figure(odd)
    assert unchecked_figure(odd).to_plotly_json()["data"][0]["bogus"] == 1


def test_validation_missing_is_skipped():
    epochs = [{"epoch": 1, "x": 1.0, "loss": 0.5, "accuracy": 0.8, "val_loss": None, "val_accuracy": None,
               "seconds": 1}]
    spec = figures.live_chart(synthetic_curves(1, 3), epochs, "accuracy")
    assert len(spec["data"][2]["x"]) == 1 and len(spec["data"][3]["x"]) == 0


def test_compare_figure_one_colour_per_run():
    runs = [{"name": "seed run", "history": {"loss": [0.5, 0.3], "val_loss": [0.6, 0.4],
                                              "accuracy": [0.8, 0.9], "val_accuracy": [0.78, 0.85]}},
            {"name": "small run", "history": {"loss": [0.7], "val_loss": [0.8], "accuracy": [0.7],
                                               "val_accuracy": [0.69]}},
            {"run_id": "no-history", "history": {}}]
    fig = figures.compare_figure(runs, "accuracy", "en")
    assert [trace.name for trace in fig.data] == [
        "seed run · validation", "seed run · training", "small run · validation", "small run · training"]
    assert list(fig.data[0].y) == [0.78, 0.85] and list(fig.data[0].x) == [1, 2]
    assert fig.data[0].line.color == fig.data[1].line.color != fig.data[2].line.color
    assert fig.data[0].line.dash == "solid" and fig.data[1].line.dash == "dot"
    assert fig.layout.title.text == t("train.fig_compare_accuracy", "en")


def test_predictions_figure_colours_titles():
    images = np.zeros((3, 28, 28, 1), dtype=np.uint8)
    images[1, 5:10, 5:10, 0] = 255
    names = ["T-shirt/top", "Trouser", "Pullover"]
    fig = figures.predictions_figure(images, [0, 1, 2], [0, 2, 2], [0.9, 0.55, 0.7], names, "en", columns=2)
    titles = [annotation.text for annotation in fig.layout.annotations]
    assert len(fig.data) == 3 and len(titles) == 3
    assert figures.RIGHT_COLOR in titles[0] and "T-shirt/top" in titles[0] and "90%" in titles[0]
    assert figures.WRONG_COLOR in titles[1] and "Pullover" in titles[1] and "true: Trouser" in titles[1]
    assert "true:" not in titles[0]  # a right answer needs no correction
    # Every image sits below its title, inside the figure.
    for annotation, trace in zip(fig.layout.annotations, fig.data):
        axis = fig.layout[trace.yaxis.replace("y", "yaxis")]
        assert axis.domain[1] <= annotation.y < 1
    assert np.asarray(fig.data[1].z).shape == (28, 28) and np.asarray(fig.data[1].z).max() == 255
    bengali = figures.predictions_figure(images[:1], [0], [0], [0.5], names, "bn")
    assert "৫০%" in bengali.layout.annotations[0].text
