"""Predict before reveal: the questions a page asks in question mode, and the server's answer board.

With ``ask=1`` in a lesson link, a page asks before it shows: the Convolution lab hides the next
output cell until the learner types a number, Classify hides the model's answer until the learner
picks a class. Each guess lands on one :class:`QuestionBoard` per server, without names: only a
session id, so the Class view can show how the class guessed against the truth.

A :class:`Question` says what was asked: ``qid`` names it (``"conv_lab:cell:<setup>:r2c3"``: the page,
what was asked and the view it was asked about), ``kind`` says how a guess is judged::

    number     right when |guess - truth| <= tolerance   (a feature-map cell)
    class      right when guess == truth                  (a class index)
    direction  right when guess == truth, "up" or "down"  (the loss after a step)

Example:

>>> board = QuestionBoard()
>>> cell = Question("conv_lab:cell:demo:r1c1", NUMBER, "questions.title_cell", tolerance=0.5)
>>> board.answer(cell, "session-a", 4.0, 4.2).right
True
>>> board.answer(cell, "session-a", 9.0, 4.2).guess   # one answer per session: the first stays
4.0
>>> board.tallies()[0].right
1
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from dataclasses import dataclass, field

from cnn_core.errors import UserError

NUMBER, CLASS, DIRECTION = "number", "class", "direction"
KINDS = (NUMBER, CLASS, DIRECTION)
DIRECTIONS = ("up", "down")
MAX_QUESTIONS = 500          # a board keeps at most this many questions (the oldest go first)
MAX_NUMBER = 1e9             # a typed guess beyond this is a typing slip, not a guess


@dataclass(frozen=True)
class Question:
    """What was asked.

    Args:
        qid: the question's id: ``"<page>:<what>:<the view's details>"``; sessions asked the same
            thing give the same id, so their answers are counted together.
        kind: ``"number"``, ``"class"`` or ``"direction"`` (how a guess is judged, see the module).
        title_key: the i18n key that says the question in words on the Class view.
        title_values: the ``(name, value)`` pairs that key's text takes (numbers and plain words,
            shown in the viewer's language).
        tolerance: for ``number``: how far off a guess may be and still be right.
        options: for ``class``: the class names in each language, ``((lang, names), ...)`` (the
            Class view's axis in the viewer's language).
    """

    qid: str
    kind: str
    title_key: str
    title_values: tuple[tuple[str, object], ...] = ()
    tolerance: float = 0.0
    options: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown question kind {self.kind!r}")

    def option_names(self, lang: str) -> tuple[str, ...]:
        """A ``class`` question's class names in ``lang`` (the first language given when it has none)."""
        names = dict(self.options)
        return names.get(lang) or next(iter(names.values()), ())


@dataclass(frozen=True)
class Answer:
    """One session's committed guess, the truth it was judged against and whether it was right."""

    guess: float | int | str
    truth: float | int | str
    right: bool


@dataclass
class Tally:
    """What the class answered to one question (a copy: the board goes on changing)."""

    question: Question
    answers: list[Answer] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.answers)

    @property
    def right(self) -> int:
        return sum(answer.right for answer in self.answers)

    def guess_counts(self) -> Counter:
        """How often each guess was given (numbers as given)."""
        return Counter(answer.guess for answer in self.answers)

    def truth_counts(self) -> Counter:
        """How often each truth came up (one value for a fixed view; Classify's drawings differ)."""
        return Counter(answer.truth for answer in self.answers)


def parse_guess(kind: str, text, options_count: int = 0):
    """A learner's guess as the question's kind wants it.

    Args:
        kind: the question's kind.
        text: what was typed or chosen (``"-3,5"`` and ``"৪"`` are read as numbers too).
        options_count: for ``class``: how many classes there are.

    Returns:
        A float (``number``), an int (``class``) or ``"up"``/``"down"``.

    Raises:
        UserError: ``questions.bad_number`` when a number guess is not a finite number.
    """
    if kind == NUMBER:
        typed = str(text).strip().replace(",", ".").replace("−", "-")
        typed = typed.translate(str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789"))
        try:
            value = float(typed)
        except ValueError:
            raise UserError("questions.bad_number", text=str(text)[:40]) from None
        if not math.isfinite(value) or abs(value) > MAX_NUMBER:
            raise UserError("questions.bad_number", text=str(text)[:40])
        return value
    if kind == CLASS:
        value = int(text)
        if not 0 <= value < options_count:
            raise ValueError(f"class {value} out of range")
        return value
    if text not in DIRECTIONS:
        raise ValueError(f"direction must be one of {DIRECTIONS}")
    return text


def is_right(question: Question, guess, truth) -> bool:
    """Whether ``guess`` answers ``question`` when the answer is ``truth`` (the rules per kind)."""
    if question.kind == NUMBER:
        return abs(float(guess) - float(truth)) <= question.tolerance + 1e-9
    return guess == truth


class QuestionBoard:
    """Every question's answers on this server, one per session per question; safe across threads.

    Streamlit runs each browser session in its own thread, so every method takes the board's lock.
    """

    def __init__(self, max_questions: int = MAX_QUESTIONS):
        self._lock = threading.Lock()
        self._max = max_questions
        self._questions: dict[str, Question] = {}
        self._answers: dict[str, dict[str, Answer]] = {}

    def answer(self, question: Question, session_id: str, guess, truth) -> Answer:
        """Record ``session_id``'s guess (judged against ``truth``); a session's later guesses to
        the same question are not counted: its first answer is returned instead.

        Returns:
            The :class:`Answer` on the board for this session.
        """
        with self._lock:
            answers = self._answers.get(question.qid)
            if answers is None:
                if len(self._questions) >= self._max:
                    oldest = next(iter(self._questions))
                    del self._questions[oldest], self._answers[oldest]
                self._questions[question.qid] = question
                answers = self._answers[question.qid] = {}
            if session_id not in answers:
                answers[session_id] = Answer(guess, truth, is_right(question, guess, truth))
            return answers[session_id]

    def answer_of(self, qid: str, session_id: str) -> Answer | None:
        """The session's committed answer to question ``qid``, or ``None`` while it has not answered."""
        with self._lock:
            return self._answers.get(qid, {}).get(session_id)

    def tallies(self) -> list[Tally]:
        """Every question with its answers, in the order they were first answered."""
        with self._lock:
            return [Tally(self._questions[qid], list(answers.values())) for qid, answers in self._answers.items()]

    def clear(self) -> int:
        """Forget every question and answer (the teacher starts over). Returns how many answers went."""
        with self._lock:
            count = sum(len(answers) for answers in self._answers.values())
            self._questions.clear()
            self._answers.clear()
            return count
