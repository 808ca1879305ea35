"""Lesson links: a page's important choices live in its URL, so a link reopens the app in that state.

A teacher sets up a view (the Convolution lab on a real picture, Sobel kernel, stride 2, step 7),
copies its link, and every student who opens it sees the same thing::

    /conv_lab?input=real&kernel=sobel_x&stride=2&step=7&hide=kernel

**Declaring a page's links.** A page names each choice it puts in links with a :class:`Param` and
binds it *before* the widget that holds the value is created::

    links.bind(links.Integer("step", "conv_step", 1, low=1, high=total))  # name, key, default
    st.slider(..., value=links.shown("conv_step", 1), key="conv_step")

``bind`` does two things. When a link has just been opened and carries ``step``, the text is checked
(a whole number from 1 to ``total``) and written into ``st.session_state["conv_step"]``, so the
widget starts there (the widget also takes it as its own default, :func:`shown` /
:func:`shown_index`, so the browser cannot draw it from anything else); a value that does not fit is left out and named in a small note. And at the
end of every run the param's current value goes back into the URL, unless it equals ``default``
(links stay short: only what differs from a fresh visit is written). ``Choice``, ``Integer``,
``Number``, ``Flag`` and ``Pair`` cover the widgets here; a choice spread over several widgets
uses :func:`take` (read a link's value) and :func:`keep` (write one) directly.

**Global params.** ``lang``, ``data`` (the dataset), ``projector``, ``ask`` (question mode, see
:mod:`ui.questions`) and a lesson plan's ``plan`` and
``part`` (its step) are read before the sidebar
draws its widgets (:func:`open_link`, first thing in ``app.py``) and kept in every page's link.

**Hiding controls.** ``hide=kernel&hide=stride`` (or ``hide=kernel,stride``) hides the widgets of
those params on the page, so a teacher can focus one step, as TF Playground's ``hideControls``.

**The run's frame.** ``app.py`` wraps the page in :func:`page_run`, which writes the URL when the
page has run, notes what a link carried that no page control took, and fills the sidebar's "link
to this view" box. A fragment that changes a bound value (the Convolution lab's step player) calls
:func:`sync` to bring the URL along.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from cnn_core import datasets, i18n, models, plans, training
from ui.state import ASK_KEY, tr

HIDE = "hide"
_SEEN = "fcl_link_seen"        # the query params this session last wrote or read (a new link differs)
_PENDING = "fcl_link_pending"  # a newly opened link's params that no page control has taken yet
_BOUND = "fcl_link_bound"      # name -> Param: what this page put in its links this run, in page order
_HIDDEN = "fcl_link_hidden"    # param names a link asked to hide
_NOTES = "fcl_link_notes"      # [(name, text)] a link carried that could not be used
PLAN_KEY = "fcl_plan"          # the lesson plan this session follows (its id), see ui/plans.py
PLAN_PART_KEY = "fcl_plan_part"


class BadValue(ValueError):
    """A link's text that does not fit its param."""


@dataclass(frozen=True)
class Param:
    """One URL parameter: its short ``name``, the session-state ``key`` it stands for, its ``default``.

    Subclasses say how the URL text becomes a value (:meth:`parse`, raising :class:`BadValue`) and
    back (:meth:`text`). ``only_if`` (a test on ``st.session_state``) keeps a param out of links
    while it does not apply, e.g. the custom model's sliders while another preset is chosen.
    """

    name: str
    key: str
    default: Any
    only_if: Callable[[Any], bool] | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key,)

    def parse(self, text: str):
        raise NotImplementedError

    def text(self, value) -> str:
        return str(value)

    def apply(self, value) -> None:
        st.session_state[self.key] = value

    def current(self):
        return st.session_state.get(self.key, self.default)


@dataclass(frozen=True)
class Choice(Param):
    """One of ``options``; the URL holds ``str(option)`` (class numbers, preset names ...)."""

    options: Sequence = ()

    def parse(self, text: str):
        for option in self.options:
            if str(option) == text:
                return option
        raise BadValue(text)


