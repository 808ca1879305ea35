"""Tick labels in the page's digits.

Plotly writes an axis's tick numbers (and a colour bar's) in the digits 0-9 whatever the page's
language, and its locale settings cannot change that (plotly.js passes no ``numerals`` to its number
formatter). So for a language with its own digits (:data:`cnn_core.i18n.NUMERALS`) the ticks are
chosen here, the way plotly would choose them (1, 2 or 5 times a power of ten, at most
:data:`MAX_INTERVALS` steps over the shown range), and written out as ``tickvals`` / ``ticktext``.

Only what can be worked out from the figure itself is changed: a numeric axis (or colour bar)
whose range is set, or whose traces carry their numbers (``x``/``y``, a heatmap's ``z``); a log axis
gets its powers of ten. Category axes (class names), hidden ones, axes with their own tick text, date
axes and histograms' count axes (plotly counts those itself) keep plotly's ticks.

    >>> layout = {"yaxis": {"range": [0, 1.02], "tickformat": ".0%"}}
    >>> tick_updates(layout, [], "bn")[0]["yaxis"]["ticktext"]
    ['০%', '২০%', '৪০%', '৬০%', '৮০%', '১০০%']
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from cnn_core import i18n
from cnn_core.figures import MINUS

MAX_INTERVALS = 6
# d3 tick formats that Python's format() writes the same way: "," ".2f" ".0%" ",.1f" ...
_SIMPLE_FORMAT = re.compile(r"^,?(\.\d+[f%])?$")
_AXIS_KEY = re.compile(r"^([xy])axis(\d*)$")
_UNCOUNTED_TRACES = ("histogram", "histogram2d", "histogram2dcontour", "pie", "image")


def writes_own_digits(lang: str) -> bool:
    """True when ``lang`` writes numbers in digits other than 0-9."""
    return i18n.digits("0123456789", lang) != "0123456789"


def nice_step(low: float, high: float, max_intervals: int = MAX_INTERVALS) -> float:
    """The smallest of 1, 2 or 5 times a power of ten that splits ``low``..``high`` into at most
    ``max_intervals`` steps.

    >>> nice_step(0, 1.02), nice_step(0, 2.3), nice_step(0, 255)
    (0.2, 0.5, 50.0)
    """
    span = max(high - low, 1e-12)
    power = 10.0 ** math.floor(math.log10(span / max_intervals))  # so 10 * power always fits
    return next(float(f"{mantissa * power:.12g}") for mantissa in (1, 2, 5, 10)
                if span / (mantissa * power) <= max_intervals + 1e-9)


def tick_values(low: float, high: float, step: float, start: float = 0.0) -> list[float]:
    """Every ``start + k * step`` from ``low`` to ``high`` (ends included, rounding forgiven)."""
    first = math.ceil((low - start) / step - 1e-9)
    last = math.floor((high - start) / step + 1e-9)
    return [float(f"{start + k * step:.12g}") for k in range(first, last + 1)]


def tick_text(value: float, step: float, lang: str, tickformat: str | None = None) -> str:
    """One tick's label in ``lang``'s digits: with the axis's ``tickformat`` where it has one, else
    with as many decimals as the step needs (plotly's default look)."""
    value += 0.0  # no "-0"
    if tickformat and "." in tickformat:
        text = format(value, tickformat)
    else:  # no precision given: the decimals the step needs, none that are zero ("1", "1.5"), as plotly does
        decimals = max(0, -math.floor(math.log10(step) + 1e-9))
        text = format(value, f"{tickformat or ''}.{decimals}f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    if text.startswith("-"):
        text = MINUS + text[1:]
    return i18n.digits(text, lang)


_EMPTY = ()  # a trace with no points yet (a live chart before its first epoch): it says nothing


def _numbers(values) -> np.ndarray | None:
    """``values`` as finite floats (maybe none), or None when they are not all numbers (category names)."""
    if values is None:
        return None
    try:
        array = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        return None
    return array[np.isfinite(array)]


def _trace_extent(trace: dict, letter: str, log: bool = False) -> tuple[float, float] | tuple[()] | None:
    """The numbers ``trace`` puts on its ``letter`` axis (its positive ones on a ``log`` axis), as
    (low, high); :data:`_EMPTY` when it has none yet; None if unknown."""
    kind = trace.get("type", "scatter")
    if kind in _UNCOUNTED_TRACES:
        return None
    values = trace.get(letter)
    if values is None and kind == "heatmap" and trace.get("z") is not None:
        z = np.asarray(trace["z"])
        if z.ndim != 2:
            return None
        count = z.shape[1] if letter == "x" else z.shape[0]
        return (-0.5, count - 0.5)  # exactly the range plotly shows: a cell is one unit wide
    numbers = _numbers(values)
    if numbers is None:
        return None
    if log:
        numbers = numbers[numbers > 0]
    if not numbers.size:
        return _EMPTY
    low, high = float(numbers.min()), float(numbers.max())
    if not log and kind == "bar" and letter == ("x" if trace.get("orientation") == "h" else "y"):
        low, high = min(low, 0.0), max(high, 0.0)  # bars grow from zero
    return low, high


def _axis_extent(key: str, axis: dict, traces: Sequence[dict]) -> tuple[float, float, bool] | None:
    """The range an axis shows: its own ``range``, else its traces' numbers (None when any of them is
    not a number or cannot be known); and whether plotly pads it (any trace but a heatmap)."""
    if axis.get("range") is not None and None not in axis["range"]:
        low, high = sorted(float(value) for value in axis["range"])
        return low, high, False
    letter, number = _AXIS_KEY.match(key).groups()
    reference = letter + (number if number not in ("", "1") else "")
    extents, padded = [], False
    for trace in traces:
        if (trace.get(f"{letter}axis") or letter) != reference:
            continue
        extent = _trace_extent(trace, letter, log=axis.get("type") == "log")
        if extent is None:
            return None
        if extent is _EMPTY:
            continue
        extents.append(extent)
        padded = padded or trace.get("type", "scatter") != "heatmap"
    if not extents:
        return None
    low, high = min(low for low, _ in extents), max(high for _, high in extents)
    if axis.get("rangemode") == "tozero":
        low, high = min(low, 0.0), max(high, 0.0)
    return low, high, padded


def _ticks(low: float, high: float, lang: str, tickformat: str | None, dtick=None, tick0=None,
           padded: bool = False) -> dict | None:
    """Tick settings from ``low`` to ``high``; ``padded``: plotly pads the range it picks itself, so
    one step more at each end (plotly leaves out the ticks that fall outside what it shows)."""
    if high - low < 1e-12:
        return None
    if isinstance(dtick, (int, float)) and dtick > 0:
        step, start = float(dtick), float(tick0 or 0.0)
    else:
        step, start = nice_step(low, high), 0.0
    values = tick_values(low - step, high + step, step, start) if padded else tick_values(low, high, step, start)
    return {"tickmode": "array", "tickvals": values,
            "ticktext": [tick_text(value, step, lang, tickformat) for value in values]}


def _log_ticks(low: float, high: float, lang: str, in_log_units: bool) -> dict | None:
    """A log axis's ticks: each power of ten from ``low`` to ``high`` (numbers, or their log10 when the
    axis's own range gave them), written out in full (``0.001``)."""
    if not in_log_units:
        low, high = math.log10(low), math.log10(high)
    powers = range(math.floor(low + 1e-9), math.ceil(high - 1e-9) + 1)
    values = [10.0 ** power for power in powers]
    return {"tickmode": "array", "tickvals": values,
            "ticktext": [i18n.digits(format(value, f".{max(0, -power)}f"), lang) for value, power in zip(values, powers)]}


def _keeps_plotly_ticks(axis: dict) -> bool:
    tickformat = axis.get("tickformat")
    return (axis.get("visible") is False or axis.get("showticklabels") is False
            or axis.get("tickvals") is not None or axis.get("ticktext") is not None
            or axis.get("tickmode") == "array" or axis.get("type") not in (None, "-", "linear", "log")
            or (tickformat is not None and not _SIMPLE_FORMAT.match(tickformat)))


def tick_updates(layout: dict, traces: Sequence[dict], lang: str) -> tuple[dict, dict[int, dict]]:
    """What to change so a figure's numeric ticks are written in ``lang``'s digits.

    Args:
        layout: the figure's layout, as a plain dict.
        traces: its traces, as plain dicts.
        lang: a code of :data:`cnn_core.i18n.LANGUAGES`.

    Returns:
        ``(axes, colour_bars)``: ``{axis key: tick settings}`` for the layout, and ``{trace index:
        colorbar tick settings}``; both empty for a language that writes 0-9.
    """
    if not writes_own_digits(lang):
        return {}, {}
    keys = {key for key in layout if _AXIS_KEY.match(key)}
    for trace in traces:
        if trace.get("type", "scatter") not in ("pie", "sunburst", "treemap", "sankey", "table"):
            keys.update(_layout_key(trace.get(f"{letter}axis") or letter) for letter in "xy")
    axes = {}
    for key in sorted(keys):
        axis = layout.get(key) or {}
        if _keeps_plotly_ticks(axis):
            continue
        extent = _axis_extent(key, axis, traces)
        if not extent:
            continue
        if axis.get("type") == "log":
            ticks = _log_ticks(*extent[:2], lang, in_log_units=axis.get("range") is not None)
        else:
            ticks = _ticks(*extent[:2], lang, axis.get("tickformat"), axis.get("dtick"), axis.get("tick0"),
                           padded=extent[2])
        if ticks:
            axes[key] = ticks
    bars = {}
    for index, trace in enumerate(traces):
        ticks = _colour_bar_ticks(trace, lang)
        if ticks:
            bars[index] = ticks
    return axes, bars


def _layout_key(reference: str) -> str:
    """A trace's axis reference ("x", "y2") as the layout's key ("xaxis", "yaxis2")."""
    return f"{reference[0]}axis{reference[1:]}"


def _colour_bar_ticks(trace: dict, lang: str) -> dict | None:
    """A heatmap's colour bar's ticks, when it shows one and its numbers are known."""
    if trace.get("type") not in ("heatmap", "contour") or trace.get("showscale") is False:
        return None
    bar = trace.get("colorbar") or {}
    if _keeps_plotly_ticks(bar):
        return None
    low, high = trace.get("zmin"), trace.get("zmax")
    if low is None or high is None:
        numbers = _numbers(trace.get("z"))
        if numbers is None or not numbers.size:
            return None
        low, high = float(numbers.min()), float(numbers.max())
    return _ticks(float(low), float(high), lang, bar.get("tickformat"))


def localize_spec(spec: dict, lang: str) -> dict:
    """Write a plain-dict figure's numeric ticks in ``lang``'s digits (in place; returned)."""
    layout = spec.setdefault("layout", {})
    traces = spec.get("data") or []
    axes, bars = tick_updates(layout, traces, lang)
    for key, ticks in axes.items():
        layout[key] = {**(layout.get(key) or {}), **ticks}
    for index, ticks in bars.items():
        traces[index]["colorbar"] = {**(traces[index].get("colorbar") or {}), **ticks}
    return spec


def localize_figure(fig, lang: str):
    """The same for a ``plotly.graph_objects.Figure`` (in place; returned)."""
    if not writes_own_digits(lang):
        return fig
    traces = [trace.to_plotly_json() for trace in fig.data]
    axes, bars = tick_updates(fig.layout.to_plotly_json(), traces, lang)
    if axes:
        fig.update_layout(axes)
    for index, ticks in bars.items():
        fig.data[index].update(colorbar=ticks)
    return fig
