"""Datasets: the tfds catalog, the chosen dataset's metadata, its pictures and its balance."""

import streamlit as st

import ui
from cnn_core import datasets, i18n
from cnn_core.errors import UserError
from cnn_core.figures import datasets as figures
from ui import links
from ui.theme import advanced

PAGE_SIZE = 24
ALL_CLASSES = -1  # a real option value (not None, which a selectbox reads as "nothing chosen")

data = ui.get_data()
lang = ui.lang()
names = i18n.class_names(data.name, lang)
info = data.info

st.title(ui.tr("datasets.title"))
st.markdown(ui.tr("datasets.intro"))


@st.cache_data(show_spinner=False)
def _catalog() -> list[str]:
    return datasets.catalog()


@st.cache_data(show_spinner=False, max_entries=64)
def _catalog_entry(name: str) -> dict:
    """What the catalog shows of one dataset, read offline; ``error`` when tfds cannot describe it."""
    try:
        entry = datasets.builder_info(name)
    except Exception as exc:  # some builders need extra packages just to describe themselves
        return {"error": str(exc)[:300]}
    return {"description": entry.description, "version": str(entry.version),
            "features": str(entry.features), "homepage": entry.homepage,
            "shape": datasets.image_shape(entry)}


# ---- the catalog -------------------------------------------------------------------------------
with advanced(ui.tr("datasets.catalog_heading"), key="catalog", expanded=False):
    catalog = _catalog()
    query = st.text_input(ui.tr("datasets.search"), key="catalog_query",
                          placeholder=ui.tr("datasets.search_placeholder"))
    matches = [name for name in catalog if query.strip().lower() in name.lower()]
    st.caption(ui.tr("datasets.catalog_count", shown=i18n.number(len(matches), lang),
                     total=i18n.number(len(catalog), lang)))
    if matches:
        picked = st.selectbox(ui.tr("datasets.catalog_pick"), matches, key="catalog_pick",
                              index=matches.index(data.name) if data.name in matches else 0)
        entry = _catalog_entry(picked)
        if "error" in entry:
            st.warning(ui.tr("datasets.catalog_no_info", name=picked, reason=entry["error"]))
        else:
            st.markdown(f"**{picked}** · v{entry['version']} · {entry['homepage']}")
            st.write(entry["description"])
            st.code(entry["features"], language=None)
            if picked in datasets.DATASETS:
                st.success(ui.tr("datasets.catalog_offline", name=picked))
            elif entry["shape"] != datasets.IMAGE_SHAPE:
                st.info(ui.tr("datasets.catalog_wrong_shape", shape=str(entry["shape"])))
            elif st.button(ui.tr("datasets.catalog_try_download", name=picked), key="catalog_download"):
                try:
                    with st.spinner(ui.tr("data.stage_downloading", name=picked)):
                        extra = datasets.load(picked)
                    st.success(ui.tr(f"data.source.{extra.source}", name=picked, detail=extra.source_detail))
                    ui.plot(figures.example_mosaic(extra.test_images[:16],
                                                   [extra.class_names[i] for i in extra.test_labels[:16]]),
                            key="catalog_examples")
                except UserError as err:
                    ui.show_user_error(err)
    else:
        st.info(ui.tr("datasets.catalog_none", query=query))

# ---- metadata ----------------------------------------------------------------------------------
st.header(ui.tr("datasets.info_heading", name=ui.tr(f"data.name.{data.name}")))
st.caption(ui.tr(f"data.source.{data.source}", name=ui.tr(f"data.name.{data.name}"), detail=data.source_detail))
facts = st.columns(4)
facts[0].metric(ui.tr("datasets.version"), str(info.version))
facts[1].metric(ui.tr("datasets.total"), i18n.number(sum(s.num_examples for s in info.splits.values()), lang))
facts[2].metric(ui.tr("datasets.classes"), i18n.number(data.num_classes, lang))
facts[3].metric(ui.tr("datasets.image_shape"), "×".join(str(n) for n in datasets.image_shape(info)))
st.write(info.description)
left, right = st.columns(2)
with left:
    st.markdown(f"**{ui.tr('datasets.splits')}**")
    st.table({ui.tr("datasets.split"): list(info.splits.keys()),
              ui.tr("datasets.examples"): [i18n.number(s.num_examples, lang) for s in info.splits.values()]},
             hide_index=True)
    st.markdown(f"**{ui.tr('datasets.features')}**")
    st.code(str(info.features), language=None, wrap_lines=True)
with right:
    st.markdown(f"**{ui.tr('datasets.class_names')}**")
    st.table({ui.tr("a11y.label_number"): list(range(data.num_classes)), "tfds": data.class_names, ui.tr("datasets.in_your_language"): names},
             hide_index=True)
with advanced(ui.tr("datasets.citation"), key="citation"):
    st.code(info.citation, language="bibtex")
    st.caption(str(info.homepage))

# ---- examples ----------------------------------------------------------------------------------
st.header(ui.tr("datasets.examples_heading"))
controls = st.columns([1.2, 1.6, 1, 1])
split_labels = {s: ui.tr(f"datasets.split_{s}") for s in ("train", "test")}
links.bind(links.Choice("split", "examples_split", "train", options=tuple(split_labels)),
           links.Choice("class", "examples_class", ALL_CLASSES, options=(ALL_CLASSES, *range(data.num_classes))),
           links.Flag("shuffle", "examples_shuffle"),
           links.Integer("seed", "examples_seed", 0, None, 0, 2**31 - 1))
