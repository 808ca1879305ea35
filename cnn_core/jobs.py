"""The job engine: every training run is a job in a Dask worker process; the app watches small deltas.

**A job** is a :class:`JobSpec`: a ``kind`` naming a *runner* in :data:`RUNNERS` plus the runner's
settings (``config``, ``inputs``). A runner is a plain function ``runner(spec, reporter) ->
JobResult`` that runs where the job runs (a worker process, or this process for :class:`LocalJob`),
loads what it needs there (:func:`worker_dataset` caches datasets per process) and tells the app how
it goes through the **reporter protocol** (:class:`Reporter`)::

    reporter.info(**fields)     # facts about the run: total_epochs, steps_per_epoch, train_images,
                                # batch_size, precision_key/precision_values, or any small value
    reporter.keras_callback()   # put it first in model.fit(callbacks=...): reports every batch and
                                # epoch, and ends fit after the batch in progress once a stop is asked
    reporter.evaluating()       # the finished model is being measured on held-out pictures
    reporter.stop_requested     # True once the app asked the job to stop (a runner without Keras polls it)

``"train"`` (:func:`run_training`) trains a :class:`cnn_core.training.TrainConfig`. Another kind
(transfer learning: a new head on a frozen base, given images and labels in ``spec.inputs``) adds one
line to :data:`RUNNERS` naming its function as ``"module:function"``, so a worker imports it by name.

**On the worker**, :func:`run_job` is the Dask task, submitted with ``resources={"TRAIN": 1}`` so a
worker runs one at a time per slot. It reports through a Dask ``Queue`` in deltas of what is new,
flushed at most every :data:`FLUSH_SECONDS` (plus at every epoch end and state change); a watcher
thread long-polls the job's stop ``Event`` (one scheduler call every :data:`STOP_WATCH_SECONDS`, not
one per batch) and raises a local flag that the Keras callback checks after each batch. The task
returns a :class:`JobResult` with the model as ``.keras`` bytes. Dask re-runs a task whose worker
died; the job's "started" ``Event`` tells :func:`run_job` that it is such a re-run, and it reports the
crash (``train.err_worker_lost``) instead of silently training again.

**In the app**, :class:`JobService` (one per server process) keeps a first-come-first-served queue
and hands jobs to the cluster while it has free ``TRAIN`` slots (read from the scheduler, so the cap
grows with a lab's cluster)::

    service = JobService()                           # the embedded cluster, or $FCL_DASK_SCHEDULER
    handle = service.submit(JobSpec.training(config, data_dir), owner=session_id, nickname="Rina")
    handle.poll()        # what arrived since the last poll (a few hundred bytes), folded in locally
    snap = handle.snapshot()   # JobSnapshot: state, queue_position, epoch, curves, speed, ETA, ...
    handle.stop()        # leave the queue, or end after the batch in progress (the model is kept)
    handle.model         # the finished model, loaded back with Keras' safe mode
    service.jobs()       # JobSummary of every job on this server (a teacher's class view)

:class:`LocalJob` runs the same runner in a thread of this process with the same handle API (the
CLI's ``--strategy mirrored``, benchmark baselines). State names live here only: :data:`STATES`.
"""

from __future__ import annotations

import functools
import importlib
import os
import socket
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from cnn_core import training
from cnn_core.errors import UserError

QUEUED = "queued"        # waiting in this server's line for a free training slot
STARTING = "starting"    # handed to a worker, which has not begun yet
RUNNING = "running"
STOPPING = "stopping"    # stop asked; the worker ends after the batch in progress
DONE = "done"
STOPPED = "stopped"      # ended early on request; the model keeps what it learned (if it began)
FAILED = "failed"
ACTIVE_STATES = (QUEUED, STARTING, RUNNING, STOPPING)
FINISHED_STATES = (DONE, STOPPED, FAILED)
STATES = ACTIVE_STATES + FINISHED_STATES

RUNNERS = {
    "train": "cnn_core.jobs:run_training",
    "transfer": "cnn_core.transfer:run_transfer",  # a new head on a frozen base: the Teach page
}

