"""The server's job service: a first-come-first-served line in front of the cluster's training slots.

In the app (one service per server process)::

    service = JobService()                           # the embedded cluster, or $FCL_DASK_SCHEDULER
    handle = service.submit(JobSpec.training(config, data_dir), owner=session_id, nickname="Rina")
    handle.poll()        # what arrived since the last poll (a few hundred bytes), folded in locally
    snap = handle.snapshot()   # JobSnapshot: state, queue_position, epoch, curves, speed, ETA, ...
    handle.stop()        # leave the queue, or end after the batches in progress (the model is kept)
    handle.model         # the finished model, loaded back with Keras' safe mode
    service.jobs()       # JobSummary of every job on this server (a teacher's class view)

A background thread hands waiting jobs to the cluster while it has free ``TRAIN`` slots (read from
the scheduler, so the cap grows with a lab's cluster) and polls the running jobs nobody watches. A
client that lost its scheduler for good is replaced on the next use (:meth:`JobService.client`).
"""

from __future__ import annotations

import threading
import time
from collections import deque

from cnn_core import training
from cnn_core.errors import UserError

from . import cluster
from .handles import LOST_AFTER_SECONDS, POLL_SECONDS, JobHandle, JobSummary, summarize
from .spec import FAILED, JobResult, JobSpec

CAPACITY_SECONDS = 2.0        # how long a read of the cluster's TRAIN slots is trusted
FINISHED_KEPT = 200           # finished jobs listed by JobService.jobs()


