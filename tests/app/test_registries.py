"""The "how to add" recipes of docs/architecture.md, kept honest: each test really adds a preset, a
dataset, a page or a language the way the recipe says, in a temporary registry (monkeypatch), and
finds it where the recipe promises, with nothing else edited and nothing written into the source tree."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

import app_pages
from cnn_core import cli, datasets, i18n, models
from cnn_core.i18n import t

# ------------------------------------------------------------------------------------- a preset


@pytest.fixture
def tiny_preset(monkeypatch):
    monkeypatch.setattr(models, "PRESETS", dict(models.PRESETS))
    monkeypatch.setitem(i18n.CATALOG, "train.preset_tiny_recipe", {"en": "Tiny", "bn": "ক্ষুদ্র"})
    monkeypatch.setitem(i18n.CATALOG, "models.preset_tiny_recipe",
                        {"en": "A tiny network for the recipe test.", "bn": "রেসিপি পরীক্ষার ছোট্ট নেটওয়ার্ক।"})
    return models.register_preset(models.Preset("tiny_recipe", models.PRESETS["small"].build,
                                                "train.preset_tiny_recipe", "models.preset_tiny_recipe",
                                                {"epochs": 1, "batch_size": 64, "learning_rate": 0.004}))


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_a_registered_preset_is_offered_on_the_train_page_with_its_recipe(app_test, tiny_preset, lang):
    at = app_test("train", lang=lang)
    assert not at.exception, at.exception
    radio = at.radio(key="train_preset")
    assert t("train.preset_tiny_recipe", lang) in radio.options
    radio.set_value("tiny_recipe").run()
    assert not at.exception, at.exception
    assert t("models.preset_tiny_recipe", lang) in [caption.value for caption in at.caption]
    at.button(key="train_preset_recipe").click().run()
    assert at.number_input(key="train_epochs").value == 1
    assert at.number_input(key="train_batch_size").value == 64
    assert at.number_input(key="train_learning_rate").value == pytest.approx(0.004)


def test_a_registered_preset_is_a_command_line_choice_that_trains_its_recipe(tiny_preset):
    config = cli.config_from_args(cli.parse_args(["--preset", "tiny_recipe"]))
    assert (config.preset, config.epochs, config.batch_size, config.learning_rate) == ("tiny_recipe", 1, 64, 0.004)


# ------------------------------------------------------------------------------------ a dataset


def write_idx(folder: Path, images_file: str, labels_file: str, count: int, seed: int) -> np.ndarray:
    """Write ``count`` random pictures and labels as gzipped IDX files (the originals' format)."""
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 256, size=(count, 28, 28), dtype=np.uint8)
    labels = rng.integers(0, 3, size=count, dtype=np.uint8)
    with gzip.open(folder / images_file, "wb") as handle:
        handle.write(b"\0\0\x08\x03" + np.array([count, 28, 28], ">u4").tobytes() + images.tobytes())
    with gzip.open(folder / labels_file, "wb") as handle:
        handle.write(b"\0\0\x08\x01" + np.array([count], ">u4").tobytes() + labels.tobytes())
    return images


@pytest.fixture
def kmnist(monkeypatch):
    """A dataset registered as the recipe says: its entry (with its own file names) and its texts."""
    monkeypatch.setattr(datasets, "DATASETS", dict(datasets.DATASETS))
    monkeypatch.setitem(i18n.CATALOG, "data.name.kmnist", {"en": "Kuzushiji-MNIST", "bn": "কুজুশিজি-MNIST"})
    for index, (english, bengali) in enumerate((("o", "ও"), ("ki", "কি"), ("su", "সু"))):
        monkeypatch.setitem(i18n.CATALOG, f"classes.kmnist.{index}", {"en": english, "bn": bengali})
    files = (("train", "k49-train-imgs.gz", "k49-train-labels.gz"), ("test", "k49-test-imgs.gz", "k49-test-labels.gz"))
    return datasets.register_dataset(datasets.DatasetSpec("kmnist", datasets.Profile(item_size=28, centring="box"),
                                                          files=files))


def test_a_registered_dataset_is_read_from_the_files_its_entry_names(kmnist, tmp_path):
    train = write_idx(tmp_path, "k49-train-imgs.gz", "k49-train-labels.gz", 5, seed=1)
    test = write_idx(tmp_path, "k49-test-imgs.gz", "k49-test-labels.gz", 2, seed=2)
    data = datasets.read_original_files("kmnist", tmp_path)
    assert np.array_equal(data.train_images[..., 0], train) and np.array_equal(data.test_images[..., 0], test)
    assert data.class_names == ["o", "ki", "su"]


