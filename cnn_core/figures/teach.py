"""Figures of the Teach page, as plain plotly dicts (redrawn while a run trains)."""

from __future__ import annotations

import math

from cnn_core.i18n import number, t

PERCENT_TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)


def accuracy_per_epoch(epochs: list[dict], total_epochs: int, lang: str) -> dict:
    """Accuracy on the training examples and on the held-out ones, one point per finished epoch.

    The x axis spans the whole run from the start, so the lines grow towards the right edge; tick
    labels are written in the page's digits."""
    xs = [row["epoch"] for row in epochs]
    step = max(1, math.ceil(total_epochs / 6))
    epoch_ticks = list(range(step, max(total_epochs, 1) + 1, step))
    traces = []
    for key, name_key, dash in (("accuracy", "teach.chart_train", "solid"), ("val_accuracy", "teach.chart_holdout", "dash")):
        values = [row.get(key) for row in epochs]
        if any(value is not None for value in values):
            traces.append({"type": "scatter", "mode": "lines+markers", "x": xs, "y": values,
                           "name": t(name_key, lang), "line": {"dash": dash}})
    return {
        "data": traces,
        "layout": {
            "title": {"text": t("teach.chart_title", lang)},
            "xaxis": {"title": {"text": t("teach.chart_epoch", lang)}, "range": [0.5, max(total_epochs, 1) + 0.5],
                      "tickvals": epoch_ticks, "ticktext": [number(tick, lang) for tick in epoch_ticks]},
            "yaxis": {"range": [0, 1.05], "tickvals": list(PERCENT_TICKS),
                      "ticktext": [f"{number(round(tick * 100), lang)}%" for tick in PERCENT_TICKS]},
            "height": 300,
            "legend": {"orientation": "h", "y": -0.25},
        },
    }
