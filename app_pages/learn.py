"""Learn one step: one picture, its true class, one gradient step of a model, written out from the
loss back to a single kernel weight, then the update and the new loss. The arithmetic lives in
``cnn_core.learning`` (every number is TensorFlow's), the texts and figures in
``cnn_core.figures.learning``; this page picks the model, the picture and the weights to open."""

from __future__ import annotations

import numpy as np
import streamlit as st

import ui
from cnn_core import examples, i18n, learning, models, preprocess
from cnn_core.errors import UserError
from cnn_core.figures import learning as figures
from cnn_core.questions import DIRECTION, DIRECTIONS, Question
from ui import links, present
from ui import questions as questions_ui
from ui.state import drawings, pretrained_model
from ui.teach import taught_test_set
from ui.theme import unchecked_figure

MODEL_SOURCES = ("session", "shipped", "fresh")
PICTURE_SOURCES = ("test", "drawing", "upload")
LEARNING_RATES = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
DEFAULT_LEARNING_RATE = 0.01
OTHER_PICTURES = 100        # "other pictures" the N steps are checked on (each step runs them all)
DEFAULT_STEPS = 10
CHART_CONFIG = {"displayModeBar": False}
SUM_HEIGHT = 320            # the kernel weight's written-out sum scrolls inside this many pixels
CACHE_KEY = "learn_cache"   # the working copy and the last steps, kept per session


def show(figure: dict, key: str) -> None:
    st.plotly_chart(unchecked_figure(figure), key=key, config=CHART_CONFIG)


def session_cache() -> dict:
    return st.session_state.setdefault(CACHE_KEY, {})


def learner_for(model) -> tuple[learning.Learner, int]:
    """One working copy per session and model (made once: a clone costs tens of milliseconds), and
    its generation number (the results cached below belong to one generation)."""
    cache = session_cache()
    held = cache.get("learner")
    if held is None or held[0] is not model:
        generation = cache.get("generation", 0) + 1
        held = cache["learner"] = (model, learning.Learner(model))
        cache["generation"] = generation
        cache.pop("steps", None)
    return held[1], cache["generation"]


def cached(name: str, key: tuple, compute):
    """``compute()`` unless this session computed it for the same ``key`` last time."""
    cache = session_cache()
    if cache.get(name, (None,))[0] != key:
        cache[name] = (key, compute())
    return cache[name][1]


# ------------------------------------------------------------------------------ choices
def choose_model(dataset):
    """``(model, meta)`` from the learner's choice: the session's, the shipped one or a fresh preset."""
    links.bind(links.Choice("model", "learn_model", MODEL_SOURCES[0], options=MODEL_SOURCES))
    source = st.radio(ui.tr("learn.model_source"), MODEL_SOURCES, key="learn_model", horizontal=True,
                      format_func=lambda key: i18n.t(f"learn.model_{key}", LANG))
    if source == "fresh":
        presets = tuple(models.PRESETS)
        links.bind(links.Choice("preset", "learn_preset", presets[0], options=presets))
        preset = st.selectbox(ui.tr("learn.preset"), presets, key="learn_preset",
                              format_func=lambda name: models.preset_label(name, LANG))
        fresh = session_cache().setdefault("fresh", {})
        if (preset, dataset.name) not in fresh:
            fresh[(preset, dataset.name)] = (models.build_model(preset, num_classes=dataset.num_classes, seed=0),
                                            {"name": ui.tr("learn.fresh_name", preset=models.preset_label(preset, LANG)),
                                             "dataset": dataset.name, "preset": preset})
        return fresh[(preset, dataset.name)]
    try:
        return ui.active_model() if source == "session" else pretrained_model(dataset.name)
    except UserError as err:
        ui.show_user_error(err)
        st.info(ui.tr("learn.no_model"))
        st.stop()


def test_picture(dataset, names) -> tuple[np.ndarray, int | None]:
    last = len(dataset.test_labels) - 1
    links.bind(links.Integer("pic", "learn_test_index", 0, None, 0, last))
    index = int(st.number_input(ui.tr("learn.test_index", last=i18n.number(last, LANG, "d")), min_value=0,
                                max_value=last, value=0, step=1, key="learn_test_index"))
    label = int(dataset.test_labels[index])
    st.caption(ui.tr("learn.test_caption", index=i18n.number(index, LANG, "d"), label=names[label]))
    return np.asarray(dataset.test_images[index])[:, :, 0], label


