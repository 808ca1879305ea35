"""Inside the model: test-set scores, the confusion matrix, confident mistakes, and one picture's path
through the layers (activation maps, first-layer filters, saliency)."""

from __future__ import annotations

import time

import numpy as np
import streamlit as st

import ui
from cnn_core import examples, i18n, inference, ops
from cnn_core.figures import inspect as figures
from ui import links
from ui.models import active_model_or_stop
from ui.theme import show_figure
from ui.teach import taught_test_set

MISTAKES_SHOWN = 12
CELL_EXAMPLES = 12
THUMB = 84
MAX_CHANNELS = 64


@st.cache_resource(show_spinner=False, max_entries=6)
def evaluation_of(_model, model_token: str, _dataset, dataset_name: str):
    """The model's test-set evaluation and how long it took, once per (model, dataset) per server."""
    started = time.perf_counter()
    evaluation = inference.evaluate(_model, _dataset.test_images, _dataset.test_labels)
    return evaluation, time.perf_counter() - started


def percent(value: float, lang: str, fmt: str = ".1f") -> str:
    return f"{i18n.number(value * 100, lang, fmt)}%"


def gallery(indices, images: np.ndarray, captions: list[str], alts: list[str]) -> None:
    """A row-wrapping strip of 28x28 thumbnails with captions; ``alts`` describe each picture to a
    screen reader (its true class and what the model said)."""
    if len(indices):
        st.image([images[index] for index in indices], caption=captions, width=THUMB, clamp=True, alt=alts)


def scores_section(evaluation, seconds: float, names: list[str], lang: str) -> None:
    st.header(ui.tr("inside.scores_header"))
    total = len(evaluation.labels)
    right = int(np.trace(evaluation.confusion))
    columns = st.columns(2)
    with columns[0]:
        st.metric(ui.tr("inside.accuracy"), percent(evaluation.accuracy, lang, ".2f"))
        st.caption(ui.tr("inside.right_of", right=i18n.number(right, lang), total=i18n.number(total, lang)))
    columns[1].metric(ui.tr("inside.eval_seconds"), ui.tr("inside.seconds", seconds=i18n.number(seconds, lang, ".1f")))
    st.markdown(f"**{ui.tr('inside.per_class_header')}**")
    ui.plot(figures.per_class_bars(evaluation.per_class_accuracy, names, lang), key="inside_per_class")


def confusion_section(evaluation, images: np.ndarray, names: list[str], lang: str) -> None:
    st.header(ui.tr("inside.confusion_header"))
    st.caption(ui.tr("inside.confusion_explain"))
    event = ui.plot(figures.confusion_heatmap(evaluation.confusion, names, lang), key="inside_confusion",
                    on_select="rerun", selection_mode="points")
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    if points:
        cell = (points[0].get("y"), points[0].get("x"))
        if cell != st.session_state.get("inside_last_cell") and cell[0] in names and cell[1] in names:
            # A newly clicked cell drives the two pickers below (they are created after this).
            st.session_state["inside_true"] = names.index(cell[0])
            st.session_state["inside_predicted"] = names.index(cell[1])
        st.session_state["inside_last_cell"] = cell
    classes = list(range(len(names)))
    links.bind(links.Choice("true", "inside_true", 0, options=classes),
               links.Choice("pred", "inside_predicted", min(6, len(names) - 1), options=classes))
    st.session_state.setdefault("inside_true", 0)
    st.session_state.setdefault("inside_predicted", min(6, len(names) - 1))  # T-shirt vs shirt: the classic mix-up
    pick_true, pick_predicted = st.columns(2)
    true_class = pick_true.selectbox(ui.tr("inside.pick_true"), classes, key="inside_true", index=links.shown_index("inside_true", classes),
                                     format_func=names.__getitem__)
    predicted_class = pick_predicted.selectbox(ui.tr("inside.pick_predicted"), classes, key="inside_predicted",
                                               index=links.shown_index("inside_predicted", classes),
                                               format_func=names.__getitem__)
    count = int(evaluation.confusion[true_class, predicted_class])
    if count == 0:
        st.caption(ui.tr("inside.cell_empty"))
        return
    st.caption(ui.tr("inside.cell_examples", count=i18n.number(count, lang), true=names[true_class],
                     predicted=names[predicted_class]))
    shown = inference.examples_of(evaluation, true_class, predicted_class, CELL_EXAMPLES)
    gallery(shown, images, [f"#{index} · {percent(evaluation.probabilities[index, predicted_class], lang, '.0f')}"
                            for index in shown],
            [ui.tr("a11y.picture_alt", index=index, true=names[true_class], predicted=names[predicted_class],
                   percent=percent(evaluation.probabilities[index, predicted_class], lang, ".0f")) for index in shown])


def mistakes_section(evaluation, images: np.ndarray, names: list[str], lang: str) -> None:
    st.header(ui.tr("inside.mistakes_header"))
    st.caption(ui.tr("inside.mistakes_explain"))
    mistakes = inference.most_confident_mistakes(evaluation, MISTAKES_SHOWN)
    if not mistakes:
        st.success(ui.tr("inside.no_mistakes"))
        return
    gallery([mistake["index"] for mistake in mistakes], images,
            [ui.tr("inside.mistake_caption", index=mistake["index"], true=names[mistake["true"]],
                   predicted=names[mistake["predicted"]], percent=percent(mistake["probability"], lang, ".0f"))
             for mistake in mistakes],
            [ui.tr("a11y.picture_alt", index=mistake["index"], true=names[mistake["true"]],
                   predicted=names[mistake["predicted"]], percent=percent(mistake["probability"], lang, ".0f"))
             for mistake in mistakes])


