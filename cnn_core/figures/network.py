"""Figures and written-out arithmetic for the Network page, as plain plotly dicts.

The network strip is redrawn after every stroke the learner draws, so nothing here goes through
``plotly.graph_objects`` (its validators cost more than the whole forward pass): every builder
returns ``{"data": [...], "layout": {...}}`` ready for ``st.plotly_chart``, styled for projector mode
when asked (bigger text, colour-blind-safe Cividis and vermillion-white-blue scales, like
:func:`cnn_core.figures.apply_style` does for ``go.Figure``).

The strip sends each column's maps as one ``uint8`` picture (values 1..255 on that column's own
scale, 0 for the white gaps between channel maps), which plotly ships as a compact typed array: a
whole network is a few tens of kilobytes per stroke.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from cnn_core import escape
from cnn_core.figures import MINUS, PALETTE, PROJECTOR_DIVERGING, PROJECTOR_SEQUENTIAL, rgb_stops
from cnn_core.figures.conv import format_number
from cnn_core.i18n import number, t
from cnn_core.network import ConvMapExplained, DenseUnitExplained, NetworkTrace, PixelArithmetic, SoftmaxExplained

GAP_COLOR = "#FFFFFF"
HIGHLIGHT = PALETTE[3]           # vermillion: the chosen map, window or pixel
TOP_COLOR = PALETTE[0]
OTHER_COLOR = "#9bbcd6"
CHANGED_COLOR = PALETTE[1]       # orange: the logit the learner moved
STRIP_HEIGHT = 470
EXPLAINER_HEIGHT = 400
ASSUMED_WIDTH = 900              # a page-wide chart in the app's wide layout, in pixels
MAX_STRIP_CHANNELS = 128          # more maps than this in one column would be single pixels
STRIP_RATIO = 2.5                # channel mosaics in the strip are at least this much taller than wide
NARROW_WIDTH = 0.075             # a flatten or dense column's share of the width (most of it for its label)
NARROW_PROJECTOR = 0.09
EXPLAINER_RATIO = 1.6
COLUMN_GAP = 0.012


# ---------------------------------------------------------------- colours and style

_STOPS = {"Inferno": rgb_stops("Inferno"), "RdBu": rgb_stops("RdBu"), "Greys": rgb_stops("gray"),
          PROJECTOR_SEQUENTIAL: rgb_stops(PROJECTOR_SEQUENTIAL)}


def colorscale(kind: str, projector: bool = False) -> list:
    """``"sequential"`` (activations: dark 0, bright big), ``"diverging"`` (signed: red negative,
    white 0, blue positive) or ``"gray"`` (pictures), as plotly stops; projector mode swaps in the
    colour-blind-safe scales."""
    if kind == "gray":
        return _STOPS["Greys"]
    if kind == "diverging":
        return [list(stop) for stop in PROJECTOR_DIVERGING] if projector else _STOPS["RdBu"]
    return _STOPS[PROJECTOR_SEQUENTIAL if projector else "Inferno"]


def _gapped(stops: list) -> list:
    """A scale for 0..255 codes: 0 is the white gap, 1..255 spread over ``stops``."""
    start = 0.5 / 255
    scale = [[0.0, GAP_COLOR], [start, GAP_COLOR]] + [[start + stop * (1 - start), color] for stop, color in stops]
    scale[-1][0] = 1.0   # plotly.js rejects a scale (and falls back to its default) unless it ends at exactly 1
    return scale


def _layout(projector: bool, height: int, **extra) -> dict:
    base = 20 if projector else 13
    # No named template: expanding one costs more than validating the rest of the figure.
    layout = {"height": height, "colorway": PALETTE, "showlegend": False,
              "font": {"size": base, **({"color": "#000000"} if projector else {})},
              "margin": {"l": 10, "r": 10, "t": 10, "b": 10}, "plot_bgcolor": "#FFFFFF",
              "hoverlabel": {"font": {"size": base}}}
    layout.update(extra)
    return layout


def _label_font(projector: bool) -> dict:
    return {"size": 15 if projector else 11, **({"color": "#000000"} if projector else {})}


def _picture_axes(index: int, domain: tuple[float, float], locked: bool = True) -> dict:
    """Axis pair ``index`` for a picture: no ticks, row 0 on top, square pixels when ``locked``."""
    suffix = "" if index == 1 else str(index)
    x = {"domain": list(domain), "visible": False, "constrain": "domain", "fixedrange": True, "anchor": f"y{suffix}"}
    y = {"domain": [0.0, 1.0], "visible": False, "autorange": "reversed", "fixedrange": True, "anchor": f"x{suffix}"}
    if locked:
        y.update(scaleanchor=f"x{suffix}", constrain="domain")
    return {f"xaxis{suffix}": x, f"yaxis{suffix}": y}


def _axis_names(index: int) -> tuple[str, str]:
    suffix = "" if index == 1 else str(index)
    return f"x{suffix}", f"y{suffix}"


def _domains(widths: list[float], gap: float = COLUMN_GAP, start: float = 0.0, end: float = 1.0) -> list[tuple[float, float]]:
    """Split ``[start, end]`` into columns proportional to ``widths`` with ``gap`` between them."""
    room = end - start - gap * (len(widths) - 1)
    total = sum(widths)
    domains, left = [], start
    for width in widths:
        right = min(left + room * width / total, end)  # float sums may pass ``end`` (plotly refuses 1.0000000000000002)
        domains.append((left, right))
        left = right + gap
    return domains


def _shape_text(shape, lang: str) -> str:
    return "×".join(number(int(n), lang) for n in shape)


# ---------------------------------------------------------------- tiling channel maps

def mosaic_columns(channels: int, rows: int, cols: int, ratio: float) -> int:
    """How many maps side by side make a mosaic about ``ratio`` times taller than wide."""
    def error(columns: int) -> float:
        tall = math.ceil(channels / columns) * (rows + 1) - 1
        wide = columns * (cols + 1) - 1
        return abs(math.log(tall / wide / ratio))

    return min(range(1, channels + 1), key=error)


def tile(maps: np.ndarray, columns: int, fill=np.nan) -> np.ndarray:
    """``C x H x W`` maps side by side, ``columns`` wide, one ``fill`` pixel between them."""
    channels, rows, cols = maps.shape
    grid_rows = math.ceil(channels / columns)
    padded = np.full((grid_rows * columns, rows + 1, cols + 1), fill, dtype=maps.dtype)
    padded[:channels, :rows, :cols] = maps
    tiled = padded.reshape(grid_rows, columns, rows + 1, cols + 1).transpose(0, 2, 1, 3)
    return tiled.reshape(grid_rows * (rows + 1), columns * (cols + 1))[:-1, :-1]


def tile_origin(channel: int, columns: int, rows: int, cols: int) -> tuple[int, int]:
    """Top-left ``(row, col)`` of map ``channel`` inside a :func:`tile` mosaic."""
    return (channel // columns) * (rows + 1), (channel % columns) * (cols + 1)


def _codes(values: np.ndarray) -> tuple[np.ndarray, str]:
    """Values as 1..255 codes on a shared scale and the scale's kind (signed values: diverging)."""
    values = np.asarray(values, dtype=np.float64)
    low, high = float(values.min()), float(values.max())
    if low < 0:
        reach = max(abs(low), abs(high), 1e-12)
        low, high, kind = -reach, reach, "diverging"
    else:
        low, kind = 0.0, "sequential"
    span = high - low if high > low else 1.0
    return (1 + np.rint(254 * (values - low) / span)).astype(np.uint8), kind


