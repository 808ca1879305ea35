"""Convolution lab: watch a kernel slide over a grid, each window's products add up into one
feature-map cell, then max (or average) pooling shrink the map. The arithmetic is in cnn_core.ops,
the drawings in cnn_core.figures.conv; this page only holds the widgets."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import streamlit as st

import ui
from cnn_core import i18n, ops
from cnn_core.errors import UserError
from cnn_core.figures import conv as figs
from cnn_core.questions import NUMBER, Question
from ui import links, present
from ui import questions as questions_ui

TOY_MAX = 12
SPEEDS = (0.5, 1.0, 2.0, 4.0)  # steps per second while playing
# The language of this run, bound into option labels (format_func may be called after the run).
LANG = ui.lang()


# --- small helpers -----------------------------------------------------------------------------

def fmt(value) -> str:
    return figs.format_number(value, LANG)


def label(prefix: str):
    """An option labeller: option ``x`` shows the catalog text ``<prefix>x``."""
    return lambda option: i18n.t(f"{prefix}{option}", LANG)


def size_label(size: int) -> str:
    return f"{fmt(size)}×{fmt(size)}"


def fmt_plain(value: float) -> str:
    """A number as a learner would type it (ASCII digits and minus)."""
    return figs.format_number(value, "en").replace(figs.MINUS, "-")


def table_of(grid: np.ndarray) -> pd.DataFrame:
    """A grid as the text table the editor shows (typed cells stay text until we check them)."""
    return pd.DataFrame([[fmt_plain(v) for v in row] for row in grid],
                        columns=[str(c + 1) for c in range(grid.shape[1])])


def grid_editor(name: str, rows: int, cols: int, default: np.ndarray, caption: str) -> np.ndarray | None:
    """A typed grid kept in session state as text; returns the numbers, or ``None`` after showing
    what is wrong with a cell. ``name`` prefixes the state keys; changing the size resizes the table,
    keeping what was typed."""
    table_key, version_key, typed_key = f"{name}_table", f"{name}_version", f"{name}_typed"
    if table_key not in st.session_state:
        st.session_state[table_key] = table_of(default)
        st.session_state[version_key] = 0
    table = st.session_state[table_key]
    if table.shape != (rows, cols):
        typed = st.session_state.get(typed_key, table).to_numpy(dtype=object)
        resized = np.full((rows, cols), "0", dtype=object)
        keep_r, keep_c = min(rows, typed.shape[0]), min(cols, typed.shape[1])
        resized[:keep_r, :keep_c] = typed[:keep_r, :keep_c]
        st.session_state[table_key] = table = pd.DataFrame(resized, columns=[str(c + 1) for c in range(cols)])
        st.session_state[version_key] += 1  # a fresh editor, so old edits are not replayed on the new table
    shown = table.astype(str).where(table.notna(), "")
    typed = st.data_editor(shown, key=f"{name}_editor_{st.session_state[version_key]}", hide_index=True,
                           num_rows="fixed", column_config={
                               column: st.column_config.TextColumn(str(column), width="small")
                               for column in shown.columns})
    st.session_state[typed_key] = typed
    st.caption(caption)
    try:
        return ops.to_grid(typed.to_numpy(dtype=object))
    except UserError as err:
        ui.show_user_error(err)
        return None


def set_table(name: str, grid: np.ndarray) -> None:
    """Replace a grid editor's contents (callback of the random / clear buttons)."""
    st.session_state[f"{name}_table"] = table_of(grid)
    st.session_state.pop(f"{name}_typed", None)
    st.session_state[f"{name}_version"] = st.session_state.get(f"{name}_version", 0) + 1


def shift_step(key: str, delta: int, total: int) -> None:
    st.session_state[key] = int(min(max(st.session_state.get(key, 1) + delta, 1), total))


def toggle_play(prefix: str, total: int) -> None:
    playing = not st.session_state.get(f"{prefix}_playing", False)
    st.session_state[f"{prefix}_playing"] = playing
    if playing and st.session_state.get(f"{prefix}_step", 1) >= total:
        st.session_state[f"{prefix}_step"] = 1  # playing from the end starts over