def fallback_picture(dataset, names, message_key: str) -> tuple[np.ndarray, int]:
    st.caption(ui.tr(message_key, label=names[int(dataset.test_labels[0])]))
    return np.asarray(dataset.test_images[0])[:, :, 0], int(dataset.test_labels[0])


def drawn_picture(dataset, names, scope: str) -> tuple[np.ndarray, int | None]:
    kept = drawings(scope)
    if not kept:
        return fallback_picture(dataset, names, "learn.no_drawings")
    count = len(kept)
    links.bind(links.Integer("drawing", "learn_drawing", count, None, 1, count))
    if st.session_state.get("learn_drawing", count) > count:
        del st.session_state["learn_drawing"]
    number = int(st.number_input(ui.tr("learn.drawing_pick", count=count), 1, count, count, key="learn_drawing"))
    return np.asarray(kept[number - 1]["image28"]).reshape(28, 28), None


def uploaded_picture(dataset, names, profile: str) -> tuple[np.ndarray, int | None]:
    uploaded = st.file_uploader(ui.tr("learn.upload_label"), type=list(preprocess.UPLOAD_EXTENSIONS),
                                key="learn_upload")
    if uploaded is None:
        return fallback_picture(dataset, names, "learn.upload_none")
    picture = preprocess.read_upload(uploaded.getvalue(), uploaded.name)
    return preprocess.to_model_input(picture, profile), None


def choose_picture(dataset, names, meta) -> tuple[np.ndarray, int | None]:
    """The picture, and its own class where it has one (a test picture's label)."""
    links.bind(links.Choice("source", "learn_source", PICTURE_SOURCES[0], options=PICTURE_SOURCES))
    source = st.radio(ui.tr("learn.source"), PICTURE_SOURCES, key="learn_source", horizontal=True,
                      format_func=lambda key: i18n.t(f"learn.source_{key}", LANG))
    try:
        if source == "test":
            return test_picture(dataset, names)
        if source == "drawing":
            return drawn_picture(dataset, names, examples.drawings_scope(meta, ui.dataset_name()))
        return uploaded_picture(dataset, names, examples.model_profile(meta, ui.dataset_name()))
    except UserError as err:
        ui.show_user_error(err)
        return fallback_picture(dataset, names, "learn.upload_none")


def choose_label(names, own_label: int | None, answer: int) -> int:
    """The true class: the picture's own (test pictures) or the model's answer unless the learner
    picks one."""
    options = ("auto", *range(len(names)))
    links.bind(links.Choice("label", "learn_label", "auto", options=options))
    if st.session_state.get("learn_label", "auto") not in options:
        del st.session_state["learn_label"]
    automatic = own_label if own_label is not None else answer
    chosen = st.selectbox(ui.tr("learn.label"), options, key="learn_label",
                          format_func=lambda option: (i18n.t("learn.label_own" if own_label is not None else
                                                             "learn.label_answer", LANG, name=names[automatic])
                                                      if option == "auto" else names[option]))
    return automatic if chosen == "auto" else int(chosen)


def index_input(label_key: str, count: int, default: int, key: str, link: str, container=st) -> int:
    """A 1-based number input for a 0-based index, bound to the lesson link ``link``."""
    links.bind(links.Integer(link, key, default + 1, None, 1, count))
    if st.session_state.get(key, 1) > count:
        del st.session_state[key]
    return int(container.number_input(ui.tr(label_key, count=i18n.number(count, LANG, "d")), 1, count,
                                      default + 1, key=key)) - 1


def layer_choice(label_key: str, options: list[str], key: str, link: str, default: int = 0) -> str:
    links.bind(links.Choice(link, key, options[default], options=tuple(options)))
    if st.session_state.get(key, options[default]) not in options:   # a layer of the model chosen before
        del st.session_state[key]
    return st.selectbox(ui.tr(label_key), options, index=default, key=key)


def signed(value: float) -> str:
    """A change for ``st.metric``'s delta: an ASCII sign first (how Streamlit picks the arrow), then the number."""
    return ("-" if value < 0 else "+") + figures.num(abs(value), LANG)


def matches(ours: float | np.ndarray, theirs: float | np.ndarray, value: str) -> None:
    """Say whether the written-out number is TensorFlow's (float32 rounding allowed)."""
    ours, theirs = np.asarray(ours, dtype=np.float64), np.asarray(theirs, dtype=np.float64)
    reach = max(1e-8, float(np.max(np.abs(theirs))))
    if np.allclose(ours, theirs, rtol=1e-3, atol=1e-5 * reach):
        st.success(ui.tr("learn.matches_tf", value=value), icon=":material/check_circle:")
    else:
        st.warning(ui.tr("learn.differs_from_tf", value=value))


