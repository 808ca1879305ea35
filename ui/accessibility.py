"""What assistive technology needs from the app shell that Streamlit has no setting for.

**The document's language.** Screen readers choose their voice from ``<html lang>``; Streamlit
always serves ``lang="en"``, so Bengali text would be read with English rules. :func:`document_language`
sets it from the session's language on every run (a tiny script, kept in a hidden container in the
sidebar; it runs again whenever the language changes).
"""

from __future__ import annotations

import json

import streamlit as st

LANGUAGE_KEY = "fcl_document_language"


def document_language(lang: str) -> None:
    """Set ``<html lang>`` to ``lang`` (call it on every run, in the app's frame)."""
    with st.sidebar.container(key=LANGUAGE_KEY):
        st.html(f"<style>.st-key-{LANGUAGE_KEY}{{display:none}}</style>"
                f"<script>document.documentElement.lang = {json.dumps(lang)};</script>",
                unsafe_allow_javascript=True)
