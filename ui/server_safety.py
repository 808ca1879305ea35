"""Every place the app reaches into Streamlit's private internals, each guarded by a unit test.

Streamlit has no public API for these needs; ``tests/unit/test_server_safety.py`` checks that
what each one relies on is still there and still behaves as assumed, so a Streamlit upgrade that
changes it fails loudly instead of silently breaking the app.

**Keras state.** Keep Streamlit from wiping Keras' process-wide state while models are in use.

After every script run (fragment reruns included, several a second while a run is watched)
Streamlit calls ``keras.backend.clear_session()`` to tidy up single-user apps. On a shared server
that resets the global graph and kernel caches under the feet of the background training threads
and the other sessions' models: measured here, two trainings started together never finished their
first batch, and every prediction was retraced. The app never relies on that clean-up (models are
kept per session and dropped with it), so :func:`keep_keras_state` leaves Keras alone and keeps the
rest of Streamlit's clean-up (closing matplotlib figures).

**A full run's fragments reach the browser.** Streamlit queues a script run's messages and sends
them from its event loop. When a fragment run starts (a ``run_every`` timer, several a second on a
watched Train page), Streamlit drops the queued, unsent messages of that fragment, meant for an
earlier, interrupted run of it; but on a busy server they can be the *full run's* messages for that
fragment, which came just before. The browser then ends the full run without the fragment, removes it,
and the fragment run's next message lands past the end of the page: "Bad delta path index N (should
be between [0, N-1])", and the tab goes blank (the classroom load test's trainers met it, and a run of
messages recorded in Chromium showed it). :func:`keep_unsent_fragment_messages` keeps them: an
interrupted fragment run's leftovers are replaced by the next run and cleared as stale by the browser.

**Which session is running.** :func:`session_id` names the browser session of the script run that
calls it: a tab that reconnects after its connection dropped keeps that id (see ``ui.training``).

**Choices across a language switch.** :func:`keep_choices` reads Streamlit's widget metadata to find
the choice widgets whose values must be written back when their labels change language.
"""

from __future__ import annotations

import sys

from streamlit.runtime import app_session
from streamlit.runtime.scriptrunner import script_runner


def _close_matplotlib_figures() -> None:
    """Streamlit's clean-up minus the Keras part: close figures left open by a script run."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        try:
            pyplot.close("all")
        except Exception:  # noqa: BLE001 - a clean-up must never break a script run
            pass


def keep_keras_state() -> None:
    """Replace Streamlit's after-run clean-up with one that never calls ``clear_session()``.

    Call it once, before the first script run (``app.py`` does); :func:`keras_state_is_kept` says
    whether it is in place.
    """
    script_runner._clean_problem_modules = _close_matplotlib_figures


def keras_state_is_kept() -> bool:
    """Whether :func:`keep_keras_state` is in place (Streamlit's clean-up leaves Keras alone)."""
    return script_runner._clean_problem_modules is _close_matplotlib_figures


def keep_unsent_fragment_messages() -> None:
    """Make a starting fragment run keep the messages still queued for the browser (see the module's
    docstring). Idempotent: ``app.py`` calls it at the top of every run, before any fragment can run."""
    clear_queue = app_session.AppSession._clear_queue
    if getattr(clear_queue, "keeps_fragment_messages", False):
        return

    def clear_queue_keeping_fragment_messages(self, fragment_ids_this_run=None):
        # An empty list still marks a fragment run (its lifecycle messages are handled as such),
        # but names no fragment whose queued messages are dropped.
        clear_queue(self, None if fragment_ids_this_run is None else [])

    clear_queue_keeping_fragment_messages.keeps_fragment_messages = True
    app_session.AppSession._clear_queue = clear_queue_keeping_fragment_messages


def keep_choices() -> None:
    """Language-switch callback: keep every choice the learner made, shown in the new language.

    The browser remembers a radio's, selectbox's or multiselect's choice by its label, so once the
    labels change language it finds no match: nothing shows as chosen and the next run falls back to
    the default. Writing each such value back through session state makes Streamlit render it from
    the value itself. Only choice widgets are touched (Streamlit's widget metadata says which ones
    send labels); buttons, uploads, editors and charts are left alone.
    """
    import streamlit as st
    from streamlit.runtime.state.session_state_proxy import get_session_state

    state = get_session_state()._state
    metadata = state._new_widget_state.widget_metadata
    for key in list(st.session_state):
        widget = metadata.get(state._key_id_mapper.get_id_from_key(key, None) or "")
        value = st.session_state[key]
        if (widget is not None and widget.value_type in ("string_value", "string_array_value")
                and isinstance(value, (str, int, float, list, tuple))):
            st.session_state[key] = value


def session_id() -> str | None:
    """The id of the browser session whose script run calls this (``None`` outside a script run)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    context = get_script_run_ctx(suppress_warning=True)
    return None if context is None else context.session_id
