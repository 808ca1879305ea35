"""Classify: draw or upload a picture, see how it becomes the model's 28x28 input, and what the model says."""

from __future__ import annotations

import numpy as np
import streamlit as st

import ui
from cnn_core import examples, i18n, inference, preprocess
from cnn_core.errors import UserError
from cnn_core.figures import inspect as figures
from cnn_core.questions import CLASS, Question
from ui import questions as questions_ui
from ui.models import model_picker
from ui.sketchpad import sketchpad
from ui.theme import show_figure

LOW_CONFIDENCE = 0.5
CANVAS_SIZE = 280


# ------------------------------------------------------------------------------ one picture -> answer
def show_prediction(image, model, meta: dict, dataset, source: str, answered_above: bool = False) -> dict | None:
    """Everything after the canvas or the upload: preprocessing steps, the 28x28 input, the
    probabilities and the model's answer. ``source`` ("draw"/"upload") keeps widget keys apart;
    ``answered_above``: the sketchpad already shows the answer and its bars (only the notes on it
    follow here).

    Returns ``{"image28", "probabilities", "top"}``, or None when the picture could not be used
    (the reason is shown) or while question mode waits for the learner's guess.
    """
    lang = ui.lang()
    try:
        steps = preprocess.preprocess_steps(image, examples.model_profile(meta, dataset.name))
    except UserError as err:
        ui.show_user_error(err)
        return None
    image28 = steps[-1][1]
    probabilities = inference.predictor_for(model).probabilities(image28)
    top = int(np.argmax(probabilities))
    names = examples.model_class_names(meta, dataset.name, lang)  # a taught model's own classes as typed
    if ui.state.asking() and not guessed(image28, top, names, meta, dataset, source):
        return None

    answer, chart = (st.container(), None) if answered_above else st.columns([2, 3])
    with answer:
        if not answered_above:
            st.subheader(ui.tr("classify.top_prediction", name=examples.answer_names(meta, dataset.name)[top]))
            st.markdown(ui.tr("classify.top_probability",
                              percent=f"{i18n.number(probabilities[top] * 100, lang, '.1f')}%"))
        if probabilities[top] < LOW_CONFIDENCE:
            st.warning(ui.tr("classify.low_confidence",
                             percent=f"{i18n.number(probabilities[top] * 100, lang, '.0f')}%",
                             count=i18n.number(len(names), lang)), icon=":material/help:")
        # The hint compares with the dataset's pictures, which a taught model's classes are not.
        reason = None if examples.is_taught(meta) else inference.looks_unlike_data(image28, dataset)
        if reason is not None:
            st.warning(ui.tr("classify.unlike_data", reason=ui.tr(reason)), icon=":material/image_search:")
    if chart is not None:
        with chart:
            st.markdown(f"**{ui.tr('classify.probabilities_header')}**")
            show_figure(figures.probability_bars(probabilities, names, lang, ui.projector()),
                        key=f"classify_{source}_bars")

    st.markdown(f"**{ui.tr('classify.steps_header')}**")
    st.caption(ui.tr("classify.steps_explain"))
    columns = st.columns(len(steps))
    for column, (step_key, picture) in zip(columns, steps):
        with column:
            st.image(picture, caption=ui.tr(f"classify.step_{step_key}"), width="stretch", clamp=True)
    st.markdown(f"**{ui.tr('classify.input_header')}**")
    show_figure(figures.pixel_heatmap(image28, lang, projector=ui.projector()), key=f"classify_{source}_pixels")
    return {"image28": image28, "probabilities": probabilities, "top": top}


def guessed(image28, top: int, names: list[str], meta: dict, dataset, source: str) -> bool:
    """Question mode: ask which class the model will name for this picture; whether it was asked
    and answered (only then do the probabilities and the answer show)."""
    model = ui.model_name(meta)
    picture = questions_ui.digest(image28)
    question = Question(f"classify:what:{questions_ui.digest(model)}:{picture}", CLASS, "questions.title_classify",
                        (("model", model), ("picture", picture[:6])),
                        options=tuple((code, tuple(examples.model_class_names(meta, dataset.name, code)))
                                      for code in i18n.LANGUAGES))
    return questions_ui.ask(question, top, ui.tr("questions.classify_prompt"), key=f"classify_{source}",
                            show=lambda index: names[index], choices=list(range(len(names)))) is not None


def show_drawings(scope: str, names: list[str]) -> None:
    """Small thumbnails of the session's drawings (kept under ``scope``) with what the model said."""
    drawings = ui.state.drawings(scope)
    if not drawings:
        return
    lang = ui.lang()
    with st.expander(ui.tr("classify.history_header")):
        columns = st.columns(6)
        for index, entry in enumerate(reversed(drawings)):
            with columns[index % 6]:
                st.image(entry["image28"], width=84, clamp=True,
                         caption=f"{names[entry['top']]} · {i18n.number(entry['probability'] * 100, lang, '.0f')}%")


# ------------------------------------------------------------------------------ page
def draw_tab(model, meta: dict, dataset) -> None:
    """The sketchpad (it answers each stroke itself), the rest of the answer and the session's drawings."""
    st.caption(ui.tr("classify.draw_help"))
    brush = st.slider(ui.tr("classify.brush"), min_value=8, max_value=40, value=20, step=2, key="classify_brush")
    lang = ui.lang()
    try:
        drawing = sketchpad(key="classify_canvas", model=model, dataset=examples.model_profile(meta, dataset.name),
                            names=examples.model_class_names(meta, dataset.name, lang),
                            answer_names=examples.answer_names(meta, dataset.name),
                            lang=lang, brush=brush, size=CANVAS_SIZE, show_answer=not ui.state.asking(),
                            projector=ui.projector())
    except UserError as err:
        ui.show_user_error(err)
        return
    if drawing is None:
        ui.state.close_drawing()
        st.info(ui.tr("classify.draw_something"), icon=":material/draw:")
        return
    result = show_prediction(drawing.picture, model, meta, dataset, source="draw", answered_above=drawing.answered_here)
    if result is not None:
        ui.state.remember_drawing(result["image28"], result["top"], float(result["probabilities"][result["top"]]),
                         examples.drawings_scope(meta, dataset.name), ui.model_name(meta))
    show_drawings(examples.drawings_scope(meta, dataset.name), examples.model_class_names(meta, dataset.name, lang))


def upload_tab(model, meta: dict, dataset) -> None:
    uploaded = st.file_uploader(ui.tr("classify.upload_label"), type=list(preprocess.UPLOAD_EXTENSIONS),
                                key="classify_upload", help=ui.tr("classify.upload_tip"))
    if uploaded is None:
        st.caption(ui.tr("classify.upload_tip"))
        return
    try:
        picture = preprocess.read_upload(uploaded.getvalue(), uploaded.name)
    except UserError as err:
        ui.show_user_error(err)
        return
    show_prediction(picture, model, meta, dataset, source="upload")


st.title(ui.tr("classify.title"))
st.write(ui.tr("classify.intro"))
questions_ui.mode_note()
dataset = ui.get_data()
model, meta = model_picker(dataset.name, key="classify_model_choice")
draw, upload = st.tabs([f":material/draw: {ui.tr('classify.tab_draw')}",
                        f":material/upload: {ui.tr('classify.tab_upload')}"])
with draw:
    draw_tab(model, meta, dataset)
with upload:
    upload_tab(model, meta, dataset)
