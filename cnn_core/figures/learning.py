"""Figures and written-out sums of the "Learn one step" page (:mod:`cnn_core.learning`).

The texts are arithmetic only (symbols and numbers, digits in the page's language); the page puts
the words around them. Figures are plain plotly dicts, styled here for projector mode.
"""

from __future__ import annotations

import math

import numpy as np

from cnn_core import i18n, learning
from cnn_core.figures import MINUS, PALETTE, PROJECTOR_DIVERGING

SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
BEFORE_COLOR, AFTER_COLOR, OTHER_COLOR = PALETTE[5], PALETTE[0], PALETTE[1]
TERMS_SHOWN = 60   # a kernel weight's sum lists at most this many terms, then says how many more


def num(value: float, lang: str = "en", digits: int = 4) -> str:
    """A number with ``digits`` significant digits; very small or big ones as ``1.23×10⁻⁵``; a real
    minus sign, the language's digits."""
    value = float(value)
    if value == 0 or not math.isfinite(value):
        text = "0" if value == 0 else str(value)
    else:
        text = format(value, f".{digits}g")
        if "e" in text:
            mantissa, exponent = text.split("e")
            text = f"{mantissa}×10{str(int(exponent)).translate(SUPERSCRIPTS)}"
    return i18n.digits(text.replace("-", MINUS), lang)


def _wrapped(value: float, lang: str) -> str:
    text = num(value, lang)
    return f"({text})" if text.startswith(MINUS) or "×" in text else text


def pos(lang: str, *indices: int) -> str:
    """A 1-based position ``(3,5)`` in the language's digits."""
    return i18n.digits("(" + ",".join(str(int(index) + 1) for index in indices) + ")", lang)


def loss_text(step: learning.GradientStep, name: str, lang: str, after: bool = False) -> str:
    """``L = −log p(true) = −log 0.1234 = 2.092``."""
    p = step.p_true_after if after else step.p_true_before
    loss = step.loss_after if after else step.loss_before
    return f"L = {MINUS}log p({name}) = {MINUS}log {num(p, lang)} = {num(loss, lang)}"


def output_delta_lines(step: learning.GradientStep, names: list[str], lang: str) -> str:
    """One line per class: ``∂L/∂z = p − y = 0.01 − 0 = 0.01   TensorFlow: 0.01``."""
    lines = []
    for index, p in enumerate(step.probabilities_before):
        y = 1 if index == step.label else 0
        lines.append(f"{names[index] if index < len(names) else index}: ∂L/∂z = p {MINUS} y = {num(p, lang)} {MINUS} "
                     f"{i18n.digits(str(y), lang)} = {num(p - y, lang)}    TF: {num(step.output_delta[index], lang)}")
    return "\n".join(lines)


def dense_text(explained: learning.DenseWeightGradient, lang: str) -> str:
    i, u = pos(lang, explained.input_index), pos(lang, explained.unit)
    return (f"∂L/∂W{pos(lang, explained.input_index, explained.unit)} = x{i} × δ{u} = "
            f"{num(explained.input_value, lang)} × {_wrapped(explained.delta, lang)} = {num(explained.gradient, lang)}\n"
            f"TF: {num(explained.tf_gradient, lang)}")


def relu_text(z: float, delta_out: float, delta_in: float, lang: str) -> str:
    passes = z > 0
    rule = f"z = {num(z, lang)} {'>' if passes else '≤'} 0  ⇒  δ_in = {'δ_out' if passes else '0'} = " \
           f"{num(delta_out if passes else 0.0, lang)}"
    return f"{rule}\nTF: {num(delta_in, lang)}"


def pool_text(window: learning.PoolWindow, lang: str) -> str:
    rows = []
    for r in range(window.values.shape[0]):
        cells = []
        for c in range(window.values.shape[1]):
            mark = "*" if (r, c) == window.winner else " "
            cells.append(f"{num(window.values[r, c], lang):>10}{mark} → δ {num(window.delta_in[r, c], lang):>10}")
        rows.append("   ".join(cells))
    return "\n".join(rows) + f"\nδ_out = {num(window.delta_out, lang)}"


def conv_sum_text(explained: learning.ConvWeightGradient, lang: str, limit: int = TERMS_SHOWN) -> str:
    """The kernel weight's gradient term by term: ``x(1,2)·δ(1,1) = 0.5×(−0.01)`` for every output
    position whose product is not 0, then the sum and TensorFlow's number."""
    terms = explained.terms()
    lines = [f"{pos(lang, r, c)}: {num(x, lang)} × {_wrapped(d, lang)} = {num(p, lang)}"
             for r, c, x, d, p in terms[:limit]]
    if len(terms) > limit:
        rest = sum(term[4] for term in terms[limit:])
        lines.append(f"… + {i18n.digits(str(len(terms) - limit), lang)} × … = {num(rest, lang)}")
    lines.append(f"Σ = {num(explained.gradient, lang)}")
    lines.append(f"TF: {num(explained.tf_gradient, lang)}")
    return "\n".join(lines)


