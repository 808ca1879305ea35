"""The whole network, live: one picture through every layer of the session's model, and any map,
dense unit or the softmax opened up. The arithmetic lives in ``cnn_core.network``, the figures in
``cnn_core.figures.network``; this page only picks the picture and the step to open."""

from __future__ import annotations

import numpy as np
import streamlit as st

import ui
from cnn_core import examples, i18n, network, preprocess
from cnn_core.errors import UserError
from cnn_core.figures import network as figures
from cnn_core.figures.conv import format_number
from cnn_core.questions import CLASS, Question
from ui import links, present
from ui import questions as questions_ui
from ui.models import active_model_or_stop
from ui.plans import literal
from ui.sketchpad import model_url, sketchpad
from ui.teach import taught_test_set
from ui.theme import unchecked_figure

CANVAS_SIZE = 240
BRUSH = 18
SOURCES = ("draw", "upload", "test")
DELTA_LIMIT = 10.0
STRONGEST = 5
CHART_CONFIG = {"displayModeBar": False}
CHANNEL_LINES_HEIGHT = 260      # the C written-out channel lines scroll inside this many pixels


def show(figure: dict, key: str) -> None:
    """A plain-dict figure, already styled for projector mode by its builder, sent without plotly's
    property-by-property validation (40 ms of every stroke; tests/unit/test_network.py validates
    every builder's output instead)."""
    st.plotly_chart(unchecked_figure(figure), key=key, config=CHART_CONFIG)


def fallback_picture(dataset, names: list[str], message_key: str) -> np.ndarray:
    """Test picture 0 with a note, until the learner draws or uploads something."""
    st.caption(ui.tr(message_key, index=i18n.number(0, LANG), label=names[int(dataset.test_labels[0])]))
    return np.asarray(dataset.test_images[0])[:, :, 0]


def drawn_picture(dataset, names: list[str], strip: dict | None = None) -> np.ndarray:
    """The learner's drawing as the model's input. The sketchpad answers each stroke itself, at once:
    with ``strip``, it draws the whole strip beside the canvas; else it names the model's answer."""
    drawing = sketchpad(key="network_canvas", model=model, dataset=PROFILE, names=names,
                        answer_names=examples.answer_names(meta, DATA_NAME),
                        lang=LANG, brush=BRUSH, size=CANVAS_SIZE, compact=True, projector=PROJECTOR,
                        strip=strip, fallback=np.asarray(dataset.test_images[0])[:, :, 0] if strip else None)
    st.caption(ui.tr("network.draw_help"))
    if drawing is None:
        return fallback_picture(dataset, names, "network.nothing_drawn")
    return preprocess.to_model_input(drawing.picture, PROFILE)


def uploaded_picture(dataset, names: list[str]) -> np.ndarray:
    uploaded = st.file_uploader(ui.tr("network.upload_label"), type=list(preprocess.UPLOAD_EXTENSIONS),
                                key="network_upload")
    if uploaded is None:
        return fallback_picture(dataset, names, "network.upload_none")
    picture = preprocess.read_upload(uploaded.getvalue(), uploaded.name)
    return preprocess.to_model_input(picture, PROFILE)


def test_picture(dataset, names: list[str]) -> np.ndarray:
    last = len(dataset.test_labels) - 1
    links.bind(links.Integer("pic", "network_test_index", 0, None, 0, last))
    index = int(st.number_input(ui.tr("network.test_index", last=i18n.number(last, LANG, "d")), min_value=0,
                                max_value=last, value=links.shown("network_test_index", 0), step=1,
                                key="network_test_index"))
    st.caption(ui.tr("network.test_caption", index=i18n.number(index, LANG, "d"),
                     label=names[int(dataset.test_labels[index])]))
    return np.asarray(dataset.test_images[index])[:, :, 0]


def choose_source() -> str:
    links.bind(links.Choice("source", "network_source", SOURCES[0], options=SOURCES))
    return st.radio(ui.tr("network.source"), SOURCES, key="network_source", horizontal=True,
                    index=links.shown_index("network_source", SOURCES),
                    format_func=lambda key: i18n.t(f"network.source_{key}", LANG))


def choose_picture(source: str, dataset, names: list[str], strip: dict | None = None) -> np.ndarray:
    try:
        if source == "draw":
            return drawn_picture(dataset, names, strip)
        return {"upload": uploaded_picture, "test": test_picture}[source](dataset, names)
    except UserError as err:
        ui.show_user_error(err)
        return fallback_picture(dataset, names, "network.nothing_drawn" if source == "draw" else "network.upload_none")


