"""The "Why it decided" page under AppTest, in both languages: the four maps equal cnn_core.explain's
for the chosen picture, the deletion check and the attack show their numbers, the heavy parts run as
jobs on the workers and their results appear, and every choice goes into the lesson link (good and
bad values). The canvas is drawn on in tests/browser/test_browser_explain.py."""

from __future__ import annotations

import json
import time

import numpy as np
import pytest

from cnn_core import explain, store
from cnn_core.i18n import class_names, number, t
from tests.app.test_lesson_links import opened, round_trip
from tests.support.apptest import no_trouble


def charts(at) -> list[dict]:
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def overlays(at) -> dict[str, np.ndarray]:
    """Each map figure's title -> its overlay's values."""
    found = {}
    for chart in charts(at):
        data = chart.get("data", [])
        if len(data) == 2 and all(trace.get("type") == "heatmap" for trace in data):
            found[chart["layout"]["title"]["text"]] = np.array(data[1]["z"], dtype=float)
    return found


def rerun_until(at, ready, timeout: float, what: str):
    deadline = time.time() + timeout
    while time.time() < deadline:
        time.sleep(1.0)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        if ready(at):
            return at
    raise AssertionError(f"{what}: {[info.value for info in at.info]} {[p.proto.text for p in at.get('progress')]}")


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_maps_equal_the_library_for_a_test_picture(app_test, fashion, lang):
    at = app_test("explain", lang=lang)
    no_trouble(at)
    assert at.title[0].value == t("explain.title", lang)
    at.radio(key="explain_source").set_value("test").run()
    at.number_input(key="explain_test_index").set_value(7).run()
    no_trouble(at)
    model = store.pretrained("fashion_mnist")[0]
    image, label = np.asarray(fashion.test_images[7])[:, :, 0], int(fashion.test_labels[7])
    top = int(np.argmax(model(image[None, :, :, None], training=False)[0]))
    shown = overlays(at)
    expected = {"grad_cam": explain.grad_cam(model, image, top), "saliency": explain.saliency(model, image, top),
                "smoothgrad": explain.smoothgrad(model, image, top), "occlusion": explain.occlusion(model, image, top)}
    for method, heat in expected.items():
        np.testing.assert_allclose(shown[t(f"explain.method_{method}", lang)], heat, atol=2e-4)
    assert any(t("explain.test_caption", lang, index=number(7, lang, "d"), label=class_names("fashion_mnist", lang)[label])
               == caption.value for caption in at.caption)
    # The deletion check for this picture: one curve per map and the random baseline.
    at.toggle(key="explain_check").set_value(True).run()
    no_trouble(at)
    curves = [chart for chart in charts(at) if chart["data"] and chart["data"][0].get("mode") == "lines+markers"]
    assert len(curves) == 1 and len(curves[0]["data"]) == 5
    assert curves[0]["data"][-1]["name"] == t("explain.method_random", lang)


def test_the_classify_drawing_is_explained(app_test, fashion):
    """The newest drawing the session made on the Classify page (kept in ui.state) is the picture."""
    picture = np.asarray(fashion.test_images[5])[:, :, 0]
    drawing = {"image28": picture, "top": 0, "probability": 0.5, "dataset": "fashion_mnist", "model": "m"}
    at = app_test("explain", session_state={"drawings": [drawing]})
    at.radio(key="explain_source").set_value("classify").run()
    no_trouble(at)
    model = store.pretrained("fashion_mnist")[0]
    top = int(np.argmax(model(picture[None, :, :, None], training=False)[0]))
    np.testing.assert_allclose(overlays(at)["Saliency"], explain.saliency(model, picture, top), atol=2e-4)
    assert t("explain.classify_drawing", "en", count="1") in [caption.value for caption in at.caption]