# ------------------------------------------------------------------------------ the backward pieces
def dense_section(step: learning.GradientStep) -> tuple[str, tuple, float, float]:
    layers = [node.name for node in step.nodes if node.kind in ("dense", "logits")]
    layer = layer_choice("learn.dense_layer", layers, "learn_dense_layer", "dlayer", len(layers) - 1)
    node = step.node(layer)
    inputs = step.node_before(layer).values.reshape(-1)
    pick = st.columns(2)
    unit = index_input("learn.dense_unit", node.values.size, step.label if node.kind == "logits" else
                       int(np.argmax(np.abs(node.delta))), f"learn_dense_unit_{layer}", "dunit", pick[0])
    strongest = int(np.argmax(np.abs(inputs)))
    index = index_input("learn.dense_input", inputs.size, strongest, f"learn_dense_input_{layer}", "dinput", pick[1])
    explained = learning.dense_weight_gradient(step, layer, index, unit)
    st.markdown(ui.tr("learn.dense_explain", layer=layer, unit=unit + 1, input=index + 1))
    text = figures.dense_text(explained, LANG)
    st.code(text, language=None, wrap_lines=True)
    matches(explained.gradient, explained.tf_gradient, figures.num(explained.tf_gradient, LANG))
    SLIDES.append((ui.tr("learn.slide_dense", layer=layer), text))
    path = step.weight_path(layer)
    return path, (index, unit), explained.weight, explained.tf_gradient


def relu_section(step: learning.GradientStep) -> None:
    relus = [node.name for node in step.nodes if node.kind == "activation" and node.activation == "relu"]
    if not relus:
        st.caption(ui.tr("learn.no_relu"))
        return
    name = layer_choice("learn.relu_layer", relus, "learn_relu_layer", "relu")
    routing = learning.relu_routing(step, name)
    shape = routing.inputs.shape
    busiest = np.unravel_index(int(np.argmax(np.abs(routing.delta_out))), shape)
    labels = ("learn.row", "learn.col", "learn.channel") if len(shape) == 3 else ("learn.unit",)
    pick = st.columns(len(shape))
    where = tuple(index_input(label, size, int(busy), f"learn_relu_{axis}_{name}", f"r{axis}", pick[axis])
                  for axis, (label, size, busy) in enumerate(zip(labels, shape, busiest)))
    passing = int(np.count_nonzero(routing.open))
    st.markdown(ui.tr("learn.relu_explain", name=name, open=i18n.number(passing, LANG),
                      total=i18n.number(routing.inputs.size, LANG)))
    text = figures.relu_text(float(routing.inputs[where]), float(routing.delta_out[where]),
                             float(routing.delta_in[where]), LANG)
    st.code(text, language=None, wrap_lines=True)
    matches(routing.by_rule, routing.delta_in, ui.tr("learn.relu_all", count=i18n.number(routing.inputs.size, LANG)))
    SLIDES.append((ui.tr("learn.slide_relu", name=name), text))


def pool_section(step: learning.GradientStep) -> None:
    pools = [node.name for node in step.nodes if node.kind == "pool" and step.geometry[node.name]["max"]]
    if not pools:
        st.caption(ui.tr("learn.no_pool"))
        return
    name = layer_choice("learn.pool_layer", pools, "learn_pool_layer", "pool")
    delta = step.node(name).delta
    busiest = np.unravel_index(int(np.argmax(np.abs(delta))), delta.shape)
    pick = st.columns(3)
    where = [index_input(label, size, int(busy), f"learn_pool_{axis}_{name}", f"p{axis}", pick[axis])
             for axis, (label, size, busy) in enumerate(zip(("learn.row", "learn.col", "learn.channel"),
                                                            delta.shape, busiest))]
    try:
        window = learning.pool_routing(step, name, *where)
    except UserError as err:
        ui.show_user_error(err)
        return
    st.markdown(ui.tr("learn.pool_explain", name=name, row=window.top + 1, col=window.left + 1,
                      size=window.values.shape[0]))
    text = figures.pool_text(window, LANG)
    st.code(text, language=None)
    matches(window.by_rule, window.delta_in, figures.num(window.delta_out, LANG))
    SLIDES.append((ui.tr("learn.slide_pool", name=name), text))