def _rect(xref: str, yref: str, top: float, left: float, rows: float, cols: float, width: float = 2.5,
          color: str = HIGHLIGHT) -> dict:
    return {"type": "rect", "xref": xref, "yref": yref, "x0": left - 0.5, "x1": left + cols - 0.5,
            "y0": top - 0.5, "y1": top + rows - 0.5, "line": {"color": color, "width": width}}


def _outlines(xref: str, yref: str, boxes: list[tuple[int, int, int, int]], width: float = 1.5) -> dict:
    """Many ``(top, left, rows, cols)`` outlines as one line trace: plotly validates one trace far
    faster than dozens of layout shapes."""
    xs, ys = [], []
    for top, left, rows, cols in boxes:
        x0, x1, y0, y1 = left - 0.5, left + cols - 0.5, top - 0.5, top + rows - 0.5
        xs += [x0, x1, x1, x0, x0, None]
        ys += [y0, y0, y1, y1, y0, None]
    return {"type": "scatter", "mode": "lines", "x": xs, "y": ys, "xaxis": xref, "yaxis": yref,
            "line": {"color": HIGHLIGHT, "width": width}, "hoverinfo": "skip", "showlegend": False}


# ---------------------------------------------------------------- the strip

def strip_ratio(mosaics: int) -> float:
    """How much taller than wide the strip's mosaics are made: taller the more of them share the width."""
    return min(9.0, max(STRIP_RATIO, 1.15 * mosaics))


