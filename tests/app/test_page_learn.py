"""The "Learn one step" page under AppTest, in both languages: it writes out the numbers
cnn_core.learning computes for the shipped model and a test picture (loss, p − y, a dense weight,
a kernel weight's sum), the step button shows the new loss, N steps draw their chart, lesson links
restore every choice (a bad value is named and the default used), and present mode shows one
slide at a time."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from app_pages import page as registered_page
from PIL import Image

from cnn_core import learning, preprocess, store
from cnn_core.figures import learning as figures
from cnn_core.i18n import class_names, t
from tests.app.test_lesson_links import ROOT, round_trip
import ui.teach  # noqa: F401  imported once here, so a new session's 3-second reset never waits on it
import ui.training  # noqa: F401
from tests.support.apptest import codes, no_trouble


@pytest.fixture(scope="module")
def shipped():
    return store.pretrained("fashion_mnist")[0]


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_the_page_writes_out_tensorflows_step_and_takes_it(app_test, shipped, fashion, lang):
    at = app_test("learn", lang=lang)
    no_trouble(at)
    assert at.title[0].value == t("learn.title", lang)
    at.radio(key="learn_model").set_value("shipped").run()
    at.number_input(key="learn_test_index").set_value(4).run()
    at.selectbox(key="learn_label").set_value(3).run()
    at.select_slider(key="learn_lr").set_value(0.1).run()
    no_trouble(at)
    image = fashion.test_images[4]
    step = learning.gradient_step(shipped, image, 3, 0.1)
    names = class_names("fashion_mnist", lang)
    assert figures.loss_text(step, names[3], lang) in codes(at)
    assert figures.output_delta_lines(step, names, lang) in codes(at)
    # the dense weight and the kernel weight the page opened by default, as the library writes them
    dense_layer = at.selectbox(key="learn_dense_layer").value
    unit = at.number_input(key=f"learn_dense_unit_{dense_layer}").value - 1
    index = at.number_input(key=f"learn_dense_input_{dense_layer}").value - 1
    assert dense_layer == "probabilities"
    assert figures.dense_text(learning.dense_weight_gradient(step, dense_layer, index, unit), lang) in codes(at)
    conv = at.selectbox(key="learn_conv_layer").value
    at.number_input(key=f"learn_conv_ky_{conv}").set_value(1).run()
    at.number_input(key=f"learn_conv_out_{conv}").set_value(5).run()
    kx = at.number_input(key=f"learn_conv_kx_{conv}").value - 1
    explained = learning.conv_weight_gradient(step, conv, 0, kx, 0, 4)
    assert figures.conv_sum_text(explained, lang) in codes(at)
    checks = [box.value for box in at.success]
    assert t("learn.matches_tf", lang, value=figures.num(explained.tf_gradient, lang)) in checks
    assert not at.warning
    # the step: before the button there is no new loss, after it the library's numbers
    assert not at.metric
    at.button(key="learn_take_step").click().run()
    no_trouble(at)
    loss_metric = next(metric for metric in at.metric if metric.label == t("learn.loss_after", lang))
    assert loss_metric.value == figures.num(step.loss_after, lang)
    assert step.loss_after < step.loss_before
    assert figures.loss_text(step, names[3], lang, after=True) in "\n".join(codes(at))
    # N steps on this picture
    at.number_input(key="learn_steps").set_value(3).run()
    at.button(key="learn_take_steps").click().run()
    no_trouble(at)
    traces = [trace.get("name") for chart in at.get("plotly_chart") for trace in json.loads(chart.proto.spec)["data"]]
    assert t("learn.chart_this_loss", lang) in traces
    # the shipped model itself was not changed by any of it
    np.testing.assert_array_equal(store.pretrained("fashion_mnist")[0].get_weights()[0], shipped.get_weights()[0])


def test_a_fresh_untrained_model_and_a_custom_preset(app_test):
    at = app_test("learn")
    at.radio(key="learn_model").set_value("fresh").run()
    at.selectbox(key="learn_preset").set_value("custom").run()
    no_trouble(at)
    assert at.selectbox(key="learn_conv_layer").options == ["conv1", "conv2"]
    at.selectbox(key="learn_conv_layer").set_value("conv2").run()
    at.selectbox(key="learn_preset").set_value("strong").run()   # its layers have other names
    no_trouble(at)
    assert at.selectbox(key="learn_conv_layer").value == "block1_conv"
    at.button(key="learn_take_step").click().run()
    no_trouble(at)
    assert any(metric.label == t("learn.loss_after", "en") for metric in at.metric)


def test_a_drawing_from_classify_is_the_picture(app_test, shipped, fashion):
    drawing = fashion.test_images[9, :, :, 0].copy()
    at = app_test("learn", session_state={"drawings": [{"image28": drawing, "top": 5, "probability": 0.9,
                                                       "dataset": "fashion_mnist", "model": "x"}]})
    at.radio(key="learn_source").set_value("drawing").run()
    no_trouble(at)
    key = at.session_state["learn_cache"]["step"][0]
    answer = int(np.argmax(shipped(drawing[None, :, :, None], training=False).numpy()[0]))
    assert key[1] == drawing.tobytes() and key[2] == answer   # its class: what the model answers for it


def test_an_upload_goes_through_preprocessing_like_classify(app_test, fashion):
    picture = Image.fromarray(255 - fashion.test_images[1, :, :, 0]).resize((112, 112))   # dark on light, bigger
    data = io.BytesIO()
    picture.save(data, "PNG")
    at = app_test("learn")
    at.radio(key="learn_source").set_value("upload").run()
    at.file_uploader(key="learn_upload").set_value(("shirt.png", data.getvalue(), "image/png")).run()
    no_trouble(at)
    expected = preprocess.to_model_input(preprocess.read_upload(data.getvalue(), "shirt.png"), "fashion_mnist")
    assert at.session_state["learn_cache"]["step"][0][1] == expected.tobytes()
    at.file_uploader(key="learn_upload").set_value(("broken.png", b"not a picture", "image/png")).run()
    assert not at.exception and at.error   # explained, and the page carries on with test picture 0
    assert t("learn.forward_header", "en") in [header.value for header in at.header]


def test_lesson_link_restores_every_choice(app_test):
    at = app_test("learn")
    at.radio(key="learn_model").set_value("fresh").run()
    at.selectbox(key="learn_preset").set_value("small").run()
    at.number_input(key="learn_test_index").set_value(12).run()
    at.selectbox(key="learn_label").set_value(7).run()
    at.select_slider(key="learn_lr").set_value(0.003).run()
    at.selectbox(key="learn_dense_layer").set_value("dense").run()
    at.number_input(key="learn_dense_unit_dense").set_value(9).run()
    at.selectbox(key="learn_conv_layer").set_value("conv2").run()
    at.number_input(key="learn_conv_ky_conv2").set_value(3).run()
    at.number_input(key="learn_conv_in_conv2").set_value(4).run()
    at.number_input(key="learn_steps").set_value(5).run()
    at.radio(key="learn_optimizer").set_value("adam").run()
    link = dict(at.query_params)
    assert {"model": "fresh", "preset": "small", "pic": "12", "label": "7", "lr": "0.003", "dlayer": "dense",
            "dunit": "9", "clayer": "conv2", "ky": "3", "cin": "4", "steps": "5", "opt": "adam"}.items() <= link.items()
    round_trip(at, "learn", ["learn_model", "learn_preset", "learn_test_index", "learn_label", "learn_lr",
                             "learn_dense_layer", "learn_dense_unit_dense", "learn_conv_layer", "learn_conv_ky_conv2",
                             "learn_conv_in_conv2", "learn_steps", "learn_optimizer"])


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_bad_link_values_are_named_and_the_defaults_used(lang):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params.update({"lang": lang, "model": "borrowed", "pic": "99999", "label": "12", "lr": "7",
                            "steps": "0"})
    at.switch_page(registered_page("learn").path)
    at.run()
    no_trouble(at)
    note = at.info[0].value
    assert note.startswith(t("links.ignored", lang, params="")[:12])
    for bad in ("model=borrowed", "pic=99999", "label=12", "lr=7", "steps=0"):
        assert bad in note
    assert at.radio(key="learn_model").value == "session"
    assert at.number_input(key="learn_test_index").value == 0
    assert at.selectbox(key="learn_label").value == "auto"
    assert at.select_slider(key="learn_lr").value == 0.01
    assert at.number_input(key="learn_steps").value == 10


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_present_mode_shows_one_slide_at_a_time(app_test, shipped, fashion, lang):
    at = app_test("learn", lang=lang, session_state={"projector": True})
    at.toggle(key="present").set_value(True).run()
    no_trouble(at)
    headers = [header.value for header in at.header]
    first = [text for text in headers if text == t("present.slide_title", lang, step=1, total=6,
                                                   name=t("learn.slide_forward", lang))]
    assert first, headers
    at.button(key="fcl_present_forward").click().run()
    headers = [header.value for header in at.header]
    assert t("present.slide_title", lang, step=2, total=6, name=t("learn.slide_output", lang)) in headers
    step = learning.gradient_step(shipped, fashion.test_images[0], int(fashion.test_labels[0]), 0.01)
    assert at.main.code[0].value == figures.output_delta_lines(step, class_names("fashion_mnist", lang), lang)
