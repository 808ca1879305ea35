"""Home: what the app teaches, a map of the pages, and which data is in use."""

import streamlit as st

import ui
from cnn_core import i18n
from ui.report import report_section, server_jobs_caption

ui.use_app_navigation()

dataset = ui.get_data()
lang = ui.lang()

st.title(ui.tr("home.title"))
st.markdown(ui.tr("home.intro"))

st.subheader(ui.tr("home.map"))
for path, key in [("pages/datasets.py", "datasets"), ("pages/conv_lab.py", "conv_lab"),
                  ("pages/train.py", "train"), ("pages/classify.py", "classify"),
                  ("pages/inside.py", "inside")]:
    with st.container(border=True):
        st.page_link(path, label=ui.tr(f"nav.{key}"))
        st.caption(ui.tr(f"home.step.{key}"))

st.subheader(ui.tr("home.data_heading"))
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
