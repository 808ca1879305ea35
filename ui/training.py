"""The Train page's session plumbing: this server's job service, and one training job per browser session.

Training never runs in this process: :func:`job_service` hands every run to a Dask worker process
(:mod:`cnn_core.jobs`, :mod:`cnn_core.jobs.cluster`). ``training_session()`` is a session-scoped resource:
every rerun of every page in one browser tab gets the same :class:`TrainingSession`, so leaving the
Train page and coming back finds the run still going (or finished). When the tab closes, Streamlit
releases the resource and ``on_release`` stops the job, so an abandoned run never keeps a slot busy.

Streamlit also releases a session's resources when its connection only *drops* (a busy server that
misses a ping, a Wi-Fi blip), and the tab then reconnects to the same session. So a released object
waits :data:`RECONNECT_GRACE_S` for its session to come back and take it again
(:func:`reclaimed`: the run goes on, the page finds it); only when none does is the tab gone and
its runs stopped (:func:`release_when_the_tab_closes`). Teach it and Why it decided hold their
sessions' objects the same way.

Watching costs little: :meth:`TrainingSession.snapshot` fetches only what is new (a few hundred
bytes), and :meth:`TrainingSession.chart` rebuilds a live chart only when the run's snapshot has moved
on, from a plain dict with at most a few hundred points a line that plotly does not validate.
"""

from __future__ import annotations

import os
import threading
import uuid

import plotly.graph_objects as go
import streamlit as st

from cnn_core import inference, jobs, model_checker, training
from cnn_core.jobs import cluster
from cnn_core.figures import training as figures
from ui import server_safety
from ui.theme import unchecked_figure


# "0" keeps the training cluster from starting with the server (the page tests set it: each AppTest
# runs app.py in the test process, which must not start worker processes for every page).
WARM_AT_START_ENV = "FCL_CLUSTER_AT_START"


@st.cache_resource(show_spinner=False)
def job_service() -> jobs.JobService:
    """This server's :class:`cnn_core.jobs.JobService` (one per process, shared by every session).
    Creating it starts nothing; the cluster starts with the server (:func:`warm_up_with_server`), on the
    Train page (:func:`warm_up`) or at the first run."""
    return jobs.JobService()


def warm_up() -> None:
    """Start the training cluster in the background, so a Start click finds warm workers."""
    cluster.start_in_background()


def warm_up_with_server() -> None:
    """Start the training cluster as the server starts (app.py calls this on every run; it returns at
    once and starts the cluster only once per process), unless ``$FCL_CLUSTER_AT_START`` is ``0``.

    Its workers then import TensorFlow, read the data and compile the Train page's default network
    while the learner reads the first pages, so the first Start click pays none of it. The checker of
    uploaded models (:mod:`cnn_core.model_checker`) starts with them: the first upload is answered
    in under a second instead of waiting for a fresh process to import TensorFlow.
    """
    if os.environ.get(WARM_AT_START_ENV, "1") != "0":
        cluster.start_in_background()
        model_checker.start_template_in_background()


# A released session object nobody took back in this long belonged to a closed tab.
RECONNECT_GRACE_S = float(os.environ.get("FCL_RECONNECT_GRACE_S", "60"))

_released: dict[tuple[str, str], tuple[object, threading.Timer]] = {}  # (session id, class) -> (object, its stop)
_released_lock = threading.Lock()


def reclaimed(kind: type):
    """This session's ``kind`` object that Streamlit released when the connection dropped, taken back
    (its run still going); else a new one. The factory of a session-scoped run holder calls this."""
    session_id = server_safety.session_id()
    with _released_lock:
        kept = _released.pop((session_id, kind.__qualname__), None)
    if kept is not None:
        kept[1].cancel()
        return kept[0]
    held = kind()
    held.session_id = session_id
    return held


def release_when_the_tab_closes(held) -> None:
    """``on_release`` of a session-scoped run holder (Train, Teach it, Why it decided): unless its
    session takes it back within :data:`RECONNECT_GRACE_S` (a reconnecting tab), its runs stop and
    free their training slots; the models keep what they learned."""
    session_id = getattr(held, "session_id", None)
    if session_id is None:
        held.stop()
        return
    key = (session_id, type(held).__qualname__)
    timer = threading.Timer(RECONNECT_GRACE_S, _stop_unclaimed, args=(key, held))
    timer.daemon = True
    with _released_lock:
        _released[key] = (held, timer)
    timer.start()


def _stop_unclaimed(key: tuple[str, str], held) -> None:
    with _released_lock:
        if _released.get(key, (None,))[0] is not held:
            return  # taken back by its session
        del _released[key]
    held.stop()


