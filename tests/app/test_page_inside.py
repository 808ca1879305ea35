"""The Inside-the-model page in AppTest: scores, confusion matrix, mistakes, and one picture's
activation maps, filters and saliency, in both languages."""

from __future__ import annotations

import numpy as np
import pytest

from cnn_core import i18n, inference
from cnn_core.i18n import class_names, number, t


@pytest.fixture(scope="module")
def tiny(fashion):
    from tests.support.tiny_model import train_tiny_model

    return train_tiny_model(fashion)


def chart_keys(at) -> list[str]:
    return [chart.proto.id for chart in at.get("plotly_chart")]


@pytest.mark.parametrize("lang", list(i18n.LANGUAGES))
def test_scores_confusion_mistakes_and_layers_render(app_test, tiny, fashion, lang):
    model, meta = tiny
    at = app_test("inside", lang=lang, session_state={"active_model": (model, meta)})
    assert not at.exception
    assert at.title[0].value == t("inside.title", lang)
    expected = inference.evaluate(model, fashion.test_images, fashion.test_labels)
    accuracy = at.metric[0]
    assert accuracy.label == t("inside.accuracy", lang)
    assert accuracy.value.rstrip("%") == i18n.digits(f"{expected.accuracy * 100:.2f}", lang)
    headers = [header.value for header in at.header]
    for key in ("inside.scores_header", "inside.confusion_header", "inside.mistakes_header", "inside.look_header"):
        assert t(key, lang) in headers
    # mistakes gallery: the surest mistakes, captioned true -> predicted
    names = class_names("fashion_mnist", lang)
    mistakes = inference.most_confident_mistakes(expected, 12)
    captions = [caption for image in at.image for caption in image.captions]
    first = mistakes[0]
    index = number(first["index"], lang, "")  # Bengali digits in Bengali
    assert any(caption.startswith(f"#{index}: {names[first['true']]} → {names[first['predicted']]}")
               for caption in captions)
    # one picture through the network: a tab per conv/pool layer, filters and saliency charts
    layer_names = [name for name, _ in inference.activation_maps(model, fashion.test_images[0])]
    assert [tab.label for tab in at.tabs][-len(layer_names):] == layer_names
    assert len(at.get("plotly_chart")) == 2 + 2 + len(layer_names) + 1   # scores+confusion, picture+saliency, maps, filters


def test_choosing_a_confusion_cell_and_a_test_picture(app_test, tiny, fashion):
    model, meta = tiny
    at = app_test("inside", session_state={"active_model": (model, meta)})
    evaluation = inference.evaluate(model, fashion.test_images, fashion.test_labels)
    names = class_names("fashion_mnist", "en")
    true_class, said = 6, 0                                          # shirts called T-shirts
    at.selectbox(key="inside_true").set_value(true_class)
    at.selectbox(key="inside_predicted").set_value(said).run()
    assert not at.exception
    count = int(evaluation.confusion[true_class, said])
    assert t("inside.cell_examples", "en", count=f"{count:,}", true=names[true_class], predicted=names[said]) in [
        caption.value for caption in at.caption]
    at.number_input(key="inside_index").set_value(42).run()
    assert not at.exception
    probabilities = inference.predictor_for(model).probabilities(fashion.test_images[42])
    top = int(np.argmax(probabilities))
    expected = t("inside.chosen_caption", "en", true=names[int(fashion.test_labels[42])], predicted=names[top],
                 percent=f"{probabilities[top] * 100:.0f}%")
    assert f"**{expected}**" in [markdown.value for markdown in at.markdown]


def test_the_last_drawing_can_be_followed(app_test, tiny):
    model, meta = tiny
    drawing = np.zeros((28, 28), np.uint8)
    drawing[4:24, 10:18] = 255
    entry = {"image28": drawing, "top": 1, "probability": 0.9, "dataset": "fashion_mnist", "model": "tiny"}
    at = app_test("inside", lang="bn", session_state={"active_model": (model, meta), "drawings": [entry]})
    source = at.radio(key="inside_source")
    assert source.options == [t("inside.source_test", "bn"), t("inside.source_drawing", "bn")]
    source.set_value("drawing").run()
    assert not at.exception
    assert any(markdown.value.startswith("**" + t("inside.drawing_caption", "bn", predicted="X", percent="Y")[:10])
               for markdown in at.markdown)
