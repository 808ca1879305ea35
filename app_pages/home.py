"""Home: what the app teaches, a map of the pages, and which data is in use."""

import streamlit as st

import ui
from app_pages import PAGES
from cnn_core import i18n
from ui.report import report_section, server_jobs_caption

lang = ui.lang()

st.title(ui.tr("home.title"))
st.markdown(ui.tr("home.intro"))

st.header(ui.tr("home.map"))
for spec in (spec for spec in PAGES if spec.blurb_key):
    with st.container(border=True):
        st.page_link(spec.path, label=ui.tr(spec.title_key), icon=spec.icon)
        st.caption(ui.tr(spec.blurb_key))

st.header(ui.tr("home.data_heading"))
dataset = ui.get_data()  # on a first start: tfds' progress here, the map above already works
columns = st.columns(3)
columns[0].metric(ui.tr("home.train_images"), i18n.number(len(dataset.train_labels), lang))
columns[1].metric(ui.tr("home.test_images"), i18n.number(len(dataset.test_labels), lang))
columns[2].metric(ui.tr("home.classes"), i18n.number(dataset.num_classes, lang))
st.success(ui.tr(f"data.source.{dataset.source}", name=ui.tr(f"data.name.{dataset.name}"),
                 detail=dataset.source_detail))
st.caption(", ".join(i18n.class_names(dataset.name, lang)))

st.divider()
report_section()
server_jobs_caption()
