"""The class view with several sessions training at once on one server (the app's embedded Dask
cluster, one training slot): a learner's finished run from the Train page (with its nickname), a
run holding the slot, and one waiting in line. Owners hide their runs; the teacher's passcode guards
cancel and clear (without it, or with a wrong one, nothing changes)."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
from distributed import Event
from streamlit.testing.v1 import AppTest

from cnn_core import classroom, i18n, jobs, training
from cnn_core.jobs import cluster
from cnn_core.i18n import t
from tests.support.job_callbacks import GateAtFirstBatch

ROOT = Path(__file__).resolve().parents[2]
CODE = "owl-42"
TIMEOUT = 300


def class_view(lang: str = "en") -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = lang
    at.switch_page("app_pages/class_view.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def runs(at: AppTest, lang: str = "en") -> dict[str, dict]:
    """The runs table as {nickname: row}."""
    table = at.table[0].value
    return {row[t("class.col_name", lang)]: row for row in table.to_dict("records")}


def leaderboard(at: AppTest, lang: str = "en") -> list[str]:
    tables = [table.value for table in at.table if t("class.col_rank", lang) in table.value.columns]
    return list(tables[0][t("class.col_name", lang)]) if tables else []


def wait_until(condition, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.3)


def own_training_session():
    """A TrainingSession per AppTest session. (AppTest gives every instance the same session id, so
    Streamlit's session-scoped resource would make all of them one learner.)"""
    import streamlit as st

    from ui.training import TrainingSession

    if "test_training_session" not in st.session_state:
        st.session_state["test_training_session"] = TrainingSession()
    return st.session_state["test_training_session"]


@pytest.fixture(scope="module")
def classroom_runs(prepared_data):
    """A one-slot job service in place of the app's, with three sessions' runs in three states."""
    import ui.training

    patch = pytest.MonkeyPatch()
    service = jobs.JobService(cluster.get_client, max_running=1)
    patch.setattr(ui.training, "job_service", lambda: service)
    patch.setattr(ui.training, "training_session", own_training_session)
    patch.delenv(classroom.TEACHER_CODE_ENV, raising=False)

    learner = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    learner.switch_page("app_pages/train.py")
    learner.run()
    learner.radio(key="train_preset").set_value("small")
    learner.number_input(key="train_subset").set_value(256)
    learner.number_input(key="train_epochs").set_value(1)
    learner.text_input(key="train_nickname").input("  Rina   the  owl ")
    learner.button(key="train_start").click().run()
    assert not learner.exception, [e.value for e in learner.exception]
    wait_until(lambda: any(row.state == jobs.DONE for row in service.jobs()), "the learner's run never finished")

    gate = f"class-gate-{uuid.uuid4().hex[:8]}"
    runner = service.submit(jobs.JobSpec.training(training.TrainConfig(preset="small", subset=2000, epochs=1),
                                                  callbacks=(GateAtFirstBatch(gate),)),
                            owner="session-runner", nickname="Runner")
    assert Event(f"{gate}-reached", client=service.client()).wait(TIMEOUT)
    # The service fetches unwatched jobs' progress on its own rounds: wait for the round that saw it run.
    wait_until(lambda: runner.snapshot().state == jobs.RUNNING, "the runner's run never showed as running")
    late = service.submit(jobs.JobSpec.training(training.TrainConfig(preset="small", subset=256, epochs=1)),
                          owner="session-late", nickname="Late")

    def open_gate():
        Event(f"{gate}-open", client=service.client()).set()

    yield {"service": service, "learner": learner, "runner": runner, "late": late, "open_gate": open_gate,
           "patch": patch}
    open_gate()
    for handle in (runner, late):
        handle.stop()
    service.close()
    patch.undo()


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_every_session_run_is_listed_with_its_state(classroom_runs, lang):
    at = class_view(lang)
    listed = runs(at, lang)
    assert set(listed) == {"Rina the owl", "Runner", "Late"}
    assert listed["Rina the owl"][t("class.col_state", lang)] == t("class.state_done", lang)
    assert listed["Runner"][t("class.col_state", lang)] == t("class.state_running", lang)
    assert listed["Late"][t("class.col_state", lang)] == t("class.state_queued", lang, position=1)
    assert listed["Rina the owl"][t("class.col_accuracy", lang)].endswith("%")
    assert listed["Late"][t("class.col_accuracy", lang)] == "—"
    assert at.caption[0].value == t("class.read_only", lang)
    assert not at.get("text_input") and not [b for b in at.button if b.key in ("class_cancel", "class_clear")]
    assert leaderboard(at, lang) == ["Rina the owl"]
    recipe = at.table[1].value[t("class.col_recipe", lang)][0]
    # The Train page's own defaults, as the learner left them, and the 256 pictures they chose.
    assert recipe == t("class.recipe", lang, epochs=1, batch=training.FAST_BATCH_SIZE, optimizer="Adam",
                       lr=i18n.number(training.FAST_LEARNING_RATE, lang, "g"), pictures=i18n.number(256, lang))


def test_curves_of_any_run_open_next_to_each_other(classroom_runs):
    at = class_view()
    names = at.multiselect(key="class_compare").options
    assert any(name.startswith("Rina the owl") for name in names)
    assert at.get("plotly_chart")


def test_owner_hides_their_run_from_the_class(classroom_runs):
    learner = classroom_runs["learner"]
    learner.switch_page("app_pages/class_view.py")
    learner.run()
    own = [toggle for toggle in learner.toggle if toggle.key.startswith("class_hide_")]
    assert len(own) == 1
    own[0].set_value(True).run()
    assert t("class.hidden_mark", "en", name=t("class.you", "en", name="Rina the owl")) in runs(learner)

    others = class_view()
    assert "Rina the owl" not in runs(others) and leaderboard(others) == []
    assert not [toggle for toggle in others.toggle if toggle.key.startswith("class_hide_")]  # not theirs to show

    learner.toggle(key=own[0].key).set_value(False).run()
    assert leaderboard(class_view()) == ["Rina the owl"]


def test_wrong_passcode_changes_nothing(classroom_runs):
    classroom_runs["patch"].setenv(classroom.TEACHER_CODE_ENV, CODE)
    at = class_view()
    assert not [b for b in at.button if b.key in ("class_cancel", "class_clear")]
    at.text_input(key="class_passcode").input("owl-43").run()
    assert at.error[0].value == t("class.wrong_code", "en")
    assert not [b for b in at.button if b.key in ("class_cancel", "class_clear")]
    assert classroom_runs["late"].snapshot().state == jobs.QUEUED
    assert "Rina the owl" in runs(at)


def test_teacher_cancels_a_run_and_clears_the_board(classroom_runs):
    service, late, runner = classroom_runs["service"], classroom_runs["late"], classroom_runs["runner"]
    classroom_runs["patch"].setenv(classroom.TEACHER_CODE_ENV, CODE)
    at = class_view()
    at.text_input(key="class_passcode").input(CODE).run()
    assert at.success[0].value == t("class.teacher_on", "en")

    at.selectbox(key="class_cancel_pick").set_value(late.id).run()
    at.button(key="class_cancel").click().run()
    assert at.success[-1].value == t("class.cancelled", "en", name="Late")
    wait_until(lambda: late.snapshot().state == jobs.STOPPED, "the waiting run was not cancelled")

    at.selectbox(key="class_cancel_pick").set_value(runner.id).run()
    at.button(key="class_cancel").click().run()
    classroom_runs["open_gate"]()
    wait_until(lambda: runner.snapshot().state == jobs.STOPPED, "the running run was not cancelled")

    at.button(key="class_clear").click().run()
    assert at.success[-1].value == t("class.cleared", "en", count=3)
    assert not at.table or "Runner" not in runs(at)
    assert at.info[0].value == t("class.no_runs", "en") and leaderboard(at) == []
    assert len(service.jobs()) == 3  # the server still knows every run; only the board is clear