class JobService:
    """Every job of this server: a first-come-first-served line in front of the cluster's ``TRAIN``
    slots, and a background thread that hands jobs over and polls the running ones.

    Args:
        client_factory: returns the ``distributed.Client`` (default :func:`cnn_core.jobs.cluster.get_client`,
            which starts the embedded cluster on first use and reconnects after a lost scheduler;
            tests pass their own).
        max_running: caps the jobs running at once below the cluster's slots (default: the slots).
    """

    def __init__(self, client_factory=None, max_running: int | None = None):
        self._client_factory = client_factory or cluster.get_client
        self._max_running = max_running
        self._changed = threading.Condition()
        self._waiting: deque[JobHandle] = deque()
        self._running: list[JobHandle] = []
        self._finished: deque[JobSummary] = deque(maxlen=FINISHED_KEPT)
        self._client = None
        self._capacity = (0, -CAPACITY_SECONDS)  # (slots, when read)
        self._thread: threading.Thread | None = None
        self._closed = False
        self._woken = False   # something changed since the service thread last looked (see _notify)
        self._unreachable_since: float | None = None

    # ----- the app's side ----------------------------------------------------------------------
    def submit(self, spec: JobSpec, owner: str = "", nickname: str | None = None) -> JobHandle:
        """Queue ``spec`` for ``owner`` (a session id) and return its handle at once."""
        handle = JobHandle(self, spec, owner, nickname)
        with self._changed:
            self._waiting.append(handle)
            self._notify()
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="fcl-job-service", daemon=True)
                self._thread.start()
        return handle

    def position(self, handle: JobHandle) -> int | None:
        """1 for the next job to start, 2 after it, ...; ``None`` when ``handle`` is not waiting."""
        with self._changed:
            for index, waiting in enumerate(self._waiting):
                if waiting is handle:
                    return index + 1
        return None

    def jobs(self) -> list[JobSummary]:
        """Every job of this server, newest first: running, waiting, then recently finished ones."""
        with self._changed:
            active = [*self._running, *self._waiting]
            finished = list(self._finished)
        rows = [summarize(handle, handle.snapshot()) for handle in active]
        return sorted(rows + finished, key=lambda row: row.created, reverse=True)

    def stop(self, job_id: str) -> bool:
        """Stop the active job ``job_id`` (a teacher's cancel in the class view); False when no job
        of that id is waiting or running."""
        with self._changed:
            handle = next((job for job in (*self._running, *self._waiting) if job.id == job_id), None)
        if handle is None:
            return False
        handle.stop()
        return True

    def counts(self) -> tuple[int, int]:
        """``(running, queued)`` jobs right now."""
        with self._changed:
            return len(self._running), len(self._waiting)

    def client(self):
        """The cluster's client; one that Dask closed after losing its scheduler is replaced."""
        if self._client is not None and not cluster.is_healthy(self._client):
            self._client = None
            self._capacity = (0, -CAPACITY_SECONDS)
        if self._client is None:
            self._client = self._client_factory()
        return self._client

    def capacity(self) -> int:
        """How many jobs may run at once now: the cluster's ``TRAIN`` slots (re-read every few
        seconds, so workers that join count), limited by ``max_running``."""
        slots, when = self._capacity
        if time.monotonic() - when > CAPACITY_SECONDS:
            slots = cluster.capacity(self.client())
            self._capacity = (slots, time.monotonic())
        return slots if self._max_running is None else min(slots, self._max_running)

    def close(self) -> None:
        """Stop every job and the service's thread (the cluster itself stays)."""
        with self._changed:
            self._closed = True
            handles = [*self._running, *self._waiting]
            self._notify()
        for handle in handles:
            handle.stop()

    # ----- the service thread ------------------------------------------------------------------
    def _wake(self) -> None:
        with self._changed:
            self._notify()

    def _notify(self) -> None:
        """Tell the service thread that something changed (the caller holds ``_changed``). The flag
        keeps the news for a thread that is busy handing over or polling right now, so it looks again
        at once instead of after its next :data:`POLL_SECONDS` wait (a learner's first Start waited
        that second: the thread began after the submit had already notified)."""
        self._woken = True
        self._changed.notify_all()

    def _withdraw(self, handle: JobHandle) -> bool:
        """Take a waiting job out of the line (False when it has already been handed over)."""
        with self._changed:
            if handle in self._waiting:
                self._waiting.remove(handle)
                return True
        return False

    def _ended(self, handle: JobHandle) -> None:
        with self._changed:
            if handle in self._running:
                self._running.remove(handle)
            if handle in self._waiting:
                self._waiting.remove(handle)
            self._finished.append(handle._summary)
            self._notify()

    def _serve(self) -> None:
        while True:
            with self._changed:
                if self._closed:
                    return
                self._changed.wait_for(lambda: self._woken, POLL_SECONDS)
                self._woken = False
            try:
                self._hand_over()
                self._unreachable_since = None
            except Exception as exc:  # noqa: BLE001 - the cluster cannot be reached: heal, or fail who waits
                self._cluster_unreachable(exc)
            # the jobs nobody watches right now, and every job whose task has just ended: collected
            # now, its slot is free and a page waiting for the end sees it at once, not at its next look
            for handle in list(self._running):
                if time.monotonic() - handle.last_poll < POLL_SECONDS and not handle.task_ended:
                    continue
                try:
                    handle.poll()
                except Exception:  # noqa: BLE001 - a poll that failed now is tried again next round
                    pass

    def _hand_over(self) -> None:
        """Start waiting jobs, oldest first, while there are free slots."""
        with self._changed:
            if not self._waiting:
                return
        capacity = self.capacity()
        while True:
            with self._changed:
                if not self._waiting or len(self._running) >= capacity:
                    return
                handle = self._waiting.popleft()
                self._running.append(handle)
            try:
                handle._submit(self.client())
            except Exception as exc:  # noqa: BLE001 - this job never reached the cluster: it fails, saying why
                handle._end(JobResult(state=FAILED, error_key="train.err_cluster",
                                      error_values={"reason": _reason(exc)}))
                raise

    def _cluster_unreachable(self, exc: Exception) -> None:
        """The cluster could not be reached: connect again next round; once it has been away for
        :data:`~cnn_core.jobs.handles.LOST_AFTER_SECONDS` (or could not start at all), fail the jobs
        that wait, saying why, rather than keep them waiting for a cluster that is not coming."""
        self._client = None  # try to connect again for the next job
        now = time.monotonic()
        if self._unreachable_since is None:
            self._unreachable_since = now
        could_not_start = isinstance(exc, (UserError, RuntimeError))
        if not could_not_start and now - self._unreachable_since < LOST_AFTER_SECONDS:
            return  # a scheduler that is restarting or a network hiccup: the line waits
        with self._changed:
            waiting = list(self._waiting)
        error = (dict(error_key=exc.key, error_values=dict(exc.values)) if isinstance(exc, UserError)
                 else dict(error_key="train.err_cluster", error_values={"reason": _reason(exc)}))
        for handle in waiting:
            if self._withdraw(handle):
                handle._end(JobResult(state=FAILED, **error))


def _reason(exc: BaseException) -> str:
    """One short line saying what went wrong, for a failed job's message."""
    return f"{type(exc).__name__}: {training.error_reason(exc)}"[:400]