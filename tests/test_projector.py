"""Projector mode: bigger chart text, colour-blind-safe high-contrast heatmaps, a simpler screen, and
every page still renders with it on (in both languages)."""

from __future__ import annotations

import json
import os

import numpy as np
import plotly.graph_objects as go
import pytest

from cnn_core.figures import PALETTE, PROJECTOR_DIVERGING, apply_style, projector_colorscale
from cnn_core.figures import inspect as inspect_figures
from cnn_core.i18n import t

PAGES = ["home", "datasets", "conv_lab", "train", "classify", "inside"]
SCREENSHOTS = os.environ.get("FCL_SCREENSHOT_DIR", "/tmp")


def scale_of(name: str):
    return go.Heatmap(z=[[0, 1]], colorscale=name).colorscale


def test_normal_style_keeps_scales_and_uses_the_palette():
    fig = apply_style(go.Figure([go.Scatter(y=[1, 2]), go.Heatmap(z=[[0, 1]], colorscale="RdBu")]))
    assert list(fig.layout.colorway) == PALETTE
    assert fig.layout.font.size == 13
    assert fig.data[1].colorscale == scale_of("RdBu")
    assert fig.data[0].line.width is None


def test_projector_style_enlarges_text_and_thickens_lines():
    fig = go.Figure([go.Scatter(y=[1, 2], marker={"size": 4}), go.Bar(y=[3], text=["3"])])
    fig.update_layout(title="loss")
    fig.add_annotation(text="note", x=0, y=1)
    apply_style(fig, projector=True)
    assert fig.layout.font.size == 20
    assert fig.layout.title.font.size == 26
    assert fig.layout.xaxis.title.font.size == 22 and fig.layout.yaxis.tickfont.size == 20
    assert fig.layout.annotations[0].font.size == 20
    mosaic = go.Figure()
    for index in range(24):
        mosaic.add_annotation(text=f"#{index}", x=index, y=0, font_size=11)
    assert all(note.font.size == 11 for note in apply_style(mosaic, projector=True).layout.annotations)
    assert fig.data[0].line.width == 4 and fig.data[0].marker.size == 10
    assert fig.data[1].textfont.size == 20
    assert fig.layout.font.color == "#000000"


@pytest.mark.parametrize("name, expected", [
    ("Blues", "Cividis"), ("Inferno", "Cividis"), ("Viridis", "Cividis"), ("Hot", "Cividis"),
    ("RdBu", "diverging"), ("RdBu_r", "diverging"), ("PuOr", "diverging"),
    ("gray", None), ("Greys", None), ("gray_r", None),
])
def test_projector_heatmap_scales(name, expected):
    fig = apply_style(go.Figure(go.Heatmap(z=[[0, 1]], colorscale=name)), projector=True)
    if expected is None:
        assert fig.data[0].colorscale == scale_of(name)       # pictures stay gray
        assert projector_colorscale(scale_of(name)) is None
    elif expected == "diverging":
        assert [list(stop) for stop in fig.data[0].colorscale] == PROJECTOR_DIVERGING
    else:
        assert fig.data[0].colorscale == scale_of(expected)


def test_hand_made_scales_are_kept():
    flat = [[0, "#eeeeee"], [1, "#eeeeee"]]
    overlay = [[0, "rgba(213,94,0,0)"], [1, "rgba(213,94,0,0.9)"]]
    fig = apply_style(go.Figure([go.Heatmap(z=[[0]], colorscale=flat), go.Heatmap(z=[[0]], colorscale=overlay)]),
                      projector=True)
    assert [list(stop) for stop in fig.data[0].colorscale] == flat
    assert [list(stop) for stop in fig.data[1].colorscale] == overlay


def test_confusion_matrix_on_a_projector():
    confusion = np.diag(np.full(10, 100))
    fig = apply_style(inspect_figures.confusion_heatmap(confusion, [str(i) for i in range(10)], "bn"),
                      projector=True)
    assert fig.data[0].colorscale == scale_of("Cividis")
    assert fig.data[0].textfont.size == 20


def chart_fonts(at) -> list[int]:
    """The layout font size of every plotly chart the AppTest run produced."""
    sizes = []
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        sizes.append(spec["layout"]["font"]["size"])
    return sizes


@pytest.mark.parametrize("lang", ["en", "bn"])
@pytest.mark.parametrize("page_name", PAGES)
def test_every_page_renders_in_projector_mode(app_test, page_name, lang):
    at = app_test(page_name, lang=lang, session_state={"projector": True})
    assert not at.exception, at.exception
    assert at.sidebar.toggle(key="projector").value is True
    assert any("st-key-fcl_advanced_" in markdown.value for markdown in at.markdown)   # the CSS is in
    assert all(size == 20 for size in chart_fonts(at))
    assert at.title[0].value == t(f"{'conv' if page_name == 'conv_lab' else page_name}.title", lang)


def test_projector_toggle_changes_the_charts(app_test):
    at = app_test("datasets")
    assert chart_fonts(at) and all(size == 13 for size in chart_fonts(at))
    assert not any("st-key-fcl_advanced_" in markdown.value for markdown in at.markdown)
    at.sidebar.toggle(key="projector").set_value(True).run()
    assert not at.exception
    assert chart_fonts(at) and all(size == 20 for size in chart_fonts(at))


@pytest.mark.browser
def test_projector_mode_in_a_browser(app_url, page):
    from browser_helpers import open_page, wait_for_idle

    open_page(page, app_url, "datasets")
    heading = page.locator("h1").first
    normal_size = float(heading.evaluate("element => parseFloat(getComputedStyle(element).fontSize)"))
    catalog = page.get_by_text(t("datasets.catalog_heading", "en"))
    assert catalog.first.is_visible()
    # The switch is a visually hidden checkbox under react-aria's label; check it directly.
    switch = page.locator('[data-testid="stSidebar"]').get_by_role("switch", name=t("app.projector", "en"))
    for _ in range(5):  # the first press can land while the frontend is still settling
        switch.check(force=True)
        wait_for_idle(page)
        if switch.is_checked():
            break
        page.wait_for_timeout(1000)
    assert switch.is_checked()
    page.wait_for_function(f"parseFloat(getComputedStyle(document.querySelector('h1')).fontSize) >= {1.3 * normal_size}",
                           timeout=30_000)
    assert not catalog.first.is_visible()                       # advanced sections are tucked away
    page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
    page.screenshot(path=f"{SCREENSHOTS}/projector_datasets.png", full_page=False)