def stepper(prefix: str, total: int, render, link: str) -> None:
    """Back / forward buttons, a slider to jump, and play with a speed; ``render(index)`` draws a step.

    The step view is a fragment: while playing it reruns on a timer and moves one step each time.
    The step is in the page's links as ``link`` (the fragment keeps the URL up to date).
    """
    step_key, play_key = f"{prefix}_step", f"{prefix}_playing"
    links.bind(links.Integer(link, step_key, 1, None, 1, total))
    st.session_state.setdefault(step_key, 1)
    st.session_state[step_key] = int(min(max(st.session_state[step_key], 1), total))
    playing = st.session_state.get(play_key, False) and total > 1
    controls = st.columns([1.2, 1.2, 5])
    controls[0].button(ui.tr("conv.pause") if playing else ui.tr("conv.play"), key=f"{prefix}_play",
                       on_click=toggle_play, args=(prefix, total), icon=":material/pause:" if playing
                       else ":material/play_arrow:", disabled=total <= 1)
    speed = controls[1].select_slider(ui.tr("conv.speed"), options=SPEEDS, key=f"{prefix}_speed", value=1.0,
                                      format_func=lambda s: i18n.t("conv.speed_value", LANG, speed=fmt(s)),
                                      label_visibility="collapsed")
    interval = 1.0 / speed

    @st.fragment(run_every=interval if playing else None)
    def view():
        if playing:
            now = time.monotonic()
            if now - st.session_state.get(f"{prefix}_tick", 0.0) >= interval * 0.8:
                st.session_state[f"{prefix}_tick"] = now
                if st.session_state[step_key] >= total:
                    st.session_state[play_key] = False
                    st.rerun()
                st.session_state[step_key] += 1
        buttons = st.columns([1.2, 1.2, 5])
        buttons[0].button(ui.tr("conv.back"), key=f"{prefix}_back", on_click=shift_step,
                          args=(step_key, -1, total), icon=":material/chevron_left:",
                          disabled=st.session_state[step_key] <= 1)
        buttons[1].button(ui.tr("conv.forward"), key=f"{prefix}_forward", on_click=shift_step,
                          args=(step_key, 1, total), icon=":material/chevron_right:",
                          disabled=st.session_state[step_key] >= total)
        if total > 1:
            buttons[2].slider(ui.tr("conv.step_slider", total=fmt(total)), 1, total, links.shown(step_key, 1), key=step_key,
                              label_visibility="collapsed")
        render(st.session_state[step_key] - 1)
        links.sync()

    view()


# --- 1. the input ------------------------------------------------------------------------------

def pick_input() -> tuple[np.ndarray | None, str]:
    links.bind(links.Choice("input", "conv_source", "lesson", options=("lesson", "toy", "real")))
    source = st.radio(ui.tr("conv.source"), ("lesson", "toy", "real"), key="conv_source", horizontal=True,
                      index=links.shown_index("conv_source", ("lesson", "toy", "real")),
                      format_func=label("conv.source_"))
    if source == "lesson":
        st.caption(ui.tr("conv.lesson_caption"))
        return np.array(ops.LESSON_GRID), source
    if source == "toy":
        links.bind(links.Integer("rows", "conv_toy_rows", 4, None, 1, TOY_MAX),
                   links.Integer("cols", "conv_toy_cols", 5, None, 1, TOY_MAX))
        size = st.columns(2)
        rows = size[0].number_input(ui.tr("conv.rows"), 1, TOY_MAX, links.shown("conv_toy_rows", 4), key="conv_toy_rows")
        cols = size[1].number_input(ui.tr("conv.cols"), 1, TOY_MAX, links.shown("conv_toy_cols", 5), key="conv_toy_cols")
        helpers = st.columns(2)
        helpers[0].button(ui.tr("conv.random"), key="conv_toy_random", icon=":material/casino:", width="stretch",
                          on_click=lambda: set_table("conv_toy", np.random.default_rng().integers(0, 10, (rows, cols))))
        helpers[1].button(ui.tr("conv.clear"), key="conv_toy_clear", icon=":material/ink_eraser:", width="stretch",
                          on_click=lambda: set_table("conv_toy", np.zeros((rows, cols))))
        return grid_editor("conv_toy", int(rows), int(cols), ops.LESSON_GRID, ui.tr("conv.toy_caption")), source
    data = ui.get_data(ui.dataset_name())
    images, labels = data.split("test")
    names = i18n.class_names(data.name, LANG) or data.class_names
    pick = st.columns(2)
    any_class = -1  # a real option value (not None, which a selectbox reads as "nothing chosen")
    links.bind(links.Choice("class", "conv_real_class", any_class, options=(any_class, *range(len(names)))))
    chosen_class = pick[0].selectbox(ui.tr("conv.real_class"), [any_class, *range(len(names))], key="conv_real_class",
                                     index=links.shown_index("conv_real_class", [any_class, *range(len(names))]),
                                     format_func=lambda c: i18n.t("conv.real_any", LANG) if c == any_class else names[c])
    indices = np.arange(len(labels)) if chosen_class == any_class else np.flatnonzero(labels == chosen_class)
    links.bind(links.Integer("pic", "conv_real_index", 0, None, 0, len(indices) - 1))
    position = pick[1].number_input(ui.tr("conv.real_index", count=fmt(len(indices))), 0, len(indices) - 1,
                                    links.shown("conv_real_index", 0), key="conv_real_index")
    index = int(indices[int(position)])
    st.caption(ui.tr("conv.real_caption", index=fmt(index), label=names[int(labels[index])]))
    return images[index, :, :, 0].astype(float), source