def chosen_picture(evaluation, dataset, names: list[str], lang: str):
    """The picture to follow: a test picture by number, or the learner's last drawing."""
    drawings = ui.state.drawings(dataset.name)
    labels = {"test": ui.tr("inside.source_test")}
    if drawings:
        labels["drawing"] = ui.tr("inside.source_drawing")
    source = st.radio(ui.tr("inside.source"), list(labels), key="inside_source", horizontal=True,
                      format_func=labels.__getitem__)
    if source == "drawing":
        return drawings[-1]["image28"], None
    last = len(dataset.test_images) - 1
    links.bind(links.Integer("pic", "inside_index", 0, None, 0, last))
    index = st.number_input(ui.tr("inside.test_index", last=i18n.number(last, lang, "d")), min_value=0,
                            max_value=last, value=links.shown("inside_index", 0), step=1, key="inside_index")
    return np.asarray(dataset.test_images[int(index)])[:, :, 0], int(dataset.test_labels[int(index)])


def look_inside_section(model, evaluation, dataset, names: list[str], lang: str) -> None:
    st.header(ui.tr("inside.look_header"))
    image28, true_class = chosen_picture(evaluation, dataset, names, lang)
    probabilities = inference.predictor_for(model).probabilities(image28)
    top = int(np.argmax(probabilities))
    picture_column, saliency_column = st.columns(2)
    with picture_column:
        caption = (ui.tr("inside.chosen_caption", true=names[true_class], predicted=names[top],
                         percent=percent(probabilities[top], lang, ".0f"))
                   if true_class is not None else
                   ui.tr("inside.drawing_caption", predicted=names[top], percent=percent(probabilities[top], lang, ".0f")))
        st.markdown(f"**{caption}**")
        show_figure(figures.pixel_heatmap(image28, lang, height=320, projector=ui.projector()), key="inside_picture")
    with saliency_column:
        st.markdown(f"**{ui.tr('inside.saliency_header')}**")
        # Keyed by the top class, so picking another picture starts from the class the model chose.
        explained = st.selectbox(ui.tr("inside.saliency_class"), list(range(len(names))), index=top,
                                 format_func=names.__getitem__, key=f"inside_saliency_class_{top}")
        heat = inference.saliency(model, image28, explained)
        ui.plot(figures.saliency_overlay(image28, heat, lang, height=320), key="inside_saliency")
        st.caption(ui.tr("inside.saliency_explain"))

    st.subheader(ui.tr("inside.activations_header"))
    st.caption(ui.tr("inside.activations_explain"))
    maps = inference.activation_maps(model, image28)
    tabs = st.tabs([name for name, _ in maps])
    for tab, (name, activation) in zip(tabs, maps):
        with tab:
            height, width, channels = activation.shape
            st.caption(ui.tr("inside.layer_shape", layer=name, height=i18n.number(height, lang),
                             width=i18n.number(width, lang), channels=i18n.number(channels, lang)))
            if channels > MAX_CHANNELS:
                st.caption(ui.tr("inside.channels_shown", shown=i18n.number(MAX_CHANNELS, lang),
                                 channels=i18n.number(channels, lang)))
            ui.plot(figures.channel_grid(activation, lang, max_channels=MAX_CHANNELS), key=f"inside_act_{name}")

    st.subheader(ui.tr("inside.filters_header"))
    kernels, _biases = ops.first_layer_filters(model)
    st.caption(ui.tr("inside.filters_explain", size=i18n.number(kernels.shape[1], lang)))
    ui.plot(figures.filter_grid(np.moveaxis(kernels, 0, -1), lang), key="inside_filters")


st.title(ui.tr("inside.title"))
st.write(ui.tr("inside.intro"))
lang = ui.lang()
dataset = ui.get_data()
model, meta = active_model_or_stop("inside.no_model")
names = i18n.class_names(dataset.name, lang)
dataset_label = ui.tr(f"data.name.{dataset.name}")
if examples.is_taught(meta):  # a model taught the learner's own classes: their examples stand in for the test set
    names, dataset_label = examples.model_class_names(meta, dataset.name, lang), ui.tr("teach.inside_examples")
    dataset = taught_test_set(meta, dataset.name)
    if dataset is None:
        st.info(ui.tr("teach.inside_no_examples"))
        st.stop()
    st.caption(ui.tr("teach.inside_explain"))
    for key, size in (("inside_true", len(names)), ("inside_predicted", len(names)),
                      ("inside_index", len(dataset.test_labels))):
        if st.session_state.get(key, 0) >= size:  # a choice left from a model with more classes or pictures
            del st.session_state[key]
st.caption(ui.tr("inside.model_in_use", name=ui.model_name(meta), dataset=dataset_label))
with st.spinner(ui.tr("inside.evaluating", count=i18n.number(len(dataset.test_labels), lang))):
    evaluation, seconds = evaluation_of(model, inference.model_token(model), dataset,
                                        f"{dataset.name}@{dataset.source_detail}")
test_images = dataset.test_images[:, :, :, 0]
scores_section(evaluation, seconds, names, lang)
confusion_section(evaluation, test_images, names, lang)
mistakes_section(evaluation, test_images, names, lang)
look_inside_section(model, evaluation, dataset, names, lang)