def open_map(model) -> tuple[str, int] | None:
    """The convolution map the explainer below has open, ``(layer, channel)``: the strip rings it."""
    layers = network.conv_layers(model)
    if not layers:
        return None
    layer = st.session_state.get("network_conv_layer")
    layer = layer if layer in layers else layers[min(1, len(layers) - 1)]
    return layer, int(st.session_state.get(f"network_conv_channel_{layer}", 1)) - 1


def strip_in_page(model, names: list[str]) -> dict | None:
    """The strip for the sketchpad to draw itself, stroke by stroke, or None where the page cannot
    run this model (the server draws the strip then)."""
    if model_url(model) is None:
        return None
    try:
        columns = network.strip_columns(model)
    except UserError:
        return None
    return figures.browser_strip(columns, names, LANG, PROJECTOR, selected=open_map(model))


# ------------------------------------------------------------------------------ explainers
def conv_section(model, trace: network.NetworkTrace) -> tuple[str, int] | None:
    """Pick a convolution map and show how its channels add up; returns the ``(layer, channel)`` shown."""
    layers = network.conv_layers(model)
    if not layers:
        return None
    shapes = {name: trace.layer(name).values.shape for name in layers}
    links.bind(links.Choice("layer", "network_conv_layer", layers[min(1, len(layers) - 1)], options=layers))
    layer = st.selectbox(ui.tr("network.conv_layer"), layers, key="network_conv_layer",
                         index=links.shown_index("network_conv_layer", layers, min(1, len(layers) - 1)),
                         format_func=lambda name: i18n.t("network.conv_layer_option", LANG, name=name,
                                                         channels=shapes[name][2], rows=shapes[name][0],
                                                         cols=shapes[name][1]))
    rows, cols, channels = shapes[layer]
    strongest = np.unravel_index(int(np.argmax(trace.stage_of(layer).values[:, :, 0])), (rows, cols))
    pick = st.columns(3)
    links.bind(links.Integer("channel", f"network_conv_channel_{layer}", 1, None, 1, channels))
    channel = int(pick[0].number_input(ui.tr("network.conv_channel", count=channels), 1, channels,
                                       links.shown(f"network_conv_channel_{layer}", 1),
                                       key=f"network_conv_channel_{layer}")) - 1
    row = int(pick[1].number_input(ui.tr("network.pixel_row", count=rows), 1, rows, int(strongest[0]) + 1,
                                   key=f"network_pixel_row_{layer}")) - 1
    col = int(pick[2].number_input(ui.tr("network.pixel_col", count=cols), 1, cols, int(strongest[1]) + 1,
                                   key=f"network_pixel_col_{layer}")) - 1
    explained = network.explain_conv_map(model, trace, layer, channel)
    inputs = explained.trace.channels
    k_rows, k_cols = explained.trace.kernels.shape[:2]
    st.markdown(ui.tr("network.conv_explain", channel=channel + 1, layer=layer, count=inputs, rows=k_rows,
                      cols=k_cols))
    if inputs == 1:
        st.caption(ui.tr("network.conv_explain_first"))
    for change in explained.after:
        if change.kind == "batchnorm":
            st.caption(ui.tr("network.bn_explain", scale=format_number(change.scale, LANG),
                             shift=format_number(change.shift, LANG)))
    show(figures.channel_sum_figure(explained, row, col, LANG, PROJECTOR), key="network_channel_sum")
    pixel = explained.pixel(row, col)
    st.markdown(f"**{ui.tr('network.arithmetic_header', row=row + 1, col=col + 1, count=inputs, terms=k_rows * k_cols)}**")
    st.code(figures.pixel_channel_lines(pixel, LANG), language=None, wrap_lines=True, height=CHANNEL_LINES_HEIGHT)
    st.code(figures.pixel_sum_text(pixel, LANG), language=None, wrap_lines=True)
    model_value = format_number(float(explained.model_map[row, col]), LANG)
    if explained.matches_model:
        st.success(ui.tr("network.matches_model", value=model_value), icon=":material/check_circle:")
    else:
        st.warning(ui.tr("network.differs_from_model", value=model_value))
    return layer, channel


