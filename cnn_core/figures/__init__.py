"""Plotly figure builders, one module per area, and the shared look (palette, projector mode)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import plotly.graph_objects as go

MINUS = "\u2212"  # the minus sign every figure writes (as plotly does), not the hyphen "-"

# Okabe-Ito: a palette that stays distinguishable for the common kinds of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

# Projector mode swaps coloured heatmap scales for ones that survive a washed-out projector and
# colour blindness: Cividis (blue to yellow, brightness rising evenly) for "more is more" maps, and
# Okabe-Ito vermillion - white - blue for signed ones. Gray scales stay: pictures should look like
# pictures.
PROJECTOR_SEQUENTIAL = "Cividis"
PROJECTOR_DIVERGING = [[0.0, "#D55E00"], [0.5, "#FFFFFF"], [1.0, "#0072B2"]]
DIVERGING_SCALES = ("RdBu", "RdBu_r", "PuOr", "PiYG", "PRGn", "BrBG", "RdYlBu", "RdYlGn", "Spectral",
                    "Picnic", "Portland", "Balance", "Tealrose", "Temps", "Tropic", "Earth", "Armyrose")
CROWDED_ANNOTATIONS = 12
_COLOURSCALE_TRACES = ("heatmap", "contour", "histogram2d", "surface")

_kinds_by_scale: dict | None = None


def _named_scale_kinds() -> dict:
    """Plotly's named colour scales, as plotly stores them on a trace, mapped to their kind."""
    global _kinds_by_scale
    if _kinds_by_scale is None:
        from plotly.colors import get_colorscale, named_colorscales

        kinds = {}
        for name in named_colorscales():
            for variant in (name, name + "_r"):
                try:
                    scale = get_colorscale(variant)
                except Exception:  # a name plotly lists but cannot reverse
                    continue
                diverging = any(variant.lower() == known.lower() or variant.lower() == known.lower() + "_r"
                                for known in DIVERGING_SCALES)
                kinds[_scale_key(scale)] = "diverging" if diverging else (
                    "gray" if _is_gray(scale) else "sequential")
        _kinds_by_scale = kinds
    return _kinds_by_scale


def _scale_key(scale) -> tuple:
    return tuple((round(float(stop), 6), str(color).replace(" ", "").lower()) for stop, color in scale)


def _is_gray(scale) -> bool:
    from plotly.colors import unlabel_rgb, hex_to_rgb

    for _, color in scale:
        color = str(color)
        red, green, blue = hex_to_rgb(color) if color.startswith("#") else unlabel_rgb(color)
        if max(red, green, blue) - min(red, green, blue) > 12:
            return False
    return True


def projector_colorscale(scale: list | tuple | None) -> str | list | None:
    """The colour-blind-safe, high-contrast stand-in for a plotly named scale, or ``None`` to keep it.

    Hand-made scales (a single flat colour, see-through overlays) are not plotly's named ones and
    are kept as they are.

    Args:
        scale: a trace's colour scale as ``(stop, colour)`` pairs (plotly resolves names to these).

    Returns:
        :data:`PROJECTOR_SEQUENTIAL` or :data:`PROJECTOR_DIVERGING`, or ``None``.

    Example:

    >>> from plotly.colors import get_colorscale
    >>> projector_colorscale(get_colorscale("Inferno"))
    'Cividis'
    >>> projector_colorscale([[0, "#ffffff"], [1, "#ffffff"]]) is None
    True
    """
    if not scale:
        return None
    kind = _named_scale_kinds().get(_scale_key(scale))
    if kind == "sequential":
        return PROJECTOR_SEQUENTIAL
    if kind == "diverging":
        return PROJECTOR_DIVERGING
    return None


def rgb_stops(scale: str | list) -> list:
    """A colour scale with every hex colour written as ``rgb()``.

    Streamlit's chart theme swaps a few reserved near-black hex colours (``#000001`` ...) for its
    own; Inferno starts at ``#000004``, which turned every zero activation pink. ``rgb()`` is left
    alone.

    Args:
        scale: a plotly scale name or ``[stop, colour]`` pairs.

    Example:

    >>> rgb_stops([[0, "#000004"], [1, "rgb(252,255,164)"]])
    [[0.0, 'rgb(0,0,4)'], [1.0, 'rgb(252,255,164)']]
    """
    from plotly.colors import get_colorscale, hex_to_rgb

    stops = get_colorscale(scale) if isinstance(scale, str) else scale
    return [[float(stop), "rgb({},{},{})".format(*hex_to_rgb(color)) if str(color).startswith("#") else color]
            for stop, color in stops]


def apply_style(fig: go.Figure, projector: bool = False) -> go.Figure:
    """Give ``fig`` the app's look (in place, and returned).

    Projector mode enlarges every text, thickens lines and swaps coloured heatmap scales for
    colour-blind-safe, high-contrast ones.

    Args:
        fig: a plotly figure.
        projector: whether projector mode is on.
    """
    base = 20 if projector else 13
    fig.update_layout(
        colorway=PALETTE,
        font={"size": base},
        template="plotly_white",
        margin={"l": 10, "r": 10, "t": 40 if fig.layout.title.text else 10, "b": 10},
    )
    if projector:
        fig.update_traces(selector={"type": "scatter"}, line={"width": 4})
        fig.update_layout(title_font_size=base + 6, legend_font_size=base, hoverlabel_font_size=base,
                          font_color="#000000")
        fig.update_xaxes(title_font_size=base + 2, tickfont_size=base, gridcolor="#9ca3af", linecolor="#000000")
        fig.update_yaxes(title_font_size=base + 2, tickfont_size=base, gridcolor="#9ca3af", linecolor="#000000")
        if len(fig.layout.annotations) <= CROWDED_ANNOTATIONS:  # a mosaic's many captions would overlap
            fig.update_annotations(font_size=base)
        for trace in fig.data:
            if trace.type in ("scatter", "bar", "heatmap"):
                trace.update(textfont_size=base)
            if trace.type in _COLOURSCALE_TRACES:
                replacement = projector_colorscale(trace.colorscale)
                if replacement is not None:
                    trace.update(colorscale=replacement)
            if trace.type == "scatter" and trace.marker.size is not None and not isinstance(trace.marker.size, tuple):
                trace.update(marker_size=max(trace.marker.size, 10))
    for trace in fig.data:
        if trace.type in _COLOURSCALE_TRACES and trace.colorscale:
            trace.update(colorscale=rgb_stops(trace.colorscale))
    return fig
