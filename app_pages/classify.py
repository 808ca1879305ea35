"""Classify: draw or upload a picture, see how it becomes the model's 28x28 input, and what the model says."""

from __future__ import annotations

import numpy as np
import streamlit as st

import ui
from cnn_core import i18n, inference, preprocess, store
from cnn_core.errors import UserError
from cnn_core.figures import inspect as figures
from ui.state import pretrained_model

MAX_DRAWINGS = 12
LOW_CONFIDENCE = 0.5
CANVAS_SIZE = 280
SESSION_MODEL_KEY = "classify_session_model"
MODEL_CHOICE_KEY = "classify_model_choice"


# ------------------------------------------------------------------------------ which model
def _is_same(first, second) -> bool:
    return first is not None and second is not None and first[0] is second[0]


def model_options(dataset_name: str) -> dict[str, tuple[str, object]]:
    """Choice key -> (label, loader) for every model this dataset can use right now."""
    options: dict[str, tuple[str, object]] = {}
    try:
        pretrained = pretrained_model(dataset_name)
    except UserError:
        pretrained = None
    if pretrained is not None:
        options["pretrained"] = (ui.tr("classify.option_pretrained"), lambda: pretrained)
    session_model = st.session_state.get(SESSION_MODEL_KEY)
    if session_model is not None and session_model[1].get("dataset") == dataset_name:
        options["session"] = (ui.tr("classify.option_session", name=session_model[1].get("name", "?")),
                              lambda: session_model)
    model_store = store.ModelStore()
    for meta in model_store.list():
        if meta.get("broken") or meta.get("dataset") != dataset_name:
            continue
        run_id = meta["run_id"]
        options[f"saved:{run_id}"] = (
            ui.tr("classify.option_saved", name=meta.get("name", run_id), created=str(meta.get("created", ""))[:16].replace("T", " ")),
            lambda run_id=run_id: model_store.load(run_id))
    return options


def current_choice(active, options: dict) -> str | None:
    """The option key that names the active model."""
    run_id = active[1].get("run_id")
    if "pretrained" in options and _is_same(active, options["pretrained"][1]()):
        return "pretrained"
    if "session" in options and _is_same(active, st.session_state.get(SESSION_MODEL_KEY)):
        return "session"
    if run_id and f"saved:{run_id}" in options:
        return f"saved:{run_id}"
    return None


def choose_model(options: dict) -> None:
    """Radio callback: make the picked model the session's active one."""
    key = st.session_state[MODEL_CHOICE_KEY]
    try:
        model, meta = options[key][1]()
    except UserError as err:
        st.session_state["classify_switch_error"] = err
        return
    ui.set_active_model(model, meta)


def model_section(dataset_name: str):
    """Say which model is in use and offer the others; returns ``(model, meta)``.

    Without a pretrained default or a chosen model the page offers the saved models, and stops
    when there are none.
    """
    try:
        active = ui.active_model()
    except UserError as err:
        active, missing = None, err
    remembered = st.session_state.get(SESSION_MODEL_KEY)
    chosen = st.session_state.get("active_model")
    if chosen is not None and not chosen[1].get("run_id") and not _is_same(chosen, remembered):
        # A model trained in this session and not saved: keep it so the learner can come back to it.
        st.session_state[SESSION_MODEL_KEY] = chosen
    options = model_options(dataset_name)
    error = st.session_state.pop("classify_switch_error", None)
    if error is not None:
        ui.show_user_error(error)
    if active is None:
        ui.show_user_error(missing)
        st.info(ui.tr("classify.no_model"))
        if options:
            st.radio(ui.tr("classify.switch_model"), options=list(options), key=MODEL_CHOICE_KEY, index=None,
                     format_func=lambda key: options[key][0], on_change=choose_model, args=(options,),
                     help=ui.tr("classify.switch_help"))
        st.stop()
    model, meta = active
    accuracy = meta.get("test_accuracy")
    lang = ui.lang()
    st.markdown(ui.tr("classify.model_in_use", name=ui.model_name(meta),
                      dataset=ui.tr(f"data.name.{dataset_name}"),
                      accuracy=(f"{i18n.number(accuracy * 100, lang, '.1f')}%" if accuracy is not None
                                else ui.tr("classify.accuracy_unknown"))))
    if len(options) > 1:
        current = current_choice(active, options)
        if current is not None:
            st.session_state[MODEL_CHOICE_KEY] = current
        with st.expander(ui.tr("classify.switch_model")):
            st.radio(ui.tr("classify.switch_model"), options=list(options), key=MODEL_CHOICE_KEY,
                     format_func=lambda key: options[key][0], on_change=choose_model, args=(options,),
                     help=ui.tr("classify.switch_help"), label_visibility="collapsed")
    return model, meta


