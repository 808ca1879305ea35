"""Predict before reveal under AppTest: with ``ask=1`` the Convolution lab hides the step's cell and
Classify hides the model's answer until a guess is locked in; the guesses reach the Class view (in
both languages) and the teacher clears them behind the passcode."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from app_pages import page as registered_page
from cnn_core import classroom, i18n
from cnn_core.i18n import t
from tests.app.conftest import new_browser_session
from tests.app.test_page_classify import png_of

ROOT = Path(__file__).resolve().parents[2]
CODE = "owl-42"


@pytest.fixture(autouse=True)
def empty_board():
    """Every test starts with no guesses on the server's board (a process-wide resource)."""
    def clear():
        from ui.questions import question_board

        question_board().clear()

    AppTest.from_function(clear, default_timeout=60).run()


@pytest.fixture(autouse=True)
def models_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FCL_MODELS_DIR", str(tmp_path / "models"))


def open_link(url: str, query: dict, lang: str = "en", session_state: dict | None = None) -> AppTest:
    """A new browser session opening ``/<url>?<query>``."""
    new_browser_session()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.session_state["lang"] = lang
    for key, value in (session_state or {}).items():
        at.session_state[key] = value
    at.query_params.update(query)
    at.switch_page(registered_page(url).path)
    at.run()
    no_trouble(at)
    return at


def no_trouble(at) -> None:
    assert not at.exception, [e.value for e in at.exception]


def commit(at, lang: str = "en") -> None:
    [button] = [b for b in at.button if b.label == t("questions.commit", lang)]
    button.click().run()
    no_trouble(at)


def texts(at) -> str:
    return "\n".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.success, *at.error, *at.warning])


def test_conv_lab_hides_the_cell_until_a_guess_is_locked_in_and_counts_it(app_test):
    at = open_link("conv_lab", {"ask": "1"})
    assert t("questions.mode_on", "en") in texts(at)
    # Hidden: no arithmetic for the convolution step (only the pooling step's), the answer box shown.
    assert len(at.code) == 1 and at.code[0].value.startswith("max(")
    assert t("questions.hidden", "en") in texts(at)
    at.text_input(key="ask_conv_cell_0_typed").input("one")   # a form's widgets send on submit
    commit(at)
    assert [e.value for e in at.error] == [t("questions.bad_number", "en", text="one")]
    assert len(at.code) == 1                                    # still hidden after a bad guess
    at.text_input(key="ask_conv_cell_0_typed").input("1")
    commit(at)
    assert t("questions.right", "en", guess="1", truth="1") in [s.value for s in at.success]
    assert at.code[0].value.endswith("= 1")                     # the identity kernel's first cell
    assert at.query_params["ask"] == "1"                        # the link keeps question mode
    # The next step is a new question: hidden again until guessed.
    at.button(key="conv_forward").click().run()
    no_trouble(at)
    assert len(at.code) == 1 and at.text_input(key="ask_conv_cell_1_typed")
    at.text_input(key="ask_conv_cell_1_typed").input("7")
    commit(at)
    assert t("questions.wrong", "en", guess="7", truth="2") in [e.value for e in at.error]

    # A second learner's guess to the first cell counts as well; a repeat of the same session does not.
    other = open_link("conv_lab", {"ask": "1"})
    other.text_input(key="ask_conv_cell_0_typed").input("3")
    commit(other)
    view = app_test("class_view")
    no_trouble(view)
    summaries = [c.value for c in view.caption]
    assert t("questions.summary", "en", right=1, count=2) in summaries      # cell (1, 1): 1 and 3
    assert t("questions.summary", "en", right=0, count=1) in summaries      # cell (1, 2): 7
    titles = [m.value for m in view.markdown]
    assert any("row 1, column 1" in title for title in titles)


def test_without_ask_nothing_is_hidden_and_a_bad_value_is_noted():
    at = open_link("conv_lab", {"ask": "maybe"})
    assert at.code[0].value.endswith("= 1") and len(at.code) == 2
    assert t("questions.mode_on", "en") not in texts(at)
    assert t("links.ignored", "en", params="ask=maybe") in [i.value for i in at.info]


def three_learners_guess(lang: str) -> None:
    """Three learners guess the lesson's first cell (the answer is 1): 1, 1 and 5."""
    for guess in ("1", "1", "5"):
        learner = open_link("conv_lab", {"ask": "1"}, lang=lang)
        learner.text_input(key="ask_conv_cell_0_typed").input(guess)
        commit(learner, lang)


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_class_view_shows_the_guesses_against_the_truth(app_test, lang):
    three_learners_guess(lang)
    view = app_test("class_view", lang=lang)
    no_trouble(view)
    assert t("questions.header", lang) in [h.value for h in view.header]
    assert t("questions.summary", lang, right=2, count=3) in [c.value for c in view.caption]
    specs = [json.loads(chart.proto.spec) for chart in view.get("plotly_chart")]
    [spec] = [spec for spec in specs if spec["data"] and spec["data"][0].get("name") == t("questions.fig_guesses", lang)]
    guesses, truths = spec["data"]
    assert guesses["x"] == [i18n.number(1, lang), i18n.number(5, lang)]
    assert guesses["y"] == [2, 1] and truths["y"] == [3, 0]


