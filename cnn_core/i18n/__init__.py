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

LANGUAGES = {"en": "English", "bn": "বাংলা"}
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
    if lang == "bn":
        values = {name: _bengali_digits(value) if _is_number(value) else value for name, value in values.items()}
    return text.format(**values)


def missing_translations() -> list[tuple[str, str]]:
    """Every ``(key, language)`` pair with no text: the catalog test wants this empty."""
    return [(key, lang) for key, texts in CATALOG.items() for lang in LANGUAGES
            if not str(texts.get(lang, "")).strip()]


_BENGALI_DIGITS = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def _is_number(value) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _bengali_digits(value) -> str:
    return str(value).translate(_BENGALI_DIGITS)


def number(value, lang: str = DEFAULT_LANGUAGE, fmt: str = ",") -> str:
    """Format a number, with Bengali digits when ``lang`` is ``"bn"``."""
    text = format(value, fmt)
    return text.translate(_BENGALI_DIGITS) if lang == "bn" else text


def class_names(dataset: str, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """The dataset's class names in ``lang`` (keys ``classes.<dataset>.<index>``)."""
    names = []
    index = 0
    while f"classes.{dataset}.{index}" in CATALOG:
        names.append(t(f"classes.{dataset}.{index}", lang))
        index += 1
    return names
