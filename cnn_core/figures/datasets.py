"""Figures of the Datasets page: example mosaic, one image's pixels, class balance, intensities.

Builders take plain arrays and already-translated text, so they know nothing about languages.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from cnn_core import i18n
from cnn_core.figures import PALETTE

TILE = 28
COLUMN_STEP = TILE + 3   # a thin gap between pictures side by side
ROW_STEP = TILE + 10     # room under each picture for its caption


def mosaic_layout(count: int, columns: int) -> tuple[int, int]:
    """Rows and columns of a mosaic holding ``count`` tiles, at most ``columns`` wide.

    Example:

    >>> mosaic_layout(20, 8), mosaic_layout(3, 8)
    ((3, 8), (1, 3))
    """
    columns = max(1, min(columns, count))
    return -(-count // columns), columns


def tile_at(x: float, y: float, count: int, columns: int) -> int | None:
    """Which tile (0-based position in the mosaic) a point clicked at ``(x, y)`` falls in.

    Returns:
        The tile's position, or ``None`` for a click in a gap, a caption or past the last tile.

    Example:

    A click just inside the second tile, and one in the gap after the first:

    >>> tile_at(COLUMN_STEP + 2, 2, count=20, columns=8), tile_at(TILE + 0.5, 2, count=20, columns=8)
    (1, None)
    """
    column, row = int(x) // COLUMN_STEP, int(y) // ROW_STEP
    inside = int(x) % COLUMN_STEP < TILE and int(y) % ROW_STEP < TILE
    position = row * columns + column
    return position if inside and 0 <= column < columns and 0 <= position < count else None


def example_mosaic(images: np.ndarray, captions: list[str], columns: int = 8,
                   hover_label: str = "value") -> go.Figure:
    """Images laid out in a grid as one heatmap, each captioned underneath; gaps are blank."""
    images = np.asarray(images).reshape(len(images), TILE, TILE)
    rows, columns = mosaic_layout(len(images), columns)
    canvas = np.full((rows * ROW_STEP, columns * COLUMN_STEP), np.nan)
    for position, image in enumerate(images):
        row, column = divmod(position, columns)
        top, left = row * ROW_STEP, column * COLUMN_STEP
        canvas[top:top + TILE, left:left + TILE] = image
    fig = go.Figure(go.Heatmap(
        z=canvas, colorscale="gray", zmin=0, zmax=255, showscale=False, hoverongaps=False,
        hovertemplate=f"{hover_label}: %{{z}}<extra></extra>"))
    for position, caption in enumerate(captions):
        row, column = divmod(position, columns)
        fig.add_annotation(x=column * COLUMN_STEP + TILE / 2, y=row * ROW_STEP + TILE + 1,
                           text=caption, showarrow=False, yanchor="top", font={"size": 11})
    fig.update_yaxes(autorange="reversed", visible=False, scaleanchor="x")
    fig.update_xaxes(visible=False)
    fig.update_layout(height=int(rows * 145) + 30, clickmode="event+select", dragmode=False)
    return fig


def pixel_zoom(image: np.ndarray, title: str, hover: tuple[str, str, str, str] =
               ("row", "col", "value", "normalized"), lang: str = "en") -> go.Figure:
    """One image at full zoom; hovering a pixel shows its 0-255 value and its 0-1 normalized value."""
    pixels = np.asarray(image).reshape(TILE, TILE)
    row_label, col_label, value_label, normalized_label = hover
    fig = go.Figure(go.Heatmap(
        z=pixels, customdata=pixels / 255.0, colorscale="gray", zmin=0, zmax=255,
        colorbar={"title": i18n.digits("0–255", lang)},
        hovertemplate=(f"{row_label} %{{y}}, {col_label} %{{x}}<br>{value_label}: %{{z}}<br>"
                       f"{normalized_label}: %{{customdata:.3f}}<extra></extra>")))
    fig.update_yaxes(autorange="reversed", scaleanchor="x", constrain="domain")
    fig.update_xaxes(constrain="domain")
    fig.update_layout(title=title, height=460)
    return fig


def class_balance(counts: dict[str, np.ndarray], class_names: list[str], title: str) -> go.Figure:
    """Examples per class, one bar group per split (``counts`` maps split label -> counts)."""
    fig = go.Figure([go.Bar(name=split, x=class_names, y=values, marker_color=PALETTE[i % len(PALETTE)])
                     for i, (split, values) in enumerate(counts.items())])
    fig.update_layout(barmode="group", title=title, height=360)
    return fig


def intensity_histogram(histograms: dict[str, tuple[np.ndarray, np.ndarray]], title: str,
                        x_label: str, y_label: str) -> go.Figure:
    """Share of pixels in each intensity bin per split, on a log scale (most pixels are black)."""
    fig = go.Figure()
    for i, (split, (counts, edges)) in enumerate(histograms.items()):
        share = counts / max(counts.sum(), 1)
        fig.add_bar(name=split, x=(edges[:-1] + edges[1:]) / 2, y=share, width=np.diff(edges) * 0.45,
                    offset=(i - 0.5) * np.diff(edges) * 0.45, marker_color=PALETTE[i % len(PALETTE)])
    fig.update_yaxes(type="log", title=y_label)
    fig.update_xaxes(title=x_label, range=[0, 256])
    fig.update_layout(title=title, height=340, barmode="overlay")
    return fig
