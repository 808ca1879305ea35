"""Fashion CNN Lab — the entry point: page setup, the sidebar's session choices, navigation.

Run it with ``streamlit run app.py``. Every page lives in ``app_pages/`` (registered in
``app_pages.PAGES``) and reads the session's language, dataset and projector mode through ``ui``.
"""

from pathlib import Path

import streamlit as st

from app_pages import DEFAULT_PAGE, PAGES
from cnn_core import datasets, i18n
from ui import links, state
from ui.accessibility import assistive_setup
from ui.plans import plan_panel
from ui.server_safety import keep_choices, keep_keras_state, keep_unsent_fragment_messages
from ui.theme import inject_css
from ui.training import warm_up_with_server

FAVICON = Path(__file__).resolve().parent / "assets" / "favicon.png"

keep_keras_state()  # Streamlit would otherwise call keras.backend.clear_session() after every run
keep_unsent_fragment_messages()  # a busy server would otherwise drop a full run's fragments (a blank tab)
warm_up_with_server()  # training workers and the model checker start with the server, not at first use

# The tab's icon is a shipped picture (a Fashion-MNIST T-shirt): a Material icon there is fetched from
# Google's font servers, which an offline classroom cannot reach.
st.set_page_config(page_title="Fashion CNN Lab", page_icon=str(FAVICON), layout="wide")
links.open_link()  # a lesson link's language, dataset and projector choice, before the sidebar draws them

with st.sidebar:
    lang = state.lang()
    # The switch is labelled in every language: a learner who cannot read the current one finds it.
    st.radio(" / ".join(i18n.t("app.language", code) for code in i18n.LANGUAGES), options=list(i18n.LANGUAGES),
             format_func=i18n.LANGUAGES.get, key="lang", horizontal=True, on_change=keep_choices)
    st.radio(state.tr("app.dataset"), options=list(datasets.DATASETS),
             format_func=lambda name: i18n.t(datasets.DATASETS[name].name_key, lang), key="dataset")
    st.toggle(state.tr("app.projector"), key="projector", help=state.tr("app.projector_help"))

inject_css(state.projector())
assistive_setup(state.lang())  # <html lang> for screen readers, scrollable boxes reachable by Tab

navigation = st.navigation([
    st.Page(spec.path, title=state.tr(spec.title_key), icon=spec.icon, url_path=spec.url,
            default=spec is DEFAULT_PAGE)
    for spec in PAGES
])

dataset = state.data_if_ready()  # never waits: pages that need the data show its preparation
with st.sidebar:
    if dataset is None:
        st.caption(state.tr("data.being_prepared", name=state.tr(f"data.name.{state.dataset_name()}")))
    else:
        st.caption(state.tr(f"data.source.{dataset.source}", name=state.tr(f"data.name.{dataset.name}"),
                            detail=dataset.source_detail))
        for repair in dataset.repairs:   # a torn cache or a damaged data folder was rebuilt at load
            st.caption(state.tr(f"data.repaired_{repair}", name=state.tr(f"data.name.{dataset.name}")))

plan_panel()  # "Step k of n" with Back / Next while the session follows a lesson plan

with links.page_run(navigation.url_path):  # the page's choices go into the URL; the sidebar shows its link
    navigation.run()
