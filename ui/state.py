"""Session state and server-wide caches the pages share.

The sidebar in ``app.py`` owns three widgets whose keys hold the session's choices: ``lang``,
``dataset`` and ``projector``. Pages read them through the functions here, so none of them touches a
raw session-state key.
"""

from __future__ import annotations

import threading
import uuid
from typing import TYPE_CHECKING

import streamlit as st

from cnn_core import classroom, datasets, i18n, models
from cnn_core.errors import UserError

if TYPE_CHECKING:
    import keras
    import numpy as np

ASK_KEY = "fcl_ask"  # question mode, set by a lesson link's ``ask=1`` (a global param of ui.links)
_prepare_lock = threading.Lock()
_ready: set[tuple[str, str]] = set()  # (name, data_dir) already loaded by this server


def lang() -> str:
    """The session's language: a code of :data:`cnn_core.i18n.LANGUAGES` (the default one until the
    learner picks another)."""
    value = st.session_state.get("lang", i18n.DEFAULT_LANGUAGE)
    return value if value in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def tr(key: str, **values) -> str:
    """The catalog text for ``key`` in the session's language (:func:`cnn_core.i18n.t` with :func:`lang`).

    Args:
        key: a catalog key such as ``"train.title"``.
        **values: what fills the text's ``{placeholders}`` (numbers in the language's digits).

    Raises:
        KeyError: for a key no catalog defines.
    """
    return i18n.t(key, lang(), **values)


def dataset_name() -> str:
    """The dataset the session works on (``datasets.DEFAULT_DATASET`` until the learner picks another)."""
    value = st.session_state.get("dataset", datasets.DEFAULT_DATASET)
    return value if value in datasets.DATASETS else datasets.DEFAULT_DATASET


def projector() -> bool:
    """Whether projector mode (big text, high contrast) is on."""
    return bool(st.session_state.get("projector", False))


def asking() -> bool:
    """Whether question mode is on: the lesson link carried ``ask=1``, so pages ask before they show."""
    return bool(st.session_state.get(ASK_KEY, False))


def session_id() -> str:
    """This browser session's anonymous id (made once, random): it counts a learner's guesses once
    without knowing who they are."""
    return st.session_state.setdefault("fcl_session_id", uuid.uuid4().hex[:16])


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_dataset(name: str, data_dir: str) -> datasets.Dataset:
    with _prepare_lock:  # two first visitors must not both prepare the same files
        dataset = datasets.load(name, data_dir=data_dir)
    _ready.add((name, data_dir))
    return dataset


class DataPreparation:
    """tfds preparing one dataset in a background thread, with its own progress for the page to show.

    The first visitor's page starts it; every page that needs the data shows the same progress
    bar in place until it is done, while pages that need no data (Home's map, the Convolution lab's
    toy grids) work at once.
    """

    def __init__(self, name: str, data_dir: str):
        self.name, self.data_dir = name, data_dir
        self.step: tuple[str, str] | None = None   # what tfds does now: ("generating" | "shuffling", split)
        self.done, self.total = 0, None
        self.splits_done, self.splits_total = 0, 1
        self.error: UserError | None = None
        self.finished = threading.Event()
        threading.Thread(target=self._run, name=f"prepare-{name}", daemon=True).start()

    def _run(self) -> None:
        try:
            with _prepare_lock:
                datasets.load(self.name, data_dir=self.data_dir, steps=self.on_step)
            _load_dataset(self.name, self.data_dir)  # reads the prepared arrays back into the shared cache
        except UserError as err:
            self.error = err
        except Exception as exc:  # noqa: BLE001 - shown to the learner, never a silent dead thread
            self.error = UserError("data.err_prepare_failed", name=self.name, folder=self.data_dir,
                                   reason=str(exc)[:300])
        finally:
            self.finished.set()

    def on_step(self, description: str, done: int, total: int | None) -> None:
        """``datasets.load``'s ``steps`` callback: remember where tfds is, in words a learner can read
        (tfds says "Generating train examples..." and "Shuffling <a file pattern>...")."""
        if description.startswith("Generating splits"):
            self.splits_done, self.splits_total = done, max(total or 1, 1)
            return
        kind = "shuffling" if description.startswith("Shuffling") else "generating"
        split = "test" if "test" in description else "train"
        self.step, self.done, self.total = (kind, split), done, total

    @property
    def fraction(self) -> float:
        """Share of the work done: whole splits, plus the current split's shuffle once tfds counts it."""
        within = self.done / self.total if self.total else 0.0
        return min(1.0, (self.splits_done + 0.5 * within) / self.splits_total)


@st.cache_resource(show_spinner=False)
def _preparations() -> dict[tuple[str, str], DataPreparation]:
    return {}


_preparations_lock = threading.Lock()


def _preparation(name: str, data_dir: str) -> DataPreparation:
    """The one preparation of ``name`` on this server (a failed one is started again)."""
    with _preparations_lock:
        running = _preparations()
        current = running.get((name, data_dir))
        if current is None or current.error is not None:
            current = running[(name, data_dir)] = DataPreparation(name, data_dir)
        return current


def data_if_ready(name: str | None = None) -> datasets.Dataset | None:
    """The dataset when it is in memory or prepared on disk (read at once), else ``None``: never waits."""
    name = name or dataset_name()
    data_dir = str(datasets.default_data_dir())
    if (name, data_dir) in _ready:
        return _load_dataset(name, data_dir)
    try:
        source, _ = datasets.plan_source(name, datasets.default_data_dir(), probe=lambda: False)
        return _load_dataset(name, data_dir) if source == datasets.SOURCE_PREPARED else None
    except UserError:   # damaged beyond repair: get_data's preparation shows why; other pages carry on
        return None