def test_a_registered_dataset_is_offered_in_the_sidebar_and_explains_missing_files(app_test, kmnist, monkeypatch):
    monkeypatch.setattr(datasets, "network_reachable", lambda *args, **kwargs: False)
    at = app_test("home")
    assert t("data.name.kmnist", "en") in at.sidebar.radio(key="dataset").options
    at.sidebar.radio(key="dataset").set_value("kmnist").run()
    assert not at.exception, at.exception
    assert t("data.err_offline", "en", name="kmnist") in [error.value for error in at.error]
    at.sidebar.radio(key="dataset").set_value(datasets.DEFAULT_DATASET).run()        # the app stays usable
    assert not at.exception and at.metric
    assert cli.parse_args(["--dataset", "kmnist"]).dataset == "kmnist"


# --------------------------------------------------------------------------------------- a page


@dataclass(frozen=True)
class PageElsewhere(app_pages.PageSpec):
    """A page registered like any other whose script lives outside app_pages/ (a test's tmp_path):
    the test never writes into the source tree."""

    folder: str = ""

    @property
    def path(self) -> str:
        return str(Path(self.folder) / self.script)


@pytest.fixture
def recipe_page(monkeypatch, tmp_path):
    """A page written and registered exactly as the recipe says, its script in ``tmp_path``."""
    script = tmp_path / "recipe_test_page.py"
    script.write_text("import streamlit as st\n\nimport ui\n\nst.title(ui.tr('recipe.title'))\n", encoding="utf-8")
    monkeypatch.setitem(i18n.CATALOG, "recipe.title", {"en": "Recipe page", "bn": "রেসিপি পাতা"})
    monkeypatch.setitem(i18n.CATALOG, "nav.recipe", {"en": "Recipe", "bn": "রেসিপি"})
    monkeypatch.setitem(i18n.CATALOG, "home.step.recipe", {"en": "A page added by the recipe.",
                                                           "bn": "রেসিপিতে যোগ হওয়া পাতা।"})
    spec = PageElsewhere(script.name, "nav.recipe", ":material/science:", "recipe", "recipe.title",
                         "home.step.recipe", folder=str(tmp_path))
    monkeypatch.setattr(app_pages, "PAGES", (*app_pages.PAGES, spec))
    return spec


def test_a_registered_page_is_in_the_navigation_and_on_the_home_map(app_test, recipe_page):
    at = app_test("home", lang="bn")
    assert not at.exception, at.exception
    assert t("home.step.recipe", "bn") in [caption.value for caption in at.caption]
    at.switch_page(recipe_page.path).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "রেসিপি পাতা"


# ----------------------------------------------------------------------------------- a language

PSEUDO = "qps"  # a private-use code: a pseudo-language whose texts are the English ones, bracketed
PSEUDO_DIGITS = "०१२३४५६७८९"  # it writes numbers with Devanagari digits, to prove NUMERALS is read


def pseudo(text: str) -> str:
    """English text marked so it is recognisable on screen; its {placeholders} stay as they are."""
    return f"⟦{text}⟧"


@pytest.fixture
def third_language(monkeypatch):
    """A language added as the recipe says: its entry in LANGUAGES and NUMERALS, and a text for every key."""
    monkeypatch.setitem(i18n.LANGUAGES, PSEUDO, "Pseudo")
    monkeypatch.setitem(i18n.NUMERALS, PSEUDO, PSEUDO_DIGITS)
    missing = i18n.missing_translations()
    assert {lang for _, lang in missing} == {PSEUDO} and len(missing) == len(i18n.CATALOG)  # the check sees it
    for key, texts in list(i18n.CATALOG.items()):
        monkeypatch.setitem(i18n.CATALOG, key, {**texts, PSEUDO: pseudo(texts[i18n.DEFAULT_LANGUAGE])})
    return PSEUDO


def test_a_third_language_passes_the_catalog_checks_and_reads_its_own_digits(third_language):
    assert i18n.missing_translations() == [] and i18n.placeholder_mismatches() == []
    assert i18n.number(1234, third_language) == "१,२३४"
    assert i18n.ascii_digits(i18n.number(-1234, third_language, "d")) == "-1234"
    assert i18n.t("train.seconds", third_language, seconds=42) == pseudo("{seconds} s").format(seconds="४२")
    assert i18n.class_names(datasets.DEFAULT_DATASET, third_language)[1] == pseudo("Trouser")


def test_a_third_language_is_offered_in_the_sidebar_and_every_page_speaks_it(app_test, third_language):
    at = app_test("home")
    switch = at.sidebar.radio(key="lang")
    assert "Pseudo" in switch.options
    assert switch.label == " / ".join(t("app.language", code) for code in i18n.LANGUAGES)
    switch.set_value(third_language).run()
    assert not at.exception, at.exception
    assert at.title[0].value == pseudo(t("home.title", "en"))
    for spec in (spec for spec in app_pages.PAGES if spec.blurb_key):
        assert pseudo(t(spec.blurb_key, "en")) in [caption.value for caption in at.caption]
