"""The class's guesses to one question against the truth: two bar series over the same answers
(what the learners guessed, what the answer turned out to be). A plain dict: the Class view redraws
it every few seconds as guesses come in."""

from __future__ import annotations

from collections.abc import Callable

from cnn_core.figures import PALETTE
from cnn_core.i18n import number, t
from cnn_core.questions import NUMBER, Tally


def answer_order(tally: Tally) -> list:
    """Every guess and truth that came up, once each: numbers ascending, others in first-seen order."""
    seen = list(dict.fromkeys([*(a.guess for a in tally.answers), *(a.truth for a in tally.answers)]))
    return sorted(seen) if tally.question.kind == NUMBER else seen


def guesses_figure(tally: Tally, label: Callable[[object], str], lang: str, height: int = 320) -> dict:
    """Args:
        tally: one question's answers (:meth:`cnn_core.questions.QuestionBoard.tallies`).
        label: an answer's text on the x axis, in ``lang`` (a class's name, "up", a number).
        lang: the language of the axis titles and counts.
        height: the figure's height in pixels (larger on a projector).

    Returns:
        A plotly figure dict: bars of how many learners guessed each answer, and bars of how often
        each answer was the truth.

    Example:

    >>> from cnn_core.questions import Answer, Question
    >>> tally = Tally(Question("q", "class", "questions.title_classify"), [Answer(1, 1, True), Answer(2, 1, False)])
    >>> guesses_figure(tally, str, "en")["data"][0]["y"]
    [1, 1]
    """
    order = answer_order(tally)
    names = [label(value) for value in order]
    guesses, truths = tally.guess_counts(), tally.truth_counts()

    def bars(name_key: str, counts, colour: str) -> dict:
        values = [counts.get(value, 0) for value in order]
        return {"type": "bar", "name": t(name_key, lang), "x": names, "y": values,
                "text": [number(value, lang) for value in values], "textposition": "auto",
                "marker": {"color": colour}}

    return {"data": [bars("questions.fig_guesses", guesses, PALETTE[0]),
                     bars("questions.fig_truth", truths, PALETTE[2])],
            "layout": {"height": height, "barmode": "group", "margin": {"l": 50, "r": 20, "t": 20, "b": 60},
                       "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": names},
                       "yaxis": {"title": {"text": t("questions.fig_count", lang)}, "dtick": 1, "rangemode": "tozero"},
                       "legend": {"orientation": "h", "y": -0.25}}}
