"""The server's class board (one for every session), the class leaderboard as the pages show it,
and the teacher's passcode where a page asks for it (rate-limited per session), with the one
confirmation step every deletion of a saved model or example set goes through."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from cnn_core import classroom, escape
from cnn_core.errors import UserError
from ui import state, training


@st.cache_resource(show_spinner=False)
def class_board() -> classroom.ClassBoard:
    """The server's one class board (runs hidden by their owners, runs the teacher cleared)."""
    return classroom.ClassBoard()


def public_leaderboard(lang: str) -> list[dict]:
    """The leaderboard everybody sees (hidden and cleared runs left out), as table text in ``lang``."""
    return classroom.leaderboard_rows(class_board().public(training.job_service().jobs()), lang)


def passcode_refusal(given: str | None) -> UserError | None:
    """``None`` when ``given`` is the teacher's passcode, else why not: ``class.wrong_code``, or
    ``class.err_passcode_wait`` while this session has to wait after too many wrong tries."""
    try:
        right = state.passcode_gate().check(given, classroom.teacher_code())
    except UserError as err:
        return err
    return None if right else UserError("class.wrong_code")


def session_owner() -> str:
    """The id this browser session's saved models and example sets carry as their ``owner``."""
    return training.training_session().owner


def delete_step(key: str, title: str, item_owner: str | None, on_delete: Callable[[], None],
                on_refused: Callable[[UserError], None], question: str | None = None) -> None:
    """The confirmation a deletion needs, drawn where it is called (inside a popover, say).

    Its own saved thing, a learner confirms with one button; someone else's (when the class has a
    teacher passcode) needs the passcode typed in too, checked again when the button acts.

    Args:
        key: widget key prefix; the button is ``key`` itself, the passcode box ``key + "_passcode"``.
        title: what is deleted, as the learner typed it (shown escaped).
        item_owner: the session id it was saved by (``None``: unknown).
        on_delete: deletes it (called from the button's callback).
        on_refused: shows a ``UserError`` on the next run (wrong passcode, or wait).
        question: the page's own question (already escaped); the default asks "Delete “title”?".
    """
    rule = classroom.delete_rule(item_owner, session_owner(), classroom.teacher_code())
    shown = escape.markdown(title)
    st.markdown(question or state.tr("guard.confirm", title=shown))
    if rule == classroom.DELETE_PASSCODE:
        st.caption(state.tr("guard.not_yours", title=shown))
        st.text_input(state.tr("class.passcode"), type="password", key=f"{key}_passcode")
    st.button(state.tr("guard.delete"), key=key, on_click=_confirmed, icon=":material/delete_forever:",
              args=(key, item_owner, on_delete, on_refused))


def _confirmed(key: str, item_owner: str | None, on_delete, on_refused) -> None:
    rule = classroom.delete_rule(item_owner, session_owner(), classroom.teacher_code())
    if rule == classroom.DELETE_PASSCODE:
        refusal = passcode_refusal(st.session_state.get(f"{key}_passcode"))
        if refusal is not None:
            on_refused(refusal)
            return
    on_delete()