def network_strip(trace: NetworkTrace, class_names: list[str], lang: str = "en", projector: bool = False,
                  selected: tuple[str, int] | None = None, height: int | None = None) -> dict:
    """Every stage of ``trace`` left to right: the picture, each conv/pool layer as a mosaic of its
    channel maps, flatten as one tall bar, each dense layer as a column of units and the output's
    probabilities as bars. ``selected`` ``(layer, channel)`` rings that map.

    Height is plentiful and width is not, so the mosaics are made taller (more maps stacked) the
    more of them there are, and all of them get the full height of the figure.
    """
    class_names = escape.plotly_all(class_names)   # learners' own class names show as typed
    height = height or (STRIP_HEIGHT + (90 if projector else 0))
    ratio = strip_ratio(sum(stage.values.ndim == 3 for stage in trace.stages if stage.kind != "input"))
    pictures, narrow = [], []        # (stage, z, scale kind, maps side by side, width weight)
    for stage in trace.stages:
        if stage.kind == "output":
            continue
        if stage.kind == "input":
            pictures.append((stage, trace.image28, "gray", None, min(1.0, 2.2 / ratio)))
        elif stage.values.ndim == 3:
            maps = np.moveaxis(stage.values[:, :, :MAX_STRIP_CHANNELS], -1, 0)
            count, rows, cols = maps.shape
            across = mosaic_columns(count, rows, cols, ratio)
            codes, kind = _codes(maps)
            mosaic = tile(codes, across, fill=0)
            pictures.append((stage, mosaic, kind, across, mosaic.shape[1] / mosaic.shape[0]))
        else:
            codes, kind = _codes(stage.values.reshape(-1, 1))
            narrow.append((stage, codes, kind, None, None))
    label_room, bars_width = 0.11, 0.11
    narrow_width = NARROW_PROJECTOR if projector else NARROW_WIDTH
    narrow_start = 1.0 - bars_width - label_room - len(narrow) * (narrow_width + COLUMN_GAP)
    domains = _domains([weight for *_, weight in pictures], end=narrow_start)
    domains += [(narrow_start + i * (narrow_width + COLUMN_GAP) + COLUMN_GAP,
                 narrow_start + (i + 1) * (narrow_width + COLUMN_GAP)) for i in range(len(narrow))]
    line = 19 if projector else 14           # one line of a column's label
    layout = _layout(projector, height, margin={"l": 4, "r": 4, "t": 3 * line + 8, "b": 3 * line + 8})
    data, shapes, annotations = [], [], []
    for index, ((stage, z, kind, across, _), domain) in enumerate(zip(pictures + narrow, domains), start=1):
        xref, yref = _axis_names(index)
        scale = colorscale("gray") if kind == "gray" else _gapped(colorscale(kind, projector))
        data.append({"type": "heatmap", "z": z, "xaxis": xref, "yaxis": yref, "showscale": False, "name": stage.name,
                     "colorscale": scale, "zmin": 0, "zmax": 255, "hovertemplate": f"{stage.name}<extra></extra>"})
        is_picture = stage.values.ndim == 3 or stage.kind == "input"
        layout.update(_picture_axes(index, domain, locked=is_picture))
        if not is_picture:      # a thin bar in the middle of its column, which leaves room for the label
            layout[f"xaxis{index}"]["range"] = [-1.4, 1.4]
        shape = (trace.image28.shape if stage.kind == "input" else stage.values.shape)
        extras = f"<br>+{' +'.join(stage.extras)}" if stage.extras and stage.kind != "input" else ""
        # labels are wider than their columns: every other one goes under its column
        above = index % 2 == 1
        annotations.append({"text": f"<b>{stage.name}</b><br>{_shape_text(shape, lang)}{extras}",
                            "x": (domain[0] + domain[1]) / 2, "y": 1.0 if above else 0.0, "xref": "paper",
                            "yref": "paper", "xanchor": "center", "yanchor": "bottom" if above else "top", "showarrow": False,
                            "font": _label_font(projector)})
        if selected is not None and across is not None and selected[0] in stage.layers \
                and selected[1] < MAX_STRIP_CHANNELS:
            rows, cols = stage.values.shape[:2]
            top, left = tile_origin(selected[1], across, rows, cols)
            shapes.append(_rect(xref, yref, top, left, rows, cols, width=3))
    index = len(domains) + 1
    xref, yref = _axis_names(index)
    data.append(_probability_bars(trace.probabilities, class_names, lang, xref, yref, name=trace.stages[-1].name))
    # room after the longest bar for its percentage
    layout[f"xaxis{index}"] = {"domain": [1.0 - bars_width, 1.0], "range": [0, 2.0 if projector else 1.6],
                               "visible": False, "fixedrange": True, "anchor": yref}
    layout[f"yaxis{index}"] = {"domain": [0.0, 1.0], "autorange": "reversed", "fixedrange": True, "anchor": xref,
                               "tickfont": _label_font(projector), "automargin": False}
    annotations.append({"text": f"<b>{trace.stages[-1].name}</b><br>softmax", "x": 1.0, "y": 1.0,
                        "xref": "paper", "yref": "paper", "xanchor": "right", "yanchor": "bottom", "showarrow": False,
                        "font": _label_font(projector)})
    layout.update(shapes=shapes, annotations=annotations)
    return {"data": data, "layout": layout}


