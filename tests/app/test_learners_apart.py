"""Learners are safe from each other: what one learner types reaches every other screen as plain
text (the class view's tables, the leaderboard, chart legends, the lesson report), the teacher's
passcode cannot be guessed at speed, and deleting what another session saved needs that passcode
(one's own needs a confirmation). The class view here runs on a stand-in job service holding
finished runs, so no training is needed."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from cnn_core import classroom, escape, examples, jobs, store, training
from cnn_core.figures import training as training_figures
from cnn_core.i18n import t

ROOT = Path(__file__).resolve().parents[2]
CODE = "owl-42"
EVIL = "![x](http://evil/x.png) <b>hi</b>"
LANGS = ["en", "bn"]


def run_row(run_id: str, nickname: str, owner: str, accuracy: float) -> jobs.JobSummary:
    history = {"loss": [0.6, 0.4], "accuracy": [0.7, 0.8], "val_loss": [0.5, 0.45], "val_accuracy": [0.75, 0.8]}
    return jobs.JobSummary(id=run_id, owner=owner, nickname=nickname, kind="train", preset="small",
                           dataset="fashion_mnist", state=jobs.DONE, queue_position=None, epoch=2, total_epochs=2,
                           progress=1.0, images_per_s=900.0, test_accuracy=accuracy,
                           created="2026-12-06T09:30:00+00:00", host=None, cores=None,
                           config=training.TrainConfig(preset="small", epochs=2).to_dict(), history=history)


class StandInService:
    """The two methods the class view calls, over fixed finished runs."""

    def __init__(self, rows):
        self.rows = rows

    def jobs(self):
        return list(self.rows)

    def stop(self, job_id):
        return False


@pytest.fixture
def class_runs(monkeypatch):
    import ui.classroom
    import ui.training

    service = StandInService([run_row("evil0001", classroom.clean_nickname(EVIL), "session-evil", 0.91),
                              run_row("good0002", "Rina", "session-rina", 0.88)])
    monkeypatch.setattr(ui.training, "job_service", lambda: service)
    ui.classroom.class_board.clear()
    return service


def class_view(lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.switch_page("app_pages/class_view.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_a_markup_nickname_shows_literally_on_the_class_view(class_runs, lang):
    at = class_view(lang)
    shown = classroom.clean_nickname(EVIL)
    names = [table.value[t("class.col_name", lang)].tolist() for table in at.table]
    runs_names, leaderboard_names = names[0], names[1]
    assert escape.markdown(shown) in runs_names and escape.markdown(shown) in leaderboard_names
    for cell in runs_names + leaderboard_names:           # no live Markdown or HTML left in any cell
        assert "![" not in cell and "<b>" not in cell and "](" not in cell.replace("\\](", "")
    # the escaped source reads back as the very characters typed (CommonMark's backslash escapes)
    assert escape.markdown(shown).replace("\\", "") == shown
    chart = json.loads(at.get("plotly_chart")[-1].proto.spec)
    legends = [trace.get("name", "") for trace in chart["data"]]
    assert legends and all("<b>" not in legend for legend in legends)


def test_a_markup_run_name_in_a_chart_legend_is_plotly_text():
    figure = training_figures.compare_figure([{"name": EVIL, "history": {"val_accuracy": [0.5, 0.6]}}],
                                             "accuracy", "en")
    (trace,) = figure.data
    assert "&lt;b&gt;hi&lt;/b&gt;" in trace.name and "<b>" not in trace.name


def test_the_report_escapes_learner_text():
    from cnn_core import report

    page = report.build_report("en", "Fashion-MNIST", [EVIL] + [str(n) for n in range(9)],
                               run={"name": EVIL, "history": {}},
                               leaderboard=[{"rank": "1", "name": EVIL, "accuracy": "90%", "model": "m", "recipe": "r"}])
    assert "<b>hi</b>" not in page and "&lt;b&gt;hi&lt;/b&gt;" in page


# ------------------------------------------------------------------------------ passcode attempts
@pytest.mark.parametrize("lang", LANGS)
def test_passcode_guesses_are_rate_limited_per_tab(class_runs, monkeypatch, lang):
    monkeypatch.setenv(classroom.TEACHER_CODE_ENV, CODE)
    at = class_view(lang)
    for guess in range(classroom.PASSCODE_FREE_TRIES):
        at.text_input(key="class_passcode").input(f"guess-{guess}").run()
        assert [error.value for error in at.error] == [t("class.wrong_code", lang)]
    at.text_input(key="class_passcode").input(CODE).run()      # even the right one must wait now
    (message,) = [error.value for error in at.error]
    gate = at.session_state["passcode_gate"]
    assert message == t("class.err_passcode_wait", lang, seconds=gate.seconds_left())
    assert gate.seconds_left() > 0
    assert not [button for button in at.button if button.key in ("class_cancel", "class_clear")]

    other_tab = class_view(lang)                                  # another tab is not held back by it
    other_tab.text_input(key="class_passcode").input(CODE).run()
    assert [success.value for success in other_tab.success] == [t("class.teacher_on", lang)]


def test_the_gate_backs_off_and_a_right_code_resets_it():
    now = [0.0]
    gate = classroom.PasscodeGate(clock=lambda: now[0])
    for guess in range(classroom.PASSCODE_FREE_TRIES - 1):
        assert gate.check(f"g{guess}", CODE) is False and gate.seconds_left() == 0
    assert gate.check("g-last", CODE) is False
    first_wait = gate.seconds_left()
    assert first_wait == classroom.PASSCODE_FIRST_WAIT
    assert gate.check("g-last", CODE) is False                   # the same text again is no new try
    with pytest.raises(Exception) as caught:
        gate.check(CODE, CODE)
    assert caught.value.key == "class.err_passcode_wait"
    now[0] += first_wait
    assert gate.check("again wrong", CODE) is False
    assert gate.seconds_left() == 2 * first_wait                  # doubled
    now[0] += 10_000
    assert gate.check(CODE, CODE) is True and gate.wrong_tries == 0


# ------------------------------------------------------------------------------ deleting
def test_delete_rules():
    assert classroom.delete_rule("me", "me", CODE) == classroom.DELETE_CONFIRM
    assert classroom.delete_rule("you", "me", CODE) == classroom.DELETE_PASSCODE
    assert classroom.delete_rule(None, "me", CODE) == classroom.DELETE_PASSCODE
    assert classroom.delete_rule("you", "me", None) == classroom.DELETE_CONFIRM   # one person's computer


@pytest.fixture
def saved_model(tmp_path, monkeypatch):
    """One run in a models folder of its own, saved by another session."""
    from tests.support.hostile_files import SHIPPED_MODEL

    folder = tmp_path / "models"
    folder.mkdir()
    monkeypatch.setenv("FCL_MODELS_DIR", str(folder))
    (folder / "20261206-093000-aaaaaa.keras").write_bytes(SHIPPED_MODEL.read_bytes())
    (folder / "20261206-093000-aaaaaa.json").write_text(json.dumps(
        {"name": EVIL, "dataset": "fashion_mnist", "preset": "small", "owner": "someone-else",
         "created": "2026-12-06T09:30:00+00:00"}))
    return folder


@pytest.mark.parametrize("lang", LANGS)
def test_deleting_someone_elses_model_needs_the_passcode(app_test, saved_model, monkeypatch, lang):
    monkeypatch.setenv(classroom.TEACHER_CODE_ENV, CODE)
    at = app_test("train", lang=lang)
    assert t("guard.not_yours", lang, title=escape.markdown(EVIL)) in [caption.value for caption in at.caption]
    at.button(key="train_delete").click().run()                   # no passcode typed
    assert not at.exception
    assert t("class.wrong_code", lang) in [error.value for error in at.error]
    assert (saved_model / "20261206-093000-aaaaaa.keras").exists()
    at.text_input(key="train_delete_passcode").input("owl-41").run()
    at.button(key="train_delete").click().run()
    assert t("class.wrong_code", lang) in [error.value for error in at.error]
    assert (saved_model / "20261206-093000-aaaaaa.keras").exists()
    at.text_input(key="train_delete_passcode").input(CODE).run()
    at.button(key="train_delete").click().run()
    assert not at.exception
    assert t("train.deleted", lang, name=escape.markdown(EVIL)) in [success.value for success in at.success]
    assert not list(saved_model.iterdir())


def test_ones_own_model_needs_only_the_confirmation(app_test, saved_model, monkeypatch):
    import ui.classroom

    monkeypatch.setenv(classroom.TEACHER_CODE_ENV, CODE)
    monkeypatch.setattr(ui.classroom, "session_owner", lambda: "someone-else")   # this tab saved it
    at = app_test("train")
    assert t("guard.not_yours", "en", title=escape.markdown(EVIL)) not in [caption.value for caption in at.caption]
    assert t("guard.confirm", "en", title=escape.markdown(EVIL)) in [markdown.value for markdown in at.markdown]
    assert not [box for box in at.text_input if box.key == "train_delete_passcode"]
    at.button(key="train_delete").click().run()
    assert not at.exception
    assert not list(saved_model.iterdir())


@pytest.mark.parametrize("lang", LANGS)
def test_deleting_someone_elses_example_set_needs_the_passcode(app_test, monkeypatch, tmp_path, lang):
    monkeypatch.setenv(classroom.TEACHER_CODE_ENV, CODE)
    monkeypatch.setenv("FCL_EXAMPLES_DIR", str(tmp_path / "examples"))
    own = examples.ExampleSet()
    own.add_image28(own.add_class(EVIL), np.zeros((28, 28), np.uint8), "draw")
    own.add_class("b")
    set_id = examples.ExampleStore().save(own, owner="someone-else")
    at = app_test("teach", lang=lang)
    assert t("guard.not_yours", lang, title=escape.markdown(f"{EVIL}, b")) in [caption.value for caption in at.caption]
    at.text_input(key="teach_delete_set_passcode").input("wrong").run()
    at.button(key="teach_delete_set").click().run()
    assert not at.exception
    assert t("class.wrong_code", lang) in [error.value for error in at.error]
    assert examples.ExampleStore().meta(set_id) is not None
    at.text_input(key="teach_delete_set_passcode").input(CODE).run()
    at.button(key="teach_delete_set").click().run()
    assert examples.ExampleStore().meta(set_id) is None
    assert t("teach.deleted_set", lang, title=escape.markdown(f"{EVIL}, b")) in [s.value for s in at.success]


def test_a_saved_model_remembers_who_saved_it(tmp_path):
    from tests.support.hostile_files import SHIPPED_MODEL

    model, _ = store.load_model_file(SHIPPED_MODEL)
    run_id = store.ModelStore(tmp_path).save(model, {"name": "x", "owner": "session-a"})
    assert store.ModelStore(tmp_path).list()[0]["owner"] == "session-a"
    assert run_id