# --- 2. the kernel -----------------------------------------------------------------------------

def learned_filters():
    """``(kernels, biases)`` of the active model's first conv layer, or ``None`` when no model is at hand."""
    try:
        model, _meta = ui.active_model()
        return ops.first_layer_filters(model)
    except Exception:  # no trained model and no pretrained file: the option is simply not offered
        return None


def pick_kernel(real_image: bool) -> tuple[np.ndarray | None, float, bool]:
    """The kernel, its bias, and whether it is a learned filter (which expects pixels in 0..1)."""
    learned = learned_filters()
    sources = ("preset", "custom", "learned") if learned is not None else ("preset", "custom")
    # One link param for the radio and the preset box: kernel=sobel_x, kernel=custom, kernel=learned.
    linked = links.take("kernel", lambda text: text if text in ops.KERNEL_PRESETS or text in sources[1:]
                        else links.bad(text))
    if linked is not None:
        st.session_state["conv_kernel_source"] = linked if linked in sources else "preset"
        if linked in ops.KERNEL_PRESETS:
            st.session_state["conv_preset"] = linked
    source = st.radio(ui.tr("conv.kernel_source"), sources, key="conv_kernel_source", horizontal=True,
                      index=links.shown_index("conv_kernel_source", sources),
                      format_func=label("conv.kernel_source_"))
    if source == "preset":
        names = list(ops.KERNEL_PRESETS)
        name = st.selectbox(ui.tr("conv.preset"), names, key="conv_preset", format_func=label("conv.kernel."),
                            index=links.shown_index("conv_preset", names, names.index(ops.LESSON_CONV["kernel"])))
        links.keep("kernel", name, ops.LESSON_CONV["kernel"], keys=("conv_kernel_source", "conv_preset"))
        sizes = list(ops.KERNEL_PRESETS[name])
        links.bind(links.Choice("ksize", f"conv_preset_size_{name}", ops.LESSON_CONV["kernel_size"]
                                if ops.LESSON_CONV["kernel_size"] in sizes else sizes[0], options=sizes))
        size = st.radio(ui.tr("conv.kernel_size"), sizes, key=f"conv_preset_size_{name}", horizontal=True,
                        index=links.shown_index(f"conv_preset_size_{name}", sizes, sizes.index(ops.LESSON_CONV["kernel_size"])
                                               if ops.LESSON_CONV["kernel_size"] in sizes else 0),
                        format_func=size_label)
        st.caption(ui.tr(f"conv.kernel_help.{name}"))
        return np.array(ops.preset_kernel(name, size)), 0.0, False
    links.keep("kernel", source, ops.LESSON_CONV["kernel"], keys=("conv_kernel_source",))
    if source == "custom":
        links.bind(links.Choice("ksize", "conv_custom_size", 3, options=range(1, ops.MAX_KERNEL + 1)),
                   links.Number("bias", "conv_custom_bias", 0.0, None, -100.0, 100.0))
        size = st.select_slider(ui.tr("conv.kernel_size"), options=range(1, ops.MAX_KERNEL + 1),
                                value=links.shown("conv_custom_size", 3),
                                key="conv_custom_size", format_func=size_label)
        kernel = grid_editor("conv_custom", size, size, ops.KERNEL_PRESETS["edge_vertical"][3],
                             ui.tr("conv.custom_caption"))
        bias = st.number_input(ui.tr("conv.bias"), -100.0, 100.0, links.shown("conv_custom_bias", 0.0), 0.5,
                               key="conv_custom_bias")
        return kernel, float(bias), False
    kernels, biases = learned
    links.bind(links.Integer("filter", "conv_learned_filter", 1, None, 1, len(kernels)))
    number = st.slider(ui.tr("conv.learned_pick", count=fmt(len(kernels))), 1, len(kernels),
                       links.shown("conv_learned_filter", 1), key="conv_learned_filter")
    st.caption(ui.tr("conv.learned_caption_real" if real_image else "conv.learned_caption"))
    return kernels[number - 1], float(biases[number - 1]), True