def _probability_bars(probabilities, class_names, lang: str, xref: str, yref: str, name: str,
                      colors: list[str] | None = None) -> dict:
    values = np.asarray(probabilities, dtype=np.float64)
    top = int(values.argmax())
    return {"type": "bar", "orientation": "h", "x": values, "y": list(class_names), "xaxis": xref, "yaxis": yref,
            "name": name, "marker": {"color": colors or [TOP_COLOR if i == top else OTHER_COLOR
                                                         for i in range(len(values))]},
            "text": [f"{number(v * 100, lang, '.0f')}%" for v in values], "textposition": "outside",
            "cliponaxis": False, "hovertemplate": "%{y}: %{text}<extra></extra>"}


def _rgb(colour: str) -> tuple[float, float, float]:
    if colour.startswith("#"):
        return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return tuple(float(part) for part in colour[colour.index("(") + 1:colour.index(")")].split(","))


def colour_table(stops: list) -> list[str]:
    """A plotly colour scale sampled at ``0/255 .. 255/255`` (linear in RGB between stops, as plotly
    draws a heatmap): the colour of each 0..255 code, as ``#rrggbb``."""
    positions = np.array([float(stop) for stop, _ in stops])
    channels = np.array([_rgb(colour) for _, colour in stops], dtype=np.float64)
    at = np.arange(256) / 255.0
    rgb = np.rint(np.stack([np.interp(at, positions, channels[:, i]) for i in range(3)], axis=1)).astype(int)
    return ["#{:02x}{:02x}{:02x}".format(*row) for row in rgb]


@functools.cache
def _colour_tables(projector: bool) -> dict[str, list[str]]:
    """The strip's three colour tables (built once: the page gets them with every stroke's rerun)."""
    return {"gray": colour_table(colorscale("gray")),
            "sequential": colour_table(_gapped(colorscale("sequential", projector))),
            "diverging": colour_table(_gapped(colorscale("diverging", projector)))}


def browser_strip(columns, class_names: list[str], lang: str = "en", projector: bool = False,
                  selected: tuple[str, int] | None = None, height: int | None = None) -> dict:
    """What the sketchpad's page needs to draw :func:`network_strip` itself, from the model's
    columns alone (:func:`cnn_core.network.strip_columns`): per column its layers (the page shows
    the last one it computed), how its maps are tiled and its label, plus the colour of every code.
    The page turns each column's values into codes as :func:`_codes` does and tiles them as
    :func:`tile` does (``tests/unit/test_browser_model.py`` compares the two)."""
    columns = list(columns)
    ratio = strip_ratio(sum(len(column.shape) == 3 for column in columns if column.kind != "input"))
    shown = []
    for column in columns:
        weight = None          # a mosaic's width share is its own shape's; the picture's is this
        if column.kind == "input":
            kind, across, maps, weight = "picture", None, None, min(1.0, 2.2 / ratio)
        elif len(column.shape) == 3:
            rows, cols, channels = column.shape
            maps = min(channels, MAX_STRIP_CHANNELS)
            kind, across = "mosaic", mosaic_columns(maps, rows, cols, ratio)
        else:
            kind, across, maps = "narrow", None, None
        if column.kind == "output":
            continue
        extras = f"+{' +'.join(column.extras)}" if column.extras and column.kind != "input" else ""
        shape = column.shape[:2] if column.kind == "input" else column.shape   # the picture, as drawn
        shown.append({"name": column.name, "kind": kind, "layers": list(column.layers), "shape": list(column.shape),
                      "maps": maps, "across": across, "weight": weight,
                      "label": [column.name, _shape_text(shape, lang), *([extras] if extras else [])],
                      "selected": (selected[1] if selected is not None and kind == "mosaic"
                                   and selected[0] in column.layers and selected[1] < MAX_STRIP_CHANNELS else None)})
    output = columns[-1]
    return {"height": height or (STRIP_HEIGHT + (90 if projector else 0)), "columns": shown,
            "output": {"name": output.name, "label": [output.name, "softmax"]},
            "names": list(class_names), "top": TOP_COLOR, "other": OTHER_COLOR, "highlight": HIGHLIGHT,
            "colours": _colour_tables(projector),
            "capped": any(len(column.shape) == 3 and column.shape[2] > MAX_STRIP_CHANNELS for column in columns)}