# ------------------------------------------------------------------------------ one picture -> answer
def remember_drawing(image28: np.ndarray, top: int, probability: float, dataset_name: str,
                     model_name: str) -> None:
    """Keep the session's drawings (newest last, at most ``MAX_DRAWINGS``) for the lesson report.

    Strokes added to the same drawing update its entry; a new entry starts after the canvas is
    cleared.
    """
    drawings = st.session_state.setdefault("drawings", [])
    entry = {"image28": image28.copy(), "top": int(top), "probability": float(probability),
             "dataset": dataset_name, "model": model_name}
    if st.session_state.get("classify_drawing_open") and drawings:
        drawings[-1] = entry
    else:
        drawings.append(entry)
        del drawings[:-MAX_DRAWINGS]
    st.session_state["classify_drawing_open"] = True


def show_prediction(image, model, meta: dict, dataset, source: str) -> dict | None:
    """Everything after the canvas or the upload: preprocessing steps, the 28x28 input, the
    probabilities and the model's answer. ``source`` ("draw"/"upload") keeps widget keys apart.

    Returns ``{"image28", "probabilities", "top"}``, or None when the picture could not be used
    (the reason is shown).
    """
    lang = ui.lang()
    try:
        steps = preprocess.preprocess_steps(image, dataset.name)
    except UserError as err:
        ui.show_user_error(err)
        return None
    image28 = steps[-1][1]
    probabilities = inference.predictor_for(model).probabilities(image28)
    top = int(np.argmax(probabilities))
    names = i18n.class_names(dataset.name, lang)
    english = i18n.class_names(dataset.name, "en")
    bengali = i18n.class_names(dataset.name, "bn")

    answer, chart = st.columns([2, 3])
    with answer:
        both = english[top] if english[top] == bengali[top] else f"{english[top]} — {bengali[top]}"
        st.subheader(ui.tr("classify.top_prediction", name=both))
        st.markdown(ui.tr("classify.top_probability",
                          percent=f"{i18n.number(probabilities[top] * 100, lang, '.1f')}%"))
        if probabilities[top] < LOW_CONFIDENCE:
            st.warning(ui.tr("classify.low_confidence",
                             percent=f"{i18n.number(probabilities[top] * 100, lang, '.0f')}%",
                             count=i18n.number(len(names), lang)), icon="🤔")
        reason = inference.looks_unlike_data(image28, dataset)
        if reason is not None:
            st.warning(ui.tr("classify.unlike_data", reason=ui.tr(reason)), icon="🔍")
    with chart:
        st.markdown(f"**{ui.tr('classify.probabilities_header')}**")
        ui.plot(figures.probability_bars(probabilities, names, lang), key=f"classify_{source}_bars")

    st.markdown(f"**{ui.tr('classify.steps_header')}**")
    st.caption(ui.tr("classify.steps_explain"))
    columns = st.columns(len(steps))
    for column, (step_key, picture) in zip(columns, steps):
        with column:
            st.image(picture, caption=ui.tr(f"classify.step_{step_key}"), width="stretch", clamp=True)
    st.markdown(f"**{ui.tr('classify.input_header')}**")
    ui.plot(figures.pixel_heatmap(image28, lang), key=f"classify_{source}_pixels")
    return {"image28": image28, "probabilities": probabilities, "top": top}


def show_drawings(dataset_name: str) -> None:
    """Small thumbnails of the session's drawings with what the model said."""
    drawings = [entry for entry in st.session_state.get("drawings", []) if entry["dataset"] == dataset_name]
    if not drawings:
        return
    lang = ui.lang()
    names = i18n.class_names(dataset_name, lang)
    with st.expander(ui.tr("classify.history_header")):
        columns = st.columns(6)
        for index, entry in enumerate(reversed(drawings)):
            with columns[index % 6]:
                st.image(entry["image28"], width=84, clamp=True,
                         caption=f"{names[entry['top']]} · {i18n.number(entry['probability'] * 100, lang, '.0f')}%")


# ------------------------------------------------------------------------------ page
def draw_tab(model, meta: dict, dataset) -> None:
    from streamlit_drawable_canvas import st_canvas  # only importable inside a running app

    st.caption(ui.tr("classify.draw_help"))
    brush = st.slider(ui.tr("classify.brush"), min_value=8, max_value=40, value=20, step=2, key="classify_brush")
    canvas = st_canvas(stroke_width=brush, stroke_color="#FFFFFF", background_color="#000000",
                       update_streamlit=True, height=CANVAS_SIZE, width=CANVAS_SIZE, drawing_mode="freedraw",
                       return_image_data=True, key="classify_canvas")
    drawing = canvas.image_data
    if drawing is None or not np.asarray(drawing)[..., :3].any():
        st.session_state["classify_drawing_open"] = False
        st.info(ui.tr("classify.draw_something"), icon="✏️")
        return
    result = show_prediction(drawing, model, meta, dataset, source="draw")
    if result is not None:
        remember_drawing(result["image28"], result["top"], float(result["probabilities"][result["top"]]),
                         dataset.name, ui.model_name(meta))


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
dataset = ui.get_data()
model, meta = model_section(dataset.name)
draw, upload = st.tabs([ui.tr("classify.tab_draw"), ui.tr("classify.tab_upload")])
with draw:
    draw_tab(model, meta, dataset)
    show_drawings(dataset.name)
with upload:
    upload_tab(model, meta, dataset)
