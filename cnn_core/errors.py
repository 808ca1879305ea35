"""Errors a user can cause, carrying an i18n key so the UI can explain them in either language."""

from __future__ import annotations


class UserError(ValueError):
    """A problem with the user's input. ``key`` names the catalog text, ``values`` fill it in."""

    def __init__(self, key: str, **values):
        self.key = key
        self.values = values
        super().__init__(f"{key} {values}" if values else key)