# ---------------------------------------------------------------- one conv map, opened

def _panel_heatmap(z: np.ndarray, index: int, kind: str, projector: bool, name: str, zrange: tuple[float, float]) -> dict:
    xref, yref = _axis_names(index)
    return {"type": "heatmap", "z": np.asarray(z, dtype=np.float32), "xaxis": xref, "yaxis": yref,
            "colorscale": colorscale(kind, projector), "zmin": zrange[0], "zmax": zrange[1], "showscale": False,
            "hoverongaps": False, "name": name, "hovertemplate": "%{z:.3f}<extra>" + name + "</extra>"}


def _signed_range(values: np.ndarray) -> tuple[float, float]:
    reach = max(float(np.max(np.abs(values))), 1e-9)
    return -reach, reach


def _value_range(values: np.ndarray) -> tuple[str, tuple[float, float]]:
    values = np.asarray(values)
    if values.min() < 0:
        return "diverging", _signed_range(values)
    return "sequential", (0.0, max(float(values.max()), 1e-9))


def channel_sum_figure(explained: ConvMapExplained, row: int, col: int, lang: str = "en",
                       projector: bool = False) -> dict:
    """The C input channels, the filter's C kernel slices, each channel convolved with its slice,
    their sum plus the bias, and each step after it (BatchNorm, activation), left to right; the
    window of output pixel ``(row, col)`` is outlined on every channel."""
    conv = explained.trace
    channels = conv.channels
    inputs = np.moveaxis(conv.stack, -1, 0)
    kernels = np.moveaxis(conv.kernels, -1, 0)
    rows, cols = inputs.shape[1:]
    out_rows, out_cols = conv.shape
    k_rows, k_cols = kernels.shape[1:]
    across = mosaic_columns(channels, rows, cols, EXPLAINER_RATIO)
    panels = [
        ("inputs", tile(inputs, across), *_value_range(inputs),
         t("network.panel_inputs", lang, count=channels)),
        ("kernels", tile(kernels, across), "diverging", _signed_range(kernels),
         t("network.panel_kernels", lang, count=channels, rows=k_rows, cols=k_cols)),
        ("per_channel", tile(conv.per_channel, across), "diverging", _signed_range(conv.per_channel),
         t("network.panel_per_channel", lang)),
        ("sum", conv.output, "diverging", _signed_range(conv.output),
         t("network.panel_sum", lang, bias=format_number(conv.bias, lang))),
    ]
    for change in explained.after:
        kind, zrange = _value_range(change.output)
        title = (t("network.panel_bn", lang) if change.kind == "batchnorm"
                 else _activation_label(change.activation))
        panels.append((change.kind, change.output, kind, zrange, title))
    widths = [z.shape[1] / z.shape[0] for _, z, *_ in panels]
    gap = 0.035
    domains = _domains(widths, gap=gap)
    top = 64 if projector else 48
    layout = _layout(projector, _fitted_height(widths, gap, projector) + top + 8,
                     margin={"l": 4, "r": 4, "t": top, "b": 4})
    data, outlines, annotations = [], [], []
    step = conv.step(row * out_cols + col)
    joins = ["⊛", "=", "Σ", *["→"] * len(explained.after)]
    for index, ((what, z, kind, zrange, title), domain) in enumerate(zip(panels, domains), start=1):
        data.append(_panel_heatmap(z, index, kind, projector, what, zrange))
        layout.update(_picture_axes(index, domain))
        xref, yref = _axis_names(index)
        annotations.append({"text": f"<b>{title}</b>", "x": (domain[0] + domain[1]) / 2, "y": 1.0, "xref": "paper",
                            "yref": "paper", "xanchor": "center", "yanchor": "bottom", "showarrow": False,
                            "font": _label_font(projector)})
        if index < len(panels):
            annotations.append({"text": f"<b>{joins[index - 1]}</b>", "x": domain[1] + 0.0175, "y": 0.5,
                                "xref": "paper", "yref": "paper", "xanchor": "center", "showarrow": False,
                                "font": {"size": 26 if projector else 20}})
        if what == "inputs":     # the kernel's window on every channel, cut to the channel's own map
            r0, c0 = max(step.top, 0), max(step.left, 0)
            r1, c1 = min(step.top + k_rows, rows), min(step.left + k_cols, cols)
            origins = [tile_origin(channel, across, rows, cols) for channel in range(channels)]
            outlines.append(_outlines(xref, yref, [(top + r0, left + c0, r1 - r0, c1 - c0) for top, left in origins]))
        elif what == "per_channel":
            origins = [tile_origin(channel, across, out_rows, out_cols) for channel in range(channels)]
            outlines.append(_outlines(xref, yref, [(top + row, left + col, 1, 1) for top, left in origins]))
        elif what != "kernels":
            outlines.append(_outlines(xref, yref, [(row, col, 1, 1)], width=2.5))
    layout.update(annotations=annotations)
    data += outlines
    return {"data": data, "layout": layout}


