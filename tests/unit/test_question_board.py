"""The question board: one answer per session per question, the rules per kind, threads, clearing."""

import threading

import pytest

from cnn_core import i18n
from cnn_core.errors import UserError
from cnn_core.figures.questions import guesses_figure
from cnn_core.questions import (
    CLASS,
    DIRECTION,
    NUMBER,
    Question,
    QuestionBoard,
    is_right,
    parse_guess,
)

CELL = Question("conv_lab:cell:abc:r1c2", NUMBER, "questions.title_cell", (("row", 1), ("col", 2), ("setup", "abc")),
                tolerance=0.5)
WHAT = Question("classify:what:lesson:abc", CLASS, "questions.title_classify", (("model", "m"), ("picture", "abc")))
LOSS = Question("learn:loss:abc", DIRECTION, "questions.title_cell")


def test_a_session_counts_once_per_question_and_keeps_its_first_guess():
    board = QuestionBoard()
    first = board.answer(CELL, "s1", 3.0, 3.0)
    again = board.answer(CELL, "s1", 99.0, 3.0)
    board.answer(CELL, "s2", 7.0, 3.0)
    board.answer(WHAT, "s1", 2, 2)
    assert again == first and again.guess == 3.0
    tallies = {tally.question.qid: tally for tally in board.tallies()}
    assert tallies[CELL.qid].count == 2 and tallies[CELL.qid].right == 1
    assert tallies[WHAT.qid].count == 1
    assert board.answer_of(CELL.qid, "s2").guess == 7.0
    assert board.answer_of(CELL.qid, "s3") is None


@pytest.mark.parametrize("question, guess, truth, right", [
    (CELL, 3.4, 3.0, True), (CELL, 3.6, 3.0, False), (CELL, -2.5, -3.0, True),
    (WHAT, 4, 4, True), (WHAT, 3, 4, False),
    (LOSS, "down", "down", True), (LOSS, "up", "down", False),
])
def test_correctness_rules_per_kind(question, guess, truth, right):
    assert is_right(question, guess, truth) is right
    assert QuestionBoard().answer(question, "s", guess, truth).right is right


def test_guesses_are_read_as_their_kind_wants():
    assert parse_guess(NUMBER, " -1,5 ") == -1.5
    assert parse_guess(NUMBER, "৪") == 4.0
    assert parse_guess(NUMBER, "−2") == -2.0
    for bad in ("abc", "nan", "inf", "1e99", ""):
        with pytest.raises(UserError) as caught:
            parse_guess(NUMBER, bad)
        assert caught.value.key == "questions.bad_number"
    assert parse_guess(CLASS, 3, options_count=10) == 3
    with pytest.raises(ValueError):
        parse_guess(CLASS, 10, options_count=10)
    with pytest.raises(ValueError):
        parse_guess(DIRECTION, "sideways")


def test_many_threads_answering_at_once_count_every_session_once():
    board = QuestionBoard()
    start = threading.Barrier(16)

    def learner(number: int) -> None:
        start.wait()
        for repeat in range(50):
            board.answer(CELL, f"s{number}", float(number % 4), 2.0)
            board.answer(WHAT, f"s{number}", number % 3, 1)

    threads = [threading.Thread(target=learner, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    tallies = {tally.question.qid: tally for tally in board.tallies()}
    assert tallies[CELL.qid].count == 16 and tallies[WHAT.qid].count == 16
    assert tallies[CELL.qid].right == sum(abs(n % 4 - 2.0) <= 0.5 for n in range(16))


def test_clearing_forgets_every_answer_and_sessions_may_answer_again():
    board = QuestionBoard()
    board.answer(CELL, "s1", 1.0, 3.0)
    board.answer(WHAT, "s2", 1, 1)
    assert board.clear() == 2
    assert board.tallies() == [] and board.answer_of(CELL.qid, "s1") is None
    assert board.answer(CELL, "s1", 3.0, 3.0).right


def test_the_board_keeps_a_bounded_number_of_questions():
    board = QuestionBoard(max_questions=3)
    for number in range(5):
        board.answer(Question(f"q{number}", CLASS, "questions.title_classify"), "s", 0, 0)
    assert [tally.question.qid for tally in board.tallies()] == ["q2", "q3", "q4"]


def test_the_figure_counts_guesses_against_the_truth_in_both_languages():
    board = QuestionBoard()
    for session, guess in (("a", 1.0), ("b", 3.0), ("c", 3.0)):
        board.answer(CELL, session, guess, 3.0)
    tally = board.tallies()[0]
    for lang in ("en", "bn"):
        figure = guesses_figure(tally, lambda value, lang=lang: i18n.number(value, lang), lang)
        guesses, truths = figure["data"]
        assert guesses["x"] == [i18n.number(1.0, lang), i18n.number(3.0, lang)]
        assert guesses["y"] == [1, 2] and truths["y"] == [0, 3]
        assert guesses["name"] == i18n.t("questions.fig_guesses", lang)
    assert guesses["text"] == ["১", "২"]
