"""The Teach page's session plumbing: the learner's example set and teaching runs, per browser session.

The learner's :class:`cnn_core.examples.ExampleSet` lives in the session's state
(:func:`example_set`): it survives reruns, language switches and visits to other pages for as long
as the browser tab is open. Beyond that, :func:`autosave` keeps it in the
:class:`cnn_core.examples.ExampleStore` on this computer after every change, always under the one
id of this session's set, and :func:`open_saved` brings back a saved set (the page offers it as a
zip to download, too). ``teach_session()`` is a
session-scoped resource like the Train page's, holding the current run, which keeps going while the
learner looks elsewhere and is stopped when the tab closes.
Teaching runs go through the same job engine as the Train page (:func:`ui.training.job_service`:
a Dask worker process, live progress, stop), as jobs of kind ``"transfer"``.

Inside the model reads :func:`taught_test_set` to show a taught model on the learner's own examples.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import plotly.graph_objects as go
import streamlit as st

from cnn_core import examples, export, jobs, store, transfer
from cnn_core.examples import ExampleSet, ExampleStore
from cnn_core.figures import apply_style
from cnn_core.figures import teach as figures
from ui.training import RunHolder, job_service, reclaimed, release_when_the_tab_closes, training_session

EXAMPLES_KEY = "teach_examples"
SAVED_KEY = "teach_saved_as"


def example_set() -> ExampleSet:
    """This session's example set (an empty one on first use)."""
    if not isinstance(st.session_state.get(EXAMPLES_KEY), ExampleSet):
        st.session_state[EXAMPLES_KEY] = ExampleSet()
    return st.session_state[EXAMPLES_KEY]


@dataclass(frozen=True)
class SavedAs:
    """Where this session's set is kept in the store: its entry's id, the set's ``version`` then,
    and the ``write`` token of that save (a different token on disk means another tab saved over it)."""

    example_set: ExampleSet
    set_id: str
    version: int
    write: str


def saved_as(own: ExampleSet) -> SavedAs | None:
    """This session's entry for ``own`` (``None`` until it was first saved, or for another set)."""
    saved = st.session_state.get(SAVED_KEY)
    return saved if isinstance(saved, SavedAs) and saved.example_set is own else None


def _remember(own: ExampleSet, set_id: str, meta: dict | None) -> None:
    st.session_state[SAVED_KEY] = SavedAs(own, set_id, own.version, str((meta or {}).get("write", "")))


def autosave(own: ExampleSet) -> bool:
    """Keep ``own`` in the example store if it changed since its last save (the page calls this at
    the top of every run: callbacks have changed the set by then, and changes made further down
    end with ``st.rerun()``). The first save of a set with classes makes its entry; later saves
    overwrite that entry; a set whose classes are all removed takes its entry away (an undo brings
    it back under the same id). Returns True when the entry had been saved over from another tab
    since, so this tab's set went into a new entry instead (both are kept). Raises
    ``UserError("teach.err_store_failed")`` when the disk refuses; the set stays in the session."""
    mine = saved_as(own)
    if mine is not None and mine.version == own.version:
        return False
    if mine is None and not own.classes:
        return False  # nothing made yet
    example_store = ExampleStore()
    if mine is not None and not own.classes:
        example_store.delete(mine.set_id)
        _remember(own, mine.set_id, None)
        return False
    set_id, copied = (mine.set_id if mine else None), False
    if mine is not None:
        on_disk = example_store.meta(mine.set_id)
        if on_disk is not None and on_disk.get("write") != mine.write:
            set_id, copied = None, True
    set_id = example_store.save(own, set_id, owner=training_session().owner)
    _remember(own, set_id, example_store.meta(set_id))
    return copied


def open_saved(set_id: str) -> ExampleSet:
    """Make the saved set ``set_id`` this session's set, continuing its entry. The current set is
    saved first: if that or the loading fails (``UserError``), nothing is replaced."""
    autosave(example_set())
    example_store = ExampleStore()
    loaded = example_store.load(set_id)
    st.session_state[EXAMPLES_KEY] = loaded
    _remember(loaded, set_id, example_store.meta(set_id))
    return loaded


def saved_sets() -> list[dict]:
    """The store's sets other than the one this session is working on, most recently changed first."""
    current = saved_as(example_set())
    return [entry for entry in ExampleStore().list() if current is None or entry["id"] != current.set_id]


