"""One lookup for every user-visible string, in every language of :data:`LANGUAGES`.

Strings live in small per-area catalogs, each a module of this package holding a dict
``STRINGS = {key: {language code: text}}``. A key is named ``<area>.<name>`` and lives in the
catalog named by its area (``"conv.title"`` in ``conv.py``; ``class.*`` in ``classroom.py``, as
``class`` cannot name a module), so catalogs never collide; :func:`t` raises ``KeyError`` for an
unknown key, so a typo fails loudly in tests instead of showing a raw key to a learner.
"""

from __future__ import annotations

import importlib
import numbers
import pkgutil
import string

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
    """The text for ``key`` in ``lang`` with its ``{placeholders}`` filled from ``values``.

    Number values are written in ``lang``'s own digits (a row number 3 shows as ৩ in Bengali); text
    values, such as what a user typed, are shown exactly as they are.

    Args:
        key: a catalog key such as ``"conv.title"``.
        lang: a code of :data:`LANGUAGES`; a key without a text in it falls back to English.
        **values: what fills the text's ``{placeholders}``.

    Returns:
        The text, ready to show.

    Raises:
        KeyError: for a key no catalog defines (a typo fails in tests, never in front of a class).

    Example:

    >>> t("data.being_prepared", "en", name="MNIST")
    'MNIST is being prepared for its first use…'
    >>> t("conv.err_cell_text", "bn", row=3, col=12, text="x1").startswith("সারি ৩")
    True
    """
    texts = CATALOG[key]
    text = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    if not values:
        return text
    if lang in NUMERALS:
        values = {name: digits(str(value), lang) if _is_number(value) else value for name, value in values.items()}
    return text.format(**values)


def missing_translations() -> list[tuple[str, str]]:
    """Every ``(key, language)`` pair with no text: the catalog test wants this empty.

    Returns:
        The pairs, in catalog order; ``[]`` when every language of :data:`LANGUAGES` is complete.
    """
    return [(key, lang) for key, texts in CATALOG.items() for lang in LANGUAGES
            if not str(texts.get(lang, "")).strip()]


def placeholder_mismatches() -> list[tuple[str, str]]:
    """Every ``(key, language)`` whose text names other ``{placeholders}`` than the English one.

    A translation that drops ``{count}`` or renames it would fail only when a learner meets it; the
    catalog test wants this empty for every language of :data:`LANGUAGES`.

    Returns:
        The pairs, in catalog order (languages without a text are :func:`missing_translations`' business).
    """
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}

    return [(key, lang) for key, texts in CATALOG.items() for lang in LANGUAGES
            if lang != DEFAULT_LANGUAGE and lang in texts and fields(texts[lang]) != fields(texts[DEFAULT_LANGUAGE])]


def _is_number(value) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def number(value: numbers.Number, lang: str = DEFAULT_LANGUAGE, fmt: str = ",") -> str:
    """A number formatted with ``fmt`` and written in ``lang``'s digits.

    Args:
        value: the number.
        lang: a code of :data:`LANGUAGES`.
        fmt: a :func:`format` spec (``","`` groups thousands, ``".1f"`` one decimal).

    Returns:
        The number as text.

    Example:

    >>> number(421642, "en"), number(421642, "bn"), number(0.5, "bn", ".0%")
    ('421,642', '৪২১,৬৪২', '৫০%')
    """
    return digits(format(value, fmt), lang)


def digits(text: str, lang: str = DEFAULT_LANGUAGE) -> str:
    """``text`` with its ASCII digits written in ``lang``'s numerals (unchanged for a language that
    writes 0-9, i.e. one without an entry in :data:`NUMERALS`).

    Example:

    >>> digits("3 × 3", "bn"), digits("3 × 3", "en")
    ('৩ × ৩', '3 × 3')
    """
    numerals = NUMERALS.get(lang)
    return text.translate(str.maketrans("0123456789", numerals)) if numerals else text


def ascii_digits(text: str) -> str:
    """What a learner typed, with any language's digits and the minus sign ``−`` read as ``0-9`` and ``-``.

    Example:

    >>> ascii_digits("−১২")
    '-12'
    """
    table = str.maketrans("".join(NUMERALS.values()) + "\u2212", "0123456789" * len(NUMERALS) + "-")
    return text.translate(table)


def class_names(dataset: str, lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """The dataset's class names in ``lang`` (keys ``classes.<dataset>.<index>``).

    Args:
        dataset: a name of :data:`cnn_core.datasets.DATASETS`.
        lang: a code of :data:`LANGUAGES`.

    Returns:
        One name per class, in label order; ``[]`` for a dataset with no class names in the catalog.

    Example:

    >>> class_names("fashion_mnist", "en")[:3]
    ['T-shirt/top', 'Trouser', 'Pullover']
    """
    names = []
    index = 0
    while f"classes.{dataset}.{index}" in CATALOG:
        names.append(t(f"classes.{dataset}.{index}", lang))
        index += 1
    return names