FLUSH_SECONDS = 0.25          # a worker sends its progress at most this often (plus epoch ends)
STOP_WATCH_SECONDS = 2.0      # one long-poll of the stop event lasts this long
POLL_SECONDS = 1.0            # the service polls every running job this often (the page polls more)
CAPACITY_SECONDS = 2.0        # how long a read of the cluster's TRAIN slots is trusted
MAX_CURVE_POINTS = 500        # per chart trace, however long the run
SMOOTHING = 0.9               # weight of the running average in the smoothed training curve
FINISHED_KEPT = 200           # finished jobs listed by JobService.jobs()
METRICS = ("loss", "accuracy")


# ------------------------------------------------------------------------------------ the job
@dataclass(frozen=True)
class JobSpec:
    """What to run: ``kind`` picks the runner in :data:`RUNNERS`; the rest is the runner's.

    ``config`` holds the runner's settings (a :class:`cnn_core.training.TrainConfig` for
    ``"train"``), ``dataset``/``data_dir`` where its pictures come from, ``inputs`` any other
    picklable inputs (arrays, model bytes), ``callbacks`` extra picklable Keras callbacks, and
    ``strategy`` ``"mirrored"`` for ``tf.distribute.MirroredStrategy`` (in-process runs).
    """

    kind: str = "train"
    config: Any = None
    dataset: str = "fashion_mnist"
    data_dir: str | None = None
    inputs: dict = field(default_factory=dict)
    callbacks: tuple = ()
    strategy: str = "default"

    @classmethod
    def training(cls, config: training.TrainConfig, data_dir: str | Path | None = None, **extra) -> "JobSpec":
        return cls(kind="train", config=config, dataset=config.dataset,
                   data_dir=None if data_dir is None else str(data_dir), **extra)

    @property
    def total_epochs(self) -> int | None:
        return getattr(self.config, "epochs", None)

    @property
    def preset(self) -> str | None:
        return getattr(self.config, "preset", None)


@dataclass
class JobResult:
    """What a job ends with. A runner fills ``model`` (or ``model_bytes``), ``history``, the test
    result and ``meta`` (e.g. ``params``, ``class_names``); the engine sets ``state`` and, for a
    failure, the i18n ``error_key`` and ``error_values``. A worker returns the model as ``.keras``
    bytes (``model`` is then ``None``)."""

    state: str = DONE
    model: Any = None
    model_bytes: bytes | None = None
    history: dict = field(default_factory=dict)
    test_loss: float | None = None
    test_accuracy: float | None = None
    meta: dict = field(default_factory=dict)
    error_key: str | None = None
    error_values: dict = field(default_factory=dict)


def runner_for(kind: str):
    """The runner function registered for ``kind`` (imported by name, so workers find it too)."""
    if kind not in RUNNERS:
        raise UserError("train.err_unknown_job", kind=kind)
    module, _, name = RUNNERS[kind].partition(":")
    return getattr(importlib.import_module(module), name)


def prepared_here(name: str, data_dir: str | None) -> bool:
    """True when tfds has ``name`` prepared in ``data_dir`` on this machine."""
    from cnn_core import datasets

    if not data_dir or not Path(data_dir).is_dir():
        return False
    try:
        return datasets.plan_source(name, Path(data_dir), probe=lambda: False)[0] == datasets.SOURCE_PREPARED
    except UserError:
        return False


@functools.lru_cache(maxsize=4)
def worker_dataset(name: str, data_dir: str | None = None):
    """The dataset in this process, read once: through tfds from ``data_dir`` when it is prepared
    there (the app's own data, in the order the pages show it), else straight from the shipped
    original files (a lab PC). A worker never prepares data itself, so it never writes a folder the
    app may be preparing at the same time."""
    from cnn_core import datasets

    if prepared_here(name, data_dir):
        return datasets.load(name, data_dir=data_dir, probe=lambda: False)
    return datasets.read_original_files(name)


def run_training(spec: JobSpec, reporter: "Reporter") -> JobResult:
    """The ``"train"`` runner: :func:`cnn_core.training.fit` on the spec's dataset."""
    from cnn_core import models

    dataset = worker_dataset(spec.dataset, spec.data_dir)
    strategy = training.mirrored_strategy() if spec.strategy == "mirrored" else None
    fitted = training.fit(spec.config, dataset, reporter, strategy=strategy, callbacks=spec.callbacks)
    return JobResult(model=fitted.model, history=fitted.history, test_loss=fitted.test_loss,
                     test_accuracy=fitted.test_accuracy,
                     meta={"params": models.count_params(fitted.model), "class_names": list(dataset.class_names),
                           "precision": fitted.precision.policy})


