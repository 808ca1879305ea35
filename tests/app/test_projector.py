"""Projector mode on every page (AppTest, both languages)."""

from __future__ import annotations

import json

import pytest

from app_pages import PAGES
from cnn_core import i18n
from cnn_core.i18n import t


def chart_fonts(at) -> list[int]:
    """The layout font size of every plotly chart the AppTest run produced."""
    sizes = []
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        sizes.append(spec["layout"]["font"]["size"])
    return sizes


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
@pytest.mark.parametrize("spec", PAGES, ids=lambda spec: spec.url)
def test_every_page_renders_in_projector_mode(app_test, spec, lang):
    at = app_test(spec.url, lang=lang, session_state={"projector": True})
    assert not at.exception, at.exception
    assert at.sidebar.toggle(key="projector").value is True
    assert any("st-key-fcl_advanced_" in markdown.value for markdown in at.markdown)   # the CSS is in
    assert all(size == 20 for size in chart_fonts(at))
    assert at.title[0].value == t(spec.title_page_key, lang)


def test_projector_toggle_changes_the_charts(app_test):
    at = app_test("datasets")
    assert chart_fonts(at) and all(size == 13 for size in chart_fonts(at))
    assert not any("st-key-fcl_advanced_" in markdown.value for markdown in at.markdown)
    at.sidebar.toggle(key="projector").set_value(True).run()
    assert not at.exception
    assert chart_fonts(at) and all(size == 20 for size in chart_fonts(at))
