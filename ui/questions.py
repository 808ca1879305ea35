"""Question mode on the pages (``ask=1`` in a lesson link) and the class's answers on the Class view.

A page in question mode calls :func:`ask` where it would show an answer: until this session has
locked in a guess, :func:`ask` draws the question's form and returns ``None`` (the page keeps the
answer hidden); once it has, it says whether the guess was right and returns the
:class:`cnn_core.questions.Answer`. The rules and the board are in :mod:`cnn_core.questions`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import numpy as np
import streamlit as st

from cnn_core import i18n, questions
from cnn_core.errors import UserError
from cnn_core.figures import conv as conv_figures
from cnn_core.figures import questions as figures
from ui.plans import literal
from ui.state import asking, lang, projector, session_id, show_user_error, tr

SHOWN_QUESTIONS = 12   # the Class view shows the newest this many questions


@st.cache_resource(show_spinner=False)
def question_board() -> questions.QuestionBoard:
    """The server's one board of guesses (every session's, without names)."""
    return questions.QuestionBoard()


def digest(*parts) -> str:
    """A short fingerprint of what a question is about (arrays by their values), for its id."""
    hasher = hashlib.sha1()
    for part in parts:
        hasher.update(np.ascontiguousarray(part).tobytes() if isinstance(part, np.ndarray) else repr(part).encode())
        hasher.update(b"|")
    return hasher.hexdigest()[:10]


def ask(question: questions.Question, truth, prompt: str, key: str, show: Callable[[object], str],
        choices: list | None = None) -> questions.Answer | None:
    """The question's form until this session answers it, then whether the guess was right.

    Args:
        question: what is asked (its ``qid`` says which answers count together).
        truth: the answer, judged against the guess when it is locked in.
        prompt: the question in words, in the session's language.
        key: the form's widget key (unique on the page).
        show: how an answer is written for the learner (a class's name, a number in their digits).
        choices: for ``class`` and ``direction`` questions: the answers to pick from.

    Returns:
        The session's :class:`cnn_core.questions.Answer`, or ``None`` while it has not answered
        (then the caller keeps the answer hidden).
    """
    board, me = question_board(), session_id()
    answer = board.answer_of(question.qid, me)
    if answer is None:
        with st.form(f"ask_{key}", border=True):
            if choices is None:
                typed = st.text_input(prompt, key=f"ask_{key}_typed", max_chars=40)
            else:
                typed = st.radio(prompt, choices, index=None, format_func=lambda choice: literal(show(choice)), horizontal=True,
                                 key=f"ask_{key}_choice")
            committed = st.form_submit_button(tr("questions.commit"), icon=":material/how_to_vote:",
                                              type="primary")
        if committed:
            if typed is None:
                st.warning(tr("questions.pick_one"), icon=":material/help:")
            else:
                try:
                    guess = questions.parse_guess(question.kind, typed, len(choices or ()))
                except UserError as err:
                    show_user_error(err)
                else:
                    answer = board.answer(question, me, guess, truth)
    if answer is None:
        st.caption(tr("questions.hidden"))
        return None
    text = tr("questions.right" if answer.right else "questions.wrong",
              guess=literal(show(answer.guess)), truth=literal(show(answer.truth)))
    (st.success if answer.right else st.error)(text, icon=":material/check_circle:" if answer.right
                                               else ":material/cancel:")
    return answer


def mode_note() -> None:
    """The line that tells the learner the page asks first (drawn only in question mode)."""
    if asking():
        st.info(tr("questions.mode_on"), icon=":material/quiz:")


def answer_text(question: questions.Question, language: str) -> Callable[[object], str]:
    """How an answer to ``question`` is written in ``language``: a number in its digits, a class's
    name, "up" or "down"."""
    if question.kind == questions.NUMBER:
        return lambda value: conv_figures.format_number(value, language)
    if question.kind == questions.CLASS:
        names = question.option_names(language)
        return lambda value: names[value] if 0 <= value < len(names) else str(value)
    return lambda value: i18n.t(f"questions.direction_{value}", language)


def class_answers(teacher: Callable[[], bool], plot: Callable[[dict, str], None]) -> None:
    """The Class view's section: each question with how many were right and the guesses' bars.

    Args:
        teacher: re-checks the passcode; only then is the clear button shown and acted on.
        plot: draws a figure dict under a widget key.
    """
    board = question_board()
    if board.tallies() and teacher():
        clear = st.button(tr("questions.clear"), key="class_questions_clear", icon=":material/delete_sweep:")
        if clear and teacher():  # the passcode again, when the button acts
            st.success(tr("questions.cleared", count=board.clear()))
    tallies = board.tallies()
    if not tallies:
        st.caption(tr("questions.none"))
    if len(tallies) > SHOWN_QUESTIONS:
        st.caption(tr("questions.more", shown=SHOWN_QUESTIONS, total=len(tallies)))
    for tally in reversed(tallies[-SHOWN_QUESTIONS:]):
        question = tally.question
        st.markdown(f"**{literal(tr(question.title_key, **dict(question.title_values)))}**")
        st.caption(tr("questions.summary", right=tally.right, count=tally.count))
        plot(figures.guesses_figure(tally, answer_text(question, lang()), lang(), height=520 if projector() else 320),
             f"class_question_{digest(question.qid)}")
