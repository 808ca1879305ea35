"""Session state and server-wide caches the pages share.

The sidebar in ``app.py`` owns three widgets whose keys hold the session's choices: ``lang``,
``dataset`` and ``projector``. Pages read them through the functions here, so none of them touches a
raw session-state key.
"""

from __future__ import annotations

import threading

import streamlit as st

from cnn_core import datasets, i18n, models
from cnn_core.errors import UserError

_prepare_lock = threading.Lock()
_ready: set[tuple[str, str]] = set()  # (name, data_dir) already loaded by this server


def lang() -> str:
    """The session's language code (``"en"`` or ``"bn"``)."""
    value = st.session_state.get("lang", i18n.DEFAULT_LANGUAGE)
    return value if value in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def keep_choices() -> None:
    """Language-switch callback: keep every choice the learner made, shown in the new language.

    The browser remembers a radio's, selectbox's or multiselect's choice by its label, so once the
    labels change language it finds no match: nothing shows as chosen and the next run falls back to
    the default. Writing each such value back through session state makes Streamlit render it from
    the value itself. Only choice widgets are touched (Streamlit's widget metadata says which ones
    send labels); buttons, uploads, editors and charts are left alone.
    """
    from streamlit.runtime.state.session_state_proxy import get_session_state

    state = get_session_state()._state
    metadata = state._new_widget_state.widget_metadata
    for key in list(st.session_state):
        widget = metadata.get(state._key_id_mapper.get_id_from_key(key, None) or "")
        value = st.session_state[key]
        if (widget is not None and widget.value_type in ("string_value", "string_array_value")
                and isinstance(value, (str, int, float, list, tuple))):
            st.session_state[key] = value


def tr(key: str, **values) -> str:
    """The catalog text for ``key`` in the session's language."""
    return i18n.t(key, lang(), **values)


def dataset_name() -> str:
    """The dataset the session works on (``"fashion_mnist"`` by default)."""
    value = st.session_state.get("dataset", datasets.APP_DATASETS[0])
    return value if value in datasets.APP_DATASETS else datasets.APP_DATASETS[0]


def projector() -> bool:
    """Whether projector mode (big text, high contrast) is on."""
    return bool(st.session_state.get("projector", False))


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_dataset(name: str, data_dir: str) -> datasets.Dataset:
    with _prepare_lock:  # two first visitors must not both prepare the same files
        dataset = datasets.load(name, data_dir=data_dir)
    _ready.add((name, data_dir))
    return dataset


def get_data(name: str | None = None) -> datasets.Dataset:
    """The server-wide cached dataset (prepared on first use, with a status box while tfds works)."""
    name = name or dataset_name()
    data_dir = str(datasets.default_data_dir())
    if (name, data_dir) in _ready:
        return _load_dataset(name, data_dir)
    try:
        source, _ = datasets.plan_source(name, datasets.default_data_dir())
    except UserError as err:
        show_user_error(err)
        st.stop()
    if source == datasets.SOURCE_PREPARED:
        return _load_dataset(name, data_dir)
    with st.status(tr(f"data.stage_{'preparing' if source == datasets.SOURCE_SHIPPED else 'downloading'}",
                      name=name), expanded=True) as status:
        try:
            dataset = _load_dataset(name, data_dir)
        except UserError as err:
            status.update(state="error")
            show_user_error(err)
            st.stop()
        status.update(label=tr("data.stage_ready", name=name, seconds=f"{dataset.load_seconds:.0f}"),
                      state="complete", expanded=False)
    return dataset


def show_user_error(err: UserError) -> None:
    """Explain a user-caused problem in the session's language; the page carries on."""
    st.error(tr(err.key, **err.values), icon="⚠️")


@st.cache_resource(show_spinner=False)
def _pretrained(dataset: str):
    from cnn_core import store

    return store.pretrained(dataset)


def pretrained_model(dataset: str | None = None):
    """``(model, meta)`` of the app's pretrained default for ``dataset`` (server-wide cached)."""
    return _pretrained(dataset or dataset_name())


def active_model():
    """``(model, meta)`` the session uses: its chosen model for this dataset, else the pretrained default.

    Raises ``UserError`` when neither exists (no trained model and no pretrained file).
    """
    chosen = st.session_state.get("active_model")
    if chosen is not None and chosen[1].get("dataset") == dataset_name():
        return chosen
    return pretrained_model()


def model_name(meta: dict) -> str:
    """A model's name for the page: the shipped defaults get a name in the page's language."""
    if meta.get("pretrained"):
        return tr("classify.pretrained_name", kind=models.preset_label(meta.get("preset", "seed"), lang()))
    return str(meta.get("name", "?"))


def set_active_model(model, meta: dict) -> None:
    """Make ``model`` the one Classify and Inside the model use in this session."""
    st.session_state["active_model"] = (model, meta)
