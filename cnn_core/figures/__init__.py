"""Plotly figure builders, one module per area, and the shared look (palette, projector mode)."""

from __future__ import annotations

# Okabe-Ito: a palette that stays distinguishable for the common kinds of colour blindness.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]


def apply_style(fig, projector: bool = False):
    """Give ``fig`` the app's look; projector mode enlarges every text and thickens lines."""
    base = 20 if projector else 13
    fig.update_layout(
        colorway=PALETTE,
        font={"size": base},
        template="plotly_white",
        margin={"l": 10, "r": 10, "t": 40 if fig.layout.title.text else 10, "b": 10},
    )
    if projector:
        fig.update_traces(selector={"type": "scatter"}, line={"width": 4})
        fig.update_layout(title_font_size=base + 6, legend_font_size=base)
    return fig