def test_the_teacher_clears_the_guesses_behind_the_passcode(app_test, monkeypatch):
    monkeypatch.setenv(classroom.TEACHER_CODE_ENV, CODE)
    three_learners_guess("en")
    view = app_test("class_view")
    no_trouble(view)
    assert not [b for b in view.button if b.label == t("questions.clear", "en")]   # not without the passcode
    view.text_input(key="class_passcode").input("owl-43").run()
    assert not [b for b in view.button if b.label == t("questions.clear", "en")]
    view.text_input(key="class_passcode").input(CODE).run()
    # AppTest cannot send back the experiment builder's setting box as drawn (its labels come from
    # format_func), so the test picks one, as tests/app/test_class_experiments.py does.
    view.selectbox(key="class_exp_param").set_value("learning_rate")
    [clear] = [b for b in view.button if b.label == t("questions.clear", "en")]
    clear.click().run()
    no_trouble(view)
    assert t("questions.cleared", "en", count=3) in [s.value for s in view.success]
    assert t("questions.none", "en") in [c.value for c in view.caption]


@pytest.fixture(scope="module")
def tiny(fashion):
    from tests.support.tiny_model import train_tiny_model

    return train_tiny_model(fashion)


def test_classify_asks_for_a_class_before_the_probabilities_show(app_test, tiny, fashion):
    model, meta = tiny
    at = open_link("classify", {"ask": "1"}, session_state={"active_model": (model, meta)})
    index = int(np.flatnonzero(fashion.test_labels == 1)[0])            # a trouser
    at.file_uploader(key="classify_upload").set_value(("trouser.png", png_of(fashion.test_images[index, :, :, 0]),
                                                       "image/png")).run()
    no_trouble(at)
    assert not at.get("plotly_chart")                                     # no bars, no answer yet
    assert not [s for s in at.subheader if s.value.startswith(t("classify.top_prediction", "en", name=""))]
    choice = at.radio(key="ask_classify_upload_choice")
    commit(at)
    assert [w.value for w in at.warning] == [t("questions.pick_one", "en")]
    assert not at.get("plotly_chart")
    choice = at.radio(key="ask_classify_upload_choice")
    choice.set_value(1)
    commit(at)
    assert len(at.get("plotly_chart")) == 2                               # bars + 28x28 heatmap
    names = i18n.class_names("fashion_mnist", "en")
    answered = [*at.success, *at.error]
    assert len(answered) == 1 and f"said {names[1]};" in answered[0].value
    view = app_test("class_view", lang="bn")
    no_trouble(view)
    assert t("questions.summary", "bn", right=len(at.success), count=1) in [c.value for c in view.caption]


def test_network_hides_the_softmax_after_a_logit_change_until_the_winner_is_guessed():
    at = open_link("network", {"ask": "1"})
    at.slider(key="network_change_delta").set_value(10.0).run()
    no_trouble(at)
    assert not [i for i in at.info if i.icon == ":material/swap_vert:"]    # the change's effect is hidden
    chosen = at.selectbox(key="network_change_class").value
    [choice] = [radio for radio in at.radio if radio.key and radio.key.startswith("ask_network_winner_")]
    choice.set_value(chosen)
    commit(at)
    assert [i for i in at.info if i.icon == ":material/swap_vert:"]        # revealed
    [tally] = board_tallies()
    assert tally.question.qid.startswith("network:winner:") and tally.count == 1
    answer = tally.answers[0]
    assert answer.guess == chosen and answer.truth == chosen               # a raise of 10 makes it win here
    names = i18n.class_names("fashion_mnist", "en")
    assert t("questions.right", "en", guess=names[chosen], truth=names[chosen]) in [s.value for s in at.success]


def test_learn_asks_whether_the_loss_goes_up_or_down_before_the_step():
    at = open_link("learn", {"ask": "1"})
    assert not [b for b in at.button if b.key == "learn_take_step"]        # the guess stands in for the button
    assert t("learn.loss_after", "en") not in [m.label for m in at.metric]
    [choice] = [radio for radio in at.radio if radio.key and radio.key.startswith("ask_learn_loss_")]
    choice.set_value("down")
    commit(at)
    [loss_after] = [m for m in at.metric if m.label == t("learn.loss_after", "en")]  # the step was taken
    went = "down" if loss_after.delta.startswith("-") else "up"                    # the metric's own sign
    [tally] = board_tallies()
    assert tally.question.kind == "direction" and tally.answers[0].guess == "down"
    assert tally.answers[0].truth == went and tally.answers[0].right == (went == "down")
    verdict = "questions.right" if went == "down" else "questions.wrong"
    assert t(verdict, "en", guess="down", truth=went) in [m.value for m in [*at.success, *at.error]]


def board_tallies():
    """The server board's tallies, read in a script run as a page would."""
    found = []

    def read(found):
        from ui.questions import question_board

        found.extend(question_board().tallies())

    AppTest.from_function(read, args=(found,), default_timeout=60).run()
    return found


def test_learners_text_in_a_question_is_shown_literally_on_the_class_view(app_test):
    def seed():
        from cnn_core.questions import CLASS, Question
        from ui.questions import question_board

        question = Question("classify:what:x:y", CLASS, "questions.title_classify",
                            (("model", "**my** <b>net</b>"), ("picture", "abc123")),
                            options=(("en", ("*Cat*", "Dog")),))
        question_board().answer(question, "s1", 0, 1)

    AppTest.from_function(seed, default_timeout=60).run()
    view = app_test("class_view")
    no_trouble(view)
    titles = [m.value for m in view.markdown]
    assert any(r"\*\*my\*\* \<b\>net\</b\>" in title for title in titles), titles
    [spec] = [json.loads(c.proto.spec) for c in view.get("plotly_chart")
              if json.loads(c.proto.spec)["data"][0].get("name") == t("questions.fig_guesses", "en")]
    assert spec["data"][0]["x"] == ["*Cat*", "Dog"]           # plotly shows text as text