@dataclass(frozen=True)
class Integer(Param):
    """A whole number from ``low`` to ``high`` (both included; ``None`` is unbounded)."""

    low: int | None = None
    high: int | None = None

    def parse(self, text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise BadValue(text) from None
        if (self.low is not None and value < self.low) or (self.high is not None and value > self.high):
            raise BadValue(text)
        return value

    def text(self, value) -> str:
        return str(int(value))


@dataclass(frozen=True)
class Number(Param):
    """A finite number from ``low`` to ``high``; the URL writes it short (``0.001``, ``1e-05``)."""

    low: float = -math.inf
    high: float = math.inf

    def parse(self, text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise BadValue(text) from None
        if not math.isfinite(value) or not self.low <= value <= self.high:
            raise BadValue(text)
        return value

    def text(self, value) -> str:
        return format(float(value), "g")


@dataclass(frozen=True)
class Flag(Param):
    """On or off: ``1`` or ``0`` in the URL."""

    default: bool = False

    def parse(self, text: str) -> bool:
        if text in ("1", "0"):
            return text == "1"
        raise BadValue(text)

    def text(self, value) -> str:
        return "1" if value else "0"


@dataclass(frozen=True)
class Pair(Param):
    """Two whole numbers held by two widgets (``key`` and ``second_key``), e.g. a stride's rows and
    columns: ``2`` sets both, ``2x1`` sets them apart. ``default`` is a ``(first, second)`` tuple."""

    second_key: str = ""
    low: int = 1
    high: int = 1

    @property
    def keys(self) -> tuple[str, ...]:
        return (self.key, self.second_key)

    def parse(self, text: str) -> tuple[int, int]:
        parts = text.split("x")
        if len(parts) == 1:
            parts = parts * 2
        try:
            values = tuple(int(part) for part in parts)
        except ValueError:
            raise BadValue(text) from None
        if len(values) != 2 or not all(self.low <= value <= self.high for value in values):
            raise BadValue(text)
        return values

    def text(self, value) -> str:
        first, second = (int(v) for v in value)
        return str(first) if first == second else f"{first}x{second}"

    def apply(self, value) -> None:
        st.session_state[self.key], st.session_state[self.second_key] = value

    def current(self):
        return (st.session_state.get(self.key, self.default[0]),
                st.session_state.get(self.second_key, self.default[1]))


@dataclass(frozen=True)
class Word(Param):
    """A short name made of letters, digits, ``-`` and ``_`` (a lesson plan's id)."""

    def parse(self, text: str) -> str:
        if not text or len(text) > 64 or not all(c.isascii() and (c.isalnum() or c in "-_") for c in text):
            raise BadValue(text)
        return text


@dataclass(frozen=True)
class Kept(Param):
    """A value the page worked out itself (:func:`keep`): ``value`` is its URL text, ``hides`` the
    widgets that ``hide=name`` hides."""

    value: str = ""
    hides: tuple[str, ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return self.hides

    def current(self):
        return self.value


# --- the global params -----------------------------------------------------------------------------

GLOBALS: tuple[Param, ...] = (
    Choice("lang", "lang", i18n.DEFAULT_LANGUAGE, options=tuple(i18n.LANGUAGES)),
    Choice("data", "dataset", datasets.DEFAULT_DATASET, options=tuple(datasets.DATASETS)),
    Flag("projector", "projector"),
    Flag("ask", ASK_KEY),                                          # question mode: guess before the answer shows
    Word(plans.PLAN_PARAM, PLAN_KEY, ""),                          # a lesson plan being followed
    Integer(plans.PART_PARAM, PLAN_PART_KEY, 0, None, 0, plans.MAX_STEPS),  # and its step, from 1
)

# --- the Train page's params (its form holds no limits of its own; TrainConfig checks on start) --


def _chosen_preset_has(option_name: str, state) -> bool:
    """Whether the chosen preset is built from ``option_name`` (only then is its widget in links)."""
    preset = models.PRESETS.get(state.get("train_preset", models.LESSON_PRESET))
    return preset is not None and any(option.name == option_name for option in preset.options)


def builder_param(option: models.BuilderOption) -> Param:
    """The link param of one layer option (:class:`cnn_core.models.BuilderOption`): one of its
    steps, or a number between its limits; in links only while the chosen preset has it."""
    key, only_if = f"train_{option.name}", functools.partial(_chosen_preset_has, option.name)
    if option.steps:
        return Choice(option.link, key, option.default, only_if, options=option.steps)
    kind = Integer if option.whole else Number
    return kind(option.link, key, option.default, only_if, option.low, option.high)


def _builder_options() -> dict[str, models.BuilderOption]:
    """Every registered preset's layer options, each name once, in the order the presets give them."""
    options: dict[str, models.BuilderOption] = {}
    for preset in models.PRESETS.values():
        for option in preset.options:
            options.setdefault(option.name, option)
    return options


TRAIN: tuple[Param, ...] = (
    Choice("preset", "train_preset", models.LESSON_PRESET, options=tuple(models.PRESETS)),
    *(builder_param(option) for option in _builder_options().values()),
    Integer("epochs", "train_epochs", 5, None, 1, training.MAX_EPOCHS),
    Integer("batch", "train_batch_size", training.FAST_BATCH_SIZE, None, 1, training.MAX_BATCH_SIZE),
    Choice("opt", "train_optimizer", "adam", options=training.OPTIMIZERS),
    Number("lr", "train_learning_rate", training.FAST_LEARNING_RATE, None, 1e-7, 1.0),
    Integer("subset", "train_subset", 6000, None, 2, None),
    Number("val", "train_validation_split", 0.1, None, 0.0, 0.5),
    Integer("seed", "train_seed", 0, None, 0, 2**31 - 1),
    Choice("schedule", "train_lr_schedule", training.FAST_LR_SCHEDULE, options=training.LR_SCHEDULES),
    Flag("augment", "train_augment"),
)


# --- reading a link --------------------------------------------------------------------------------

def _query() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def open_link() -> None:
    """First thing in every run: when the URL holds a link this session has not read yet, apply its
    global params and keep the rest for the page's controls (:func:`bind`)."""
    query = _query()
    if query == st.session_state.get(_SEEN, {}):
        return
    st.session_state[_SEEN] = query
    pending = {name: values[-1] for name, values in query.items() if values and name != HIDE}
    st.session_state[_HIDDEN] = tuple(dict.fromkeys(
        name.strip() for value in query.get(HIDE, []) for name in value.split(",") if name.strip()))
    st.session_state[_NOTES] = []
    for param in GLOBALS:
        _take_for(param, pending)
    st.session_state[_PENDING] = pending


def _take_for(param: Param, pending: dict[str, str]) -> None:
    if param.name not in pending:
        return
    text = pending.pop(param.name)
    try:
        param.apply(param.parse(text))
    except BadValue:
        st.session_state[_NOTES].append((param.name, text))


def bind(*params: Param) -> None:
    """Put ``params`` in this page's links; a newly opened link's values for them are applied now
    (call this before the widgets are created)."""
    pending = st.session_state.get(_PENDING, {})
    bound = st.session_state.setdefault(_BOUND, {})
    for param in params:
        if any(param.name == shared.name for shared in GLOBALS):  # it would read every page's value
            raise ValueError(f"link param {param.name!r} is one of every page's own; pick another name")
        if param.name in pending:
            st.session_state.setdefault(_NOTES, [])
            _take_for(param, pending)
        bound[param.name] = param
    _hide_now(params)


def shown(key: str, default):
    """The default to create a bound widget with: the session's value for ``key`` (a link's, once
    :func:`bind` has applied it), else ``default``.

    Why: a value written into session state reaches the browser as a one-off "set this value" on the
    widget, next to the widget's own default. Chromium showed (about 1 in 5 fresh sessions on a busy
    machine, one widget of a pair) that the browser can draw the widget from its default instead and
    send that back on the next run, so ``/conv_lab?stride=2x3`` came back as ``1x3``. A widget whose
    own default *is* the linked value cannot fall back to anything else. Widget identity in Streamlit
    follows the ``key``, so a default that changes with the session's value never resets the widget.

    Example::

        links.bind(links.Integer("rows", "conv_toy_rows", 4, None, 1, 9))
        st.number_input("Rows", 1, 9, links.shown("conv_toy_rows", 4), key="conv_toy_rows")
    """
    return st.session_state.get(key, default)


def shown_index(key: str, options: Sequence, default_index: int = 0) -> int:
    """The ``index=`` for a bound radio or select box: where the session's value for ``key`` sits in
    ``options``, else ``default_index``."""
    options = list(options)
    value = st.session_state.get(key)
    return options.index(value) if key in st.session_state and value in options else default_index


def take(name: str, parse: Callable[[str], Any]):
    """A newly opened link's value for ``name`` read by ``parse`` (``None`` when the link has none,
    or when ``parse`` raises :class:`BadValue`, which puts it in the note). Pair with :func:`keep`."""
    pending = st.session_state.get(_PENDING, {})
    if name not in pending:
        return None
    text = pending.pop(name)
    try:
        return parse(text)
    except BadValue:
        st.session_state.setdefault(_NOTES, []).append((name, text))
        return None


def keep(name: str, text: str, default: str, keys: Sequence[str] = ()) -> None:
    """Write ``name=text`` into this page's links unless ``text == default``; ``keys`` are the
    widgets a ``hide=name`` hides."""
    param = Kept(name, "", default, value=text, hides=tuple(keys))
    st.session_state.setdefault(_BOUND, {})[name] = param
    _hide_now((param,))


def _hide_now(params: Sequence[Param]) -> None:
    """Hide the widgets of the params a link named in ``hide`` (CSS; the widgets still run)."""
    hidden = st.session_state.get(_HIDDEN, ())
    keys = [key for param in params if param.name in hidden for key in param.keys]
    if keys:
        st.html("<style>" + "".join(f".st-key-{key}{{display:none !important}}" for key in keys) + "</style>")


# --- writing the URL -------------------------------------------------------------------------------

def _wanted() -> dict[str, str | list[str]]:
    """The query params that describe this view now: globals and bound params away from their
    defaults, the still-untaken params of a link, and the hide list."""
    wanted: dict[str, str | list[str]] = {}
    params = [*GLOBALS, *st.session_state.get(_BOUND, {}).values()]
    for param in params:
        if param.only_if is not None and not param.only_if(st.session_state):
            continue
        value = param.current()
        if value != param.default:
            wanted[param.name] = param.text(value)
    for name, text in st.session_state.get(_PENDING, {}).items():
        wanted.setdefault(name, text)
    hide = st.session_state.get(_HIDDEN, ())
    if hide:
        wanted[HIDE] = list(hide)
    return wanted


def sync() -> None:
    """Bring the URL up to date with the page's bound values (also from inside a fragment)."""
    wanted = {name: value if isinstance(value, list) else [value] for name, value in _wanted().items()}
    if _query() != wanted:
        st.query_params.from_dict(wanted)
    st.session_state[_SEEN] = wanted


def view_link(base_url: str | None, page_url: str, query: dict) -> str:
    """The link to a view: ``base_url`` (the app's address as the browser reached it, possibly with
    the page's path; ``None`` gives a path alone), the page, and ``query`` as a query string."""
    text = urlencode(query, doseq=True, safe=",")
    base = ""
    if base_url:
        base = base_url.rstrip("/")
        if page_url and base.endswith(f"/{page_url}"):
            base = base[: -len(page_url) - 1]
    return f"{base}/{page_url}{'?' + text if text else ''}"


@contextlib.contextmanager
def page_run(page_url: str) -> Iterator[None]:
    """Run the page inside this: afterwards the URL holds the view, the sidebar its link, and the
    top of the page a note on anything the link carried that could not be used.

    A page that ends early (``st.stop()`` after an error, or a rerun) changes nothing: Streamlit takes
    no more output in such a run, and a link's untaken params wait for the page's next full run.
    """
    st.session_state[_BOUND] = {}
    notes_slot = st.empty()
    with st.sidebar:
        link_slot = st.empty()
    yield
    notes = st.session_state.pop(_NOTES, []) + list(st.session_state.get(_PENDING, {}).items())
    st.session_state[_PENDING] = {}
    sync()
    if notes:
        notes_slot.info(tr("links.ignored", params=", ".join(f"{name}={text}" for name, text in notes)),
                        icon=":material/link:")
    _link_box(link_slot, page_url)


def _link_box(slot, page_url: str) -> None:
    """The sidebar's "link to this view": the link in a box to select, and a Copy button.

    The box follows the address bar (a fragment, like the lab's step player, changes the URL without
    a full run), and the button copies with the clipboard API where the page is a secure context,
    else by selecting the text (a class server reached over plain http on the room's network).
    """
    link = view_link(st.context.url, page_url, _wanted())
    with slot.container(key="fcl_view_link"):
        with st.expander(tr("links.copy_heading"), icon=":material/link:"):
            st.caption(tr("links.copy_explain"))
            st.html(_LINK_BOX.format(link=html.escape(link, quote=True), label=html.escape(tr("links.copy_heading")),
                                     copy=html.escape(tr("links.copy")), copied=json.dumps(tr("links.copied"))),
                    unsafe_allow_javascript=True)
            st.caption(tr("links.hide_explain"))


_LINK_BOX = """
<label for="fcl-link" style="position:absolute;left:-9999px">{label}</label>
<input id="fcl-link" readonly value="{link}"
       style="width:100%;box-sizing:border-box;font:0.85rem monospace;padding:0.4rem;border:1px solid #94a3b8;border-radius:0.4rem">
<button id="fcl-copy" type="button"
        style="margin-top:0.4rem;padding:0.3rem 0.9rem;border:1px solid #0f766e;border-radius:0.4rem;background:#fff;color:#0f766e">{copy}</button>
<script>
if (!window.fclLinkTimer) {{
  window.fclLinkTimer = setInterval(() => {{
    const box = document.getElementById("fcl-link");
    if (box && document.activeElement !== box && box.value !== location.href) box.value = location.href;
  }}, 400);
}}
(() => {{
  const button = document.getElementById("fcl-copy");
  if (!button || button.dataset.ready) return;
  button.dataset.ready = "1";
  button.addEventListener("click", async () => {{
    const box = document.getElementById("fcl-link");
    box.value = location.href;
    try {{ await navigator.clipboard.writeText(box.value); }}
    catch (error) {{ box.select(); document.execCommand("copy"); }}
    button.textContent = {copied};
  }});
}})();
</script>
"""


def bad(text: str):
    """Raise :class:`BadValue` for ``text`` (for a ``take`` parser written as a lambda)."""
    raise BadValue(text)