# --- 3. sizes and steps ------------------------------------------------------------------------

def show_sizes(image: np.ndarray, kernel_shape, stride, padding: str, what: str) -> None:
    lines = []
    for axis, n, k, s in (("rows", image.shape[0], kernel_shape[0], stride[0]),
                          ("cols", image.shape[1], kernel_shape[1], stride[1])):
        out = ops.output_size(n, k, s, padding)
        lines.append(ui.tr(f"conv.size_{axis}", formula=figs.output_size_text(n, k, s, padding, out, LANG)))
        skipped = ops.uncovered_pixels(n, k, s, padding)
        if skipped:
            st.warning(ui.tr(f"conv.uncovered_{axis}", count=fmt(skipped), stride=fmt(s), k=fmt(k)),
                       icon=":material/crop_free:")
    st.markdown(ui.tr(f"conv.size_intro_{padding}", what=ui.tr(what)) + "\n\n" + "  \n".join(lines))


def cell_question(trace: ops.ConvTrace, use_relu: bool, step: ops.ConvStep) -> tuple[Question, float]:
    """The question mode's question for a step: the value of the feature-map cell it fills (right
    within a tenth of the answer, at least 0.05), asked about this exact input, kernel and settings."""
    shown_output = ops.relu(trace.output) if use_relu else trace.output
    truth = float(shown_output[step.row, step.col])
    setup = questions_ui.digest(trace.image, trace.kernel, trace.bias, trace.stride, trace.padding, use_relu)
    question = Question(f"conv_lab:cell:{setup}:r{step.row + 1}c{step.col + 1}", NUMBER, "questions.title_cell",
                        (("row", step.row + 1), ("col", step.col + 1), ("setup", setup[:6])),
                        tolerance=round(max(0.1 * abs(truth), 0.05), 4))
    return question, truth


def conv_step_view(trace: ops.ConvTrace, use_relu: bool, numbers: bool | None) -> None:
    shown_output = ops.relu(trace.output) if use_relu else trace.output

    def render(index: int) -> None:
        step = trace.step(index)
        st.markdown(ui.tr("conv.step_title", step=fmt(index + 1), total=fmt(len(trace)),
                          row=fmt(step.row + 1), col=fmt(step.col + 1)))
        revealed = True
        if ui.state.asking():  # the step's cell stays hidden until the learner has guessed it
            question, truth = cell_question(trace, use_relu, step)
            revealed = questions_ui.ask(
                question, truth, ui.tr("questions.cell_prompt", row=fmt(step.row + 1), col=fmt(step.col + 1),
                                       tolerance=fmt(question.tolerance)),
                key=f"conv_cell_{index}", show=fmt) is not None
        panels = st.columns([3, 2, 2, 3]) if revealed else st.columns([3, 2, 5])
        with panels[0]:
            st.markdown(ui.tr("conv.panel_input"))
            ui.plot(figs.input_figure(trace, step, LANG, numbers=numbers), key="conv_fig_input")
        with panels[1]:
            st.markdown(ui.tr("conv.panel_kernel"))
            ui.plot(figs.kernel_figure(trace.kernel, LANG), key="conv_fig_kernel")
        if not revealed:  # the map so far, without this step's cell, its products or its sum
            with panels[2]:
                st.markdown(ui.tr("conv.panel_output"))
                ui.plot(figs.output_figure(shown_output, index, LANG, numbers=numbers), key="conv_fig_output")
            return
        with panels[2]:
            st.markdown(ui.tr("conv.panel_products"))
            ui.plot(figs.products_figure(step, LANG), key="conv_fig_products")
        with panels[3]:
            st.markdown(ui.tr("conv.panel_output"))
            ui.plot(figs.output_figure(shown_output, index + 1, LANG, numbers=numbers), key="conv_fig_output")
        st.markdown(ui.tr("conv.arithmetic_label"))
        st.code(figs.conv_arithmetic(step, trace.kernel, trace.bias, LANG, relu=use_relu),
                language=None, wrap_lines=True)

    stepper("conv", len(trace), render, link="step")


