"""Class experiments under AppTest: a teacher defines one on the Class view, learners who open its
link on the Train page get distinct (value, seed) pairs, finished runs reach the Class view's plot
and CSV; a wrong passcode shows no builder."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_pages import page as registered_page
from cnn_core import classroom
from cnn_core.i18n import t
from tests.app.conftest import new_browser_session


ROOT = Path(__file__).resolve().parents[2]
CODE = "owl-42"


@pytest.fixture
def teacher_code(monkeypatch):
    monkeypatch.setenv(classroom.TEACHER_CODE_ENV, CODE)


def learner_on(experiment_id: str) -> AppTest:
    """A new browser session opening the experiment link."""
    new_browser_session()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params.update({"exp": experiment_id})
    at.switch_page(registered_page("train").path)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def record_results(experiment_id: str, rows: list) -> None:
    """Count finished runs through the board's own recording function (what a watched job does)."""
    def record(experiment_id, rows):
        from cnn_core.experiments import RunResult
        from ui.experiments import experiment_board

        for value, seed, accuracy in rows:
            experiment_board().record(experiment_id, RunResult(value, seed, accuracy, 30.0, 800.0))

    AppTest.from_function(record, args=(experiment_id, rows), default_timeout=60).run()


def test_an_experiment_hands_out_distinct_pairs_and_plots_their_results(app_test, teacher_code):
    teacher = app_test("class_view")
    teacher.text_input(key="class_passcode").input(CODE).run()
    teacher.text_input(key="class_exp_question").input("Does a **faster** rate help? <b>")
    teacher.selectbox(key="class_exp_param").set_value("learning_rate")
    teacher.text_input(key="class_exp_values").input("0.001, 0.01")
    teacher.number_input(key="class_exp_seeds").set_value(2)
    teacher.number_input(key="class_exp_subset").set_value(500)
    next(button for button in teacher.button if button.label == t("experiments.create", "en")).click().run()
    link = next(code.value for code in teacher.code if code.value.startswith("/train?exp="))
    experiment_id = link.split("exp=")[1]

    handed = []
    for _learner in range(4):
        at = learner_on(experiment_id)
        share = next(info.value for info in at.info if "seed" in info.value)
        assert r"Does a \*\*faster\*\* rate help? \<b\>" in share  # the teacher's text, shown literally
        value, seed = re.search(r"= ([0-9.\\]+), seed ([0-9]+)", share).groups()  # Markdown-escaped: 0\.001
        handed.append((value.replace("\\", ""), seed))
    assert sorted(handed) == [("0.001", "0"), ("0.001", "1"), ("0.01", "0"), ("0.01", "1")]
    late = learner_on(experiment_id)
    assert any(t("experiments.all_taken", "en") in info.value for info in late.info)

    record_results(experiment_id, [(0.001, 0, 0.71), (0.001, 1, 0.73), (0.01, 0, 0.81), (0.01, 1, 0.79)])
    teacher.run()
    assert any(t("experiments.progress", "en", done="4", total="4") in caption.value for caption in teacher.caption)
    (chart,) = [chart for chart in teacher.get("plotly_chart") if f"class_exp_plot_{experiment_id}" in chart.proto.id]
    spec = json.loads(chart.proto.spec)
    runs, means = spec["data"][0], spec["data"][1]
    assert sorted(zip(runs["x"], runs["y"])) == [("0.001", 0.71), ("0.001", 0.73), ("0.01", 0.79), ("0.01", 0.81)]
    assert means["x"] == ["0.001", "0.01"] and means["y"] == pytest.approx([0.72, 0.80])


def test_a_wrong_passcode_shows_no_experiment_builder(app_test, teacher_code):
    at = app_test("class_view")
    at.text_input(key="class_passcode").input("owl-43").run()
    assert not [box for box in at.text_input if box.key == "class_exp_values"]