# ------------------------------------------------------------------------------- the reporter
class Reporter:
    """The runner's side of progress: collects what happened into a delta and sends it on.

    A delta is a plain dict (what a Dask ``Queue`` carries)::

        {"fields": {"state": "running", "epoch": 2, "epoch_step": 14, "batches_done": 70,
                    "images_per_s": 2150.0, "last": [...], ...},          # latest values only
         "points": [[count, x, loss, loss_smooth, accuracy, accuracy_smooth], ...],  # new chart points
         "epochs": [{"epoch": 1, "x": 1.0, "loss": .., "accuracy": .., "val_loss": ..,
                     "val_accuracy": .., "seconds": ..}]}                  # new epoch rows

    The per-batch curves are smoothed and thinned here (:class:`Curves`), so a whole run sends at most
    a few hundred chart points however many batches it trains. Batches are sent at most every
    ``flush_seconds``; everything else at once. Speed counts images per second of batch time,
    leaving out the run's first batch (it also builds the graph). Subclasses say where a delta goes
    (:meth:`send`).
    """

    def __init__(self, stop_flag: threading.Event | None = None, flush_seconds: float = FLUSH_SECONDS):
        self._stop_flag = stop_flag or threading.Event()
        self._flush_seconds = flush_seconds
        self._pending: dict = {}
        self._last_flush = time.perf_counter()
        self._curves = Curves()
        self._steps_per_epoch = 0
        self._batch_size = 0
        self._images_timed = 0
        self._seconds_timed = 0.0
        self._last_batch_at = 0.0
        self._epoch_started_at = 0.0
        self._last_x = 0.0
        self.epoch = 0
        self.epoch_step = 0
        self.batches_done = 0

    # ----- the protocol runners use ------------------------------------------------------------
    @property
    def stop_requested(self) -> bool:
        return self._stop_flag.is_set()

    def request_stop(self) -> None:
        """Ask the run to end after the batch in progress (what the engine does on a stop request)."""
        self._stop_flag.set()

    def info(self, **fields) -> None:
        self._batch_size = int(fields.get("batch_size") or self._batch_size)
        self._steps_per_epoch = int(fields.get("steps_per_epoch") or self._steps_per_epoch)
        if fields.get("total_epochs") and self._steps_per_epoch:
            self._curves.plan(int(fields["total_epochs"]) * self._steps_per_epoch)
        self._fields().update(fields)
        self.flush()

    def evaluating(self) -> None:
        self.info(evaluating=True)

    def keras_callback(self):
        return _keras_callback(self)

    # ----- called by the Keras callback --------------------------------------------------------
    def epoch_begin(self, epoch: int) -> None:
        now = time.perf_counter()
        self.epoch, self.epoch_step = epoch, 0
        self._epoch_started_at = self._last_batch_at = now
        self._fields().update(epoch=epoch, epoch_step=0)
        self.flush()

    def batch_end(self, loss: float, accuracy: float) -> None:
        now = time.perf_counter()
        if self.batches_done:  # the run's first batch also builds the graph: keep it out of the rate
            self._images_timed += self._batch_size
            self._seconds_timed += now - self._last_batch_at
        self._last_batch_at = now
        self.batches_done += 1
        self.epoch_step += 1
        self._last_x = self.epoch - 1 + self.epoch_step / max(self._steps_per_epoch, self.epoch_step)
        kept = self._curves.add(self._last_x, float(loss), float(accuracy))
        if kept is not None:
            self._pending.setdefault("points", []).append(kept)
        fields = self._fields()
        fields.update(epoch_step=self.epoch_step, batches_done=self.batches_done, last=self._curves.last)
        if self._seconds_timed > 0:
            fields["images_per_s"] = self._images_timed / self._seconds_timed
        if now - self._last_flush >= self._flush_seconds:
            self.flush()

    def epoch_end(self, epoch: int, logs: dict) -> None:
        row = {"epoch": epoch, "x": self._last_x if epoch == self.epoch else float(epoch),
               "seconds": time.perf_counter() - self._epoch_started_at}
        for key in ("loss", "accuracy", "val_loss", "val_accuracy"):
            row[key] = float(logs[key]) if key in logs else None
        self._pending.setdefault("epochs", []).append(row)
        self.flush()

    # ----- delivery ----------------------------------------------------------------------------
    def _fields(self) -> dict:
        return self._pending.setdefault("fields", {})

    def flush(self) -> None:
        """Send what is pending now (nothing when there is nothing new)."""
        self._last_flush = time.perf_counter()
        if self._pending:
            delta, self._pending = self._pending, {}
            self.send(delta)

    def send(self, delta: dict) -> None:
        raise NotImplementedError


