"""Fashion CNN Lab — the entry point: page setup, the sidebar's session choices, navigation.

Run it with ``streamlit run app.py``. Every page lives in ``pages/`` and reads the session's
language, dataset and projector mode through ``ui``.
"""

import streamlit as st

from cnn_core import datasets, i18n
from ui import state
from ui.server_safety import keep_keras_state
from ui.theme import inject_css

keep_keras_state()  # Streamlit would otherwise call keras.backend.clear_session() after every run

st.set_page_config(page_title="Fashion CNN Lab", page_icon="🧥", layout="wide")

with st.sidebar:
    lang = state.lang()
    st.radio("Language / ভাষা", options=list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get,
             key="lang", horizontal=True, on_change=state.keep_choices)
    st.radio(state.tr("app.dataset"), options=list(datasets.APP_DATASETS),
             format_func=lambda name: i18n.t(f"data.name.{name}", lang), key="dataset")
    st.toggle(state.tr("app.projector"), key="projector", help=state.tr("app.projector_help"))

inject_css(state.projector())

PAGES = [
    ("pages/home.py", "nav.home", "🏠", "home"),
    ("pages/datasets.py", "nav.datasets", "🗂️", "datasets"),
    ("pages/conv_lab.py", "nav.conv_lab", "🔍", "conv_lab"),
    ("pages/train.py", "nav.train", "🏋️", "train"),
    ("pages/classify.py", "nav.classify", "✏️", "classify"),
    ("pages/inside.py", "nav.inside", "🧠", "inside"),
]
navigation = st.navigation([
    st.Page(path, title=state.tr(title_key), icon=icon, url_path=url_path, default=url_path == "home")
    for path, title_key, icon, url_path in PAGES
])

dataset = state.get_data()
with st.sidebar:
    st.caption(state.tr(f"data.source.{dataset.source}", name=state.tr(f"data.name.{dataset.name}"),
                        detail=dataset.source_detail))

navigation.run()
