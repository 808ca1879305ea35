"""Plotly figures for training: live loss/accuracy curves, run comparison, sample predictions.

Every function here is a pure function of plain data (the lists a ``JobSnapshot`` carries, a saved
run's ``history`` dict, numpy arrays), so each one can be tested without a browser or a model.

The x axis of the live curves is measured in **epochs**: batch ``k`` of ``n`` in epoch ``e`` sits at
``e - 1 + (k + 1) / n``, and an epoch's summary point sits at ``e``. That puts the noisy per-batch
numbers, the per-epoch training numbers and the validation numbers on one shared axis, so a learner
sees the gap between training and validation open up as the epochs pass.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cnn_core.figures import PALETTE
from cnn_core.i18n import number, t

METRICS = ("loss", "accuracy")

TRAIN_COLOR = PALETTE[0]        # blue
VALIDATION_COLOR = PALETTE[3]   # vermillion
RIGHT_COLOR = PALETTE[2]        # bluish green
WRONG_COLOR = PALETTE[3]
RUN_COLORS = PALETTE

# A see-through copy of the training colour, for the raw per-batch values behind the smoothed line.
_FAINT_TRAIN = "rgba(0, 114, 178, 0.25)"


def smooth(values: Sequence[float], weight: float = 0.9) -> list[float]:
    """Exponential moving average with bias correction (TensorBoard's smoothing).

    Each output is ``weight`` parts the running average and ``1 - weight`` parts the new value. The
    running average starts at zero, so early outputs are divided by ``1 - weight**n`` to undo that
    pull towards zero; the first output therefore equals the first input.
    """
    if not 0.0 <= weight < 1.0:
        raise ValueError("weight must be in [0, 1)")
    average = 0.0
    smoothed = []
    for n, value in enumerate(values, start=1):
        average = weight * average + (1.0 - weight) * float(value)
        smoothed.append(average / (1.0 - weight ** n))
    return smoothed


def estimate_steps_per_epoch(batches: Sequence[dict], epoch_progress: float = 0.0) -> int | None:
    """How many batches one epoch has, from what the job has reported so far.

    A finished epoch tells it exactly; during the first epoch it follows from the batches seen and
    the epoch's progress fraction. ``None`` while there is nothing to go on.
    """
    if not batches:
        return None
    counts: dict[int, int] = {}
    for batch in batches:
        counts[batch["epoch"]] = counts.get(batch["epoch"], 0) + 1
    current = batches[-1]["epoch"]
    finished = [count for epoch, count in counts.items() if epoch != current]
    if finished:
        return max(finished)
    if epoch_progress > 0:
        return max(counts[current], round(counts[current] / min(epoch_progress, 1.0)))
    return counts[current]


def batch_positions(batches: Sequence[dict], steps_per_epoch: int | None) -> list[float]:
    """Each batch's position on the epoch axis (see the module docstring)."""
    positions = []
    index_in_epoch = 0
    previous_epoch = None
    for batch in batches:
        if batch["epoch"] != previous_epoch:
            index_in_epoch = 0
            previous_epoch = batch["epoch"]
        per_epoch = max(steps_per_epoch or 1, index_in_epoch + 1)
        positions.append(batch["epoch"] - 1 + (index_in_epoch + 1) / per_epoch)
        index_in_epoch += 1
    return positions


def thin(xs: Sequence[float], ys: Sequence[float], max_points: int) -> tuple[list[float], list[float]]:
    """Keep at most ``max_points`` evenly spaced points (always the last), so big runs draw fast."""
    if len(xs) <= max_points:
        return list(xs), list(ys)
    keep = np.unique(np.linspace(0, len(xs) - 1, max_points).round().astype(int))
    return [xs[i] for i in keep], [ys[i] for i in keep]


def _metric_axis(fig: go.Figure, metric: str, lang: str, row: int | None = None, col: int | None = None):
    title = t(f"train.fig_{metric}", lang)
    if metric == "accuracy":
        fig.update_yaxes(title_text=title, range=[0, 1.02], tickformat=".0%", row=row, col=col)
    else:
        fig.update_yaxes(title_text=title, rangemode="tozero", row=row, col=col)


def metric_figure(batches: Sequence[dict], epochs: Sequence[dict], metric: str, lang: str = "en",
                  total_epochs: int | None = None, steps_per_epoch: int | None = None,
                  epoch_progress: float = 0.0, smoothing: float = 0.9,
                  max_raw_points: int = 1500) -> go.Figure:
    """Live curve of one metric (``"loss"`` or ``"accuracy"``) on the epoch axis.

    Traces, in drawing order: the raw per-batch training values (faint), their smoothed line, the
    per-epoch training values and the per-epoch validation values (``val_<metric>``), so training
    and validation share the same axes. ``steps_per_epoch`` places the batches; when it is not
    known it is estimated from the batches and ``epoch_progress``.
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    fig = go.Figure()
    values = [batch[metric] for batch in batches]
    positions = batch_positions(batches, steps_per_epoch or estimate_steps_per_epoch(batches, epoch_progress))
    raw_x, raw_y = thin(positions, values, max_raw_points)
    fig.add_trace(go.Scatter(x=raw_x, y=raw_y, mode="lines", name=t("train.fig_batch_raw", lang),
                             line=dict(color=_FAINT_TRAIN, width=1), hoverinfo="skip"))
    smooth_x, smooth_y = thin(positions, smooth(values, smoothing), max_raw_points)
    fig.add_trace(go.Scatter(x=smooth_x, y=smooth_y, mode="lines", name=t("train.fig_batch_smooth", lang),
                             line=dict(color=TRAIN_COLOR, width=2)))
    # An epoch's summary sits where its last batch ended: at the epoch number for a full epoch, earlier
    # for one cut short by Stop (Keras still reports the part it trained).
    epoch_ends = {batch["epoch"]: position for batch, position in zip(batches, positions)}
    epoch_numbers = [epoch_ends.get(row["epoch"], row["epoch"]) for row in epochs]
    fig.add_trace(go.Scatter(x=epoch_numbers, y=[row[metric] for row in epochs], mode="lines+markers",
                             name=t("train.fig_epoch_train", lang),
                             line=dict(color=TRAIN_COLOR, width=2, dash="dot"),
                             marker=dict(size=9, symbol="circle")))
    validated = [row for row in epochs if row.get(f"val_{metric}") is not None]
    fig.add_trace(go.Scatter(x=[epoch_ends.get(row["epoch"], row["epoch"]) for row in validated],
                             y=[row[f"val_{metric}"] for row in validated], mode="lines+markers",
                             name=t("train.fig_epoch_val", lang),
                             line=dict(color=VALIDATION_COLOR, width=2.5),
                             marker=dict(size=9, symbol="diamond")))
    right_edge = max(total_epochs or 0, max(positions, default=0), max(epoch_numbers, default=0), 1)
    fig.update_xaxes(title_text=t("train.fig_epoch_axis", lang), range=[0, right_edge + 0.05],
                     dtick=1 if right_edge <= 20 else None)
    _metric_axis(fig, metric, lang)
    fig.update_layout(title=t(f"train.fig_title_{metric}", lang), height=340,
                      margin=dict(l=10, r=10, t=50, b=10), uirevision=metric,
                      legend=dict(orientation="h", yanchor="top", y=-0.28, x=0),
                      template="plotly_white")
    return fig


def compare_figure(runs: Sequence[dict], metric: str, lang: str = "en") -> go.Figure:
    """Saved runs' per-epoch curves on one chart: validation solid, training dotted, one colour a run.

    ``runs`` holds dicts with ``name`` and ``history`` (a saved run's meta has both).
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    fig = go.Figure()
    for index, run in enumerate(runs):
        color = RUN_COLORS[index % len(RUN_COLORS)]
        history = run.get("history") or {}
        for key, dash, label in ((f"val_{metric}", "solid", "train.fig_run_val"),
                                 (metric, "dot", "train.fig_run_train")):
            series = [value for value in history.get(key) or [] if value is not None]
            if not series:
                continue
            fig.add_trace(go.Scatter(x=list(range(1, len(series) + 1)), y=series, mode="lines+markers",
                                     name=t(label, lang, name=run.get("name") or run.get("run_id", "?")),
                                     line=dict(color=color, dash=dash, width=2), marker=dict(size=6)))
    fig.update_xaxes(title_text=t("train.fig_epoch_axis", lang), dtick=1)
    _metric_axis(fig, metric, lang)
    fig.update_layout(title=t(f"train.fig_compare_{metric}", lang), height=380,
                      margin=dict(l=10, r=10, t=50, b=10), template="plotly_white",
                      legend=dict(orientation="h", yanchor="top", y=-0.22, x=0))
    return fig


def pick_examples(true_labels: np.ndarray, predicted_labels: np.ndarray, count: int = 12,
                  max_wrong: int = 4) -> np.ndarray:
    """Indices of ``count`` test examples to show: the first mistakes (at most ``max_wrong``) mixed
    in among the first right answers, kept in dataset order so the choice is stable."""
    right = np.flatnonzero(true_labels == predicted_labels)
    wrong = np.flatnonzero(true_labels != predicted_labels)[:max_wrong]
    chosen = np.concatenate([wrong, right[:max(count - len(wrong), 0)]])[:count]
    return np.sort(chosen)


def predictions_figure(images: np.ndarray, true_labels: Sequence[int], predicted_labels: Sequence[int],
                       confidences: Sequence[float], class_names: Sequence[str],
                       lang: str = "en", columns: int = 6) -> go.Figure:
    """Small greyscale test images, each titled with the model's answer and its confidence: green
    with a tick when right; red with a cross, plus the true label, when wrong.

    The images occupy the lower part of the figure only, so the first row's titles have room above
    it whatever margins the app's style sets.
    """
    count = len(images)
    rows = max(1, math.ceil(count / columns))
    row_height, header = 150, 44
    titles = []
    for truth, guess, confidence in zip(true_labels, predicted_labels, confidences):
        answer = f"{class_names[guess]} ({number(round(100 * float(confidence)), lang)}%)"
        if truth == guess:
            titles.append(f"<span style='color:{RIGHT_COLOR}'><b>✓ {answer}</b></span>")
        else:
            titles.append(f"<span style='color:{WRONG_COLOR}'><b>✗ {answer}</b></span><br>"
                          f"<span style='color:#475569'>{t('train.fig_true', lang, label=class_names[truth])}</span>")
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=titles,
                        horizontal_spacing=0.02, vertical_spacing=min(0.3, header / (rows * row_height)))
    for index in range(count):
        pixels = np.asarray(images[index]).reshape(images[index].shape[0], images[index].shape[1])
        fig.add_trace(go.Heatmap(z=pixels[::-1], colorscale="gray_r", showscale=False, zmin=0, zmax=255,
                                 hovertemplate="x %{x}, y %{y}: %{z}<extra></extra>"),
                      row=index // columns + 1, col=index % columns + 1)
    height = rows * row_height + header
    squeeze = 1 - header / height  # leave the top ``header`` pixels for the first row's titles
    fig.for_each_yaxis(lambda axis: axis.update(domain=[axis.domain[0] * squeeze, axis.domain[1] * squeeze]))
    for annotation in fig.layout.annotations:
        annotation.update(y=annotation.y * squeeze, font=dict(size=12))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(height=height, margin=dict(l=5, r=5, t=10, b=5), template="plotly_white")
    return fig
