"""The "Why it decided" page's heavy work: jobs on the job service, and their results kept per model.

Feature visualisation, flip shares over the test set, adversarial training, the dense layer's map
and the deletion check over many pictures run as jobs on the Dask workers (:mod:`cnn_core.explain`'s
runners), never in the Streamlit process. A session holds at most one job of each kind
(:class:`ExplainSession`); a finished job's result goes into a server-wide cache keyed by the model
and what was asked (:func:`cached`), so every session using the same model sees it at once and it is
computed once per model.
"""

from __future__ import annotations

import threading

import streamlit as st

from cnn_core import explain, inference, jobs, store
from ui.training import RunHolder, job_service, reclaimed, release_when_the_tab_closes, training_session

MAX_KEPT = 64       # results the server keeps (oldest dropped first)


@st.cache_resource(show_spinner=False)
def _results() -> dict:
    return {}


_results_lock = threading.Lock()


def result_key(model, kind: str, *what) -> tuple:
    """The cache key of a result: which model (:func:`cnn_core.inference.model_token`), the job's
    kind and what it was asked."""
    return (inference.model_token(model), kind, *what)


def cached(key: tuple) -> jobs.JobResult | None:
    """The finished result for ``key`` on this server, or ``None``."""
    with _results_lock:
        return _results().get(key)


def _keep(key: tuple, result: jobs.JobResult) -> None:
    with _results_lock:
        results = _results()
        results[key] = result
        while len(results) > MAX_KEPT:
            results.pop(next(iter(results)))


class _JobOfOneKind(RunHolder):
    """The session's current job of one kind (a new one replaces and stops the last)."""

    def start(self, spec: jobs.JobSpec) -> jobs.JobHandle:
        return self._replace(job_service().submit(spec, owner=training_session().owner))


class ExplainSession:
    """One browser session's explain jobs: one :class:`ui.training.RunHolder` per kind, each with
    the cache key of what it computes."""

    def __init__(self):
        self._holders: dict[str, _JobOfOneKind] = {}
        self._keys: dict[str, tuple] = {}

    def start(self, key: tuple, inputs: dict, dataset: str) -> jobs.JobHandle:
        """Queue a job of kind ``key[1]`` (replacing this session's job of that kind)."""
        kind = key[1]
        holder = self._holders.setdefault(kind, _JobOfOneKind())
        self._keys[kind] = key
        return holder.start(jobs.JobSpec(kind=kind, dataset=dataset, inputs=inputs))

    def running(self, key: tuple) -> jobs.JobSnapshot | None:
        """The snapshot of this session's job for ``key`` while it has not been taken in."""
        holder = self._holders.get(key[1])
        if holder is None or self._keys.get(key[1]) != key:
            return None
        return holder.snapshot()

    def active(self) -> bool:
        """Whether any of this session's jobs is queued or running."""
        return any(holder.is_active() for holder in self._holders.values())

    def progress(self) -> list[tuple[str, jobs.JobSnapshot]]:
        """``(kind, snapshot)`` of each job still queued or running."""
        return [(kind, holder.snapshot()) for kind, holder in self._holders.items() if holder.is_active()]

    def collect(self) -> bool:
        """Poll every job and keep the results of those that finished; True when one was kept now."""
        kept = False
        for kind, holder in list(self._holders.items()):
            snapshot = holder.snapshot(poll=True)
            if snapshot is not None and snapshot.state == jobs.DONE and holder.job.result is not None:
                result = holder.job.result
                if result.model_bytes is not None:
                    result.model = holder.job.model   # loaded back once, with Keras' safe mode
                _keep(self._keys[kind], result)
                del self._holders[kind]
                kept = True
        return kept

    def failed(self, key: tuple) -> jobs.JobSnapshot | None:
        """The snapshot of this session's job for ``key`` when it failed (its error to show)."""
        snapshot = self.running(key)
        return snapshot if snapshot is not None and snapshot.state == jobs.FAILED else None

    def stop(self) -> None:
        for holder in self._holders.values():
            holder.stop()


@st.cache_resource(scope="session", on_release=release_when_the_tab_closes, show_spinner=False)
def explain_session() -> ExplainSession:
    """This browser session's :class:`ExplainSession` (the same object on every rerun)."""
    return reclaimed(ExplainSession)


def model_bytes(model) -> bytes:
    """The model as ``.keras`` bytes for a job (made once per model)."""
    key = (inference.model_token(model), "bytes")
    with _results_lock:
        kept = _results().get(key)
    if kept is None:
        kept = store.model_to_bytes(model)
        with _results_lock:
            _results()[key] = kept
    return kept


def untrained_copy(model):
    """The same network as ``model`` before any training (:func:`cnn_core.explain.copy_model`), one
    per model on this server, so the page's live dot and the job's map use the same weights."""
    key = (inference.model_token(model), "untrained")
    with _results_lock:
        kept = _results().get(key)
    if kept is None:
        kept = explain.copy_model(model, trained=False)
        with _results_lock:
            _results()[key] = kept
    return kept
