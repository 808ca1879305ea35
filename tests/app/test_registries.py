"""The "how to add" recipes of docs/architecture.md, kept honest: one registration makes a preset, a
dataset, a page or a language show up where the recipe says, with nothing else to edit."""

from __future__ import annotations

import pytest

import app_pages
from cnn_core import datasets, i18n, models
from cnn_core.i18n import t


@pytest.fixture
def tiny_preset(monkeypatch):
    monkeypatch.setattr(models, "PRESETS", dict(models.PRESETS))
    monkeypatch.setitem(i18n.CATALOG, "train.preset_tiny_recipe", {"en": "Tiny", "bn": "ক্ষুদ্র"})
    monkeypatch.setitem(i18n.CATALOG, "models.preset_tiny_recipe",
                        {"en": "A tiny network for the recipe test.", "bn": "রেসিপি পরীক্ষার ছোট্ট নেটওয়ার্ক।"})
    return models.register_preset(models.Preset("tiny_recipe", models.PRESETS["small"].build,
                                                "train.preset_tiny_recipe", "models.preset_tiny_recipe",
                                                {"epochs": 1, "batch_size": 64}))


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_a_registered_preset_is_offered_on_the_train_page(app_test, tiny_preset, lang):
    at = app_test("train", lang=lang)
    assert not at.exception, at.exception
    radio = at.radio(key="train_preset")
    assert t("train.preset_tiny_recipe", lang) in radio.options
    radio.set_value("tiny_recipe").run()
    assert not at.exception, at.exception
    assert t("models.preset_tiny_recipe", lang) in [caption.value for caption in at.caption]


def test_a_registered_dataset_is_offered_in_the_sidebar_and_explains_missing_files(app_test, monkeypatch):
    monkeypatch.setattr(datasets, "DATASETS", dict(datasets.DATASETS))
    monkeypatch.setitem(i18n.CATALOG, "data.name.kmnist", {"en": "Kuzushiji-MNIST", "bn": "কুজুশিজি-MNIST"})
    datasets.register_dataset(datasets.DatasetSpec("kmnist", datasets.Profile(item_size=28, centring="box")))
    monkeypatch.setattr(datasets, "network_reachable", lambda *args, **kwargs: False)
    at = app_test("home")
    assert t("data.name.kmnist", "en") in at.sidebar.radio(key="dataset").options
    at.sidebar.radio(key="dataset").set_value("kmnist").run()
    assert not at.exception, at.exception
    assert t("data.err_offline", "en", name="kmnist") in [error.value for error in at.error]
    at.sidebar.radio(key="dataset").set_value("fashion_mnist").run()        # the app stays usable
    assert not at.exception and at.metric


@pytest.fixture
def recipe_page(monkeypatch):
    """A page written and registered exactly as the recipe says (its file is removed afterwards)."""
    script = app_pages.FOLDER / "recipe_test_page.py"
    script.write_text("import streamlit as st\n\nimport ui\n\nst.title(ui.tr('recipe.title'))\n", encoding="utf-8")
    monkeypatch.setitem(i18n.CATALOG, "recipe.title", {"en": "Recipe page", "bn": "রেসিপি পাতা"})
    monkeypatch.setitem(i18n.CATALOG, "nav.recipe", {"en": "Recipe", "bn": "রেসিপি"})
    monkeypatch.setitem(i18n.CATALOG, "home.step.recipe", {"en": "A page added by the recipe.",
                                                           "bn": "রেসিপিতে যোগ হওয়া পাতা।"})
    spec = app_pages.PageSpec(script.name, "nav.recipe", "🧪", "recipe", "recipe.title", "home.step.recipe")
    monkeypatch.setattr(app_pages, "PAGES", (*app_pages.PAGES, spec))
    yield spec
    script.unlink()


def test_a_registered_page_is_in_the_navigation_and_on_the_home_map(app_test, recipe_page):
    at = app_test("home", lang="bn")
    assert not at.exception, at.exception
    assert t("home.step.recipe", "bn") in [caption.value for caption in at.caption]
    at.switch_page(recipe_page.path).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "রেসিপি পাতা"


def test_every_language_has_every_text_and_its_digits():
    assert i18n.missing_translations() == []
    for lang in i18n.LANGUAGES:
        assert i18n.number(1234, lang) == i18n.digits("1,234", lang)
        assert i18n.ascii_digits(i18n.number(1234, lang, "d")) == "1234"