def _keras_callback(reporter: Reporter):
    """A Keras callback that reports to ``reporter`` and ends ``fit`` once a stop is requested."""
    import keras

    class ReportProgress(keras.callbacks.Callback):
        def on_train_begin(self, logs=None):
            if not reporter._steps_per_epoch and self.params.get("steps"):  # a runner that did not say
                reporter.info(steps_per_epoch=int(self.params["steps"]), total_epochs=int(self.params["epochs"]))

        def on_epoch_begin(self, epoch, logs=None):
            reporter.epoch_begin(epoch + 1)

        def on_train_batch_end(self, batch, logs=None):
            logs = logs or {}
            reporter.batch_end(logs.get("loss", float("nan")), logs.get("accuracy", float("nan")))
            if reporter.stop_requested:
                self.model.stop_training = True

        def on_epoch_end(self, epoch, logs=None):
            reporter.epoch_end(epoch + 1, logs or {})
            if reporter.stop_requested:
                self.model.stop_training = True

    return ReportProgress()


class QueueReporter(Reporter):
    """A worker's reporter: each delta goes into the job's Dask ``Queue``."""

    def __init__(self, queue, stop_flag: threading.Event):
        super().__init__(stop_flag)
        self._queue = queue

    def send(self, delta: dict) -> None:
        self._queue.put(delta)


class ProgressReporter(Reporter):
    """An in-process reporter: each delta is folded straight into ``progress`` (a :class:`Progress`,
    new by default), e.g. ``training.fit(config, data, reporter)`` then
    ``reporter.progress.snapshot()`` (tests, benchmarks, :class:`LocalJob`)."""

    def __init__(self, progress: "Progress | None" = None, stop_flag: threading.Event | None = None,
                 lock=None, flush_seconds: float = FLUSH_SECONDS):
        super().__init__(stop_flag, flush_seconds)
        self.progress = progress or Progress()
        self._lock = lock or threading.Lock()

    def send(self, delta: dict) -> None:
        with self._lock:
            self.progress.apply(delta)


def execute(spec: JobSpec, reporter: Reporter, as_bytes: bool = False) -> JobResult:
    """Run ``spec``'s runner with ``reporter`` and turn how it ended into a :class:`JobResult`:
    ``done``, ``stopped`` (stop was asked) or ``failed`` with an i18n key (a ``UserError``'s own, or
    where and why training broke). ``as_bytes`` returns the model as ``.keras`` bytes."""
    if reporter.stop_requested:
        return JobResult(state=STOPPED)
    try:
        result = runner_for(spec.kind)(spec, reporter)
        result.state = STOPPED if reporter.stop_requested else DONE
        if as_bytes and result.model is not None:
            from cnn_core import store

            result.model_bytes, result.model = store.model_to_bytes(result.model), None
    except UserError as err:
        result = JobResult(state=FAILED, error_key=err.key, error_values=dict(err.values))
    except Exception as exc:  # the job must end in "failed" with its reason, never die silently
        reason = f"{type(exc).__name__}: {training.error_reason(exc)}"[:400]
        if reporter.epoch:
            result = JobResult(state=FAILED, error_key="train.err_failed_at",
                               error_values={"epoch": reporter.epoch, "batch": reporter.epoch_step, "reason": reason})
        else:
            result = JobResult(state=FAILED, error_key="train.err_failed_before", error_values={"reason": reason})
    reporter.flush()
    return result


def _watch_stop(stop_event, stop_flag: threading.Event, finished: threading.Event) -> None:
    """Worker thread: long-poll the job's Dask stop event and raise the local flag when it is set."""
    while not finished.is_set():
        try:
            if stop_event.wait(timeout=STOP_WATCH_SECONDS):
                stop_flag.set()
                return
        except Exception:  # noqa: BLE001 - the worker is shutting down; its job ends with it
            return


