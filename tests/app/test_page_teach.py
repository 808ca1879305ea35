"""The Teach page in AppTest, in English and Bengali: classes, warnings, removing and undoing, a real
teaching run through the job engine, the taught model on Classify, Inside the model and the Network
view, and the downloads. (Drawing, camera and file uploads need a browser: tests/browser.)"""

from __future__ import annotations

import pytest

from cnn_core import escape, i18n, store
from cnn_core.i18n import number, t
from tests.support.apptest import rerun_until_metric
from tests.support.teach import add_class, digits_set


@pytest.fixture(autouse=True)
def models_dir(tmp_path, monkeypatch):
    """Every test saves into its own empty folder, never into a user's models."""
    folder = tmp_path / "models"
    monkeypatch.setenv("FCL_MODELS_DIR", str(folder))
    return folder


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_classes_warnings_and_removal_in_both_languages(app_test, lang):
    at = app_test("teach", lang=lang)
    assert not at.exception
    assert at.title[0].value == t("teach.title", lang)
    assert any(info.value == t("teach.no_classes", lang) for info in at.info)
    add_class(at, "বৃত্ত")
    add_class(at, "  বৃত্ত ")
    assert not at.exception
    assert [error.value for error in at.error] == [t("teach.err_name_duplicate", lang, name="বৃত্ত")]
    add_class(at, "Triangle")
    assert at.radio(key="teach_target").options == ["বৃত্ত", "Triangle"]
    warnings = [warning.value for warning in at.warning]
    assert t("teach.warn_empty", lang, name="বৃত্ত") in warnings and t("teach.warn_empty", lang, name="Triangle") in warnings
    assert at.button(key="teach_start").disabled
    assert any(t("teach.err_need_classes", lang, minimum=2) in caption.value or
               t("teach.err_class_too_few", lang, name="বৃত্ত", count=0, minimum=2) in caption.value
               for caption in at.caption)


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_section_numbers_count_the_sections_shown_without_gaps(app_test, lang):
    def headers(at):
        return [header.value for header in at.header]

    def numbered(*keys):
        return [t("teach.section", lang, number=index, title=t(key, lang)) for index, key in enumerate(keys, 1)]

    at = app_test("teach", lang=lang)
    assert headers(at) == numbered("teach.classes_header", "teach.train_header", "teach.export_header")
    add_class(at, "Triangle")
    assert headers(at) == numbered("teach.classes_header", "teach.add_header", "teach.examples_header",
                                   "teach.augment_header", "teach.train_header", "teach.export_header")
    assert headers(at)[1].startswith(number(2, lang) + ".")


def test_remove_an_example_and_undo(app_test):
    own = digits_set(("zero", "one"), per_class=3)
    at = app_test("teach", session_state={"teach_examples": own})
    assert not at.exception
    first = own.examples()[0]
    assert any(t("teach.class_count", "en", count=3) in text.value for text in at.markdown)
    at.button(key=f"teach_remove_{first.id}").click().run()
    assert own.counts() == [2, 3]
    assert t("teach.warn_few", "en", name="zero", count=2, minimum=5) in [warning.value for warning in at.warning]
    at.button(key="teach_undo").click().run()
    assert own.counts() == [3, 3] and not at.exception


def wait_until_taught(at, lang: str, timeout: float = 240.0):
    return rerun_until_metric(at, t("teach.holdout_accuracy", lang), timeout,
                              "the teaching run did not finish in time")


def test_teach_two_classes_then_use_the_model_everywhere(app_test):
    """Bengali all the way: the run trains in the job engine, the model becomes the session's model
    and is saved with its Bengali class names; Classify, Inside and the Network view use them."""
    names = ("শূন্য", "এক")
    own = digits_set(names)
    at = app_test("teach", lang="bn", session_state={"teach_examples": own})
    at.slider(key="teach_epochs").set_value(10)
    at.button(key="teach_start").click().run()
    assert not at.exception
    wait_until_taught(at, "bn")
    accuracy = next(metric.value for metric in at.metric if metric.label == t("teach.holdout_accuracy", "bn"))
    assert accuracy.endswith("%")
    name = t("teach.model_name", "bn", classes="শূন্য, এক")
    assert t("teach.saved", "bn", name=escape.markdown(name)) in [success.value for success in at.success]
    model, meta = at.session_state["active_model"]
    assert meta["kind"] == "taught" and meta["class_names"] == list(names) and model.output_shape == (None, 2)
    saved = store.ModelStore().list()
    assert [entry["class_names"] for entry in saved] == [list(names)]
    reloaded, _ = store.ModelStore().load(saved[0]["run_id"])
    assert reloaded.output_shape == (None, 2)
    labels = [button.label for button in at.get("download_button")]
    assert labels == [t("teach.download_keras", "bn"), t("teach.download_tflite", "bn"), t("teach.download_examples", "bn")]
    assert any(caption.value == t("teach.parity_ok", "bn", total=24) for caption in at.caption)

    at.switch_page("app_pages/classify.py").run()
    assert not at.exception
    assert any(name in text.value for text in at.markdown)
    at.switch_page("app_pages/inside.py").run()
    assert not at.exception
    assert at.selectbox(key="inside_true").options == list(names)
    assert t("teach.inside_explain", "bn") in [caption.value for caption in at.caption]
    scored = {t("inside.right_of", "bn", right=number(right, "bn"), total=number(24, "bn")) for right in range(25)}
    assert any(caption.value in scored for caption in at.caption)  # all 24 examples stand in for the test set
    at.switch_page("app_pages/network.py").run()
    assert not at.exception
    assert any(names[0] in text.value or names[1] in text.value for text in at.markdown)

