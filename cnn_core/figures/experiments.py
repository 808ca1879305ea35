"""The class experiment's plot: test accuracy against the varied setting, one dot per run, and each
value's mean with its spread (one standard deviation). A plain dict: it redraws as runs finish."""

from __future__ import annotations

from collections.abc import Sequence

from cnn_core.figures import PALETTE
from cnn_core.i18n import number, t

METRICS = ("test_accuracy", "seconds", "images_per_s")


def experiment_figure(param_label: str, values: Sequence, results: Sequence, summary: Sequence[dict], lang: str,
                      metric: str = "test_accuracy", height: int = 420) -> dict:
    """Args:
        param_label: the varied setting's name, in ``lang`` (the x axis title).
        values: the experiment's values, in order (the x axis categories).
        results: :class:`cnn_core.experiments.RunResult` rows.
        summary: :func:`cnn_core.experiments.summary` rows (mean and spread of test accuracy).
        metric: ``test_accuracy``, ``seconds`` or ``images_per_s``.

    Returns:
        A plotly figure dict.
    """
    labels = [str(value) for value in values]
    runs = [result for result in results if getattr(result, metric) is not None]
    data = [{"type": "scatter", "mode": "markers", "name": t("experiments.fig_runs", lang),
             "x": [str(result.value) for result in runs], "y": [getattr(result, metric) for result in runs],
             "text": [t("experiments.fig_seed", lang, seed=number(result.seed, lang)) for result in runs],
             "marker": {"size": 11, "color": PALETTE[0], "opacity": 0.75}}]
    if metric == "test_accuracy":
        means = [row for row in summary if row["n"]]
        data.append({"type": "scatter", "mode": "markers+lines", "name": t("experiments.fig_mean", lang),
                     "x": [str(row["value"]) for row in means], "y": [row["mean"] for row in means],
                     "error_y": {"type": "data", "array": [row["std"] for row in means], "visible": True},
                     "marker": {"size": 16, "symbol": "diamond", "color": PALETTE[3]},
                     "line": {"color": PALETTE[3], "dash": "dot"}})
    axis = {"title": {"text": t(f"experiments.fig_{metric}", lang)}}
    if metric == "test_accuracy":
        axis.update(tickformat=".0%")
    return {"data": data, "layout": {
        "height": height, "margin": {"l": 60, "r": 20, "t": 30, "b": 60},
        "xaxis": {"title": {"text": param_label}, "type": "category", "categoryorder": "array",
                  "categoryarray": labels},
        "yaxis": axis, "legend": {"orientation": "h", "y": -0.25}}}