def dense_section(model, trace: network.NetworkTrace, names: list[str]) -> None:
    layers = network.dense_layers(model)
    sizes = {name: trace.layer(name).values.shape[0] for name in layers}
    layer = st.selectbox(ui.tr("network.dense_layer"), layers, key="network_dense_layer",
                         format_func=lambda name: i18n.t("network.dense_layer_option", LANG, name=name, units=sizes[name]))
    units = sizes[layer]
    busiest = int(np.argmax(trace.logits if layer == layers[-1] else trace.layer(layer).values))
    unit = int(st.number_input(ui.tr("network.dense_unit", count=units), 1, units, busiest + 1,
                               key=f"network_dense_unit_{layer}")) - 1
    explained = network.explain_dense_unit(model, trace, layer, unit)
    count = explained.contributions.size
    if explained.flatten_layer is not None:
        rows, cols, channels = explained.contributions.shape
        st.markdown(ui.tr("network.dense_explain", unit=unit + 1, layer=layer, count=i18n.number(count, LANG),
                          rows=rows, cols=cols, channels=channels))
    else:
        st.markdown(ui.tr("network.dense_explain_flat", unit=unit + 1, layer=layer, count=i18n.number(count, LANG)))
    show(figures.dense_contribution_figure(explained, LANG, PROJECTOR), key="network_dense_figure")
    st.code(figures.dense_sum_text(explained, LANG), language=None, wrap_lines=True)
    if layer == layers[-1] and unit < len(names):
        st.caption(ui.tr("network.dense_logit", name=names[unit]))
    up, down = explained.strongest(STRONGEST)
    columns = st.columns(2)
    for column, title, items in ((columns[0], "network.push_up", up), (columns[1], "network.push_down", down)):
        with column:
            st.markdown(f"**{ui.tr(title)}**")
            st.markdown("\n".join(f"- {figures.position_text(position, value, LANG)}" for position, value in items))


def winner_guessed(trace: network.NetworkTrace, change: network.LogitChange, names: list[str]) -> bool:
    """Question mode: ask which class wins after the learner's logit change; whether it was answered."""
    setup = questions_ui.digest(np.round(np.asarray(trace.logits, dtype=float), 4), change.index, change.delta)
    question = Question(f"network:winner:{setup}", CLASS, "questions.title_winner",
                        (("name", names[change.index]), ("delta", float(change.delta)),
                         ("setup", setup[:6])),
                        options=tuple((code, tuple(examples.model_class_names(meta, dataset.name, code)))
                                      for code in i18n.LANGUAGES))
    truth = int(np.argmax(change.after.probabilities))
    prompt = ui.tr("questions.winner_prompt", name=literal(names[change.index]), delta=format_number(change.delta, LANG))
    return questions_ui.ask(question, truth, prompt, key=f"network_winner_{setup}", show=names.__getitem__,
                            choices=list(range(len(names)))) is not None


def softmax_section(trace: network.NetworkTrace, names: list[str]) -> None:
    st.markdown(ui.tr("network.softmax_explain"))
    st.markdown(f"**{ui.tr('network.change_header')}**")
    pick = st.columns(2)
    chosen = pick[0].selectbox(ui.tr("network.change_class"), list(range(len(names))), index=trace.predicted,
                               format_func=names.__getitem__, key="network_change_class")
    delta = pick[1].slider(ui.tr("network.change_delta"), -DELTA_LIMIT, DELTA_LIMIT, 0.0, 0.5, key="network_change_delta")
    change = network.explain_logit_change(trace.logits, chosen, delta)
    if delta and ui.state.asking() and not winner_guessed(trace, change, names):
        show(figures.softmax_figure(change.before, names, LANG, PROJECTOR), key="network_softmax_figure")
        return  # the softmax after the change stays hidden until the learner has guessed the winner
    moved = change.after if delta else None
    show(figures.softmax_figure(change.before, names, LANG, PROJECTOR, changed=moved,
                                changed_index=chosen if delta else None), key="network_softmax_figure")
    shown = change.after
    if shown.shift:
        st.caption(ui.tr("network.softmax_shifted", shift=format_number(shown.shift, LANG)))
    st.markdown(figures.softmax_table(shown, names, LANG))
    st.code(figures.softmax_sum_text(shown, LANG), language=None, wrap_lines=True)
    if not delta:
        st.caption(ui.tr("network.change_none"))
        return
    st.info(ui.tr("network.change_effect", name=names[chosen], old=format_number(change.before.logits[chosen], LANG),
                  new=format_number(change.after.logits[chosen], LANG), delta=format_number(delta, LANG),
                  factor=figures.exp_text(change.factor, LANG), total=figures.exp_text(change.after.total, LANG),
                  p_old=figures.percent_text(change.before.probabilities[chosen], LANG),
                  p_new=figures.percent_text(change.after.probabilities[chosen], LANG),
                  ratio=figures.exp_text(change.others_factor, LANG, digits=4)), icon=":material/swap_vert:")


