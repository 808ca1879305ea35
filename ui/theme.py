"""The app's look: projector-mode CSS and one way to draw plotly figures."""

from __future__ import annotations

import streamlit as st

from cnn_core.figures import apply_style
from ui.state import projector

_PROJECTOR_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stWidgetLabel"] p, button p { font-size: 1.25rem !important; }
h1 { font-size: 3rem !important; } h2 { font-size: 2.3rem !important; } h3 { font-size: 1.9rem !important; }
[data-testid="stAppViewContainer"] { color: #000000; background: #ffffff; }
[data-testid="stMetricValue"] { font-size: 3rem !important; }
</style>
"""


def inject_css(projector_on: bool) -> None:
    """Add projector-mode CSS when it is on."""
    if projector_on:
        st.markdown(_PROJECTOR_CSS, unsafe_allow_html=True)


def plot(fig, key: str | None = None, **kwargs):
    """Draw a plotly figure with the app's palette, larger in projector mode."""
    return st.plotly_chart(apply_style(fig, projector()), key=key, **kwargs)
