"""Handles on jobs: what a page holds to watch, stop and collect one run.

* :class:`Job` is the public base every kind of handle extends: identity, folded progress
  (:class:`~cnn_core.jobs.progress.Progress`), the result and the model, and the metadata a saved run
  keeps (:meth:`Job.run_meta`). :class:`cnn_core.multiworker.MultiWorkerJob` extends it too.
* :class:`LocalJob` runs a job in a thread of this process (the CLI's ``--strategy mirrored``,
  benchmark baselines).
* :class:`JobHandle` is a job of the server's :class:`~cnn_core.jobs.service.JobService`, run on the
  Dask cluster: :meth:`JobHandle.poll` fetches the worker's deltas (one scheduler call),
  :meth:`JobHandle.stop` asks it to end after the batches in progress. When the cluster cannot be
  reached for :data:`LOST_AFTER_SECONDS` the job ends as failed (``train.err_cluster_lost``): it is
  never shown as running forever, and its slot is free for the next run.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

from cnn_core import training

from .progress import JobSnapshot, Progress, ProgressReporter
from .spec import FAILED, RUNNING, STARTING, STOPPED, STOPPING, TRAIN_RESOURCE, JobResult, JobSpec, runner_for
from .worker import execute, run_pickled

POLL_SECONDS = 1.0            # the service polls every running job this often (the page polls more)
LOST_AFTER_SECONDS = 20.0     # a job whose client has been reconnecting to its scheduler this long has failed
CLUSTER_CALL_SECONDS = 5.0    # a poll or stop waits at most this long for the scheduler


class Job:
    """What every job handle shares: identity, folded progress, the result and the model.

    Subclasses run the job somewhere (:meth:`poll` folds in what arrived) and set ``_result`` and
    ``_finished`` when it ends.
    """

    def __init__(self, spec: JobSpec, owner: str = "", nickname: str | None = None):
        self.id = uuid.uuid4().hex[:12]
        self.spec = spec
        self.owner = owner
        self.nickname = nickname
        self.created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self._lock = threading.RLock()
        self._progress = Progress(spec.total_epochs)
        self._result: JobResult | None = None
        self._finished = threading.Event()

    def _apply(self, deltas: list[dict]) -> None:
        with self._lock:
            for delta in deltas:
                self._progress.apply(delta)

    def _queue_position(self) -> int | None:
        return None

    def snapshot(self) -> JobSnapshot:
        with self._lock:
            return self._progress.snapshot(self._queue_position())

    @property
    def state(self) -> str:
        return self._progress.state

    def timeline(self):
        """The run's replay so far (a :class:`cnn_core.timeline.Timeline` that later frames leave
        unchanged), or ``None`` while no frame has come (or the runner records none)."""
        with self._lock:
            timeline = self._progress.timeline
            return None if timeline is None or not timeline.frames else timeline.copy()

    @property
    def finished(self) -> bool:
        return self._finished.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job has finished (True), or ``timeout`` seconds passed (False)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self._finished.is_set():
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return False
            self._finished.wait(min(POLL_SECONDS, left) if left is not None else POLL_SECONDS)
            self.poll()
        return True

    def poll(self) -> list[dict]:
        return []

    @property
    def result(self) -> JobResult | None:
        return self._result

    @property
    def model(self):
        """The finished model (``None`` before the end, or when the run produced none)."""
        return None if self._result is None else self._result.model

    def run_meta(self, name: str | None = None) -> dict:
        """Metadata of the finished run for :class:`cnn_core.store.ModelStore` (the store adds ``run_id``)."""
        snap = self.snapshot()
        config = self.spec.config
        history = {key: [row.get(key) for row in snap.epochs] for key in ("loss", "accuracy", "val_loss", "val_accuracy")}
        extra = self._result.meta if self._result is not None else {}
        return {
            **extra,  # what the runner adds: params, class_names, precision, ...
            "name": name or f"{self.spec.preset or self.spec.kind} {self.spec.dataset} {self.created[:16]}",
            "dataset": self.spec.dataset,
            "preset": self.spec.preset,
            "config": config.to_dict() if hasattr(config, "to_dict") else {},
            "history": history,
            "test_accuracy": snap.test_accuracy,
            "test_loss": snap.test_loss,
            "created": self.created,
            "state": snap.state,
            "train_seconds": round(snap.elapsed_s, 1),
            "images_per_s": round(snap.images_per_s or 0.0, 1),
        }


class LocalJob(Job):
    """A job run in a thread of *this* process (same runners, same snapshots, no cluster): the CLI's
    ``--strategy mirrored`` and benchmark baselines. ``start()`` returns at once."""

    def __init__(self, spec: JobSpec, owner: str = "", nickname: str | None = None):
        super().__init__(spec, owner, nickname)
        self._stop_flag = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> "LocalJob":
        with self._lock:
            if self._thread is None:
                self._progress.set_state(STARTING)
                self._progress.set_state(RUNNING)
                self._thread = threading.Thread(target=self._run, name="fcl-local-job", daemon=True)
                self._thread.start()
        return self

    def stop(self) -> None:
        with self._lock:
            self._stop_flag.set()
            if self._progress.state == RUNNING:
                self._progress.set_state(STOPPING)

    def _run(self) -> None:
        result = execute(self.spec, ProgressReporter(self._progress, self._stop_flag, self._lock))
        with self._lock:
            self._result = result
            self._progress.finish(result)
        self._finished.set()


class JobHandle(Job):
    """The app's handle on one job of a :class:`JobService` (see the module docstring)."""

    def __init__(self, service, spec: JobSpec, owner: str, nickname: str | None):
        super().__init__(spec, owner, nickname)
        self._service = service
        self._stop_asked = False
        self._client = None       # the client the job was submitted through: its Dask objects live there
        self._future = None
        self._channels: dict | None = None
        self._queue = None
        self._model = None
        self._summary: JobSummary | None = None
        self._polling = threading.Lock()  # one poll at a time; others return at once
        self._stop_unsent = False         # a stop the scheduler was too busy to take: sent again
        self._unreachable_since: float | None = None
        self.last_poll = 0.0  # time.monotonic() of the last poll, by anyone

    def _queue_position(self) -> int | None:
        return self._service.position(self)

    @property
    def task_ended(self) -> bool:
        """Whether the job's Dask task has returned (or failed) and waits for a poll to collect it."""
        future = self._future
        return future is not None and future.done()

    # ----- control -----------------------------------------------------------------------------
    def stop(self) -> None:
        """Leave the queue, or end training after the batches in progress (the model is kept).

        A stop never hangs and never raises: when the scheduler is gone the run cannot be told, and it
        ends here at once as failed (``train.err_cluster_lost``); when the scheduler is only slow the
        stop is sent again with the next poll.
        """
        with self._lock:
            if self._stop_asked or self._finished.is_set():
                return
            self._stop_asked = True
            if self._future is None:
                if self._service._withdraw(self):
                    self._end(JobResult(state=STOPPED))
                return
            if self._progress.state in (STARTING, RUNNING):
                self._progress.set_state(STOPPING)
        self._send_stop()

    def _send_stop(self) -> None:
        """Set the job's stop event on the scheduler (see :meth:`stop`)."""
        from .cluster import is_healthy

        client = self._client
        try:
            client.sync(client.scheduler.event_set, name=self._channels["stop"], callback_timeout=CLUSTER_CALL_SECONDS)
            self._stop_unsent = False
        except Exception:  # noqa: BLE001 - gone: the run ends here, saying why; slow: sent again later
            self._stop_unsent = True
            if not is_healthy(client) or getattr(client, "status", None) != "running":
                self._end(JobResult(state=FAILED, error_key="train.err_cluster_lost"))

    # ----- watching ----------------------------------------------------------------------------
    def poll(self) -> list[dict]:
        """Fetch what the worker sent since the last poll (one scheduler call), fold it into the
        snapshot and return it. When the task has ended, also take its result.

        The scheduler call waits at most :data:`CLUSTER_CALL_SECONDS` and never under the handle's
        lock, so a page reading the snapshot is never held up by a cluster that is away; a job whose
        scheduler is gone (see :meth:`_note_unreachable`) ends as failed with ``train.err_cluster_lost``.
        """
        if not self._polling.acquire(blocking=False):
            return []  # another thread is polling this job right now
        try:
            with self._lock:
                self.last_poll = time.monotonic()
                if self._queue is None or self._finished.is_set():
                    return []
                queue, future = self._queue, self._future
            try:
                deltas = queue.get(batch=True, callback_timeout=CLUSTER_CALL_SECONDS)
                done = future.done()
                if done:  # the task put everything before it returned
                    deltas += queue.get(batch=True, callback_timeout=CLUSTER_CALL_SECONDS)
            except Exception:  # noqa: BLE001 - the scheduler is away: heal or give up below
                self._note_unreachable()
                return []
            self._unreachable_since = None
            if self._stop_unsent:
                self._send_stop()
            self._apply(deltas)
            if done:
                self._end(self._collect(future))
            return deltas
        finally:
            self._polling.release()

    def _note_unreachable(self) -> None:
        """A poll failed. A busy scheduler is only slow: while the client is connected the job waits.
        The job ends as failed once Dask gave up on the client, or once the client has been
        reconnecting (its scheduler gone) for :data:`LOST_AFTER_SECONDS`."""
        from .cluster import is_healthy

        client = self._client
        if not is_healthy(client):
            self._end(JobResult(state=FAILED, error_key="train.err_cluster_lost"))
            return
        if getattr(client, "status", None) == "running":
            self._unreachable_since = None
            return
        now = time.monotonic()
        if self._unreachable_since is None:
            self._unreachable_since = now
        if now - self._unreachable_since >= LOST_AFTER_SECONDS:
            self._end(JobResult(state=FAILED, error_key="train.err_cluster_lost"))

    @property
    def model(self):
        """The finished model (once; ``None`` before the end or when the run has no model): a registry
        network built here from its recipe and given the worker's weights, or a model loaded back from
        the worker's ``.keras`` bytes with Keras' safe mode."""
        with self._lock:
            result = self._result
            if self._model is None and result is not None:
                if result.model_weights is not None and result.model_recipe is not None:
                    from cnn_core import models

                    recipe = result.model_recipe
                    self._model = models.build_model(recipe["preset"], num_classes=recipe["num_classes"], seed=None,
                                                     **recipe["options"])
                    self._model.set_weights(result.model_weights)
                elif result.model_bytes:
                    from cnn_core import store

                    self._model, _ = store.load_model_bytes(result.model_bytes,
                                                            num_classes=len(result.meta.get("class_names") or ()) or None)
            return self._model

    # ----- called by the service ---------------------------------------------------------------
    def _submit(self, client) -> None:
        """Hand the job to the cluster: create its channels, then submit the task with its runner
        (resolved here, so the worker imports the runner's module when it opens the job)."""
        import cloudpickle
        from distributed import Queue

        with self._lock:
            if self._finished.is_set():
                return
            if self._stop_asked:
                self._end(JobResult(state=STOPPED))
                return
            prefix = f"fcl-job-{self.id}"
            self._client = client
            self._channels = {"progress": f"{prefix}-progress", "stop": f"{prefix}-stop",
                              "started": f"{prefix}-started", "stalled": f"{prefix}-stalled"}
            self._queue = Queue(self._channels["progress"], client=client)
            self._progress.set_state(STARTING)
            payload = cloudpickle.dumps((self.spec, self._channels, runner_for(self.spec.kind)))
            self._future = client.submit(run_pickled, payload, key=prefix, pure=False,
                                         resources={TRAIN_RESOURCE: 1})
            self._future.add_done_callback(lambda _: self._service._wake())

    @staticmethod
    def _collect(future) -> JobResult:
        """The ended task's :class:`JobResult`; a task that raised (e.g. Dask gave up on a worker that
        kept dying) becomes a failed one."""
        from distributed import KilledWorker

        try:
            return future.result(timeout=CLUSTER_CALL_SECONDS)
        except KilledWorker:
            return JobResult(state=FAILED, error_key="train.err_worker_lost")
        except Exception as exc:  # noqa: BLE001 - cancelled, or lost with the scheduler
            reason = f"{type(exc).__name__}: {training.error_reason(exc)}"[:400]
            return JobResult(state=FAILED, error_key="train.err_failed_before", error_values={"reason": reason})

    def _end(self, result: JobResult) -> None:
        """Record how the job ended, tell the service (its slot is free before anyone sees the end),
        then free its Dask objects (when the cluster is there: a few scheduler calls)."""
        with self._lock:
            if self._finished.is_set():
                return
            self._result = result
            self._progress.finish(result)
            self._summary = summarize(self, self._progress.snapshot())
            self._service._ended(self)
            self._finished.set()
            channels, queue, client, self._future = self._channels, self._queue, self._client, None
        if channels is not None:
            try:
                queue.close()
                for name in ("started", "stop", "stalled"):
                    client.sync(client.scheduler.event_clear, name=channels[name],
                                callback_timeout=CLUSTER_CALL_SECONDS)
            except Exception:  # noqa: BLE001 - gone with the scheduler; nothing is left to free
                pass