def _fitted_height(widths: list[float], gap: float, projector: bool) -> int:
    """Plot height (pixels) at which side-by-side pictures with these width/height ratios fill a
    page-wide chart (about ``ASSUMED_WIDTH`` pixels) without empty bands above and below."""
    room = (1.0 - gap * (len(widths) - 1)) * ASSUMED_WIDTH
    return int(min(EXPLAINER_HEIGHT + (80 if projector else 0), max(140, room / sum(widths))))


def _activation_label(name: str | None) -> str:
    return "ReLU" if name == "relu" else str(name)


def _wrapped(value: float, lang: str) -> str:
    text = format_number(value, lang)
    return f"({text})" if text.startswith(MINUS) else text


def pixel_channel_lines(pixel: PixelArithmetic, lang: str = "en") -> str:
    """One output pixel's first step written out: a line per input channel, its k x k products
    (input number × weight) and their sum."""
    lines = []
    for channel, (window, kernel, total) in enumerate(zip(pixel.step.windows, pixel.kernels, pixel.step.channel_sums)):
        products = " + ".join(f"{_wrapped(x, lang)}×{_wrapped(w, lang)}" for x, w in zip(window.ravel(), kernel.ravel()))
        lines.append(f"{t('network.channel_short', lang, n=channel + 1)}: {products} = {format_number(total, lang)}")
    return "\n".join(lines)


def pixel_sum_text(pixel: PixelArithmetic, lang: str = "en") -> str:
    """The rest of one output pixel: the C channel sums added with the bias, then BatchNorm (with
    its learned numbers) and the activation, each with its result."""
    sums = " + ".join(_wrapped(total, lang) for total in pixel.step.channel_sums)
    lines = [f"{t('network.sum_label', lang)}: {sums} + {_wrapped(pixel.bias, lang)} = {format_number(pixel.total, lang)}"]
    for change, before, after in pixel.after:
        if change.kind == "batchnorm":
            f = lambda v: _wrapped(v, lang)  # noqa: E731 - a local shorthand keeps the formula readable
            lines.append(f"BatchNorm: ({format_number(before, lang)} {MINUS} {f(change.mean)}) ÷ "
                         f"√({format_number(change.variance, lang)} + {format_number(change.epsilon, lang)}) × "
                         f"{f(change.gamma)} + {f(change.beta)} = {format_number(after, lang)}")
        elif change.activation == "relu":
            lines.append(f"ReLU: max({format_number(before, lang)}, {format_number(0, lang)}) = "
                         f"{format_number(after, lang)}")
        else:
            lines.append(f"{change.activation}({format_number(before, lang)}) = {format_number(after, lang)}")
    return "\n".join(lines)


# ---------------------------------------------------------------- softmax

