"""AppTest: app.py and every page run without an exception, in both languages, with no raw keys shown."""

import re

import pytest

from app_pages import PAGES
from cnn_core import i18n

KEY_SHAPE = re.compile(r"\b[a-z_]+\.[a-z_]+(?:\.[a-z0-9_]+)*\b")


def visible_text(at) -> str:
    """Every piece of text the app put on screen (markdown, titles, captions, alerts, widget labels)."""
    parts = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "success", "info", "warning",
                 "error", "metric", "button", "selectbox", "radio", "toggle", "number_input", "text_input",
                 "slider", "checkbox", "tabs", "expander"):
        for element in getattr(at, kind, []):
            for attribute in ("value", "label", "body"):
                text = getattr(element, attribute, None)
                if isinstance(text, str):
                    parts.append(text)
    return "\n".join(parts)


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
@pytest.mark.parametrize("spec", PAGES, ids=lambda spec: spec.url)
def test_page_runs_in_both_languages(app_test, spec, lang):
    at = app_test(spec.url, lang=lang)
    assert at.title[0].value == i18n.t(spec.title_page_key, lang)
    assert not at.exception, [e.message for e in at.exception]
    text = visible_text(at)
    raw_keys = sorted({m for m in KEY_SHAPE.findall(text) if m in i18n.CATALOG})
    assert raw_keys == []
    if lang == "bn":
        assert re.search("[\u0980-\u09FF]", text), "no Bengali text on the page"


def test_language_switch_keeps_the_page_and_changes_the_text(app_test):
    at = app_test("datasets", lang="en")
    assert at.title[0].value == "Datasets"
    at.sidebar.radio(key="lang").set_value("bn").run()
    assert not at.exception
    assert at.title[0].value == i18n.t("datasets.title", "bn")


def test_switching_to_mnist_shows_digits(app_test, mnist):
    at = app_test("datasets", dataset="mnist")
    assert not at.exception
    assert "MNIST" in at.header[0].value
    assert any("prepared" in c.value or "shipped" in c.value for c in at.caption)


def test_datasets_page_controls(app_test):
    at = app_test("datasets")
    at.selectbox(key="examples_class").set_value(7).run()          # sneakers only
    assert not at.exception
    assert at.selectbox(key="examples_zoom").value is not None
    at.toggle(key="examples_shuffle").set_value(True).run()
    at.button(key="examples_next").click().run()
    assert "2" in at.markdown[[m.value.startswith("Page") for m in at.markdown].index(True)].value
    at.text_input(key="catalog_query").set_value("kmni").run()
    assert not at.exception
    assert at.selectbox(key="catalog_pick").value == "kmnist"
    at.text_input(key="catalog_query").set_value("zzzz-nothing").run()
    assert not at.exception
