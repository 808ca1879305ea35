"""Lesson plans under AppTest: the teacher assembles and saves a plan on the Class view (passcode),
a learner opens its link and walks it with Next and Back; a wrong passcode saves nothing; learners'
texts show literally."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_pages import page as registered_page
from cnn_core import classroom, plans
from cnn_core.i18n import t

ROOT = Path(__file__).resolve().parents[2]
CODE = "owl-42"


@pytest.fixture
def plans_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FCL_PLANS_DIR", str(tmp_path))
    monkeypatch.setenv(classroom.TEACHER_CODE_ENV, CODE)
    return tmp_path


def add_step(at: AppTest, link: str, question: str = "", instructions: str = "") -> None:
    at.text_input(key="class_plan_link").input(link)
    at.text_input(key="class_plan_question").input(question)
    at.text_input(key="class_plan_instructions").input(instructions)
    next(button for button in at.button if button.label == t("plans.add_step", "en")).click().run()


def opened(url: str, query: dict) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params.update(query)
    at.switch_page(registered_page(url).path)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sidebar_text(at: AppTest) -> str:
    return " ".join(str(element.value) for element in at.sidebar.markdown) + " " + \
        " ".join(str(element.value) for element in at.sidebar.info)


def test_a_teacher_saves_a_plan_and_a_learner_walks_it(app_test, plans_dir):
    at = app_test("class_view")
    at.text_input(key="class_passcode").input(CODE).run()
    at.text_input(key="class_plan_title").input("Edges *today*").run()
    add_step(at, "/conv_lab?kernel=sobel_x&stride=2", "What is **the** next cell?", "Step <b>on</b>.")
    add_step(at, "http://127.0.0.1:8501/train?epochs=2", "", "Train it.")
    add_step(at, "/nowhere?x=1")  # refused with a clear message, nothing added
    assert any(t("plans.err_link", "en", field="link") in error.value for error in at.error)
    at.button(key="class_plan_save").click().run()
    saved = list(plans_dir.glob("*.json"))
    assert len(saved) == 1
    plan_id = saved[0].stem
    link = next(code.value for code in at.code if f"plan={plan_id}" in code.value)
    assert link == f"/conv_lab?kernel=sobel_x&stride=2&plan={plan_id}&part=1"

    # The saved file is the plan's JSON: it reads back to the same steps.
    plan = plans.parse_plan(saved[0].read_bytes(), ["conv_lab", "train"])
    assert [step.link for step in plan.steps] == ["/conv_lab?kernel=sobel_x&stride=2", "/train?epochs=2"]

    learner = opened("conv_lab", {"kernel": "sobel_x", "stride": "2", "plan": plan_id, "part": "1"})
    assert learner.session_state["conv_stride_rows"] == 2 and learner.session_state["conv_preset"] == "sobel_x"
    text = sidebar_text(learner)
    assert t("plans.step_of", "en", k=1, n=2) in text
    assert r"Step \<b\>on\</b\>\." in text and r"\*\*the\*\*" in text  # shown literally, not as markup
    assert dict(learner.query_params)["plan"] == plan_id  # the plan stays in the page's link
    learner.button(key="fcl_plan_next").click().run()
    assert learner.session_state["train_epochs"] == 2
    assert t("plans.step_of", "en", k=2, n=2) in sidebar_text(learner)
    assert dict(learner.query_params)["part"] == "2"
    learner.button(key="fcl_plan_back").click().run()
    assert t("plans.step_of", "en", k=1, n=2) in sidebar_text(learner)


def test_a_wrong_passcode_shows_no_builder_and_saves_nothing(app_test, plans_dir):
    at = app_test("class_view")
    at.text_input(key="class_passcode").input("owl-43").run()
    assert not [box for box in at.text_input if box.key == "class_plan_link"]
    assert not any(True for _ in plans_dir.iterdir())


def test_the_example_plan_opens_in_bengali(app_test, plans_dir):
    learner = opened("datasets", {"plan": "seed-lesson", "part": "1", "lang": "bn", "split": "train"})
    text = sidebar_text(learner)
    assert t("plans.step_of", "bn", k=1, n=6) in text
    assert "Fashion\\-MNIST" in text
    bad = opened("home", {"plan": "no-such-plan", "part": "1"})
    assert any(t("plans.err_missing_plan", "en", plan="no-such-plan") in error.value for error in bad.sidebar.error)