def run_job(spec: JobSpec, channels: dict) -> JobResult:
    """The Dask task of one job (runs in a worker process holding one ``TRAIN`` slot).

    ``channels`` names the job's Dask objects: ``progress`` (a ``Queue`` of deltas), ``stop`` and
    ``started`` (``Event``\\ s). A task that finds ``started`` already set is Dask re-running a job
    whose worker died: it fails the job with ``train.err_worker_lost`` instead of training again.
    """
    from distributed import Event, Queue, get_worker

    from cnn_core import cluster

    started = Event(channels["started"])
    if started.is_set():
        return JobResult(state=FAILED, error_key="train.err_worker_lost")
    started.set()
    stop_flag, finished = threading.Event(), threading.Event()
    threading.Thread(target=_watch_stop, args=(Event(channels["stop"]), stop_flag, finished),
                     name="fcl-stop-watch", daemon=True).start()
    progress = Queue(channels["progress"])
    reporter = QueueReporter(progress, stop_flag)
    try:
        reporter.info(state=RUNNING, worker=get_worker().address, host=socket.gethostname(), pid=os.getpid(),
                      cores=cluster.worker_cores())
        cluster.prepare_worker()  # at once when the worker is warm; else waits for its warm-up
        return execute(spec, reporter, as_bytes=True)
    finally:
        finished.set()
        progress.close()


