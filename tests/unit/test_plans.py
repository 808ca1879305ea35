"""Lesson plans: strict reading of a plan file, its JSON round trip, the store, the shipped example."""

from __future__ import annotations

import json

import pytest

from app_pages import PAGES
from cnn_core import i18n, plans
from cnn_core.errors import UserError

URLS = [spec.url for spec in PAGES]


def document(**changes) -> dict:
    doc = {"format": plans.FORMAT, "version": plans.VERSION, "title": "Edges",
           "steps": [{"link": "/conv_lab?kernel=sobel_x&stride=2", "question": "Next cell?", "instructions": "Step on."},
                     {"link": "train?epochs=2"}]}
    return {**doc, **changes}


def test_a_plan_round_trips_through_its_json():
    plan = plans.parse_plan(json.dumps(document()), URLS)
    assert [step.link for step in plan.steps] == ["/conv_lab?kernel=sobel_x&stride=2", "/train?epochs=2"]
    assert plan.steps[0].question == "Next cell?" and plan.steps[1].question is None
    again = plans.parse_plan(plan.to_json(), URLS)
    assert again == plan
    assert plans.step_query(plan.steps[0], "abc", 1) == {"kernel": "sobel_x", "stride": "2", "plan": "abc", "part": "1"}


def test_a_copied_full_address_is_kept_as_the_apps_own_link_without_old_plan_params():
    page, query = plans.parse_link("http://10.0.0.5:8501/conv_lab?step=3&plan=old&part=2", URLS)
    assert (page, query) == ("conv_lab", (("step", "3"),))


@pytest.mark.parametrize(("doc", "key"), [
    ({"format": "other"}, "plans.err_format"),
    (document(version=2), "plans.err_version"),
    (document(extra=1), "plans.err_field"),
    (document(title=""), "plans.err_missing"),
    (document(title=["a"]), "plans.err_type"),
    (document(title={"fr": "x"}), "plans.err_language"),
    (document(title="x" * (plans.MAX_TEXT + 1)), "plans.err_too_long"),
    (document(steps=[]), "plans.err_steps"),
    (document(steps=[{"link": "/train"}] * (plans.MAX_STEPS + 1)), "plans.err_steps"),
    (document(steps=[{"link": "https://evil.example/phish"}]), "plans.err_link"),
    (document(steps=[{"link": "javascript:alert(1)"}]), "plans.err_link"),
    (document(steps=[{"link": "/nowhere?x=1"}]), "plans.err_link"),
    (document(steps=[{"link": 5}]), "plans.err_link"),
    (document(steps=[{"link": "/train", "question": {"en": ["deep"]}}]), "plans.err_type"),
    (document(steps=[{"link": "/train", "script": "x"}]), "plans.err_field"),
    (document(steps=["/train"]), "plans.err_type"),
])
def test_a_plan_that_does_not_fit_is_refused_with_a_clear_message(doc, key):
    with pytest.raises(UserError) as caught:
        plans.parse_plan(json.dumps(doc), URLS)
    assert caught.value.key == key
    for lang in i18n.LANGUAGES:  # the message reads in every language
        assert i18n.t(key, lang, **caught.value.values)


def test_size_and_json_are_checked_before_anything_else():
    with pytest.raises(UserError) as caught:
        plans.parse_plan(b" " * (plans.MAX_BYTES + 1), URLS)
    assert caught.value.key == "plans.err_size"
    with pytest.raises(UserError) as caught:
        plans.parse_plan("[" * 100_00, URLS)
    assert caught.value.key == "plans.err_json"


def test_the_store_saves_atomically_and_loads_saved_and_shipped_plans(tmp_path):
    store = plans.PlanStore(tmp_path)
    plan = plans.parse_plan(json.dumps(document()), URLS)
    plan_id = store.save(plan)
    assert [path.name for path in tmp_path.iterdir()] == [f"{plan_id}.json"]  # no temporary file left
    assert store.load(plan_id, URLS) == plan
    assert "seed-lesson" in store.shipped_ids()
    with pytest.raises(UserError):
        store.load("../etc/passwd", URLS)
    with pytest.raises(UserError):
        store.load("missing", URLS)


def test_the_shipped_example_walks_the_seed_lesson_in_both_languages(tmp_path):
    plan = plans.PlanStore(tmp_path).load("seed-lesson", URLS)
    assert [step.page for step in plan.steps] == ["datasets", "conv_lab", "conv_lab", "train", "train", "classify"]
    for step in plan.steps:
        assert set(step.instructions) == set(i18n.LANGUAGES)
        assert plans.text_in(step.instructions, "bn") != plans.text_in(step.instructions, "en")