def pool_step_view(pooled: ops.PoolTrace, numbers: bool | None) -> None:
    def render(index: int) -> None:
        step = pooled.step(index)
        st.markdown(ui.tr("conv.step_title", step=fmt(index + 1), total=fmt(len(pooled)),
                          row=fmt(step.row + 1), col=fmt(step.col + 1)))
        panels = st.columns([3, 2])
        with panels[0]:
            st.markdown(ui.tr("conv.panel_feature"))
            ui.plot(figs.pool_input_figure(pooled, step, LANG, numbers=numbers), key="pool_fig_input")
        with panels[1]:
            st.markdown(ui.tr("conv.panel_pooled"))
            ui.plot(figs.output_figure(pooled.output, index + 1, LANG, numbers=numbers), key="pool_fig_output")
        st.markdown(ui.tr(f"conv.pool_arithmetic_{pooled.mode}"))
        st.code(figs.pool_arithmetic(step, pooled.mode, LANG), language=None, wrap_lines=True)

    stepper("pool", len(pooled), render, link="pstep")


def overview(image, feature, pooled) -> None:
    """Input, whole feature map and pooled map side by side (for real images)."""
    st.subheader(ui.tr("conv.overview"))
    panels = st.columns(3)
    for panel, title, values, signed, key in (
            (panels[0], "conv.panel_input_whole", image, False, "conv_over_input"),
            (panels[1], "conv.panel_output_whole", feature, True, "conv_over_feature"),
            (panels[2], "conv.panel_pooled_whole", pooled, True, "conv_over_pooled")):
        with panel:
            st.markdown(ui.tr(title, rows=fmt(values.shape[0]), cols=fmt(values.shape[1])))
            ui.plot(figs.image_figure(values, LANG, signed=signed, numbers=False), key=key)


# --- the page ------------------------------------------------------------------------------------

st.title(ui.tr("conv.title"))
present_stage = present.stage()  # projector mode's "Present" switch, and its slides when it is on
st.markdown(ui.tr("conv.intro"))
questions_ui.mode_note()

# The three set-up headings are sections (h2) under the title, drawn at a subheading's size.
st.html("<style>.st-key-conv_setup h2 { font-size: 1.55rem; }</style>")
setup = st.container(key="conv_setup").columns([5, 4, 3], gap="large")
with setup[0]:
    st.header(ui.tr("conv.input_header"))
    image, source = pick_input()
with setup[1]:
    st.header(ui.tr("conv.kernel_header"))
    kernel, bias, learned = pick_kernel(source == "real")
with setup[2]:
    st.header(ui.tr("conv.settings_header"))
    links.bind(links.Pair("stride", "conv_stride_rows", ops.LESSON_CONV["stride"], second_key="conv_stride_cols",
                          low=1, high=7),
               links.Choice("padding", "conv_padding", ops.LESSON_CONV["padding"], options=ops.PADDINGS),
               links.Flag("relu", "conv_relu"))
    stride_cols = st.columns(2)
    stride = (int(stride_cols[0].number_input(ui.tr("conv.stride_rows"), 1, 7,
                                              links.shown("conv_stride_rows", ops.LESSON_CONV["stride"][0]),
                                              key="conv_stride_rows")),
              int(stride_cols[1].number_input(ui.tr("conv.stride_cols"), 1, 7,
                                              links.shown("conv_stride_cols", ops.LESSON_CONV["stride"][1]),
                                              key="conv_stride_cols")))
    padding = st.radio(ui.tr("conv.padding"), ops.PADDINGS, key="conv_padding", horizontal=True,
                       index=links.shown_index("conv_padding", ops.PADDINGS, ops.PADDINGS.index(ops.LESSON_CONV["padding"])),
                       format_func=label("conv.padding_"), help=ui.tr("conv.padding_help"))
    use_relu = st.toggle(ui.tr("conv.relu"), links.shown("conv_relu", False), key="conv_relu", help=ui.tr("conv.relu_help"))

