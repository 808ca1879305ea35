"""The catalogs: every key in every language, the same placeholders as English, each key in its area's
catalog, and every key a page uses exists."""

import re
from pathlib import Path

import pytest

from cnn_core import i18n

ROOT = Path(__file__).resolve().parents[2]
LITERAL_KEY = re.compile(r"""\b(?:tr|t)\(\s*["']([a-z_]+\.[a-zA-Z0-9_.]+)["']""")


def test_every_key_has_every_language():
    assert i18n.missing_translations() == []


def test_every_language_names_the_same_placeholders_as_english(monkeypatch):
    assert i18n.placeholder_mismatches() == []
    monkeypatch.setitem(i18n.CATALOG, "train.seconds", {**i18n.CATALOG["train.seconds"], "bn": "{secs} সেকেন্ড"})
    assert i18n.placeholder_mismatches() == [("train.seconds", "bn")]  # the check can fail


def test_every_key_lives_in_the_catalog_named_by_its_area():
    """``train.*`` keys all in ``train.py``, ``nav.*`` in ``nav.py`` ... (``class.*`` in ``classroom.py``)."""
    import importlib
    import pkgutil

    catalog_of_area = {"class": "classroom"}  # "class" cannot name a Python module
    misplaced = []
    for module_info in pkgutil.iter_modules(i18n.__path__):
        module = importlib.import_module(f"cnn_core.i18n.{module_info.name}")
        for key in getattr(module, "STRINGS", {}):
            area = key.split(".")[0]
            if catalog_of_area.get(area, area) != module_info.name:
                misplaced.append((key, module_info.name))
    assert misplaced == []


def test_no_language_copies_the_english_text():
    """An entry that is a copy of the English one is a forgotten translation (names excepted)."""
    def words(text):
        return re.sub(r"\{[^}]*\}", "", text)

    english = i18n.DEFAULT_LANGUAGE
    copied = [(key, lang) for key, texts in i18n.CATALOG.items() for lang in i18n.LANGUAGES
              if lang != english and texts.get(lang) == texts[english]
              and re.search(r"[a-z]{4,} [a-z]{4,}", words(texts[english]))]
    assert copied == []


def test_every_literal_key_used_in_code_exists():
    used = {}
    for path in [ROOT / "app.py", *ROOT.glob("app_pages/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("cnn_core/**/*.py")]:
        for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8")):
            used.setdefault(key, path.name)
    missing = {key: where for key, where in used.items() if key not in i18n.CATALOG}
    assert missing == {}


def test_lookup_fills_values_and_fails_loudly_on_unknown_keys():
    assert i18n.t("data.being_prepared", "en", name="MNIST") == "MNIST is being prepared for its first use…"
    assert i18n.t("data.being_prepared", "bn", name="MNIST").startswith("প্রথম")
    with pytest.raises(KeyError):
        i18n.t("no.such.key", "en")


def test_numbers_and_class_names_in_both_languages():
    assert i18n.number(421642, "en") == "421,642"
    assert i18n.number(421642, "bn") == "৪২১,৬৪২"
    assert i18n.class_names("fashion_mnist", "en")[7] == "Sneaker"
    assert i18n.class_names("fashion_mnist", "bn")[7] == "স্নিকার"
    assert i18n.class_names("mnist", "bn")[3] == "৩"
    assert len(i18n.class_names("fashion_mnist", "bn")) == 10


def test_bengali_messages_write_numbers_in_bengali_digits_and_keep_typed_text_as_typed():
    import numpy as np

    message = i18n.t("conv.err_cell_text", "bn", row=3, col=np.int64(12), text="x1")
    assert "সারি ৩, কলাম ১২" in message and "“x1”" in message
    assert "সারি 3" not in message
    assert "row 3, column 12" in i18n.t("conv.err_cell_text", "en", row=3, col=np.int64(12), text="x1").lower()
