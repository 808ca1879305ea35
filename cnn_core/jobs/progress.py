"""Progress: how a runner reports (:class:`Reporter`) and how the app folds reports into a snapshot.

A runner tells the app how it goes through the **reporter protocol**::

    reporter.info(**fields)     # facts about the run: total_epochs, steps_per_epoch, train_images,
                                # batch_size, steps_per_call, precision_key/precision_values, or any small value
    reporter.keras_callback()   # put it first in model.fit(callbacks=...): reports each call's batches
                                # and every epoch, and ends fit after the batches in progress once a stop is asked
    reporter.evaluating()       # the finished model is being measured on held-out pictures
    reporter.stop_requested     # True once the app asked the job to stop (a runner without Keras polls it)
    reporter.timeline(header=b"...", frame=b"...")   # the run's replay (cnn_core.timeline records it
                                # where reporter.records_timeline is true)

The engine asks ``reporter.stage_seconds()`` once the runner returns: where the run's time went, on
the runner's own clock (:data:`STAGES`).

The reporter collects what happened into small *deltas* (see :class:`Reporter`) and sends them on:
a worker's into a Dask queue (:class:`cnn_core.jobs.worker.QueueReporter`), an in-process one's
straight into a :class:`Progress` (:class:`ProgressReporter`). :class:`Progress` folds deltas into
the state a :class:`JobSnapshot` shows; :class:`Curves` keeps the per-batch chart bounded.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from .spec import DONE, FINISHED_STATES, QUEUED, RUNNING, STARTING, STOPPING, JobResult

FLUSH_SECONDS = 0.25          # a worker sends its progress at most this often (plus epoch ends)
# Where a run's time goes, in order: on the runner's clock (prepare: data, pipeline and model before
# fit; first_batch: fit's first batch, which also builds or reuses the compiled step; training: every
# later batch and the validation passes; test: the held-out test and handing the model over), then
# on the app's (transfer: waiting for a worker and the result's way back, the rest of submit → end).
STAGES = ("prepare", "first_batch", "training", "test", "transfer")
MAX_CURVE_POINTS = 500        # per chart trace, however long the run
SMOOTHING = 0.9               # weight of the running average in the smoothed training curve
METRICS = ("loss", "accuracy")


class Reporter:
    """The runner's side of progress: collects what happened into a delta and sends it on.

    A delta is a plain dict (what a Dask ``Queue`` carries)::

        {"fields": {"state": "running", "epoch": 2, "epoch_step": 14, "batches_done": 70,
                    "images_per_s": 2150.0, "last": [...], ...},          # latest values only
         "points": [[count, x, loss, loss_smooth, accuracy, accuracy_smooth], ...],  # new chart points
         "epochs": [{"epoch": 1, "x": 1.0, "loss": .., "accuracy": .., "val_loss": ..,
                     "val_accuracy": .., "seconds": ..}],                  # new epoch rows
         "timeline": {"header": b"...", "frames": [b"...", ...]}}        # replay frames (cnn_core.timeline)

    The curves get a point per report (:meth:`batch_end`: a runner that trains several batches per
    call reports once per call); they are smoothed and thinned here (:class:`Curves`), so a whole run
    sends at most a few hundred chart points however many batches it trains. Batches are sent at most
    every ``flush_seconds``; everything else at once. Speed counts images per second of batch time,
    leaving out the run's first report (its batches also build the graph). Subclasses say where a delta goes
    (:meth:`send`). ``record_timeline=False`` asks runners not to record a replay (a benchmark's
    baseline); timeline frames go with the next flush.
    """

    def __init__(self, stop_flag: threading.Event | None = None, flush_seconds: float = FLUSH_SECONDS,
                 record_timeline: bool = True):
        self.records_timeline = record_timeline
        self._stop_flag = stop_flag or threading.Event()
        self._flush_seconds = flush_seconds
        self._pending: dict = {}
        self._last_flush = time.perf_counter()
        self._curves = Curves()
        self._steps_per_epoch = 0
        self._steps_per_call = 1
        self._batch_size = 0
        self._images_timed = 0
        self._seconds_timed = 0.0
        self._last_batch_at = 0.0
        self._epoch_started_at = 0.0
        self._began = time.perf_counter()
        self._marks: dict[str, float] = {}     # train_begin, first_batch, evaluating: when each happened
        self._last_x = 0.0
        self.epoch = 0
        self.epoch_step = 0
        self.batches_done = 0

    # ----- the protocol runners use ------------------------------------------------------------
    @property
    def batch_size(self) -> int:
        """The run's batch size, as its runner told :meth:`info` (0 before)."""
        return self._batch_size

    @property
    def stop_requested(self) -> bool:
        return self._stop_flag.is_set()

    def quiet_seconds(self) -> float:
        """Seconds since the runner last reported anything (a batch, an epoch, a stage, a fact)."""
        return time.perf_counter() - max(self._last_flush, self._last_batch_at)

    def restarted(self) -> None:
        """Tell the app that this run starts over from the beginning (its worker got stuck and was
        replaced): what it showed of the first try is dropped."""
        self._pending["restart"] = True
        self.flush()

    def request_stop(self) -> None:
        """Ask the run to end after the batches in progress (what the engine does on a stop request)."""
        self._stop_flag.set()

    def info(self, **fields) -> None:
        """Facts about the run for the app (sent at once); the runner's ``batch_size``,
        ``steps_per_epoch``, ``total_epochs`` and ``steps_per_call`` (batches between two reports)
        also plan the curves."""
        self._batch_size = int(fields.get("batch_size") or self._batch_size)
        self._steps_per_epoch = int(fields.get("steps_per_epoch") or self._steps_per_epoch)
        self._steps_per_call = int(fields.get("steps_per_call") or self._steps_per_call)
        if fields.get("total_epochs") and self._steps_per_epoch:
            calls_per_epoch = -(-self._steps_per_epoch // self._steps_per_call)
            self._curves.plan(int(fields["total_epochs"]) * calls_per_epoch)
        self._fields().update(fields)
        self.flush()

    def evaluating(self) -> None:
        self._marks.setdefault("evaluating", time.perf_counter())
        self.info(evaluating=True)

    def stage_seconds(self) -> dict[str, float]:
        """Seconds of each of the runner's :data:`STAGES` so far (a stage the run never reached is
        left out): what the app shows as where the time went."""
        now = time.perf_counter()
        marks = self._marks
        bounds = [("prepare", self._began, marks.get("train_begin")),
                  ("first_batch", marks.get("train_begin"), marks.get("first_batch")),
                  ("training", marks.get("first_batch"), marks.get("evaluating", self._last_batch_at or None)),
                  ("test", marks.get("evaluating"), now if "evaluating" in marks else None)]
        return {name: round(end - start, 3) for name, start, end in bounds
                if start is not None and end is not None and end >= start}

    def keras_callback(self):
        return _keras_callback(self)

    def timeline(self, header: bytes | None = None, frame: bytes | None = None) -> None:
        """Send the run's timeline header (once, first) or one of its frames (``.npz`` bytes from
        :mod:`cnn_core.timeline`) with the next flush."""
        pending = self._pending.setdefault("timeline", {})
        if header is not None:
            pending["header"] = header
            pending["frames"] = []
        if frame is not None:
            pending.setdefault("frames", []).append(frame)

    # ----- called by the Keras callback --------------------------------------------------------
    def epoch_begin(self, epoch: int) -> None:
        now = time.perf_counter()
        self.epoch, self.epoch_step = epoch, 0
        self._epoch_started_at = self._last_batch_at = now
        self._fields().update(epoch=epoch, epoch_step=0)
        self.flush()

    def train_begin(self) -> None:
        self._marks.setdefault("train_begin", time.perf_counter())

    def batch_end(self, loss: float, accuracy: float, epoch_step: int | None = None) -> None:
        """The run has trained up to batch ``epoch_step`` of this epoch (1-based; default: one
        batch more), with the epoch's running ``loss`` and ``accuracy``."""
        now = time.perf_counter()
        self._marks.setdefault("first_batch", now)
        step = self.epoch_step + 1 if epoch_step is None else epoch_step
        if self._steps_per_epoch:  # Keras names a call cut short by the epoch's end by its full length
            step = min(step, self._steps_per_epoch)
        trained = max(1, step - self.epoch_step)
        if self.batches_done:  # the run's first batches also build the graph: keep them out of the rate
            self._images_timed += self._batch_size * trained
            self._seconds_timed += now - self._last_batch_at
        self._last_batch_at = now
        self.batches_done += trained
        self.epoch_step += trained
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
            reporter.train_begin()
            if not reporter._steps_per_epoch and self.params.get("steps"):  # a runner that did not say
                reporter.info(steps_per_epoch=int(self.params["steps"]), total_epochs=int(self.params["epochs"]))

        def on_epoch_begin(self, epoch, logs=None):
            reporter.epoch_begin(epoch + 1)

        def on_train_batch_end(self, batch, logs=None):  # batch: the last one of the call, 0-based
            logs = logs or {}
            reporter.batch_end(logs.get("loss", float("nan")), logs.get("accuracy", float("nan")),
                               epoch_step=batch + 1)
            if reporter.stop_requested:
                self.model.stop_training = True

        def on_epoch_end(self, epoch, logs=None):
            reporter.epoch_end(epoch + 1, logs or {})
            if reporter.stop_requested:
                self.model.stop_training = True

    return ReportProgress()


class ProgressReporter(Reporter):
    """An in-process reporter: each delta is folded straight into ``progress`` (a :class:`Progress`,
    new by default), e.g. ``training.fit(config, data, reporter)`` then
    ``reporter.progress.snapshot()`` (tests, benchmarks, :class:`LocalJob`)."""

    def __init__(self, progress: "Progress | None" = None, stop_flag: threading.Event | None = None,
                 lock=None, flush_seconds: float = FLUSH_SECONDS, record_timeline: bool = True):
        super().__init__(stop_flag, flush_seconds, record_timeline)
        self.progress = progress or Progress()
        self._lock = lock or threading.Lock()

    def send(self, delta: dict) -> None:
        with self._lock:
            self.progress.apply(delta)


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
    something moved. ``timeline_frames`` counts the replay's frames so far; the frames themselves
    stay with the job (:meth:`cnn_core.jobs.Job.timeline`), not copied into every snapshot.
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
    timeline_frames: int = 0
    stages: dict | None = None   # a finished run's seconds per stage (:data:`STAGES`), None before
    restarts: int = 0            # times the run started over from the beginning (a stuck worker)

    @property
    def finished(self) -> bool:
        return self.state in FINISHED_STATES

    def ends_within(self, seconds: float) -> bool:
        """Whether the run is about to end: it is testing or stopping, or its estimated time left is
        at most ``seconds``."""
        if self.state not in (RUNNING, STOPPING):
            return False
        return self.evaluating or self.state == STOPPING or (self.eta_s is not None and self.eta_s <= seconds)

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
        self.submitted_at: float | None = None   # when a worker was asked (STARTING)
        self.ended_at: float | None = None
        self.test: tuple[float | None, float | None] = (None, None)
        self.error: tuple[str | None, dict] = (None, {})
        self.timeline = None  # a cnn_core.timeline.Timeline once the runner sent its header
        self.restarts = 0     # times the run started over after its worker got stuck
        self.version = 0

    def set_state(self, state: str) -> None:
        if state == RUNNING and self.state == STOPPING:
            return  # a stop asked before the worker began still stands
        if state == RUNNING and self.running_since is None:
            self.running_since = time.monotonic()
        if state == STARTING and self.submitted_at is None:
            self.submitted_at = time.monotonic()
        if state in FINISHED_STATES and self.ended_at is None:
            self.ended_at = time.monotonic()
            self.fields["evaluating"] = False
        self.state = state
        self.version += 1

    def apply(self, delta: dict) -> None:
        if delta.get("restart"):  # the run starts over on a fresh worker: forget its first try
            self.fields = {"total_epochs": self.fields.get("total_epochs", 0)}
            self.epochs, self.curves, self.timeline = [], Curves(), None
            self.restarts += 1
        fields = dict(delta.get("fields") or {})
        if "state" in fields:
            self.set_state(fields.pop("state"))
        self.fields.update(fields)
        for point in delta.get("points") or ():
            self.curves.keep(point)
        if self.fields.get("last") is not None:
            self.curves.last = self.fields["last"]
        self.epochs.extend(delta.get("epochs") or ())
        if delta.get("timeline"):
            from cnn_core.timeline import Timeline  # numpy and Keras: only once a run sends frames

            self.timeline = Timeline.apply(self.timeline, delta["timeline"])
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
            version=self.version, timeline_frames=len(self.timeline.frames) if self.timeline else 0,
            stages=self.stages(), restarts=self.restarts)

    def stages(self) -> dict | None:
        """A finished run's seconds per stage: the runner's own, and ``transfer``, the rest of the time
        from asking a worker to the end the app saw (None until then, or for a run no worker began)."""
        worked = self.fields.get("stages")
        if self.ended_at is None or self.submitted_at is None or not worked:
            return None
        stages = {name: float(worked[name]) for name in STAGES if name in worked}
        stages["transfer"] = round(max(0.0, self.ended_at - self.submitted_at - sum(stages.values())), 3)
        return stages

