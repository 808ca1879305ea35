"""The catalogs: every key in both languages, matching placeholders, and every key a page uses exists."""

import re
import string
from pathlib import Path

import pytest

from cnn_core import i18n

ROOT = Path(__file__).resolve().parents[2]
LITERAL_KEY = re.compile(r"""\b(?:tr|t)\(\s*["']([a-z_]+\.[a-zA-Z0-9_.]+)["']""")


def test_every_key_has_both_languages():
    assert i18n.missing_translations() == []


@pytest.mark.parametrize("key", sorted(i18n.CATALOG))
def test_placeholders_match_between_languages(key):
    fields = {lang: {name for _, name, _, _ in string.Formatter().parse(text) if name}
              for lang, text in i18n.CATALOG[key].items()}
    assert fields["en"] == fields["bn"], key


def test_bengali_text_is_bengali():
    """A Bengali entry that is a copy of the English one is a forgotten translation (names excepted)."""
    def words(text):
        return re.sub(r"\{[^}]*\}", "", text)

    copied = [key for key, texts in i18n.CATALOG.items()
              if texts["en"] == texts["bn"] and re.search(r"[a-z]{4,} [a-z]{4,}", words(texts["en"]))]
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