class TeachSession(RunHolder):
    """One browser session's current teaching run and what became of its runs."""

    def __init__(self):
        super().__init__()
        self.context: dict = {}          # what the current job was started with (names, base, profile)
        self.recorded_for: jobs.JobHandle | None = None
        self.model = None                # the latest finished run's model and meta
        self.meta: dict | None = None
        self.runs: list[dict] = []       # every finished run of this session, for comparing
        self.exports: tuple[jobs.JobHandle, dict] | None = None
        self.rounds = {"canvas": 0, "camera": 0, "upload": 0, "import": 0}  # bumped to clear a widget
        self.augment_seed = 0
        self._chart: tuple[tuple, go.Figure] | None = None

    # ----- the run ---------------------------------------------------------------------------
    def start(self, own: ExampleSet, base_model, base_meta: dict, config: transfer.TransferConfig,
              dataset: str) -> jobs.JobHandle:
        """Queue a teaching run on a copy of ``own``'s examples (stops a run in progress)."""
        own.check_trainable()
        images, labels = own.arrays()
        spec = transfer.job_spec(base_model, images, labels, own.class_names, config, dataset)
        self.context = {"class_names": own.class_names, "profile": own.profile,
                        "dataset": dataset, "base": base_meta.get("run_id"), "base_name": base_meta.get("name"),
                        "examples": len(images)}
        return self._replace(job_service().submit(spec, owner=training_session().owner))

    def needs_recording(self, snapshot) -> bool:
        """True once the current run has ended and its model has not been taken in yet."""
        return snapshot is not None and snapshot.state in jobs.FINISHED_STATES and self.recorded_for is not self.job

    def record(self, name: str) -> tuple[dict, str | None]:
        """Take the finished run in: its meta (``kind="taught"``, the class names as typed), saved to
        the model store; returns ``(meta, run_id)``. A failed run leaves only its row for comparing."""
        job = self.job
        snap = job.snapshot()
        self.recorded_for = job
        config: transfer.TransferConfig = job.spec.config
        result = job.result
        self.runs.append({"from_scratch": config.from_scratch, "augment": config.augment, "epochs": len(snap.epochs),
                          "accuracy": snap.test_accuracy, "seconds": snap.elapsed_s, "state": snap.state})
        model = job.model
        if model is None:
            return {}, None
        meta = {**job.run_meta(name), **self.context, "kind": examples.TAUGHT, "from_scratch": config.from_scratch,
                "augment": config.augment, "holdout_count": result.meta.get("holdout_count"),
                "holdout_per_class": result.meta.get("holdout_per_class"), "owner": training_session().owner}
        run_id = store.ModelStore().save(model, meta, timeline=job.timeline())
        self.model, self.meta = model, {**meta, "run_id": run_id}
        return self.meta, run_id

    # ----- what the page draws ---------------------------------------------------------------
    def chart(self, snapshot: jobs.JobSnapshot, lang: str, projector: bool) -> go.Figure:
        """The accuracy chart, rebuilt only when the run, language or projector mode moved on."""
        key = (self.job.id, snapshot.version, lang, projector)
        if self._chart is None or self._chart[0] != key:
            spec = figures.accuracy_per_epoch(snapshot.epochs, snapshot.total_epochs, lang)
            self._chart = (key, apply_style(go.Figure(spec), projector))
        return self._chart[1]

    def export_files(self, own: ExampleSet) -> dict:
        """The latest model's ``.keras`` and ``.tflite`` bytes and the TFLite parity check on the
        learner's examples (made once per run: converting takes about half a second)."""
        if self.exports is None or self.exports[0] is not self.recorded_for:
            started = time.perf_counter()
            tflite = export.tflite_bytes(self.model)
            images, _ = own.arrays()
            parity = export.check_tflite(self.model, tflite, images) if len(images) else None
            self.exports = (self.recorded_for, {"keras": export.keras_bytes(self.model), "tflite": tflite,
                                                "parity": parity, "seconds": time.perf_counter() - started})
        return self.exports[1]

@st.cache_resource(scope="session", on_release=release_when_the_tab_closes, show_spinner=False)
def teach_session() -> TeachSession:
    """This browser session's :class:`TeachSession` (the same object on every rerun and page)."""
    return reclaimed(TeachSession)


def taught_test_set(meta: dict, dataset: str):
    """The session's examples as a test set for a taught model (a :class:`cnn_core.datasets.Dataset`
    named by :func:`cnn_core.examples.drawings_scope`), or ``None`` when this session's example set
    has other classes (a model loaded from the store in another session)."""
    own = example_set()
    if own.class_names != examples.model_class_names(meta, dataset, "en") or not len(own):
        return None
    return own.as_dataset(examples.drawings_scope(meta, dataset))