def softmax_figure(now: SoftmaxExplained, class_names: list[str], lang: str = "en", projector: bool = False,
                   changed: SoftmaxExplained | None = None, changed_index: int | None = None) -> dict:
    """Logits (left) and probabilities (right), one row per class; with ``changed`` the moved
    logit is marked and each probability shows before (pale) and after (strong)."""
    class_names = escape.plotly_all(class_names)   # learners' own class names show as typed
    names = list(class_names)
    shown = changed if changed is not None else now
    colors = [CHANGED_COLOR if i == changed_index else TOP_COLOR for i in range(len(names))]
    data = [{"type": "bar", "orientation": "h", "x": shown.logits, "y": names, "xaxis": "x", "yaxis": "y",
             "marker": {"color": colors}, "name": t("network.axis_logit", lang), "showlegend": False,
             "text": [format_number(v, lang) for v in shown.logits], "textposition": "outside", "cliponaxis": False,
             "hovertemplate": "%{y}: %{text}<extra></extra>"}]
    if changed is not None:
        data.append({"type": "bar", "orientation": "h", "x": now.probabilities, "y": names, "xaxis": "x2",
                     "yaxis": "y2", "marker": {"color": OTHER_COLOR}, "name": t("network.before", lang),
                     "hovertemplate": "%{y}: %{x:.1%}<extra></extra>"})
    bars = _probability_bars(shown.probabilities, names, lang, "x2", "y2",
                             name=t("network.after", lang) if changed is not None else t("network.axis_probability", lang),
                             colors=[TOP_COLOR] * len(names) if changed is not None else None)
    data.append(bars)
    reach = max(float(np.max(np.abs(shown.logits))), 1e-9)
    low = -reach * 1.35 if shown.logits.min() < 0 else 0.0
    axis_font = {"size": 20 if projector else 13}
    layout = _layout(projector, 90 + 34 * len(names) + (60 if projector else 0), barmode="group",
                     showlegend=changed is not None, legend={"orientation": "h", "y": -0.12},
                     margin={"l": 4, "r": 4, "t": 36, "b": 40 if changed is not None else 4})
    layout.update(
        xaxis={"domain": [0.0, 0.44], "range": [low, reach * 1.35], "zeroline": True, "fixedrange": True,
               "title": {"text": t("network.axis_logit", lang), "font": axis_font}, "side": "top"},
        yaxis={"autorange": "reversed", "automargin": True, "fixedrange": True},
        xaxis2={"domain": [0.56, 1.0], "range": [0, 1.3], "tickformat": ".0%", "fixedrange": True,
                "title": {"text": t("network.axis_probability", lang), "font": axis_font}, "side": "top"},
        yaxis2={"anchor": "x2", "autorange": "reversed", "showticklabels": False, "fixedrange": True},
    )
    return {"data": data, "layout": layout}


def softmax_table(explained: SoftmaxExplained, class_names: list[str], lang: str = "en") -> str:
    """A markdown table: each class's logit, ``exp`` of it, its share of the sum and the probability."""
    shift = explained.shift
    exp_head = (t("network.col_exp_shifted", lang, shift=format_number(shift, lang)) if shift
                else t("network.col_exp", lang))
    rows = [f"| {t('network.col_class', lang)} | {t('network.col_logit', lang)} | {exp_head} | "
            f"{t('network.col_share', lang)} | {t('network.col_probability', lang)} |",
            "|---|---:|---:|---:|---:|"]
    total = exp_text(explained.total, lang)
    for name, logit, value, probability in zip(class_names, explained.logits, explained.exps,
                                               explained.probabilities):
        rows.append(f"| {escape.markdown(name)} | {format_number(logit, lang)} | {exp_text(value, lang)} | "
                    f"{exp_text(value, lang)} ÷ {total} | {percent_text(probability, lang)} |")
    return "\n".join(rows)


def percent_text(probability: float, lang: str = "en") -> str:
    """A probability as a percentage: one decimal, or two significant digits when that would show 0.0%.

    Example:

    >>> percent_text(0.1234, "bn"), percent_text(0.00012)
    ('১২.৩%', '0.012%')
    """
    value = float(probability) * 100
    if 0 < abs(value) < 0.05:
        return f"{format_number(float(f'{value:.2g}'), lang)}%" if value >= 1e-3 else f"{exp_text(value, lang)}%"
    return f"{number(value, lang, '.1f')}%"


def exp_text(value: float, lang: str = "en", digits: int = 3) -> str:
    """An ``exp`` value in ``lang``'s digits: they span many sizes, so ``digits`` significant digits,
    scientific for the very big and small.

    Example:

    >>> exp_text(7.389056), exp_text(1e-9)
    ('7.39', '1.00×10^−9')
    """
    if value != 0 and (abs(value) >= 1e5 or abs(value) < 1e-3):
        mantissa, exponent = f"{value:.{digits - 1}e}".split("e")
        return (f"{number(float(mantissa), lang, f'.{digits - 1}f')}×{number(10, lang, 'd')}^"
                f"{number(int(exponent), lang, 'd')}").replace("-", MINUS)
    rounded = float(f"{value:.{digits}g}")
    return format_number(rounded, lang) if digits <= 3 else number(f"{rounded:g}".replace("-", MINUS), lang, "")