def test_another_class_layer_and_patch_change_the_maps(app_test, fashion):
    at = app_test("explain")
    at.radio(key="explain_source").set_value("test").run()
    model = store.pretrained("fashion_mnist")[0]
    image = np.asarray(fashion.test_images[0])[:, :, 0]
    at.selectbox(key="explain_class").set_value(3).run()
    at.selectbox(key="explain_layer").set_value("block2_conv").run()
    at.slider(key="explain_patch").set_value(6).run()
    at.radio(key="explain_fill").set_value("black").run()
    no_trouble(at)
    shown = overlays(at)
    np.testing.assert_allclose(shown["Grad-CAM"], explain.grad_cam(model, image, 3, "block2_conv"), atol=2e-4)
    np.testing.assert_allclose(shown["Occlusion"], explain.occlusion(model, image, 3, 6, 2, explain.BACKGROUND), atol=2e-4)
    assert dict(at.query_params) == {"source": "test", "cls": "3", "layer": "block2_conv", "patch": "6", "fill": "black"}
    round_trip(at, "explain", ["explain_source", "explain_class", "explain_layer", "explain_patch", "explain_fill"])


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_fool_it_flips_and_says_so(app_test, fashion, lang):
    at = app_test("explain", lang=lang)
    at.radio(key="explain_part").set_value("fool").run()
    at.radio(key="explain_source").set_value("test").run()
    at.slider(key="explain_epsilon").set_value(32).run()
    no_trouble(at)
    model = store.pretrained("fashion_mnist")[0]
    image, label = np.asarray(fashion.test_images[0])[:, :, 0], int(fashion.test_labels[0])
    smallest = explain.smallest_flipping_epsilon(model, image, label)
    assert any(text.value == t("explain.smallest", lang, epsilon=number(smallest, lang)) for text in at.markdown)
    fooled = explain.fgsm(model, image, label, 32)
    new = int(np.argmax(model(fooled[None, :, :, None], training=False)[0]))
    assert new != label  # ε = 32 fools it on this picture
    names = class_names("fashion_mnist", lang)
    assert any(t("explain.flipped", lang, old=names[label], new=names[new], percent="")[:12] in w.value
               and names[new] in w.value for w in at.warning)
    assert dict(at.query_params) == {**({"lang": "bn"} if lang == "bn" else {}), "tool": "fool", "source": "test",
                                     "eps": "32"}


def test_flip_share_and_the_dense_map_run_as_jobs(app_test, fashion):
    at = app_test("explain")
    at.radio(key="explain_part").set_value("fool").run()
    at.button(key="explain_start_explain_flips").click().run()
    no_trouble(at)
    rerun_until(at, lambda a: any(c.value.startswith(t("explain.flips_numbers", "en", values="")[:10]) for c in a.caption),
                240, "the flip-share job did not finish")
    chart = next(c for c in charts(at) if c["layout"].get("xaxis", {}).get("title", {}).get("text") == t("explain.epsilon_axis", "en"))
    shares = chart["data"][0]["y"]
    assert shares == sorted(shares) and shares[-1] > 0.5   # more ε, more answers changed
    at.radio(key="explain_part").set_value("map").run()
    at.button(key="explain_start_explain_map").click().run()
    rerun_until(at, lambda a: any(c.value.startswith(t("explain.dot_at", "en", x="", y="")[:10]) for c in a.caption),
                240, "the map job did not finish")
    maps = [c for c in charts(at) if c["data"] and c["data"][0].get("type") == "scattergl"]
    assert len(maps) == 2
    stars = [c["data"][-1] for c in maps]
    assert all(star["marker"]["symbol"] == "star" for star in stars)
    assert sum(len(trace["x"]) for trace in maps[0]["data"][:-1]) == 2000


@pytest.mark.parametrize("query, bad", [
    ({"tool": "nope", "eps": "999", "layer": "no_layer", "cls": "12", "patch": "0", "fill": "pink"},
     ("tool=nope", "layer=no_layer", "cls=12", "patch=0", "fill=pink")),
])
def test_bad_link_values_are_left_out_with_a_note(query, bad):
    at = opened("explain", {**query, "source": "test"})
    no_trouble(at)
    note = at.info[0].value
    for item in bad:
        assert item in note
    assert at.radio(key="explain_part").value == "maps"
    assert at.selectbox(key="explain_layer").value == "block3_conv"


def test_a_good_link_opens_the_fool_part_with_its_epsilon_in_bengali():
    at = opened("explain", {"lang": "bn", "tool": "fool", "source": "test", "pic": "12", "eps": "4", "attack": "pgd"})
    no_trouble(at)
    assert at.radio(key="explain_part").value == "fool" and at.slider(key="explain_epsilon").value == 4
    assert at.radio(key="explain_attack").value == "pgd" and at.number_input(key="explain_test_index").value == 12
    assert at.header[0].value == t("explain.fool_header", "bn")


def test_present_mode_steps_through_the_maps():
    at = opened("explain", {"projector": "1", "present": "1", "source": "test"})
    no_trouble(at)
    assert at.header[0].value == t("present.explain_picture", "en")
    at.button(key="fcl_present_forward").click().run()
    assert t("explain.method_grad_cam", "en") in [header.value for header in at.header]