def stop_released_now() -> None:
    """Stop every released object's runs at once, without waiting for its tab to come back (a new
    AppTest's session, which reuses the last one's id, must start afresh)."""
    with _released_lock:
        released = list(_released.values())
        _released.clear()
    for held, timer in released:
        timer.cancel()
        held.stop()


class RunHolder:
    """A browser session's current run on the job service: a new run replaces (and stops) the last."""

    def __init__(self):
        self._lock = threading.Lock()
        self.job: jobs.JobHandle | None = None

    def _replace(self, job: jobs.JobHandle) -> jobs.JobHandle:
        with self._lock:
            previous, self.job = self.job, job
        if previous is not None:
            previous.stop()
        return job

    def stop(self) -> None:
        """Leave the queue, or end the run after the batches in progress; the model keeps what it learned."""
        job = self.job
        if job is not None:
            job.stop()

    def snapshot(self, poll: bool = False, wait_for_end: float = 0.0) -> jobs.JobSnapshot | None:
        """The current job's snapshot (after fetching what is new when ``poll``), or ``None``
        before the first run of this session.

        ``wait_for_end``: when the run is about to end (:meth:`cnn_core.jobs.JobSnapshot.ends_within`
        that many seconds), wait up to that long for the end and return the finished snapshot, so a
        page that looks once a second shows "Finished" as soon as the worker says so.
        """
        job = self.job
        if job is None:
            return None
        if poll:
            job.poll()
        snapshot = job.snapshot()
        if wait_for_end and snapshot.ends_within(wait_for_end) and job.wait(wait_for_end):
            snapshot = job.snapshot()
        return snapshot

    def is_active(self) -> bool:
        snapshot = self.snapshot()
        return snapshot is not None and snapshot.state in jobs.ACTIVE_STATES


class TrainingSession(RunHolder):
    """One browser session's current training job, and what the page has already done with it."""

    def __init__(self):
        super().__init__()
        self.owner = uuid.uuid4().hex[:12]  # who the job belongs to in the server's job list
        self.results_shown_for: jobs.JobHandle | None = None
        self.activated_for: jobs.JobHandle | None = None
        self.saved_run: tuple[jobs.JobHandle, str] | None = None
        self.handled_upload: str | None = None
        self._predictions: tuple[jobs.JobHandle, dict] | None = None
        self._charts: dict[str, tuple[tuple, go.Figure]] = {}

    def start(self, config: training.TrainConfig, data_dir, nickname: str | None = None) -> jobs.JobHandle:
        """Stop any run in progress and queue a new one with ``config`` (returns at once)."""
        return self._replace(job_service().submit(jobs.JobSpec.training(config, data_dir), owner=self.owner,
                                                  nickname=nickname))

    def needs_full_rerun(self, snapshot) -> bool:
        """True once the run has ended but no full page run has shown its results yet."""
        return (snapshot is not None and snapshot.state in jobs.FINISHED_STATES
                and self.results_shown_for is not self.job)

    def chart(self, snapshot: jobs.JobSnapshot | None, metric: str, lang: str, projector: bool,
              planned_epochs: int = 1) -> go.Figure:
        """The live chart of ``metric``: the run's curves so far, or before the first run (``snapshot``
        ``None``) empty axes over ``planned_epochs``, where the curves will grow. Built again only when
        the snapshot, language or projector mode changed since the last call (otherwise the figure
        already built is drawn again)."""
        if snapshot is None:
            key = (None, planned_epochs, lang, projector)
            curves, epochs, total_epochs = jobs.Curves().series(), [], planned_epochs
        else:
            key = (self.job.id, snapshot.version, lang, projector)
            curves, epochs, total_epochs = snapshot.curves, snapshot.epochs, snapshot.total_epochs or None
        cached = self._charts.get(metric)
        if cached is None or cached[0] != key:
            spec = figures.live_chart(curves, epochs, metric, lang, total_epochs=total_epochs, projector=projector)
            cached = (key, unchecked_figure(spec, lang))
            self._charts[metric] = cached
        return cached[1]

    def sample_predictions(self, dataset) -> dict:
        """Predictions of the finished model on a few test images (computed once per run)."""
        job = self.job
        cached = self._predictions
        if cached is not None and cached[0] is job:
            return cached[1]
        result = inference.sample_predictions(job.model, dataset)
        self._predictions = (job, result)
        return result

@st.cache_resource(scope="session", on_release=release_when_the_tab_closes, show_spinner=False)
def training_session() -> TrainingSession:
    """This browser session's :class:`TrainingSession` (the same object on every rerun and page)."""
    return reclaimed(TrainingSession)
