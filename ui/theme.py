"""The app's look: its own CSS (projector mode's too), one way to draw plotly figures, and advanced
sections that projector mode tucks away."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from cnn_core.figures import apply_style
from cnn_core.figures.ticks import localize_figure, localize_spec
from ui.state import lang, projector

ADVANCED_KEY_PREFIX = "fcl_advanced_"

# Always: a progress bar steps to its new value instead of gliding there. Streamlit's bar glides for
# 0.5 s after every change, and a live run's bar changes every second, so a watching browser drew
# frames half the time: with it, the tab's renderer and compositor took 0.24 of a core and the run's
# worker 1.45 cores; without it, 0.17 and 1.53 (on a 2-core laptop that trains and shows the run).
_APP_CSS = """
<style>
[data-testid="stProgressBarTrack"] * { transition: none !important; }
</style>
"""

# Projector mode: bigger text everywhere, pure black on white, thick focus outlines, and a simpler
# screen (no "?" help icons, no advanced sections) so a room can read it from the back.
_PROJECTOR_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stWidgetLabel"] p, button p, [data-testid="stCaptionContainer"],
[data-testid="stAlertContainer"] p, [data-testid="stTab"] p { font-size: 1.25rem !important; }
h1 { font-size: 3rem !important; } h2 { font-size: 2.3rem !important; } h3 { font-size: 1.9rem !important; }
[data-testid="stAppViewContainer"], [data-testid="stMain"] { color: #000000; background: #ffffff; }
[data-testid="stCaptionContainer"] { color: #1f2937 !important; }
[data-testid="stMetricValue"] { font-size: 3rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.3rem !important; }
[data-testid="stTooltipIcon"], [data-testid="stTooltipHoverTarget"] svg { display: none !important; }
[class*="st-key-fcl_advanced_"] { display: none !important; }
button:focus-visible, input:focus-visible, [role="radio"]:focus-visible { outline: 4px solid #000000 !important; }
</style>
"""


def inject_css(projector_on: bool) -> None:
    """Add the app's CSS, and projector mode's (bigger text, black on white, thick focus outlines)
    when it is on. Call it on every run, in the app's frame (``app.py`` does)."""
    st.html(_APP_CSS)  # only a style: Streamlit keeps it out of the page's layout
    if projector_on:
        st.markdown(_PROJECTOR_CSS, unsafe_allow_html=True)


def plot(fig: go.Figure, key: str | None = None, **kwargs):
    """Draw a plotly figure with the app's palette, larger and colour-blind-safe in projector mode,
    its numeric ticks in the session's digits.

    Args:
        fig: a plotly figure (a plain-dict one through :func:`unchecked_figure` first).
        key: the chart's widget key.
        **kwargs: passed on to ``st.plotly_chart``.

    Returns:
        What ``st.plotly_chart`` returns.
    """
    return st.plotly_chart(localize_figure(apply_style(fig, projector()), lang()), key=key, **kwargs)


def advanced(label: str, key: str, **kwargs):
    """An expander for advanced controls: a normal expander, hidden while projector mode is on.

    The code inside still runs (widgets keep their state); only the screen is simpler.

    Args:
        label: the expander's label (from the catalog).
        key: names the container that projector mode's CSS hides.
        **kwargs: passed on to ``st.expander``.

    Returns:
        The expander, to use like ``st.expander``:
        ``with ui.theme.advanced(ui.tr("..."), key="catalog"): ...``.
    """
    return st.container(key=f"{ADVANCED_KEY_PREFIX}{key}").expander(label, **kwargs)


def show_figure(spec: dict, key: str | None = None, **kwargs):
    """Draw a plain-dict figure that its builder styled already (projector mode included), without
    plotly's property-by-property validation: what a page redrawn on every stroke uses."""
    return st.plotly_chart(unchecked_figure(spec), key=key, **kwargs)


def unchecked_figure(spec: dict, language: str | None = None) -> go.Figure:
    """``spec`` (a complete plotly dict from :mod:`cnn_core.figures`) as a figure plotly does not
    validate, its numeric ticks written in ``language``'s digits (default: the session's language;
    :mod:`cnn_core.figures.ticks`).

    ``st.plotly_chart`` validates a plain dict property by property, which for a live chart redrawn
    twice a second cost most of the server's time. Guarded by a test in
    ``tests/unit/test_figures_training.py`` (``_validate`` is plotly's own switch).

    Example:

    >>> figure = unchecked_figure({"data": [{"type": "bar", "y": [1, 2]}],
    ...                            "layout": {"title": {"text": "Loss"}, "yaxis": {"range": [0, 2]}}}, "bn")
    >>> figure.data[0].y, figure.layout.title.text, figure.layout.yaxis.ticktext
    ((1, 2), 'Loss', ('০', '০.৫', '১', '১.৫', '২'))
    """
    return go.Figure(localize_spec(spec, language or lang()), _validate=False)
