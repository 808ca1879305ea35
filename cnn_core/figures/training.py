"""Plotly figures for training: live loss/accuracy curves, run comparison, sample predictions.

Every function here is a pure function of plain data (what a ``cnn_core.jobs.JobSnapshot`` carries, a
saved run's ``history`` dict, numpy arrays), so each one can be tested without a browser or a model.

The x axis of the live curves is measured in **epochs**: batch ``k`` of ``n`` in epoch ``e`` sits at
``e - 1 + k / n`` (``k`` from 1), and an epoch's summary point sits at ``e``. That puts the noisy per-batch
numbers, the per-epoch training numbers and the validation numbers on one shared axis, so a learner
sees the gap between training and validation open up as the epochs pass.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from cnn_core import escape
from cnn_core.figures import PALETTE
from cnn_core.i18n import number, t

METRICS = ("loss", "accuracy")
EMPTY_LOSS_TOP = 2.5

TRAIN_COLOR = PALETTE[0]        # blue
VALIDATION_COLOR = PALETTE[3]   # vermillion
RIGHT_COLOR = PALETTE[2]        # bluish green
WRONG_COLOR = PALETTE[3]
RUN_COLORS = PALETTE

# A see-through copy of the training colour, for the raw per-batch values behind the smoothed line.
_FAINT_TRAIN = "rgba(0, 114, 178, 0.25)"


def _metric_axis(fig: go.Figure, metric: str, lang: str, row: int | None = None, col: int | None = None):
    title = t(f"train.fig_{metric}", lang)
    if metric == "accuracy":
        fig.update_yaxes(title_text=title, range=[0, 1.02], tickformat=".0%", row=row, col=col)
    else:
        fig.update_yaxes(title_text=title, rangemode="tozero", row=row, col=col)


def live_chart(curves: dict, epochs: Sequence[dict], metric: str, lang: str = "en",
               total_epochs: int | None = None, projector: bool = False) -> dict:
    """Live curve of one metric (``"loss"`` or ``"accuracy"``) on the epoch axis, as a complete,
    styled plotly dict: it is redrawn while a run trains, so the app hands it to plotly without
    validation (building and validating a ``go.Figure`` cost ~40 times more per redraw).

    ``curves`` is a job snapshot's thinned per-batch series (``x``, ``<metric>`` and
    ``<metric>_smooth``, at most a few hundred points however long the run, see
    :class:`cnn_core.jobs.Curves`); ``epochs`` its per-epoch rows, each with ``x`` where its last
    batch sits (a stopped epoch ends early). Traces, in drawing order: the raw per-batch training
    values (faint), their smoothed line, the per-epoch training values and the per-epoch validation
    values, so training and validation share the axes. The look is :func:`cnn_core.figures.apply_style`'s
    written out (white plot, the palette, bigger text and thicker lines in ``projector`` mode).
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    base = 20 if projector else 13
    thick = 4 if projector else None
    marker = 10 if projector else 9
    validated = [row for row in epochs if row.get(f"val_{metric}") is not None]
    data = [
        {"type": "scatter", "x": list(curves["x"]), "y": list(curves[metric]), "mode": "lines",
         "name": t("train.fig_batch_raw", lang), "line": {"color": _FAINT_TRAIN, "width": thick or 1},
         "hoverinfo": "skip"},
        {"type": "scatter", "x": list(curves["x"]), "y": list(curves[f"{metric}_smooth"]), "mode": "lines",
         "name": t("train.fig_batch_smooth", lang), "line": {"color": TRAIN_COLOR, "width": thick or 2}},
        {"type": "scatter", "x": [row["x"] for row in epochs], "y": [row[metric] for row in epochs],
         "mode": "lines+markers", "name": t("train.fig_epoch_train", lang),
         "line": {"color": TRAIN_COLOR, "width": thick or 2, "dash": "dot"},
         "marker": {"size": marker, "symbol": "circle"}},
        {"type": "scatter", "x": [row["x"] for row in validated], "y": [row[f"val_{metric}"] for row in validated],
         "mode": "lines+markers", "name": t("train.fig_epoch_val", lang),
         "line": {"color": VALIDATION_COLOR, "width": thick or 2.5}, "marker": {"size": marker, "symbol": "diamond"}},
    ]
    grid = "#9ca3af" if projector else "#e5e7eb"
    text_color = "#000000" if projector else "#0f172a"
    axis = {"gridcolor": grid, "zerolinecolor": grid, "linecolor": "#000000" if projector else grid,
            "tickfont": {"size": base}, "automargin": True}
    right_edge = max(total_epochs or 0, max(curves["x"], default=0), max((row["x"] for row in epochs), default=0), 1)
    xaxis = {**axis, "title": {"text": t("train.fig_epoch_axis", lang), "font": {"size": base + 2}},
             "range": [0, right_edge + 0.05]}
    if right_edge <= 20:
        xaxis["dtick"] = 1
    yaxis = {**axis, "title": {"text": t(f"train.fig_{metric}", lang), "font": {"size": base + 2}}}
    if metric == "accuracy":
        yaxis.update(range=[0, 1.02], tickformat=".0%")
    elif curves["x"] or epochs:
        yaxis["rangemode"] = "tozero"
    else:  # no run yet: room for a fresh network's loss, which starts near ln(10) = 2.3 for ten classes
        yaxis["range"] = [0, EMPTY_LOSS_TOP]
    layout = {"title": {"text": t(f"train.fig_title_{metric}", lang), "font": {"size": base + 6}},
              "height": 340, "margin": {"l": 10, "r": 10, "t": 40, "b": 10}, "uirevision": metric,
              "legend": {"orientation": "h", "yanchor": "top", "y": -0.28, "x": 0, "font": {"size": base}},
              "font": {"size": base, "color": text_color}, "colorway": list(PALETTE),
              "hoverlabel": {"font": {"size": base}}, "plot_bgcolor": "#ffffff", "paper_bgcolor": "#ffffff",
              "xaxis": xaxis, "yaxis": yaxis}
    return {"data": data, "layout": layout}


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
                                     name=t(label, lang, name=escape.plotly(run.get("name") or run.get("run_id", "?"))),
                                     line=dict(color=color, dash=dash, width=2), marker=dict(size=6)))
    fig.update_xaxes(title_text=t("train.fig_epoch_axis", lang), dtick=1)
    _metric_axis(fig, metric, lang)
    fig.update_layout(title=t(f"train.fig_compare_{metric}", lang), height=380,
                      margin=dict(l=10, r=10, t=50, b=10), template="plotly_white",
                      legend=dict(orientation="h", yanchor="top", y=-0.22, x=0))
    return fig


def predictions_figure(images: np.ndarray, true_labels: Sequence[int], predicted_labels: Sequence[int],
                       confidences: Sequence[float], class_names: Sequence[str],
                       lang: str = "en", columns: int = 6) -> go.Figure:
    """Small greyscale test images, each titled with the model's answer and its confidence: green
    with a tick when right; red with a cross, plus the true label, when wrong.

    The images occupy the lower part of the figure only, so the first row's titles have room above
    it whatever margins the app's style sets.
    """
    class_names = escape.plotly_all(class_names)   # learners' own class names show as typed
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