def conv_section(step: learning.GradientStep) -> tuple[str, tuple, float, float] | None:
    convs = [node.name for node in step.nodes if node.kind == "conv"]
    if not convs:
        st.caption(ui.tr("learn.no_conv"))
        return None
    name = layer_choice("learn.conv_layer", convs, "learn_conv_layer", "clayer")
    kernel = step.gradients[step.weight_path(name)]
    k_rows, k_cols, channels, filters = kernel.shape
    pick = st.columns(4)
    ky = index_input("learn.kernel_row", k_rows, k_rows // 2, f"learn_conv_ky_{name}", "ky", pick[0])
    kx = index_input("learn.kernel_col", k_cols, k_cols // 2, f"learn_conv_kx_{name}", "kx", pick[1])
    c_in = index_input("learn.in_channel", channels, 0, f"learn_conv_in_{name}", "cin", pick[2])
    c_out = index_input("learn.out_channel", filters, int(np.argmax(np.abs(kernel).sum(axis=(0, 1, 2)))),
                        f"learn_conv_out_{name}", "cout", pick[3])
    explained = learning.conv_weight_gradient(step, name, ky, kx, c_in, c_out)
    rows, cols = explained.deltas.shape
    st.markdown(ui.tr("learn.conv_explain", name=name, ky=ky + 1, kx=kx + 1, cin=c_in + 1, cout=c_out + 1,
                      positions=i18n.number(rows * cols, LANG), rows=rows, cols=cols))
    st.caption(ui.tr("learn.conv_zeros", shown=i18n.number(len(explained.terms()), LANG),
                     no_delta=i18n.number(explained.zero_delta_count, LANG),
                     no_input=i18n.number(explained.zero_input_count, LANG)))
    left, right = st.columns([2, 3])
    with left:
        show(figures.products_figure(explained, PROJECTOR), key="learn_products")
        st.caption(ui.tr("learn.products_caption"))
    text = figures.conv_sum_text(explained, LANG)
    with right:
        st.code(text, language=None, height=SUM_HEIGHT)
    matches(explained.gradient, explained.tf_gradient, figures.num(explained.tf_gradient, LANG))
    SLIDES.append((ui.tr("learn.slide_conv", name=name), "\n".join(text.splitlines()[-2:])))
    return step.weight_path(name), (ky, kx, c_in, c_out), explained.weight, explained.tf_gradient


# ------------------------------------------------------------------------------ the update
def loss_guessed(image28, step: learning.GradientStep) -> bool:
    """Question mode: ask whether the loss goes up or down with this step; whether it was answered
    (the answer takes the step)."""
    setup = questions_ui.digest(image28, step.label, step.learning_rate, round(float(step.loss_before), 6))
    question = Question(f"learn:loss:{setup}", DIRECTION, "questions.title_loss",
                        (("lr", float(step.learning_rate)), ("setup", setup[:6])))
    truth = "up" if step.loss_after > step.loss_before else "down"
    return questions_ui.ask(question, truth, ui.tr("questions.loss_prompt"), key=f"learn_loss_{setup}",
                            show=lambda direction: ui.tr(f"questions.direction_{direction}"),
                            choices=list(DIRECTIONS)) is not None


def update_section(learner, image28, step, chosen, names) -> None:
    stepped = session_cache().get("stepped") == STEP_KEY
    if not stepped and ui.state.asking():  # the guess stands in for the button: answering takes the step
        if not loss_guessed(image28, step):
            return
        session_cache()["stepped"] = STEP_KEY
        stepped = True
    if not stepped:
        if st.button(ui.tr("learn.take_step"), key="learn_take_step", type="primary", icon=":material/footprint:"):
            session_cache()["stepped"] = STEP_KEY
            stepped = True
    if not stepped:
        st.caption(ui.tr("learn.take_step_help"))
        return
    lines = [f"{path}{i18n.digits(str(tuple(i + 1 for i in where)), LANG)}: "
             f"{figures.update_text(weight, grad, step.learning_rate, LANG)}" for path, where, weight, grad in chosen]
    st.code("\n".join(lines), language=None, wrap_lines=True)
    st.markdown(ui.tr("learn.every_weight", count=i18n.number(sum(g.size for g in step.gradients.values()), LANG)))
    true_name = names[step.label]
    metrics = st.columns(2)
    metrics[0].metric(ui.tr("learn.loss_after"), figures.num(step.loss_after, LANG),
                      delta=signed(step.loss_after - step.loss_before), delta_color="inverse")
    metrics[1].metric(ui.tr("learn.p_after", name=true_name), f"{i18n.number(step.p_true_after * 100, LANG, '.2f')}%",
                      delta=f"{i18n.number((step.p_true_after - step.p_true_before) * 100, LANG, '+.2f')}%")
    text = f"{figures.loss_text(step, true_name, LANG)}\n{figures.loss_text(step, true_name, LANG, after=True)}"
    st.code(text, language=None, wrap_lines=True)
    SLIDES.append((ui.tr("learn.slide_update"), "\n".join(lines + [text])))
    show(figures.probabilities_figure(step.probabilities_before, step.probabilities_after, names, step.label,
                                      (ui.tr("learn.before"), ui.tr("learn.after")), PROJECTOR),
         key="learn_probabilities")
    adam_step = cached("adam", STEP_KEY, lambda: learner.step(image28, step.label, step.learning_rate, optimizer="adam"))
    st.subheader(ui.tr("learn.adam_header"))
    st.markdown(ui.tr("learn.adam_explain"))
    for path, where, weight, grad in chosen:
        st.markdown(f"`{path}{i18n.digits(str(tuple(i + 1 for i in where)), LANG)}`")
        st.code(figures.adam_text(learning.adam_first_step(grad, step.learning_rate), weight, LANG), language=None,
                wrap_lines=True)
    st.markdown(ui.tr("learn.adam_result", loss=figures.num(adam_step.loss_after, LANG),
                      sgd=figures.num(step.loss_after, LANG),
                      p=f"{i18n.number(adam_step.p_true_after * 100, LANG, '.2f')}%"))


def steps_section(learner, image28, label, learning_rate, dataset) -> None:
    st.markdown(ui.tr("learn.steps_explain"))
    pick = st.columns([1, 1, 2], vertical_alignment="bottom")
    links.bind(links.Integer("steps", "learn_steps", DEFAULT_STEPS, None, 1, learning.MAX_STEPS))
    count = int(pick[0].number_input(ui.tr("learn.steps_count", high=learning.MAX_STEPS), 1, learning.MAX_STEPS,
                                     DEFAULT_STEPS, key="learn_steps"))
    links.bind(links.Choice("opt", "learn_optimizer", "sgd", options=learning.OPTIMIZERS))
    optimizer = pick[1].radio(ui.tr("learn.optimizer"), learning.OPTIMIZERS, key="learn_optimizer", horizontal=True,
                              format_func=lambda key: i18n.t(f"learn.optimizer_{key}", LANG))
    key = (STEP_KEY, count, optimizer)
    cache = session_cache()
    if pick[2].button(ui.tr("learn.steps_go", count=i18n.number(count, LANG)), key="learn_take_steps",
                      icon=":material/replay:"):
        others = slice(1, 1 + OTHER_PICTURES)
        with st.spinner(ui.tr("learn.steps_running", count=i18n.number(count, LANG))):
            cache["steps"] = (key, learning.repeated_steps(learner, image28, label, learning_rate, count,
                                                           dataset.test_images[others], dataset.test_labels[others],
                                                           optimizer))
    held = cache.get("steps")
    if held is None or held[0] != key:
        return
    history = held[1]
    labels = {name: ui.tr(f"learn.chart_{name}") for name in
              ("this_loss", "other_loss", "other_accuracy", "step", "loss", "accuracy")}
    show(figures.steps_figure(history, labels, PROJECTOR), key="learn_steps_chart")
    st.markdown(ui.tr("learn.steps_result", count=i18n.number(count, LANG),
                      first=figures.num(history.losses[0], LANG), last=figures.num(history.losses[-1], LANG),
                      p_first=f"{i18n.number(history.p_true[0] * 100, LANG, '.1f')}%",
                      p_last=f"{i18n.number(history.p_true[-1] * 100, LANG, '.1f')}%"))
    if history.other_accuracy:
        st.markdown(ui.tr("learn.steps_others", others=i18n.number(min(OTHER_PICTURES, len(dataset.test_labels) - 1), LANG),
                          loss_first=figures.num(history.other_losses[0], LANG),
                          loss_last=figures.num(history.other_losses[-1], LANG),
                          acc_first=f"{i18n.number(history.other_accuracy[0] * 100, LANG, '.1f')}%",
                          acc_last=f"{i18n.number(history.other_accuracy[-1] * 100, LANG, '.1f')}%"))


# ------------------------------------------------------------------------------ page
LANG = ui.lang()
PROJECTOR = ui.projector()
SLIDES: list[tuple[str, str]] = []   # present mode's slides, filled as the page writes each piece
st.title(ui.tr("learn.title"))
present_stage = present.stage()
st.markdown(ui.tr("learn.intro"))
questions_ui.mode_note()
dataset = ui.get_data()
choices, picture_column = st.columns([3, 2], gap="medium") if not PROJECTOR else (st.container(), st.container())
with choices:
    model, meta = choose_model(dataset)
    names = examples.model_class_names(meta, dataset.name, LANG)
    if examples.is_taught(meta):   # a taught model's classes are the learner's own: its pictures are the examples
        dataset = taught_test_set(meta, dataset.name)
        if dataset is None:
            st.info(ui.tr("teach.inside_no_examples"))
            st.stop()
        if st.session_state.get("learn_test_index", 0) >= len(dataset.test_labels):
            del st.session_state["learn_test_index"]
    st.caption(ui.tr("learn.model_in_use", name=ui.model_name(meta)))
    try:
        learner, generation = learner_for(model)
    except UserError as err:
        ui.show_user_error(err)
        st.stop()
    image28, own_label = choose_picture(dataset, names, meta)
    answer = int(np.argmax(learner.forward(image28.reshape(1, 28, 28, 1))[0]))
    label = choose_label(names, own_label, answer)
    links.bind(links.Choice("lr", "learn_lr", DEFAULT_LEARNING_RATE, options=LEARNING_RATES))
    learning_rate = st.select_slider(ui.tr("learn.learning_rate"), LEARNING_RATES, value=DEFAULT_LEARNING_RATE,
                                     key="learn_lr", format_func=lambda value: i18n.digits(format(value, "g"), LANG))
with picture_column:
    st.image(image28, width=140, clamp=True, alt=ui.tr("learn.picture_alt"))
    st.caption(ui.tr("learn.picture_caption", name=names[label]))

STEP_KEY = (generation, image28.tobytes(), label, learning_rate)
step = cached("step", STEP_KEY, lambda: learner.step(image28, label, learning_rate))
true_name = names[label]
st.info(ui.tr("learn.inference_mode"), icon=":material/info:")
st.caption(ui.tr("learn.tf_numbers"))

st.header(ui.tr("learn.forward_header"))
st.markdown(ui.tr("learn.forward_explain"))
table = [f"| {ui.tr('learn.col_class')} | z | p | y | p − y |", "|---|---:|---:|---:|---:|"]
for index, name in enumerate(names):
    y = 1 if index == label else 0
    shown = f"**{name}**" if y else name
    table.append(f"| {shown} | {figures.num(step.logits_before[index], LANG)} | "
                 f"{figures.num(step.probabilities_before[index], LANG)} | {i18n.number(y, LANG)} | "
                 f"{figures.num(step.probabilities_before[index] - y, LANG)} |")
st.markdown("\n".join(table))
loss_line = figures.loss_text(step, true_name, LANG)
st.code(loss_line, language=None, wrap_lines=True)
SLIDES.append((ui.tr("learn.slide_forward"), loss_line))

st.header(ui.tr("learn.output_header"))
st.markdown(ui.tr("learn.output_explain", name=true_name))
delta_lines = figures.output_delta_lines(step, names, LANG)
st.code(delta_lines, language=None)
matches(learning.output_delta(step.probabilities_before, label), step.output_delta,
        figures.num(step.output_delta[label], LANG))
SLIDES.append((ui.tr("learn.slide_output"), delta_lines))

st.header(ui.tr("learn.dense_header"))
chosen = [dense_section(step)]
st.header(ui.tr("learn.relu_header"))
relu_section(step)
st.header(ui.tr("learn.pool_header"))
pool_section(step)
st.header(ui.tr("learn.conv_header"))
conv_chosen = conv_section(step)
if conv_chosen is not None:
    chosen.append(conv_chosen)

st.header(ui.tr("learn.update_header"))
st.markdown(ui.tr("learn.update_explain", lr=i18n.digits(format(learning_rate, "g"), LANG)))
update_section(learner, image28, step, chosen, names)

st.header(ui.tr("learn.steps_header"))
steps_section(learner, image28, label, learning_rate, dataset)

if present.on():
    with present_stage:
        present.text_slides(SLIDES)
