"""Training figures built from synthetic snapshot data: traces, smoothing, axes, both languages."""

import numpy as np
import pytest

from cnn_core.figures import training as figures
from cnn_core.i18n import t


def synthetic_batches(epochs: int, steps: int, partial: int = 0) -> list[dict]:
    """Batches as a JobSnapshot lists them: global step, 1-based epoch, falling loss, rising accuracy."""
    batches = []
    step = 0
    for epoch in range(1, epochs + 1):
        for _ in range(steps):
            step += 1
            batches.append({"step": step, "epoch": epoch, "loss": 2.0 / step, "accuracy": 1 - 1.0 / (step + 1)})
    for _ in range(partial):
        step += 1
        batches.append({"step": step, "epoch": epochs + 1, "loss": 2.0 / step, "accuracy": 1 - 1.0 / (step + 1)})
    return batches


def synthetic_epochs(count: int) -> list[dict]:
    return [{"epoch": e, "loss": 1.0 / e, "accuracy": 0.8 + 0.01 * e, "val_loss": 1.2 / e,
             "val_accuracy": 0.78 + 0.005 * e, "seconds": 3.0} for e in range(1, count + 1)]


def test_smooth_starts_at_first_value_and_follows_a_constant():
    assert figures.smooth([]) == []
    assert figures.smooth([5.0, 5.0, 5.0], 0.9) == pytest.approx([5.0, 5.0, 5.0])
    assert figures.smooth([4.0, 0.0], 0.5)[0] == pytest.approx(4.0)
    # Second value: (0.5 * 0.5 * 4 + 0.5 * 0) / (1 - 0.25) = 1 / 0.75
    assert figures.smooth([4.0, 0.0], 0.5)[1] == pytest.approx(1 / 0.75)
    assert figures.smooth([1.0, 3.0], 0.0) == [1.0, 3.0]
    with pytest.raises(ValueError):
        figures.smooth([1.0], 1.0)


def test_smoothing_reduces_noise():
    rng = np.random.default_rng(0)
    noisy = 1.0 + rng.normal(0, 0.3, 500)
    smoothed = np.array(figures.smooth(noisy, 0.9))
    assert np.std(smoothed[50:]) < np.std(noisy[50:]) / 2
    assert abs(smoothed[-100:].mean() - 1.0) < 0.1


def test_steps_per_epoch_from_finished_epoch_or_progress():
    assert figures.estimate_steps_per_epoch([]) is None
    assert figures.estimate_steps_per_epoch(synthetic_batches(2, 7, partial=3)) == 7
    # During the first epoch: 5 batches seen at a quarter of the way -> 20 batches an epoch.
    assert figures.estimate_steps_per_epoch(synthetic_batches(0, 0, partial=5), epoch_progress=0.25) == 20
    assert figures.estimate_steps_per_epoch(synthetic_batches(0, 0, partial=5)) == 5


def test_batch_positions_land_on_epoch_axis():
    batches = synthetic_batches(2, 4, partial=2)
    positions = figures.batch_positions(batches, 4)
    assert positions == pytest.approx([0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0, 2.25, 2.5])
    # An underestimate never makes positions spill into the next epoch.
    assert max(figures.batch_positions(synthetic_batches(1, 6), 4)) == pytest.approx(1.0)


def test_thin_keeps_last_point_and_limit():
    xs = list(range(10_000))
    kept_x, kept_y = figures.thin(xs, xs, 300)
    assert len(kept_x) <= 300 and kept_x[0] == 0 and kept_x[-1] == 9_999 and kept_x == kept_y
    assert figures.thin([1, 2], [3, 4], 300) == ([1, 2], [3, 4])


@pytest.mark.parametrize("metric", ["loss", "accuracy"])
def test_metric_figure_traces_and_axes(metric):
    batches = synthetic_batches(3, 10, partial=4)
    epochs = synthetic_epochs(3)
    fig = figures.metric_figure(batches, epochs, metric, "en", total_epochs=5, epoch_progress=0.4)
    raw, smoothed, train_epochs, val_epochs = fig.data
    assert raw.name == t("train.fig_batch_raw", "en")
    assert smoothed.name == t("train.fig_batch_smooth", "en")
    assert len(raw.x) == len(smoothed.x) == 34
    assert list(raw.y) == [b[metric] for b in batches]
    assert list(smoothed.y) == pytest.approx(figures.smooth(raw.y, 0.9))
    assert list(train_epochs.x) == [1, 2, 3] and list(val_epochs.x) == [1, 2, 3]
    assert list(val_epochs.y) == [e[f"val_{metric}"] for e in epochs]
    assert raw.x[9] == pytest.approx(1.0) and raw.x[-1] == pytest.approx(3.4)
    assert fig.layout.xaxis.title.text == t("train.fig_epoch_axis", "en")
    assert fig.layout.xaxis.range[1] >= 5  # room for the epochs still to come
    assert fig.layout.yaxis.title.text == t(f"train.fig_{metric}", "en")
    if metric == "accuracy":
        assert tuple(fig.layout.yaxis.range) == (0, 1.02)


def test_metric_figure_uses_known_steps_per_epoch():
    batches = synthetic_batches(0, 0, partial=3)
    fig = figures.metric_figure(batches, [], "loss", total_epochs=2, steps_per_epoch=12)
    assert list(fig.data[0].x) == pytest.approx([1 / 12, 2 / 12, 3 / 12])


def test_stopped_epoch_summary_sits_at_its_last_batch():
    batches = synthetic_batches(1, 10, partial=3)  # epoch 2 stopped after 3 of 10 batches
    epochs = synthetic_epochs(2)
    fig = figures.metric_figure(batches, epochs, "accuracy", total_epochs=5, steps_per_epoch=10)
    assert list(fig.data[2].x) == pytest.approx([1.0, 1.3])
    assert list(fig.data[3].x) == pytest.approx([1.0, 1.3])


def test_metric_figure_empty_and_bengali():
    fig = figures.metric_figure([], [], "loss", "bn", total_epochs=3)
    assert [len(trace.x) for trace in fig.data] == [0, 0, 0, 0]
    assert fig.layout.title.text == t("train.fig_title_loss", "bn")
    assert fig.data[3].name == t("train.fig_epoch_val", "bn")
    with pytest.raises(ValueError):
        figures.metric_figure([], [], "precision")


def test_metric_figure_thins_long_runs():
    batches = synthetic_batches(2, 5000)
    fig = figures.metric_figure(batches, synthetic_epochs(2), "loss", max_raw_points=800)
    assert len(fig.data[0].x) <= 800 and fig.data[0].x[-1] == pytest.approx(2.0)


def test_validation_missing_is_skipped():
    epochs = [{"epoch": 1, "loss": 0.5, "accuracy": 0.8, "val_loss": None, "val_accuracy": None, "seconds": 1}]
    fig = figures.metric_figure(synthetic_batches(1, 3), epochs, "accuracy")
    assert len(fig.data[2].x) == 1 and len(fig.data[3].x) == 0


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


def test_pick_examples_mixes_mistakes_in_order():
    truth = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    guess = np.array([0, 1, 9, 3, 4, 0, 6, 7, 8, 9])
    chosen = figures.pick_examples(truth, guess, count=5, max_wrong=1)
    assert list(chosen) == [0, 1, 2, 3, 4]
    chosen = figures.pick_examples(truth, guess, count=4, max_wrong=4)
    assert list(chosen) == [0, 1, 2, 5]
    assert len(figures.pick_examples(truth, truth, count=20)) == 10


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
