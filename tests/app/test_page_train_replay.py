"""The Train page's replay of a saved run in AppTest, both languages: pick it, scrub to a snapshot,
see that snapshot; lesson links choose the run and snapshot, and bad ones are named plainly."""

from __future__ import annotations

import pytest

from cnn_core import i18n, store
from cnn_core.i18n import t
from tests.support.replay import save_tiny_run, tiny_run


@pytest.fixture
def saved_run(tmp_path, monkeypatch):
    folder = tmp_path / "models"
    monkeypatch.setenv("FCL_MODELS_DIR", str(folder))
    return save_tiny_run(store.ModelStore(folder))


def where_text(lang: str, frame: int) -> str:
    _, recorded = tiny_run()
    shown = recorded.frames[frame - 1]
    return t("replay.where", lang, frame=i18n.number(frame, lang), frames=i18n.number(len(recorded.frames), lang),
             batches=i18n.number(shown.batch, lang), total=i18n.number(recorded.total_batches, lang),
             epoch=i18n.number(shown.x, lang, ".2f"), sample=i18n.number(int(recorded.sample_counts.sum()), lang),
             accuracy="")


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_scrub_a_saved_runs_replay(app_test, saved_run, lang):
    at = app_test("train", lang=lang)
    assert not at.exception
    assert t("replay.header", lang) in [header.value for header in at.header]
    assert at.selectbox(key="train_replay_run").value == saved_run
    slider = at.slider(key="train_replay_frame")
    assert slider.label == t("replay.frame", lang)
    slider.set_value(5).run()
    assert not at.exception
    assert any(markdown.value.startswith(where_text(lang, 5).rsplit(" ", 1)[0]) for markdown in at.markdown)
    drawn = [chart.proto.id for chart in at.get("plotly_chart")]
    assert sum("train_replay" in key for key in drawn) == 5  # probe, probabilities, filters, maps, per class
    assert at.query_params.get("frame") == "5"  # the link to this view holds the snapshot


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_a_link_opens_the_run_at_its_snapshot_and_a_bad_frame_is_named(app_test, saved_run, lang):
    from streamlit.testing.v1 import AppTest  # noqa: F401 - the app_test fixture makes it

    at = app_test("train", lang=lang)
    at.query_params["replay"] = saved_run
    at.query_params["frame"] = "7"
    at.run()
    assert not at.exception
    assert at.slider(key="train_replay_frame").value == 7
    frames = len(tiny_run()[1].frames)
    at.query_params["frame"] = "999"
    at.run()
    assert not at.exception
    expected = t("replay.bad_frame", lang, value="999", frames=i18n.number(frames, lang))
    assert expected in [warning.value for warning in at.warning]
    assert at.slider(key="train_replay_frame").value == 1


def test_a_link_to_a_run_that_is_not_here_is_named(app_test, saved_run):
    at = app_test("train")
    at.query_params["replay"] = "20990101-000000-abcdef"
    at.run()
    assert not at.exception
    assert t("replay.bad_run", "en", run_id="20990101-000000-abcdef") in [warning.value for warning in at.warning]
    assert at.selectbox(key="train_replay_run").value == saved_run


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_present_mode_steps_through_the_replay_large(app_test, saved_run, lang):
    at = app_test("train", lang=lang, session_state={"projector": True})
    at.toggle(key="present").set_value(True).run()
    assert not at.exception
    frames = len(tiny_run()[1].frames)
    headers = [header.value for header in at.header]
    assert t("replay.present_title", lang, frame=i18n.number(1, lang), frames=i18n.number(frames, lang)) in headers
    at.button(key="fcl_present_forward").click().run()
    assert not at.exception
    assert at.session_state["train_replay_frame"] == 2  # the replay's own slider moved with it
    assert t("replay.present_title", lang, frame=i18n.number(2, lang), frames=i18n.number(frames, lang)) in [
        header.value for header in at.header]
    drawn = [chart.proto.id for chart in at.get("plotly_chart")]
    assert sum("present_replay" in key for key in drawn) == 5