def get_data(name: str | None = None) -> datasets.Dataset:
    """The server-wide cached dataset. On a first start, tfds prepares it in the background: the page
    shows tfds' progress as a bar in place of its content and carries on by itself once the data is
    ready (the rest of the app stays usable meanwhile)."""
    name = name or dataset_name()
    ready = data_if_ready(name)
    if ready is not None:
        return ready
    try:
        source, _ = datasets.plan_source(name, datasets.default_data_dir())
    except UserError as err:
        show_user_error(err)
        st.stop()
    preparation = _preparation(name, str(datasets.default_data_dir()))
    shown = tr(datasets.DATASETS[name].name_key) if name in datasets.DATASETS else name
    stage = "preparing" if source == datasets.SOURCE_SHIPPED else "downloading"

    @st.fragment(run_every=0.5)
    def progress() -> None:
        if preparation.finished.is_set():
            if preparation.error is not None:
                show_user_error(preparation.error)
                return
            st.rerun()
        detail = ""
        if preparation.step is not None:
            kind, split = preparation.step
            detail = tr(f"data.step_{kind}", split=tr(f"datasets.split_{split}"),
                        count=i18n.number(preparation.done, lang()))
        st.progress(preparation.fraction, text=tr(f"data.stage_{stage}", name=shown) + (f" — {detail}" if detail else ""))

    progress()
    st.stop()


def passcode_gate() -> classroom.PasscodeGate:
    """This browser session's teacher-passcode tries (rate-limited: see :class:`cnn_core.classroom.PasscodeGate`)."""
    gate = st.session_state.get("passcode_gate")
    if not isinstance(gate, classroom.PasscodeGate):
        gate = st.session_state["passcode_gate"] = classroom.PasscodeGate()
    return gate


def show_user_error(err: UserError) -> None:
    """Explain a user-caused problem in the session's language; the page carries on."""
    st.error(tr(err.key, **err.values), icon=":material/error:")


@st.cache_resource(show_spinner=False)
def _pretrained(dataset: str):
    from cnn_core import store

    return store.pretrained(dataset)


def pretrained_model(dataset: str | None = None) -> tuple[keras.Model, dict]:
    """``(model, meta)`` of the app's pretrained default for ``dataset`` (server-wide cached).

    Raises:
        UserError: when the app ships no pretrained model for it.
    """
    return _pretrained(dataset or dataset_name())


def active_model() -> tuple[keras.Model, dict]:
    """``(model, meta)`` the session uses: its chosen model for this dataset, else the pretrained default.

    Raises:
        UserError: when neither exists (no trained model and no pretrained file).
    """
    chosen = st.session_state.get("active_model")
    if chosen is not None and chosen[1].get("dataset") == dataset_name():
        return chosen
    return pretrained_model()


def model_name(meta: dict) -> str:
    """A model's name for the page: the shipped defaults get a name in the page's language."""
    if meta.get("pretrained"):
        return tr("classify.pretrained_name", kind=models.preset_label(meta.get("preset", "seed"), lang()))
    return str(meta.get("name", "?"))


def set_active_model(model: keras.Model, meta: dict) -> None:
    """Make ``model`` the one Classify and Inside the model use in this session.

    Args:
        model: a model taking ``uint8 (N, 28, 28, 1)`` pictures.
        meta: its metadata (as the model store writes it; ``dataset`` says which data it knows).
    """
    st.session_state["active_model"] = (model, meta)


MAX_DRAWINGS = 12                   # the session keeps this many of its newest drawings
_DRAWINGS_KEY = "drawings"          # list of dicts, newest last (see remember_drawing)
_DRAWING_OPEN_KEY = "drawing_open"  # True while strokes are still being added to the newest drawing


def drawings(dataset: str | None = None) -> list[dict]:
    """The session's drawings for ``dataset`` (default: the session's), oldest first.

    Each is ``{"image28", "top", "probability", "dataset", "model"}``: the 28x28 picture the model
    saw, its answer and how sure it was, and which model answered.
    """
    name = dataset or dataset_name()
    return [entry for entry in st.session_state.get(_DRAWINGS_KEY, []) if entry.get("dataset") == name]


def remember_drawing(image28: np.ndarray, top: int, probability: float, dataset: str, model: str) -> None:
    """Keep a drawing's newest state (at most :data:`MAX_DRAWINGS`, newest last) for Inside and the report.

    Strokes added to the same drawing update its entry; a new entry starts after
    :func:`close_drawing` (the canvas was cleared).

    Args:
        image28: the 28x28 picture the model saw.
        top: the class it answered.
        probability: how sure it was.
        dataset: the dataset the answer's classes belong to.
        model: the name of the model that answered.
    """
    kept = st.session_state.setdefault(_DRAWINGS_KEY, [])
    entry = {"image28": image28.copy(), "top": int(top), "probability": float(probability),
             "dataset": dataset, "model": model}
    if st.session_state.get(_DRAWING_OPEN_KEY) and kept:
        kept[-1] = entry
    else:
        kept.append(entry)
        del kept[:-MAX_DRAWINGS]
    st.session_state[_DRAWING_OPEN_KEY] = True


def close_drawing() -> None:
    """The canvas is empty again: the next stroke starts a new drawing."""
    st.session_state[_DRAWING_OPEN_KEY] = False
