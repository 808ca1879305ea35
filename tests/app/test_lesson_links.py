"""Lesson links under AppTest: a page's state goes into its URL, and a new session opened on that link
shows the same state, in both languages; bad and unknown values are left out with a note."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app_pages import page as registered_page
from cnn_core import i18n, models, ops
from tests.support.apptest import language_param
from ui import links

ROOT = Path(__file__).resolve().parents[2]


def opened(url: str, query: dict, timeout: float = 180) -> AppTest:
    """A fresh session that opens ``/<url>?<query>`` (the page runs first, as in a browser)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    at.query_params.update(query)
    at.switch_page(registered_page(url).path)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def state_of(at: AppTest, keys) -> dict:
    return {key: at.session_state[key] for key in keys}


def round_trip(at: AppTest, url: str, keys, ignore=()) -> AppTest:
    """The link ``at`` wrote, opened in a new session, must give the same values for ``keys``.

    ``ignore``: link values that belong to something else on the page (left out of both links).
    """
    assert not at.exception, [e.value for e in at.exception]
    link = {key: value for key, value in dict(at.query_params).items() if key not in ignore}
    again = opened(url, link)
    assert state_of(again, keys) == state_of(at, keys), link
    written = {key: value for key, value in dict(again.query_params).items() if key not in ignore}
    assert written == link  # and it writes the same link back
    assert not again.info or "links" not in again.info[0].value
    return again


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_conv_lab_state_round_trips(app_test, lang):
    at = app_test("conv_lab", lang=lang)
    at.radio(key="conv_source").set_value("real").run()
    at.selectbox(key="conv_real_class").set_value(3).run()
    at.number_input(key="conv_real_index").set_value(12).run()
    at.selectbox(key="conv_preset").set_value("sobel_x").run()
    at.number_input(key="conv_stride_rows").set_value(2).run()
    at.number_input(key="conv_stride_cols").set_value(2).run()
    at.radio(key="conv_padding").set_value("valid").run()
    at.toggle(key="conv_relu").set_value(True).run()
    at.radio(key="pool_mode").set_value("average").run()
    at.slider(key="conv_step").set_value(7).run()
    link = dict(at.query_params)
    assert link == {**language_param(lang), "input": "real", "class": "3", "pic": "12",
                    "kernel": "sobel_x", "stride": "2", "padding": "valid", "relu": "1", "step": "7",
                    "pmode": "average"}
    again = round_trip(at, "conv_lab", ["conv_source", "conv_real_class", "conv_real_index", "conv_kernel_source",
                                        "conv_preset", "conv_stride_rows", "conv_stride_cols", "conv_padding",
                                        "conv_relu", "pool_mode", "conv_step"])
    assert again.session_state["lang"] == lang
    # The arithmetic shown is the same step of the same convolution.
    assert [c.value for c in again.code] == [c.value for c in at.code]


def test_conv_lab_toy_grid_kernel_size_and_pool_steps(app_test):
    at = app_test("conv_lab")
    at.radio(key="conv_source").set_value("toy").run()
    at.number_input(key="conv_toy_rows").set_value(6).run()
    at.radio(key="conv_kernel_source").set_value("custom").run()
    at.select_slider(key="conv_custom_size").set_value(2).run()
    at.number_input(key="pool_stride_cols").set_value(1).run()
    at.radio(key="pool_size").set_value(2).run()
    at.button(key="pool_forward").click().run()
    assert dict(at.query_params) == {"input": "toy", "rows": "6", "kernel": "custom", "ksize": "2", "pool": "2",
                                     "pstride": "1", "pstep": "2"}
    round_trip(at, "conv_lab", ["conv_source", "conv_toy_rows", "conv_kernel_source", "conv_custom_size",
                                "pool_size", "pool_stride_rows", "pool_stride_cols", "pool_step"])


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_datasets_filter_and_page_round_trip(app_test, lang):
    at = app_test("datasets", lang=lang)
    at.radio(key="examples_split").set_value("test").run()
    at.selectbox(key="examples_class").set_value(7).run()
    at.button(key="examples_next").click().run()
    at.button(key="examples_next").click().run()
    assert dict(at.query_params) == {**language_param(lang), "split": "test", "class": "7",
                                     "page": "3"}
    again = round_trip(at, "datasets", ["examples_split", "examples_class"])
    # Page 3 of the test sneakers: the same 24 pictures in the mosaic and the zoom picker.
    assert again.selectbox(key="examples_zoom").options == at.selectbox(key="examples_zoom").options


