"""One lookup for every user-visible string, in English and Bengali.

Strings live in small per-area catalogs (``common``, ``datasets``, ``conv`` ...), each a dict
``{key: {"en": ..., "bn": ...}}``. Keys are namespaced by area (``"conv.title"``) so catalogs never
collide; :func:`t` raises ``KeyError`` for an unknown key, so a typo fails loudly in tests instead
of showing a raw key to a learner.
"""

from __future__ import annotations

import importlib
import numbers
import pkgutil

# The language registry: code -> the language's own name (the sidebar's choice). A language that
# writes numbers with its own digits also gets an entry in NUMERALS (its digits for 0-9).
LANGUAGES = {"en": "English", "bn": "বাংলা"}
NUMERALS = {"bn": "০১২৩৪৫৬৭৮৯"}
DEFAULT_LANGUAGE = "en"


def _load_catalog() -> dict[str, dict[str, str]]:
    """Merge every ``STRINGS`` dict of this package's modules, refusing duplicate keys."""
    merged: dict[str, dict[str, str]] = {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for key, texts in getattr(module, "STRINGS", {}).items():
            if key in merged:
                raise ValueError(f"i18n key {key!r} is defined twice (again in {module_info.name})")
            merged[key] = texts
    return merged


CATALOG = _load_catalog()


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """Return the text for ``key`` in ``lang`` with ``{placeholders}`` filled from ``values``.

    In Bengali, number values are written with Bengali digits (a row number 3 shows as ৩); text
    values, such as what a user typed, are shown exactly as they are.
    """
    texts = CATALOG[key]
    text = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    if not values:
        return text
    if lang in NUMERALS:
        values = {name: digits(str(value), lang) if _is_number(value) else value for name, value in values.items()}
    return text.format(**values)


def missing_translations() -> list[tuple[str, str]]:
    """Every ``(key, language)`` pair with no text: the catalog test wants this empty."""
    return [(key, lang) for key, texts in CATALOG.items() for lang in LANGUAGES
            if not str(texts.get(lang, "")).strip()]


_TO_NUMERALS = {lang: str.maketrans("0123456789", numerals) for lang, numerals in NUMERALS.items()}
# What a learner types, read back: every language's digits as ASCII, and the minus sign as "-".
_TYPED_TO_ASCII = str.maketrans("".join(NUMERALS.values()) + "\u2212",
                                "0123456789" * len(NUMERALS) + "-")


def _is_number(value) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def number(value, lang: str = DEFAULT_LANGUAGE, fmt: str = ",") -> str:
    """Format a number in ``lang``'s digits (Bengali digits for ``"bn"``)."""
    return digits(format(value, fmt), lang)


def digits(text: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``text`` with its digits written in ``lang``'s numerals (unchanged for a language without its own)."""
    table = _TO_NUMERALS.get(lang)
    return text.translate(table) if table else text


def ascii_digits(text: str) -> str:
    """What a learner typed, with any language's digits and the minus sign ``−`` read as ``0-9`` and ``-``."""
    return text.translate(_TYPED_TO_ASCII)


def class_names(dataset: str, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """The dataset's class names in ``lang`` (keys ``classes.<dataset>.<index>``)."""
    names = []
    index = 0
    while f"classes.{dataset}.{index}" in CATALOG:
        names.append(t(f"classes.{dataset}.{index}", lang))
        index += 1
    return names