@dataclass(frozen=True)
class JobSummary:
    """One line of :meth:`JobService.jobs`: who runs what and how far it is (a class view's row)."""

    id: str
    owner: str
    nickname: str | None
    kind: str
    preset: str | None
    dataset: str
    state: str
    queue_position: int | None
    epoch: int
    total_epochs: int
    progress: float
    images_per_s: float | None
    test_accuracy: float | None
    created: str
    host: str | None
    cores: int | None
    config: dict = field(default_factory=dict)   # the run's recipe (TrainConfig.to_dict()), for a leaderboard
    history: dict = field(default_factory=dict)  # per-epoch loss/accuracy/val_loss/val_accuracy lists, for curves


def summarize(job: Job, snap: JobSnapshot) -> JobSummary:
    config = job.spec.config
    return JobSummary(id=job.id, owner=job.owner, nickname=job.nickname, kind=job.spec.kind, preset=job.spec.preset,
                      dataset=job.spec.dataset, state=snap.state, queue_position=snap.queue_position,
                      epoch=snap.epoch, total_epochs=snap.total_epochs, progress=snap.run_progress,
                      images_per_s=snap.images_per_s, test_accuracy=snap.test_accuracy, created=job.created,
                      host=snap.host, cores=snap.cores,
                      config=config.to_dict() if hasattr(config, "to_dict") else {},
                      history={key: [row.get(key) for row in snap.epochs]
                               for key in ("loss", "accuracy", "val_loss", "val_accuracy")})