# ------------------------------------------------------------------------- progress in the app
class Curves:
    """The per-batch loss and accuracy as chart data that never grows past ``max_points``.

    Each value also updates a smoothed line (TensorBoard's exponential moving average with bias
    correction) over *every* batch. A point ``[count, x, loss, loss_smooth, accuracy,
    accuracy_smooth]`` is kept when its batch number ``count`` is ``1 + k * stride``: :meth:`plan`
    picks the stride from the run's length up front, and should a run outgrow it, reaching
    ``max_points`` doubles the stride and drops the points off it. The worker thins this way and
    sends only kept points; the app :meth:`keep`\ s what arrives with the same rule, so both hold the
    same evenly spaced points at O(1) cost per batch. :meth:`series` adds the newest point.
    """

    def __init__(self, max_points: int = MAX_CURVE_POINTS, weight: float = SMOOTHING):
        self.max_points = max_points
        self.weight = weight
        self.stride = 1
        self.count = 0
        self.points: list[list] = []
        self.last: list | None = None
        self._averages = [0.0, 0.0]

    def plan(self, total_batches: int) -> None:
        """Space the points so that ``total_batches`` keep fewer than ``max_points`` (before any point)."""
        if not self.points and total_batches > 0:
            self.stride = max(1, -(-total_batches // (self.max_points - 1)))

    def add(self, x: float, loss: float, accuracy: float) -> list | None:
        """Record one batch; returns its point when it is kept (to be sent), else ``None``."""
        self.count += 1
        correction = 1 - self.weight ** self.count
        smoothed = []
        for index, value in enumerate((loss, accuracy)):
            self._averages[index] = self.weight * self._averages[index] + (1 - self.weight) * value
            smoothed.append(self._averages[index] / correction)
        self.last = [self.count, x, loss, smoothed[0], accuracy, smoothed[1]]
        if (self.count - 1) % self.stride:
            return None
        self.keep(self.last)
        return self.last

    def keep(self, point: list) -> None:
        """Keep ``point`` (a kept point from :meth:`add`, here or on the worker)."""
        if (point[0] - 1) % self.stride:
            return
        self.points.append(point)
        while len(self.points) >= self.max_points:
            self.stride *= 2
            self.points = [kept for kept in self.points if (kept[0] - 1) % self.stride == 0]

    def series(self) -> dict:
        """``{"x", "loss", "loss_smooth", "accuracy", "accuracy_smooth"}`` lists, at most
        ``max_points`` long each, ending with the newest batch."""
        points = list(self.points)
        if self.last is not None and (not points or points[-1][0] != self.last[0]):
            points.append(self.last)
        names = ("x", "loss", "loss_smooth", "accuracy", "accuracy_smooth")
        return {name: [point[index + 1] for point in points] for index, name in enumerate(names)}


@dataclass(frozen=True)
class JobSnapshot:
    """A consistent copy of a job's progress as the app knows it (cheap: no per-batch history).

    ``curves`` hold the thinned per-batch series (:meth:`Curves.series`) on the epoch axis: batch
    ``k`` of ``n`` in epoch ``e`` sits at ``e - 1 + k / n``. ``epochs`` are the per-epoch rows (with
    ``x``, where that epoch's last batch sits). ``last_batch`` is the newest batch's ``epoch``,
    ``loss`` and ``accuracy``. ``version`` grows with every change, so a page redraws only when
    something moved.
    """

    state: str
    queue_position: int | None
    epoch: int
    total_epochs: int
    epoch_progress: float
    batches_done: int
    steps_per_epoch: int
    train_images: int
    images_per_s: float | None
    elapsed_s: float
    eta_s: float | None
    evaluating: bool
    epochs: list
    curves: dict
    last_batch: dict | None
    test_loss: float | None
    test_accuracy: float | None
    error_key: str | None
    error_values: dict
    cores: int | None
    host: str | None
    precision_key: str | None
    precision_values: dict
    version: int

    @property
    def finished(self) -> bool:
        return self.state in FINISHED_STATES

    @property
    def run_progress(self) -> float:
        """How far the whole run is, 0..1."""
        if self.state == DONE:
            return 1.0
        total = self.total_epochs * self.steps_per_epoch
        return min(1.0, self.batches_done / total) if total else 0.0


class Progress:
    """Folds deltas (see :class:`Reporter`) into the state a :class:`JobSnapshot` shows."""

    def __init__(self, total_epochs: int | None = None):
        self.state = QUEUED
        self.fields: dict = {"total_epochs": total_epochs or 0}
        self.epochs: list[dict] = []
        self.curves = Curves()
        self.running_since: float | None = None
        self.ended_at: float | None = None
        self.test: tuple[float | None, float | None] = (None, None)
        self.error: tuple[str | None, dict] = (None, {})
        self.version = 0

    def set_state(self, state: str) -> None:
        if state == RUNNING and self.state == STOPPING:
            return  # a stop asked before the worker began still stands
        if state == RUNNING and self.running_since is None:
            self.running_since = time.monotonic()
        if state in FINISHED_STATES and self.ended_at is None:
            self.ended_at = time.monotonic()
            self.fields["evaluating"] = False
        self.state = state
        self.version += 1

    def apply(self, delta: dict) -> None:
        fields = dict(delta.get("fields") or {})
        if "state" in fields:
            self.set_state(fields.pop("state"))
        self.fields.update(fields)
        for point in delta.get("points") or ():
            self.curves.keep(point)
        if self.fields.get("last") is not None:
            self.curves.last = self.fields["last"]
        self.epochs.extend(delta.get("epochs") or ())
        self.version += 1

    def finish(self, result: JobResult) -> None:
        self.test = (result.test_loss, result.test_accuracy)
        self.error = (result.error_key, dict(result.error_values))
        self.set_state(result.state)

    def snapshot(self, queue_position: int | None = None) -> JobSnapshot:
        now = time.monotonic()
        elapsed = 0.0 if self.running_since is None else (self.ended_at or now) - self.running_since
        fields = self.fields
        steps = int(fields.get("steps_per_epoch") or 0)
        total_epochs = int(fields.get("total_epochs") or 0)
        batches_done = int(fields.get("batches_done") or 0)
        speed = fields.get("images_per_s")
        eta = None
        if self.state in (RUNNING, STOPPING) and speed and steps:
            remaining = max(0, total_epochs * steps - batches_done)
            eta = remaining * int(fields.get("batch_size") or 0) / speed
        last = fields.get("last")
        return JobSnapshot(
            state=self.state, queue_position=queue_position if self.state == QUEUED else None,
            epoch=int(fields.get("epoch") or 0), total_epochs=total_epochs,
            epoch_progress=min(1.0, int(fields.get("epoch_step") or 0) / steps) if steps else 0.0,
            batches_done=batches_done, steps_per_epoch=steps,
            train_images=int(fields.get("train_images") or 0), images_per_s=speed, elapsed_s=elapsed, eta_s=eta,
            evaluating=bool(fields.get("evaluating")), epochs=[dict(row) for row in self.epochs],
            curves=self.curves.series(),
            last_batch=None if last is None else {"epoch": int(fields.get("epoch") or 0), "loss": last[2],
                                                  "accuracy": last[4]},
            test_loss=self.test[0], test_accuracy=self.test[1], error_key=self.error[0],
            error_values=dict(self.error[1]), cores=fields.get("cores"), host=fields.get("host"),
            precision_key=fields.get("precision_key"), precision_values=dict(fields.get("precision_values") or {}),
            version=self.version)


# --------------------------------------------------------------------------------- job handles
class _Job:
    """What every job handle shares: identity, folded progress, the result and the model."""

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


class LocalJob(_Job):
    """A job run in a thread of *this* process (same runners, same snapshots, no cluster): the CLI's
    ``--strategy mirrored`` and benchmark baselines. ``start()`` returns at once."""

    def __init__(self, spec: JobSpec, owner: str = "", nickname: str | None = None):
        super().__init__(spec, owner, nickname)
        self._stop_flag = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> "LocalJob":
        with self._lock:
            if self._thread is None:
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


class JobHandle(_Job):
    """The app's handle on one job of a :class:`JobService` (see the module docstring)."""

    def __init__(self, service: "JobService", spec: JobSpec, owner: str, nickname: str | None):
        super().__init__(spec, owner, nickname)
        self._service = service
        self._stop_asked = False
        self._future = None
        self._channels: dict | None = None
        self._queue = None
        self._model = None
        self._summary: JobSummary | None = None
        self.last_poll = 0.0  # time.monotonic() of the last poll, by anyone

    def _queue_position(self) -> int | None:
        return self._service.position(self)

    # ----- control -----------------------------------------------------------------------------
    def stop(self) -> None:
        """Leave the queue, or end training after the batch in progress (the model is kept)."""
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
            channels = self._channels
        from distributed import Event

        Event(channels["stop"], client=self._service.client()).set()

    # ----- watching ----------------------------------------------------------------------------
    def poll(self) -> list[dict]:
        """Fetch what the worker sent since the last poll (one scheduler call), fold it into the
        snapshot and return it. When the task has ended, also take its result."""
        with self._lock:
            self.last_poll = time.monotonic()
            if self._queue is None or self._finished.is_set():
                return []
            deltas = self._queue.get(batch=True)
            if self._future.done():
                deltas += self._queue.get(batch=True)  # the task put everything before it returned
            self._apply(deltas)
            if self._future.done():
                self._end(self._collect())
            return deltas

    @property
    def model(self):
        """The finished model, loaded back from the worker's ``.keras`` bytes with Keras' safe mode
        (once; ``None`` before the end or when the run has no model)."""
        with self._lock:
            if self._model is None and self._result is not None and self._result.model_bytes:
                from cnn_core import store

                self._model, _ = store.load_model_bytes(self._result.model_bytes,
                                                        num_classes=len(self._result.meta.get("class_names") or ()) or None)
            return self._model

    # ----- called by the service ---------------------------------------------------------------
    def _submit(self, client) -> None:
        """Hand the job to the cluster: create its channels, then submit the task."""
        import cloudpickle
        from distributed import Queue

        with self._lock:
            if self._finished.is_set():
                return
            if self._stop_asked:
                self._end(JobResult(state=STOPPED))
                return
            prefix = f"fcl-job-{self.id}"
            self._channels = {"progress": f"{prefix}-progress", "stop": f"{prefix}-stop",
                              "started": f"{prefix}-started"}
            self._queue = Queue(self._channels["progress"], client=client)
            self._progress.set_state(STARTING)
            from cnn_core import cluster

            payload = cloudpickle.dumps((self.spec, self._channels))
            self._future = client.submit(cluster.run_pickled, payload, key=prefix, pure=False,
                                         resources={cluster.TRAIN_RESOURCE: 1})
            self._future.add_done_callback(lambda _: self._service._wake())

    def _collect(self) -> JobResult:
        """The ended task's :class:`JobResult`; a task that raised (e.g. Dask gave up on a worker that
        kept dying) becomes a failed one."""
        from distributed import KilledWorker

        try:
            return self._future.result()
        except KilledWorker:
            return JobResult(state=FAILED, error_key="train.err_worker_lost")
        except Exception as exc:  # noqa: BLE001 - cancelled, or lost with the scheduler
            reason = f"{type(exc).__name__}: {training.error_reason(exc)}"[:400]
            return JobResult(state=FAILED, error_key="train.err_failed_before", error_values={"reason": reason})

    def _end(self, result: JobResult) -> None:
        """Record how the job ended, free its Dask objects, and tell the service."""
        with self._lock:
            if self._finished.is_set():
                return
            self._result = result
            self._progress.finish(result)
            self._summary = summarize(self, self._progress.snapshot())
            self._finished.set()
            channels, queue, self._future = self._channels, self._queue, None
        if channels is not None:
            from distributed import Event

            client = self._service.client()
            queue.close()
            for name in ("started", "stop"):
                Event(channels[name], client=client).clear()
        self._service._ended(self)


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


def summarize(job: _Job, snap: JobSnapshot) -> JobSummary:
    config = job.spec.config
    return JobSummary(id=job.id, owner=job.owner, nickname=job.nickname, kind=job.spec.kind, preset=job.spec.preset,
                      dataset=job.spec.dataset, state=snap.state, queue_position=snap.queue_position,
                      epoch=snap.epoch, total_epochs=snap.total_epochs, progress=snap.run_progress,
                      images_per_s=snap.images_per_s, test_accuracy=snap.test_accuracy, created=job.created,
                      host=snap.host, cores=snap.cores,
                      config=config.to_dict() if hasattr(config, "to_dict") else {},
                      history={key: [row.get(key) for row in snap.epochs]
                               for key in ("loss", "accuracy", "val_loss", "val_accuracy")})


class JobService:
    """Every job of this server: a first-come-first-served line in front of the cluster's ``TRAIN``
    slots, and a background thread that hands jobs over and polls the running ones.

    ``client_factory`` returns the ``distributed.Client`` (default: :func:`cnn_core.cluster.get_client`,
    which starts the embedded cluster on first use; tests pass their own). ``max_running`` caps the
    jobs running at once below the cluster's slots (default: the slots).
    """

    def __init__(self, client_factory=None, max_running: int | None = None):
        from cnn_core import cluster

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

    # ----- the app's side ----------------------------------------------------------------------
    def submit(self, spec: JobSpec, owner: str = "", nickname: str | None = None) -> JobHandle:
        """Queue ``spec`` for ``owner`` (a session id) and return its handle at once."""
        handle = JobHandle(self, spec, owner, nickname)
        with self._changed:
            self._waiting.append(handle)
            self._changed.notify_all()
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
        if self._client is None:
            self._client = self._client_factory()
        return self._client

    def capacity(self) -> int:
        """How many jobs may run at once now: the cluster's ``TRAIN`` slots (re-read every few
        seconds, so workers that join count), limited by ``max_running``."""
        slots, when = self._capacity
        if time.monotonic() - when > CAPACITY_SECONDS:
            from cnn_core import cluster

            slots = cluster.capacity(self.client())
            self._capacity = (slots, time.monotonic())
        return slots if self._max_running is None else min(slots, self._max_running)

    def close(self) -> None:
        """Stop every job and the service's thread (the cluster itself stays)."""
        with self._changed:
            self._closed = True
            handles = [*self._running, *self._waiting]
            self._changed.notify_all()
        for handle in handles:
            handle.stop()

    # ----- the service thread ------------------------------------------------------------------
    def _wake(self) -> None:
        with self._changed:
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
            self._changed.notify_all()

    def _serve(self) -> None:
        while True:
            with self._changed:
                if self._closed:
                    return
                self._changed.wait(POLL_SECONDS)
            try:
                self._hand_over()
            except Exception as exc:  # noqa: BLE001 - the cluster cannot be reached: fail who waits
                self._fail_waiting(exc)
            for handle in list(self._running):  # the jobs nobody watches right now
                if time.monotonic() - handle.last_poll < POLL_SECONDS:
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
            handle._submit(self.client())

    def _fail_waiting(self, exc: Exception) -> None:
        reason = f"{type(exc).__name__}: {training.error_reason(exc)}"[:400]
        self._client = None  # try to connect again for the next job
        with self._changed:
            waiting = list(self._waiting)
        for handle in waiting:
            if self._withdraw(handle):
                handle._end(JobResult(state=FAILED, error_key="train.err_cluster", error_values={"reason": reason}))