def softmax_sum_text(explained: SoftmaxExplained, lang: str = "en") -> str:
    """``Σ = e^z1 + e^z2 + … = total`` with every term."""
    terms = " + ".join(exp_text(value, lang) for value in explained.exps)
    return f"Σ = {terms} = {exp_text(explained.total, lang)}"


# ---------------------------------------------------------------- one dense unit

def dense_contribution_figure(explained: DenseUnitExplained, lang: str = "en", projector: bool = False) -> dict:
    """``weight × input`` of every input of one dense unit, blue pushing up, red pushing down.

    Read from a flatten, the numbers are put back where flatten took them from: one small map per
    channel of the layer before (left) and their sum over channels (right), which shows where on
    the picture the unit looks. Read from another dense layer, one bar per input."""
    contributions = explained.contributions
    height = EXPLAINER_HEIGHT + (80 if projector else 0)
    zrange = _signed_range(contributions)
    if contributions.ndim != 3:
        values = contributions.reshape(-1)
        colors = [PALETTE[0] if v >= 0 else PALETTE[3] for v in values]
        layout = _layout(projector, height, margin={"l": 4, "r": 4, "t": 10, "b": 40})
        layout.update(xaxis={"title": {"text": t("network.axis_input", lang)}, "fixedrange": True},
                      yaxis={"title": {"text": t("network.axis_contribution", lang)}, "fixedrange": True})
        return {"data": [{"type": "bar", "x": np.arange(1, values.size + 1), "y": values,
                          "marker": {"color": colors}, "hovertemplate": "%{x}: %{y:.3f}<extra></extra>"}],
                "layout": layout}
    maps = np.moveaxis(contributions, -1, 0)
    channels, rows, cols = maps.shape
    across = mosaic_columns(channels, rows, cols, 1.0)
    mosaic = tile(maps, across)
    summed = contributions.sum(axis=2)
    widths = [mosaic.shape[1] / mosaic.shape[0], 1.0]
    domains = _domains(widths, gap=0.06)
    top = 64 if projector else 48
    layout = _layout(projector, min(height, _fitted_height(widths, 0.06, projector)) + top + 8,
                     margin={"l": 4, "r": 4, "t": top, "b": 4})
    data = [_panel_heatmap(mosaic, 1, "diverging", projector, "channels", zrange),
            _panel_heatmap(summed, 2, "diverging", projector, "sum", _signed_range(summed))]
    annotations = []
    for index, (domain, title) in enumerate(zip(domains, (t("network.panel_contrib_channels", lang, count=channels),
                                                          t("network.panel_contrib_sum", lang))), start=1):
        layout.update(_picture_axes(index, domain))
        annotations.append({"text": f"<b>{title}</b>", "x": (domain[0] + domain[1]) / 2, "y": 1.0, "xref": "paper",
                            "yref": "paper", "xanchor": "center", "yanchor": "bottom", "showarrow": False,
                            "font": _label_font(projector)})
    layout.update(annotations=annotations)
    return {"data": data, "layout": layout}


def dense_sum_text(explained: DenseUnitExplained, lang: str = "en") -> str:
    """``Σ weight × input + bias = ups + downs + bias = total`` and the activation after it."""
    flat = explained.contributions.reshape(-1)
    ups, downs = float(flat[flat > 0].sum()), float(flat[flat < 0].sum())
    text = t("network.dense_sum", lang, count=number(flat.size, lang), ups=format_number(ups, lang),
             downs=_wrapped(downs, lang), bias=_wrapped(explained.bias, lang),
             total=format_number(explained.total, lang))
    if explained.activation == "relu":
        text += (f"  →  ReLU: max({format_number(explained.total, lang)}, {format_number(0, lang)}) = "
                 f"{format_number(explained.value, lang)}")
    elif explained.activation not in ("linear", "softmax"):
        text += f"  →  {explained.activation} = {format_number(explained.value, lang)}"
    return text


def position_text(position: tuple[int, ...], value: float, lang: str = "en") -> str:
    """Where one input of a dense unit sits: ``row, column, map`` in the flatten's layout, else its
    number, with its value.

    Example:

    >>> position_text((3, 4, 5), 0.5)
    'row 4, column 5, map 6: 0.5'
    """
    if len(position) == 3:
        return t("network.position", lang, row=number(position[0] + 1, lang), col=number(position[1] + 1, lang),
                 channel=number(position[2] + 1, lang), value=format_number(value, lang))
    return t("network.position_flat", lang, index=number(position[0] + 1, lang), value=format_number(value, lang))