def test_train_preset_and_form_values_round_trip(app_test):
    """The form's values reach the link when the form is sent (a browser sends them only then)."""
    at = app_test("train", lang="bn")
    at.radio(key="train_preset").set_value("custom").run()
    at.slider(key="train_conv_blocks").set_value(1).run()
    at.select_slider(key="train_filters").set_value(8).run()
    at.number_input(key="train_epochs").set_value(1)
    at.number_input(key="train_learning_rate").set_value(0.002)
    at.selectbox(key="train_optimizer").set_value("sgd")
    at.selectbox(key="train_lr_schedule").set_value("constant")
    at.number_input(key="train_subset").set_value(256)
    at.button(key="train_start").click().run()
    at.button(key="train_stop").click().run()  # the run itself is not what this test is about
    form = {key: value for key, value in dict(at.query_params).items()
            if key != "frame"}  # a tiny run may have ended already: its replay links its frame too
    assert form == {"lang": "bn", "preset": "custom", "blocks": "1", "filters": "8", "epochs": "1",
                    "opt": "sgd", "lr": "0.002", "subset": "256", "schedule": "constant"}
    # The stopped run is saved a moment later; whichever session then opens the page shows its
    # replay, which links its own frame: not part of the form.
    again = round_trip(at, "train", [param.key for param in links.TRAIN], ignore=("frame",))
    assert again.button(key="train_start").label  # a link fills the form; it never starts a run


def test_train_link_defaults_are_the_pages_defaults(app_test):
    """A link leaves out values equal to a fresh page's: the declared defaults must be those values."""
    at = app_test("train")
    at.radio(key="train_preset").set_value("custom").run()
    for param in links.TRAIN:
        assert at.session_state[param.key] == (param.default if param.key != "train_preset" else "custom"), param.name
    assert dict(at.query_params) == {"preset": "custom"}


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_inside_picture_and_cell_round_trip(app_test, lang):
    at = app_test("inside", lang=lang)
    at.number_input(key="inside_index").set_value(123).run()
    at.selectbox(key="inside_true").set_value(2).run()
    at.selectbox(key="inside_predicted").set_value(4).run()
    assert dict(at.query_params) == {**language_param(lang), "true": "2", "pred": "4",
                                     "pic": "123"}
    round_trip(at, "inside", ["inside_index", "inside_true", "inside_predicted"])


def test_network_picture_and_layer_round_trip(app_test):
    at = app_test("network")
    at.radio(key="network_source").set_value("test").run()
    at.number_input(key="network_test_index").set_value(5).run()
    first_layer = at.selectbox(key="network_conv_layer").options[0].split(":")[0]  # options show "name: shape"
    at.selectbox(key="network_conv_layer").set_value(first_layer).run()
    assert dict(at.query_params) == {"source": "test", "pic": "5", "layer": first_layer}
    round_trip(at, "network", ["network_source", "network_test_index", "network_conv_layer"])


def test_global_params_choose_language_dataset_and_projector():
    at = opened("home", {"lang": "bn", "data": "mnist", "projector": "1"})
    assert at.session_state["lang"] == "bn" and at.session_state["dataset"] == "mnist"
    assert at.session_state["projector"] is True
    assert at.title[0].value.strip() and not at.info
    assert dict(at.query_params) == {"lang": "bn", "data": "mnist", "projector": "1"}


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_bad_and_unknown_values_are_left_out_with_a_note(lang):
    at = opened("conv_lab", {"lang": lang, "kernel": "no_such_kernel", "stride": "0", "padding": "weird",
                             "step": "abc", "relu": "maybe", "bogus": "1", "pool": "2"})
    assert not at.error
    note = at.info[0].value
    for bad in ("kernel=no_such_kernel", "stride=0", "padding=weird", "step=abc", "relu=maybe", "bogus=1"):
        assert bad in note
    assert note.startswith(i18n.t("links.ignored", lang, params="").rstrip())  # the catalog's own words
    # Everything else is the fresh page, and the good value was used.
    assert at.selectbox(key="conv_preset").value == "identity"
    assert (at.number_input(key="conv_stride_rows").value, at.number_input(key="conv_stride_cols").value) == (1, 1)
    assert at.radio(key="pool_size").value == 2
    link = dict(at.query_params)
    assert link == language_param(lang) | {"pool": "2"}
    # The note is for the opening only: the next interaction does not repeat it.
    at.button(key="conv_forward").click().run()
    assert not at.info