split = controls[0].radio(ui.tr("datasets.split"), list(split_labels), key="examples_split", horizontal=True,
                          index=links.shown_index("examples_split", list(split_labels)),
                          format_func=split_labels.get)
all_classes = ui.tr("datasets.all_classes")
class_choice = controls[1].selectbox(ui.tr("datasets.filter_class"), [ALL_CLASSES, *range(data.num_classes)],
                                     key="examples_class",
                                     index=links.shown_index("examples_class", [ALL_CLASSES, *range(data.num_classes)]),
                                     format_func=lambda c: all_classes if c == ALL_CLASSES else names[c])
class_filter = None if class_choice == ALL_CLASSES else class_choice
shuffle = controls[2].toggle(ui.tr("datasets.shuffle"), links.shown("examples_shuffle", False), key="examples_shuffle")
seed = controls[3].number_input(ui.tr("datasets.seed"), min_value=0, max_value=2**31 - 1,
                                value=links.shown("examples_seed", 0), step=1, key="examples_seed", disabled=not shuffle)
images, labels = data.split(split)
order = datasets.example_indices(labels, class_filter, int(seed) if shuffle else None)
pages = max(1, -(-len(order) // PAGE_SIZE))
page_state = f"examples_page/{split}/{class_filter}/{shuffle}/{seed}"
linked_page = links.take("page", links.Integer("page", page_state, 1, None, 1, pages).parse)
if linked_page is not None:
    st.session_state[page_state] = linked_page - 1
current = min(st.session_state.get(page_state, 0), pages - 1)
nav = st.columns([1, 2, 1])
if nav[0].button(ui.tr("datasets.previous"), key="examples_prev", disabled=current == 0, width="stretch"):
    current -= 1
if nav[2].button(ui.tr("datasets.next"), key="examples_next", disabled=current >= pages - 1, width="stretch"):
    current += 1
st.session_state[page_state] = current
links.keep("page", str(current + 1), "1", keys=("examples_prev", "examples_next"))
nav[1].markdown(ui.tr("datasets.page_of", page=i18n.number(current + 1, lang), pages=i18n.number(pages, lang)))

shown = order[current * PAGE_SIZE:(current + 1) * PAGE_SIZE]
columns = 8
mosaic = figures.example_mosaic(images[shown], [f"#{i} {names[labels[i]]}" for i in shown], columns,
                                hover_label=ui.tr("datasets.pixel_value"))
event = ui.plot(mosaic, key="examples_mosaic", on_select="rerun", selection_mode="points",
                width="stretch")
clicked = None
points = (event or {}).get("selection", {}).get("points", []) if event else []
if points:
    position = figures.tile_at(points[0]["x"], points[0]["y"], len(shown), columns)
    clicked = None if position is None else int(shown[position])
st.caption(ui.tr("datasets.click_hint"))

zoom_choices = [int(i) for i in shown]
if clicked is not None:
    st.session_state["examples_zoom"] = clicked
if st.session_state.get("examples_zoom") not in zoom_choices:
    st.session_state["examples_zoom"] = zoom_choices[0]
zoomed = st.selectbox(ui.tr("datasets.zoom_pick"), zoom_choices, key="examples_zoom",
                      format_func=lambda i: f"#{i} — {names[labels[i]]}")
zoom_left, zoom_right = st.columns([3, 2])
with zoom_left:
    ui.plot(figures.pixel_zoom(images[zoomed], ui.tr("datasets.zoom_title", index=zoomed, label=names[labels[zoomed]]),
                               (ui.tr("datasets.row"), ui.tr("datasets.col"), ui.tr("datasets.pixel_value"),
                                ui.tr("datasets.normalized")), lang),
            key="examples_zoom_figure")
with zoom_right:
    pixels = images[zoomed].reshape(28, 28)
    st.markdown(ui.tr("datasets.normalize_explained"))
    st.code("images = tf.cast(images, tf.float32) / 255", language="python", wrap_lines=True)
    st.markdown(ui.tr("datasets.zoom_stats", low=int(pixels.min()), high=int(pixels.max()),
                      mean=f"{pixels.mean():.1f}", mean01=f"{pixels.mean() / 255:.3f}",
                      ink=f"{(pixels > 0).mean():.0%}"))

# ---- balance and intensities ---------------------------------------------------------------------
st.header(ui.tr("datasets.balance_heading"))
counts = {split_labels[s]: datasets.class_counts(data.split(s)[1], data.num_classes) for s in ("train", "test")}
ui.plot(figures.class_balance(counts, names, ui.tr("datasets.balance_title")), key="balance",
        width="stretch")
spread = max(c.max() - c.min() for c in counts.values())
st.caption(ui.tr("datasets.balance_note", spread=i18n.number(int(spread), lang)))


@st.cache_data(show_spinner=False)
def _histograms(name: str) -> dict:
    return {s: datasets.pixel_histogram(ui.get_data(name).split(s)[0]) for s in ("train", "test")}


histograms = {split_labels[s]: value for s, value in _histograms(data.name).items()}
ui.plot(figures.intensity_histogram(histograms, ui.tr("datasets.histogram_title"), ui.tr("datasets.pixel_value"),
                                    ui.tr("datasets.share_of_pixels")), key="histogram")
st.caption(ui.tr("datasets.histogram_note"))
