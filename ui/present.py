"""Presenting to a room: in projector mode the Convolution lab, the network view and Learn one step get a "Present"
switch that shows one thing at a time, as large as the screen allows, stepped with the arrow keys
(or a presenter's clicker, which sends Page Up / Page Down).

A page opens a :func:`stage` right under its title (it holds the switch), and fills it at the end
with its slides (:func:`conv_slides`, :func:`network_slides`, :func:`text_slides`) when :func:`on` says so. While
present mode is on, CSS hides everything else on the page; the hidden widgets still run, so every
choice is kept for when the presenter switches back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import streamlit as st

from cnn_core import i18n
from cnn_core.figures import conv as conv_figures
from cnn_core.figures import present as figures
from ui import links
from ui.state import projector, tr
from ui.theme import plot, unchecked_figure

if TYPE_CHECKING:
    from cnn_core.network import NetworkTrace
    from cnn_core.ops import ConvTrace, PoolTrace

SWITCH_KEY = "present"
STAGE_KEY = "fcl_present"
BACK_KEY, FORWARD_KEY = "fcl_present_back", "fcl_present_forward"
FIGURE_HEIGHT = 460

# Everything beside the stage is hidden; the step's sum is written large.
_PRESENT_CSS = f"""<style>
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] > :not(:has(.st-key-{STAGE_KEY})) {{ display: none !important; }}
.st-key-{STAGE_KEY} [data-testid="stCode"] code {{ font-size: 1.9rem !important; line-height: 1.5; }}
.st-key-{BACK_KEY} button, .st-key-{FORWARD_KEY} button {{ font-size: 1.5rem; min-height: 3.2rem; }}
</style>"""

# One listener per browser tab: arrow keys / Page keys press the stage's back and forward buttons,
# unless the learner is typing in a box or moving a slider.
_ARROW_KEYS = f"""<script>
if (!window.fclPresentKeys) {{
  window.fclPresentKeys = true;
  document.addEventListener("keydown", (event) => {{
    const target = event.target;
    if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) return;
    const which = {{ArrowRight: "{FORWARD_KEY}", PageDown: "{FORWARD_KEY}",
                   ArrowLeft: "{BACK_KEY}", PageUp: "{BACK_KEY}"}}[event.key];
    const button = which && document.querySelector(`.st-key-${{which}} button`);
    if (button && !button.disabled) {{ event.preventDefault(); button.click(); }}
  }});
}}
</script>"""


def stage():
    """The container present mode shows (with the Present switch in it, in projector mode).

    Call it right under the page's title and fill it at the end of the page when :func:`on`.

    Returns:
        The container.
    """
    box = st.container(key=STAGE_KEY)
    if projector():
        links.bind(links.Flag("present", SWITCH_KEY))
        box.toggle(tr("present.switch"), links.shown(SWITCH_KEY, False), key=SWITCH_KEY, help=tr("present.switch_help"))
    return box


def on() -> bool:
    """Whether the page shows its slides: projector mode with the Present switch on."""
    return projector() and bool(st.session_state.get(SWITCH_KEY, False))


def _shift(key: str, delta: int, total: int) -> None:
    st.session_state[key] = int(min(max(st.session_state.get(key, 1) + delta, 1), total))


def controls(key: str, index: int, total: int) -> None:
    """Big back / forward buttons (the arrow keys press them) and the hint."""
    st.html(_PRESENT_CSS + _ARROW_KEYS, unsafe_allow_javascript=True)
    columns = st.columns([1, 1, 4], vertical_alignment="center")
    columns[0].button(tr("present.back"), key=BACK_KEY, icon=":material/chevron_left:", width="stretch",
                      on_click=_shift, args=(key, -1, total), disabled=index <= 1)
    columns[1].button(tr("present.forward"), key=FORWARD_KEY, icon=":material/chevron_right:", width="stretch",
                      on_click=_shift, args=(key, 1, total), disabled=index >= total)
    columns[2].caption(tr("present.keys_hint"))


def _step(key: str, total: int, link: str) -> int:
    """The step shown, 1..total (read, never written: the lab's own slider may hold the same key)."""
    links.bind(links.Integer(link, key, 1, None, 1, total))
    return int(min(max(st.session_state.get(key, 1), 1), total))


def conv_slides(trace: ConvTrace, pooled: PoolTrace, use_relu: bool, numbers: bool | None, lang: str) -> None:
    """The Convolution lab, one sliding step at a time: the picture with the window, the map so far,
    and the step's sum. Convolution and pooling share the lab's own step counters.

    Args:
        trace: the lab's convolution.
        pooled: the pooling of its feature map.
        use_relu: whether the lab applies ReLU before pooling.
        numbers: write the numbers in the cells (``None``: where the grid is small enough).
        lang: the page's language.
    """
    links.bind(links.Choice("show", "present_what", "conv", options=("conv", "pool")))
    what = st.radio(tr("present.what"), ("conv", "pool"), key="present_what", horizontal=True,
                    index=links.shown_index("present_what", ("conv", "pool")),
                    format_func=lambda option: i18n.t(f"present.what_{option}", lang))
    steps = trace if what == "conv" else pooled
    key = "conv_step" if what == "conv" else "pool_step"
    index = _step(key, len(steps), "step" if what == "conv" else "pstep")
    step = steps.step(index - 1)
    st.header(tr("conv.step_title", step=index, total=len(steps), row=step.row + 1, col=step.col + 1))
    left, right = st.columns(2, gap="large")
    if what == "conv":
        shown = trace.output if not use_relu else np.maximum(trace.output, 0)
        picture = conv_figures.input_figure(trace, step, lang, numbers=numbers)
        result = conv_figures.output_figure(shown, index, lang, numbers=numbers)
        text = conv_figures.conv_arithmetic(step, trace.kernel, trace.bias, lang, relu=use_relu)
    else:
        picture = conv_figures.pool_input_figure(pooled, step, lang, numbers=numbers)
        result = conv_figures.output_figure(pooled.output, index, lang, numbers=numbers)
        text = conv_figures.pool_arithmetic(step, pooled.mode, lang)
    for column, figure, name in ((left, picture, "picture"), (right, result, "result")):
        with column:
            figure.update_layout(height=FIGURE_HEIGHT)
            plot(figure, key=f"present_{name}")
    st.code(text, language=None, wrap_lines=True)
    controls(key, index, len(steps))


def network_slides(trace: NetworkTrace, class_names: list[str], lang: str) -> None:
    """The whole network, one stage at a time: the picture, each layer's maps or units, the answer.

    Args:
        trace: one picture's path through the model (:func:`cnn_core.network.trace_network`).
        class_names: the model's class names in ``lang``.
        lang: the page's language.
    """
    stages = trace.stages
    index = _step("network_present_stage", len(stages), "stage")
    stage_now = stages[index - 1]
    shape = "×".join(i18n.number(size, lang) for size in np.shape(
        trace.image28 if stage_now.kind == "input" else stage_now.values))
    st.header(tr("present.stage_title", step=index, total=len(stages), name=stage_now.name, shape=shape))
    if stage_now.kind == "output":
        top = trace.predicted
        st.markdown(f"### {tr('present.answer', name=class_names[top] if top < len(class_names) else str(top))}")
    elif stage_now.extras:
        st.caption(" + ".join(stage_now.extras))
    st.plotly_chart(unchecked_figure(figures.stage_figure(trace, index - 1, class_names, lang, height=FIGURE_HEIGHT)),
                    key="present_stage", config={"displayModeBar": False})
    controls("network_present_stage", index, len(stages))


def text_slides(slides: list[tuple[str, str]]) -> None:
    """A page's written-out steps, one at a time: each slide is ``(heading, arithmetic)`` (the
    "Learn one step" page: the loss, p − y, a dense weight, a ReLU, a max pool, a kernel weight, the update)."""
    if not slides:
        return
    index = _step("learn_present_slide", len(slides), "slide")
    heading, text = slides[index - 1]
    st.header(tr("present.slide_title", step=index, total=len(slides), name=heading))
    st.code(text, language=None, wrap_lines=True)
    controls("learn_present_slide", index, len(slides))


def explain_slides(image28, map_figures: dict, lang: str) -> None:
    """Why it decided, one explanation at a time: the picture, then each map large (plain-dict
    figures from :mod:`cnn_core.figures.explain`), each with what it shows."""
    from cnn_core.figures.explain import picture_figure

    methods = list(map_figures)
    index = _step("explain_present_step", len(methods) + 1, "slide")
    if index == 1:
        st.header(tr("present.explain_picture"))
        figure = picture_figure(image28, "", tr("explain.pixel_hover", row="%{y}", col="%{x}", value="%{z}"),
                                height=FIGURE_HEIGHT, projector=True)
    else:
        method = methods[index - 2]
        st.header(tr(f"explain.method_{method}"))
        st.caption(tr(f"explain.about_{method}"))
        figure = dict(map_figures[method], layout=dict(map_figures[method]["layout"], height=FIGURE_HEIGHT))
    st.plotly_chart(unchecked_figure(figure), key="present_explain", config={"displayModeBar": False})
    controls("explain_present_step", index, len(methods) + 1)
