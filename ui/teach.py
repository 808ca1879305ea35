"""The Teach page's session plumbing: the learner's example set and teaching runs, per browser session.

The learner's :class:`cnn_core.examples.ExampleSet` lives in the session's state
(:func:`example_set`): it survives reruns, language switches and visits to other pages for as long
as the browser tab is open (and the page offers it as a zip to keep). ``teach_session()`` is a
session-scoped resource like the Train page's, holding the current run, which keeps going while the
learner looks elsewhere and is stopped when the tab closes.
Teaching runs go through the same job engine as the Train page (:func:`ui.training.job_service`:
a Dask worker process, live progress, stop), as jobs of kind ``"transfer"``.

Inside the model reads :func:`taught_test_set` to show a taught model on the learner's own examples.
"""

from __future__ import annotations

import threading
import time

import plotly.graph_objects as go
import streamlit as st

from cnn_core import examples, export, jobs, store, transfer
from cnn_core.examples import ExampleSet
from cnn_core.figures import apply_style
from cnn_core.figures import teach as figures
from ui.training import job_service, training_session

EXAMPLES_KEY = "teach_examples"


def example_set() -> ExampleSet:
    """This session's example set (an empty one on first use)."""
    if not isinstance(st.session_state.get(EXAMPLES_KEY), ExampleSet):
        st.session_state[EXAMPLES_KEY] = ExampleSet()
    return st.session_state[EXAMPLES_KEY]


class TeachSession:
    """One browser session's current teaching run and what became of its runs."""

    def __init__(self):
        self._lock = threading.Lock()
        self.job: jobs.JobHandle | None = None
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
        job = job_service().submit(spec, owner=training_session().owner)
        with self._lock:
            previous, self.job = self.job, job
            self.context = {"class_names": own.class_names, "profile": own.profile,
                            "dataset": dataset, "base": base_meta.get("run_id"), "base_name": base_meta.get("name"),
                            "examples": len(images)}
        if previous is not None:
            previous.stop()
        return job

    def stop(self) -> None:
        job = self.job
        if job is not None:
            job.stop()

    def snapshot(self, poll: bool = False) -> jobs.JobSnapshot | None:
        job = self.job
        if job is None:
            return None
        if poll:
            job.poll()
        return job.snapshot()

    def is_active(self) -> bool:
        snapshot = self.snapshot()
        return snapshot is not None and snapshot.state in jobs.ACTIVE_STATES

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
                "holdout_per_class": result.meta.get("holdout_per_class")}
        run_id = store.ModelStore().save(model, meta)
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

    def release(self) -> None:
        """Called when the browser session ends: stop the run so it frees its slot."""
        self.stop()


def _release(session: TeachSession) -> None:
    session.release()


@st.cache_resource(scope="session", on_release=_release, show_spinner=False)
def teach_session() -> TeachSession:
    """This browser session's :class:`TeachSession` (the same object on every rerun and page)."""
    return TeachSession()


def taught_test_set(meta: dict, dataset: str):
    """The session's examples as a test set for a taught model (a :class:`cnn_core.datasets.Dataset`
    named by :func:`cnn_core.examples.drawings_scope`), or ``None`` when this session's example set
    has other classes (a model loaded from the store in another session)."""
    own = example_set()
    if own.class_names != examples.model_class_names(meta, dataset, "en") or not len(own):
        return None
    return own.as_dataset(examples.drawings_scope(meta, dataset))
