"""The one model picker: which model a page uses, and the others it could switch to.

Every page that shows a model's answers (Classify, Inside the model, the Network view, ...) calls
:func:`model_picker`. It says which model is in use and, when there are others for the dataset, offers
them: the shipped default, the model trained in this session (kept even when it was not saved), and
every saved run. Picking one makes it the session's active model for every page.
"""

from __future__ import annotations

import streamlit as st

from cnn_core import i18n, store
from cnn_core.errors import UserError
from ui.state import active_model, lang, model_name, pretrained_model, set_active_model, show_user_error, tr

SESSION_MODEL_KEY = "models_session_model"   # this session's unsaved trained model, kept for coming back
SWITCH_ERROR_KEY = "models_switch_error"     # a failed switch's error, shown on the next run


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
        options["pretrained"] = (tr("classify.option_pretrained"), lambda: pretrained)
    session_model = st.session_state.get(SESSION_MODEL_KEY)
    if session_model is not None and session_model[1].get("dataset") == dataset_name:
        options["session"] = (tr("classify.option_session", name=session_model[1].get("name", "?")),
                              lambda: session_model)
    model_store = store.ModelStore()
    for meta in model_store.list():
        if meta.get("broken") or meta.get("dataset") != dataset_name:
            continue
        run_id = meta["run_id"]
        created = str(meta.get("created", ""))[:16].replace("T", " ")
        options[f"saved:{run_id}"] = (tr("classify.option_saved", name=meta.get("name", run_id), created=created),
                                      lambda run_id=run_id: model_store.load(run_id))
    return options


def _current_choice(active, options: dict) -> str | None:
    """The option key that names the active model."""
    run_id = active[1].get("run_id")
    if "pretrained" in options and _is_same(active, options["pretrained"][1]()):
        return "pretrained"
    if "session" in options and _is_same(active, st.session_state.get(SESSION_MODEL_KEY)):
        return "session"
    if run_id and f"saved:{run_id}" in options:
        return f"saved:{run_id}"
    return None


def _choose(options: dict, widget_key: str) -> None:
    """Radio callback: make the picked model the session's active one."""
    try:
        model, meta = options[st.session_state[widget_key]][1]()
    except UserError as err:
        st.session_state[SWITCH_ERROR_KEY] = err
        return
    set_active_model(model, meta)


def model_picker(dataset_name: str, key: str):
    """Say which model is in use and offer the others; returns ``(model, meta)``.

    ``key`` names the page's radio (one per page). Without a pretrained default or a chosen model
    the picker offers the saved models, and stops the page when there are none.
    """
    try:
        active = active_model()
    except UserError as err:
        active, missing = None, err
    remembered = st.session_state.get(SESSION_MODEL_KEY)
    chosen = st.session_state.get("active_model")
    if chosen is not None and not chosen[1].get("run_id") and not _is_same(chosen, remembered):
        # A model trained in this session and not saved: keep it so the learner can come back to it.
        st.session_state[SESSION_MODEL_KEY] = chosen
    options = model_options(dataset_name)
    error = st.session_state.pop(SWITCH_ERROR_KEY, None)
    if error is not None:
        show_user_error(error)
    if active is None:
        show_user_error(missing)
        st.info(tr("classify.no_model"))
        if options:
            st.radio(tr("classify.switch_model"), options=list(options), key=key, index=None,
                     format_func=lambda choice: options[choice][0], on_change=_choose, args=(options, key),
                     help=tr("classify.switch_help"))
        st.stop()
    model, meta = active
    accuracy = meta.get("test_accuracy")
    st.markdown(tr("classify.model_in_use", name=model_name(meta), dataset=tr(f"data.name.{dataset_name}"),
                   accuracy=(f"{i18n.number(accuracy * 100, lang(), '.1f')}%" if accuracy is not None
                             else tr("classify.accuracy_unknown"))))
    if len(options) > 1:
        current = _current_choice(active, options)
        if current is not None:
            st.session_state[key] = current
        with st.expander(tr("classify.switch_model")):
            st.radio(tr("classify.switch_model"), options=list(options), key=key,
                     format_func=lambda choice: options[choice][0], on_change=_choose, args=(options, key),
                     help=tr("classify.switch_help"), label_visibility="collapsed")
    return model, meta


def active_model_or_stop(no_model_key: str):
    """``(model, meta)`` the session uses; without one, explain why and what to do (``no_model_key``)
    and stop the page."""
    try:
        return active_model()
    except UserError as err:
        show_user_error(err)
        st.info(tr(no_model_key))
        st.stop()
