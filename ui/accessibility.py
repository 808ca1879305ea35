"""What assistive technology needs from the app shell that Streamlit has no setting for.

**The document's language.** Screen readers choose their voice from ``<html lang>``; Streamlit
always serves ``lang="en"``, so Bengali text would be read with English rules. The script sets it
from the session's language on every run (it runs again whenever the language changes).

**Scrollable boxes reachable from the keyboard.** A code box with a fixed height (or a long line)
scrolls, but a keyboard user cannot focus it to scroll. A watcher on the page gives every such box
``tabindex="0"`` (and a label), so Tab reaches it and the arrow keys scroll it.

Both live in one tiny script in a hidden container in the sidebar (:func:`assistive_setup`).
"""

from __future__ import annotations

import json

import streamlit as st

from cnn_core import i18n

SETUP_KEY = "fcl_assistive_setup"

_SCROLL_WATCH = """
if (!window.fclScrollWatch) {
  const labels = CODE_BOX_LABELS;
  const label = () => labels[document.documentElement.lang] || labels[DEFAULT_LANGUAGE];
  const mark = () => {
    for (const box of document.querySelectorAll('[data-testid="stCode"] pre')) {
      const scrolls = box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label());
      }
    }
  };
  let queued = false;
  window.fclScrollWatch = new MutationObserver(() => {
    if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; mark(); }); }
  });
  window.fclScrollWatch.observe(document.body, {childList: true, subtree: true});
  mark();
}
"""


def _scroll_watch() -> str:
    """The watcher's script, with the code box's label in every language of :data:`i18n.LANGUAGES`."""
    labels = {code: i18n.t("app.code_box", code) for code in i18n.LANGUAGES}
    return (_SCROLL_WATCH.replace("CODE_BOX_LABELS", json.dumps(labels, ensure_ascii=False))
            .replace("DEFAULT_LANGUAGE", json.dumps(i18n.DEFAULT_LANGUAGE)))


def assistive_setup(lang: str) -> None:
    """Set ``<html lang>`` to ``lang`` and keep scrollable code boxes focusable.

    Call it on every run, in the app's frame (``app.py`` does).

    Args:
        lang: the session's language, a code of :data:`cnn_core.i18n.LANGUAGES`.
    """
    with st.sidebar.container(key=SETUP_KEY):
        st.html(f"<style>.st-key-{SETUP_KEY}{{display:none}}</style>"
                f"<script>document.documentElement.lang = {json.dumps(lang)};{_scroll_watch()}</script>",
                unsafe_allow_javascript=True)
