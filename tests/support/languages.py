"""Sharing costly checks out between the app's languages."""

from __future__ import annotations

from cnn_core import i18n


def share_of(items, lang: str) -> list:
    """``lang``'s share of ``items`` when the languages take them in turn: every item goes to exactly
    one language, and every language gets some (a check that costs the same in each language then
    runs once per item, not once per item and language)."""
    languages = list(i18n.LANGUAGES)
    return [item for position, item in enumerate(items) if position % len(languages) == languages.index(lang)]