if image is None or kernel is None:
    st.stop()
if learned and source == "real":
    image = image / 255.0  # the model's first layer divides pixels by 255 before its filters see them

try:
    trace = ops.convolve(image, kernel, stride=stride, padding=padding, bias=bias)
except UserError as err:
    ui.show_user_error(err)
    st.stop()

st.divider()
st.header(ui.tr("conv.conv_header"))
show_sizes(image, kernel.shape, stride, padding, "conv.what_kernel")
feature = ops.relu(trace.output) if use_relu else trace.output
if source == "real":  # 784 steps are too many to watch one by one, but they are there
    with st.expander(ui.tr("conv.real_steps")):
        conv_step_view(trace, use_relu, numbers=False)
else:
    conv_step_view(trace, use_relu, numbers=None)

st.divider()
st.header(ui.tr("conv.pool_header"))
st.markdown(ui.tr("conv.pool_intro"))
links.bind(links.Choice("pool", "pool_size", ops.LESSON_POOL["size"][0], options=(2, 3)),
           links.Pair("pstride", "pool_stride_rows", ops.LESSON_POOL["stride"], second_key="pool_stride_cols",
                      low=1, high=7),
           links.Choice("pmode", "pool_mode", ops.LESSON_POOL["mode"], options=ops.POOL_MODES),
           links.Choice("ppad", "pool_padding", ops.LESSON_POOL["padding"], options=ops.PADDINGS))
pool_controls = st.columns([2, 1, 1, 2, 2])
pool_size = pool_controls[0].radio(ui.tr("conv.pool_size"), (2, 3), key="pool_size", horizontal=True,
                                   index=links.shown_index("pool_size", (2, 3), (2, 3).index(ops.LESSON_POOL["size"][0])),
                                   format_func=size_label)
pool_stride = (int(pool_controls[1].number_input(ui.tr("conv.stride_rows"), 1, 7, links.shown("pool_stride_rows", ops.LESSON_POOL["stride"][0]),
                                                 key="pool_stride_rows")),
               int(pool_controls[2].number_input(ui.tr("conv.stride_cols"), 1, 7, links.shown("pool_stride_cols", ops.LESSON_POOL["stride"][1]),
                                                 key="pool_stride_cols")))
pool_mode = pool_controls[3].radio(ui.tr("conv.pool_mode"), ops.POOL_MODES, key="pool_mode", horizontal=True,
                                   index=links.shown_index("pool_mode", ops.POOL_MODES, ops.POOL_MODES.index(ops.LESSON_POOL["mode"])),
                                   format_func=label("conv.pool_mode_"))
pool_padding = pool_controls[4].radio(ui.tr("conv.padding"), ops.PADDINGS, key="pool_padding", horizontal=True,
                                      index=links.shown_index("pool_padding", ops.PADDINGS, ops.PADDINGS.index(ops.LESSON_POOL["padding"])),
                                      format_func=label("conv.padding_"))
try:
    pooled = ops.pool(feature, size=pool_size, stride=pool_stride, mode=pool_mode, padding=pool_padding)
except UserError as err:
    ui.show_user_error(err)
    st.stop()

show_sizes(feature, pooled.size, pooled.stride, pooled.padding, "conv.what_pool")
if source == "real":
    overview(image, feature, pooled.output)
    with st.expander(ui.tr("conv.real_steps")):
        pool_step_view(pooled, numbers=False)
else:
    pool_step_view(pooled, numbers=None)

if present.on():
    with present_stage:
        present.conv_slides(trace, pooled, use_relu, numbers=False if source == "real" else None, lang=LANG)