def test_out_of_range_numbers_and_a_bad_language_are_ignored():
    at = opened("inside", {"lang": "fr", "pic": "10000", "true": "11", "pred": "-1"})
    assert at.session_state["lang"] == "en"
    note = at.info[0].value
    for bad in ("lang=fr", "pic=10000", "true=11", "pred=-1"):
        assert bad in note
    assert at.number_input(key="inside_index").value == 0


def test_hide_hides_the_named_controls_and_stays_in_the_link():
    at = opened("conv_lab", {"kernel": "sobel_x", "hide": "kernel,stride"})
    styles = " ".join(element.proto.body for element in at.get("html"))
    for key in ("conv_kernel_source", "conv_preset", "conv_stride_rows", "conv_stride_cols"):
        assert f".st-key-{key}{{display:none" in styles
    assert ".st-key-conv_padding" not in styles
    assert at.query_params["hide"] == ["kernel", "stride"]


def test_link_box_shows_the_link_to_this_view():
    at = opened("conv_lab", {"kernel": "sobel_x", "stride": "2", "pool": "2"})
    at.slider(key="conv_step").set_value(3).run()
    boxes = [element.proto.body for element in at.sidebar.get("html") if "fcl-link" in element.proto.body]
    assert len(boxes) == 1 and 'value="/conv_lab?kernel=sobel_x&amp;stride=2&amp;step=3&amp;pool=2"' in boxes[0]


def default_of(widget):
    """What the browser falls back to for ``widget``: its own default (an index for choice widgets)."""
    value = widget.proto.default
    return list(value) if not isinstance(value, (int, float, bool)) else value


def test_linked_values_are_the_widgets_own_defaults():
    """A link's values reach the browser as each bound widget's default, not only as a one-off set
    value (Chromium sometimes drew a widget from its default: /conv_lab?stride=2x3 showed 1x3)."""
    at = opened("conv_lab", {"stride": "2x3", "relu": "1", "pool": "2", "pstride": "2x1",
                             "pmode": "average", "ppad": "same", "step": "3", "kernel": "sobel_x"})
    assert default_of(at.number_input(key="conv_stride_rows")) == 2
    assert default_of(at.number_input(key="conv_stride_cols")) == 3
    assert default_of(at.number_input(key="pool_stride_rows")) == 2
    assert default_of(at.number_input(key="pool_stride_cols")) == 1
    assert default_of(at.radio(key="pool_size")) == 0              # 2x2
    assert default_of(at.radio(key="pool_mode")) == 1              # average
    assert default_of(at.radio(key="pool_padding")) == 1           # same
    assert default_of(at.toggle(key="conv_relu")) is True
    assert default_of(at.slider(key="conv_step")) == [3]  # 2x2 outputs of the lesson's 4x5 grid: 4 steps
    assert at.selectbox(key="conv_preset").proto.default == list(ops.KERNEL_PRESETS).index("sobel_x")
    assert dict(at.query_params)["stride"] == "2x3"

    train = opened("train", {"epochs": "3", "batch": "64", "opt": "sgd", "subset": "4000", "seed": "9",
                             "schedule": "constant", "augment": "1", "preset": "custom", "filters": "64"})
    assert default_of(train.number_input(key="train_epochs")) == 3
    assert default_of(train.number_input(key="train_batch_size")) == 64
    assert default_of(train.number_input(key="train_subset")) == 4000
    assert default_of(train.number_input(key="train_seed")) == 9
    assert train.selectbox(key="train_optimizer").proto.default == 1
    assert train.selectbox(key="train_lr_schedule").proto.default == 0
    assert default_of(train.checkbox(key="train_augment")) is True
    assert train.radio(key="train_preset").proto.default == list(models.PRESETS).index("custom")
    assert train.select_slider(key="train_filters").value == 64