# ------------------------------------------------------------------------------ page
LANG = ui.lang()
PROJECTOR = ui.projector()
st.title(ui.tr("network.title"))
present_stage = present.stage()  # projector mode's "Present" switch, and its slides when it is on
st.markdown(ui.tr("network.intro"))
questions_ui.mode_note()
dataset = ui.get_data()
DATA_NAME = dataset.name                                      # the dataset's, even when a taught set is followed
model, meta = active_model_or_stop("network.no_model")
names = examples.model_class_names(meta, dataset.name, LANG)  # a taught model's own classes as typed
PROFILE = examples.model_profile(meta, dataset.name)          # how new pictures are framed for it
dataset_label = ui.tr(f"data.name.{dataset.name}")
if examples.is_taught(meta):  # its pictures to follow are the learner's examples, labelled with its classes
    dataset, dataset_label = taught_test_set(meta, dataset.name), ui.tr("teach.inside_examples")
    if dataset is None:
        st.info(ui.tr("teach.inside_no_examples"))
        st.stop()
    if st.session_state.get("network_test_index", 0) >= len(dataset.test_labels):
        del st.session_state["network_test_index"]
st.caption(ui.tr("network.model_in_use", name=ui.model_name(meta), dataset=dataset_label))

def explore(model, dataset, names: list[str]) -> None:
    """The picture and everything it flows into. Run as a fragment (below): a stroke on the canvas
    (or any choice here) reruns only this, not the page around it; the URL is kept up to date from
    here (``links.sync``). A drawing gets its strip from the sketchpad itself, in the stroke's own
    frame, across the page; a test picture or an upload gets the server's strip beside it."""
    source = choose_source()
    strip = strip_in_page(model, names) if source == "draw" else None
    right = None
    if strip is not None:
        image28 = choose_picture(source, dataset, names, strip)
        strip_notes(strip["capped"])
    else:
        if PROJECTOR:   # projector text is big: the picture on top, the strip below it across the whole page
            left, right = st.container(), st.container()
        else:
            left, right = st.columns([1.3, 3], gap="medium")
        with left:
            image28 = choose_picture(source, dataset, names)
            st.caption(ui.tr("network.model_input"))
            st.image(image28, width=112, clamp=True, alt=ui.tr("network.model_input"))
    try:
        trace = network.trace_network(model, image28)
    except UserError as err:
        ui.show_user_error(err)
        return

    st.header(ui.tr("network.open_header"))
    conv_tab, dense_tab, softmax_tab = st.tabs([ui.tr("network.tab_conv"), ui.tr("network.tab_dense"),
                                                ui.tr("network.tab_softmax")])
    with conv_tab:
        selected = conv_section(model, trace)
    with dense_tab:
        dense_section(model, trace, names)
    with softmax_tab:
        softmax_section(trace, names)
    if right is not None:
        with right:
            server_strip(trace, names, selected)
    if present.on():
        with present_stage:
            present.network_slides(trace, names, LANG)
    links.sync()


def strip_notes(capped: bool) -> None:
    st.caption(ui.tr("network.strip_explain"))
    if capped:
        st.caption(ui.tr("network.strip_capped", count=figures.MAX_STRIP_CHANNELS))


def server_strip(trace: network.NetworkTrace, names: list[str], selected: tuple[str, int] | None) -> None:
    """The strip drawn by the server (plotly), for a picture the sketchpad does not draw it for."""
    st.header(ui.tr("network.strip_header"))
    top = trace.predicted
    st.markdown(ui.tr("network.prediction", name=names[top] if top < len(names) else str(top),
                      percent=f"{i18n.number(trace.probabilities[top] * 100, LANG, '.1f')}%"))
    show(figures.network_strip(trace, names, LANG, PROJECTOR, selected=selected), key="network_strip")
    strip_notes(any(stage.values.ndim == 3 and stage.values.shape[2] > figures.MAX_STRIP_CHANNELS
                    for stage in trace.stages))


# Present mode's slides sit above this part of the page, where a fragment cannot write: there the
# whole page reruns (a projector shows one step at a time; no one draws fast on it).
(explore if present.on() else st.fragment(explore))(model, dataset, names)