def update_text(weight: float, gradient: float, learning_rate: float, lang: str) -> str:
    """``w ← w − lr·g = 0.1 − 0.01 × (−0.5) = 0.105``."""
    new = weight - learning_rate * gradient
    return (f"w ← w {MINUS} lr·g = {num(weight, lang)} {MINUS} {num(learning_rate, lang)} × "
            f"{_wrapped(gradient, lang)} = {num(new, lang)}")


def adam_text(first: learning.AdamFirstStep, weight: float, lang: str) -> str:
    """Adam's first step for one weight, line by line."""
    b1, b2 = num(first.beta_1, lang), num(first.beta_2, lang)
    one = i18n.digits("1", lang)
    g = _wrapped(first.gradient, lang)
    return "\n".join([
        f"m = ({one} {MINUS} {b1}) × {g} = {num(first.m, lang)}",
        f"v = ({one} {MINUS} {b2}) × {g}² = {num(first.v, lang)}",
        f"m̂ = m / ({one} {MINUS} {b1}) = {num(first.m_hat, lang)}",
        f"v̂ = v / ({one} {MINUS} {b2}) = {num(first.v_hat, lang)}",
        f"Δw = lr × m̂ / (√v̂ + ε̂) = {num(first.learning_rate, lang)} × {_wrapped(first.m_hat, lang)} / "
        f"({num(math.sqrt(first.v_hat), lang)} + {num(first.epsilon_hat, lang)}) = {num(first.step, lang)}",
        f"w ← w {MINUS} Δw = {num(weight, lang)} {MINUS} {_wrapped(first.step, lang)} = {num(weight - first.step, lang)}",
    ])


# ---------------------------------------------------------------- figures (plain dicts)

def _layout(projector: bool, height: int, **extra) -> dict:
    base = 20 if projector else 13
    layout = {"height": height, "colorway": PALETTE, "font": {"size": base, **({"color": "#000000"} if projector else {})},
              "margin": {"l": 10, "r": 10, "t": 30, "b": 10}, "plot_bgcolor": "#FFFFFF",
              "legend": {"orientation": "h", "y": 1.12}}
    layout.update(extra)
    return layout


def probabilities_figure(before, after, names: list[str], label: int, labels: tuple[str, str], projector: bool = False,
                         height: int = 320) -> dict:
    """Each class's probability before and after the step, side by side; the true class is marked."""
    shown = [f"<b>{name}</b>" if index == label else name for index, name in enumerate(names)]
    return {"data": [
        {"type": "bar", "x": shown, "y": [float(v) for v in before], "name": labels[0], "marker": {"color": BEFORE_COLOR}},
        {"type": "bar", "x": shown, "y": [float(v) for v in after], "name": labels[1], "marker": {"color": AFTER_COLOR}},
    ], "layout": _layout(projector, height, barmode="group", yaxis={"range": [0, 1], "tickformat": ".0%"})}


def steps_figure(history: learning.StepsHistory, labels: dict[str, str], projector: bool = False,
                 height: int = 360) -> dict:
    """The picture's loss, the other pictures' mean loss (left axis) and their accuracy (right axis)
    after each step."""
    steps = list(range(len(history.losses)))
    data = [{"type": "scatter", "mode": "lines+markers", "x": steps, "y": list(history.losses),
             "name": labels["this_loss"], "line": {"color": AFTER_COLOR, "width": 3}}]
    if history.other_losses:
        data += [{"type": "scatter", "mode": "lines+markers", "x": steps, "y": list(history.other_losses),
                  "name": labels["other_loss"], "line": {"color": OTHER_COLOR, "width": 3, "dash": "dash"}},
                 {"type": "scatter", "mode": "lines", "x": steps, "y": list(history.other_accuracy),
                  "name": labels["other_accuracy"], "yaxis": "y2", "line": {"color": PALETTE[2], "width": 3}}]
    xaxis = {"title": {"text": labels["step"]}, **({"dtick": 1} if len(steps) <= 20 else {})}
    yaxis2 = {"title": {"text": labels["accuracy"]}, "overlaying": "y", "side": "right", "range": [0, 1],
              "tickformat": ".0%"}
    return {"data": data, "layout": _layout(projector, height, xaxis=xaxis, yaxis2=yaxis2,
                                            yaxis={"title": {"text": labels["loss"]}, "rangemode": "tozero"})}


def products_figure(explained: learning.ConvWeightGradient, projector: bool = False, height: int = 320) -> dict:
    """The map of ``input × δ`` over every output position (its sum is the weight's gradient)."""
    products = explained.products
    reach = float(np.abs(products).max()) or 1.0
    rows, cols = products.shape
    return {"data": [{"type": "heatmap", "z": products.tolist(), "zmin": -reach, "zmax": reach,
                      "colorscale": PROJECTOR_DIVERGING if projector else "RdBu",
                      "x": list(range(1, cols + 1)), "y": list(range(1, rows + 1)),
                      "hovertemplate": "(%{y},%{x}): %{z:.3g}<extra></extra>"}],
            "layout": _layout(projector, height, xaxis={"constrain": "domain"},
                              yaxis={"scaleanchor": "x", "autorange": "reversed"})}
