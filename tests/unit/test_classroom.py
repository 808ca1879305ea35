"""The class view's rules on job-list rows: the passcode, nicknames, hiding and clearing, the
leaderboard and its recipes, and the leaderboard in the lesson report."""

from __future__ import annotations

import dataclasses

import pytest

from cnn_core import classroom, i18n, jobs
from cnn_core.i18n import t
from cnn_core.report import build_report


def row(job_id: str, owner: str, state: str, accuracy: float | None = None, nickname: str | None = None,
        created: str = "2026-05-01T09:00:00+00:00", kind: str = "train", **config) -> jobs.JobSummary:
    recipe = {"preset": "small", "epochs": 3, "batch_size": 64, "optimizer": "adam", "learning_rate": 0.002,
              "lr_schedule": "cosine", "subset": 6000, "seed": 0, **config}
    return jobs.JobSummary(id=job_id, owner=owner, nickname=nickname, kind=kind, preset=recipe["preset"],
                           dataset="fashion_mnist", state=state, queue_position=None, epoch=recipe["epochs"],
                           total_epochs=recipe["epochs"], progress=1.0 if state == jobs.DONE else 0.3,
                           images_per_s=900.0, test_accuracy=accuracy, created=created, host="pc1", cores=1,
                           config=recipe, history={"val_accuracy": [0.8, 0.85, 0.87], "accuracy": [0.8, 0.86, 0.9]})


ROWS = [
    row("a1", "s1", jobs.DONE, 0.87, "Rina"),
    row("b2", "s2", jobs.DONE, 0.91, "Tom", created="2026-05-01T09:05:00+00:00"),
    row("c3", "s3", jobs.DONE, 0.91, None, created="2026-05-01T09:01:00+00:00"),
    row("d4", "s4", jobs.RUNNING, None, "Ana"),
    row("e5", "s5", jobs.QUEUED, None, "Ben"),
    row("f6", "s6", jobs.FAILED, None, "Kim"),
    row("g7", "s7", jobs.DONE, 0.99, "Teach", kind="transfer"),
]


def test_passcode_needs_a_code_on_the_server_and_the_same_one_typed():
    assert classroom.teacher_code({}) is None and classroom.teacher_code({"FCL_TEACHER_CODE": "  "}) is None
    code = classroom.teacher_code({"FCL_TEACHER_CODE": "owl-42"})
    assert classroom.passcode_ok("owl-42", code) and classroom.passcode_ok(" owl-42 ", code)
    for wrong in ("owl-43", "", None, "OWL-42"):
        assert not classroom.passcode_ok(wrong, code)
    assert not classroom.passcode_ok("anything", None)


def test_nicknames_are_one_short_line():
    assert classroom.clean_nickname("  Rina \n the   owl ") == "Rina the owl"
    assert classroom.clean_nickname("x" * 100) == "x" * classroom.NICKNAME_MAX
    assert classroom.clean_nickname("   ") is None and classroom.clean_nickname(None) is None


def test_leaderboard_ranks_finished_training_runs_best_first_earlier_wins_a_tie():
    assert [r.id for r in classroom.leaderboard(ROWS)] == ["c3", "b2", "a1"]
    text = classroom.leaderboard_rows(ROWS, "bn")
    assert [r["rank"] for r in text] == ["১", "২", "৩"]
    assert text[0]["name"] == t("class.anonymous", "bn", tag="c3")
    assert text[1]["accuracy"] == "৯১.০%"
    assert text[2]["recipe"] == t("class.recipe", "bn", epochs=3, batch=64, optimizer="Adam", lr="০.০০২",
                                  pictures="৬,০০০")
    assert classroom.recipe_text(row("z", "s", jobs.DONE, 0.5, optimizer="sgd", subset=None), "en") == \
        "epochs 3 · batch 64 · SGD at 0.002 · all pictures"


def test_owner_alone_hides_a_run_and_everyone_else_stops_seeing_it():
    board = classroom.ClassBoard()
    rina = ROWS[0]
    assert not board.set_hidden(rina, "s2", True)          # not Tom's to hide
    assert not board.set_hidden(rina, "", True)
    assert board.set_hidden(rina, "s1", True)
    assert [r.id for r in board.visible(ROWS, viewer="s2")] == ["b2", "c3", "d4", "e5", "f6", "g7"]
    assert "a1" in [r.id for r in board.visible(ROWS, viewer="s1")]   # the owner still sees it, marked
    assert "a1" not in [r.id for r in board.public(ROWS)]
    assert [r.id for r in classroom.leaderboard(board.public(ROWS))] == ["c3", "b2"]
    assert board.set_hidden(rina, "s1", False) and board.visible(ROWS, viewer="s2")[0].id == "a1"


def test_clearing_takes_finished_runs_off_the_board_and_keeps_running_ones():
    board = classroom.ClassBoard()
    assert board.clear(ROWS) == 5
    assert [r.id for r in board.visible(ROWS)] == ["d4", "e5"]
    assert board.clear(ROWS) == 0
    later = [*ROWS, row("h8", "s1", jobs.DONE, 0.8, "Rina")]
    assert [r.id for r in board.visible(later)] == ["d4", "e5", "h8"]


def test_curves_come_from_each_runs_epochs():
    drawn = classroom.curves(ROWS[:2], {"a1": "Rina", "b2": "Tom"})
    assert [run["name"] for run in drawn] == ["Rina", "Tom"]
    assert drawn[0]["history"]["val_accuracy"] == [0.8, 0.85, 0.87] and drawn[0]["history"]["loss"] == []
    assert classroom.has_curves(ROWS[0])
    assert not classroom.has_curves(dataclasses.replace(ROWS[4], history={}))


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_lesson_report_carries_the_class_leaderboard(lang):
    html = build_report(lang, "Fashion-MNIST", ["a"] * 10, leaderboard=classroom.leaderboard_rows(ROWS, lang))
    assert t("class.report_heading", lang) in html
    for entry in classroom.leaderboard_rows(ROWS, lang):
        assert f"<td>{entry['name']}</td>" in html and f"<td>{entry['recipe']}</td>" in html
    empty = build_report(lang, "Fashion-MNIST", ["a"] * 10)
    assert t("class.leaderboard_empty", lang) in empty
