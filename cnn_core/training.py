"""Training runs in the background: ``model.fit`` in a daemon thread, watched through snapshots.

A :class:`TrainingJob` owns one run. ``start()`` returns at once; a Keras callback records every
batch and every epoch into a lock-protected record, and ``snapshot()`` hands out a consistent copy
that a page can poll several times a second without slowing training down. ``stop()`` asks Keras to
end after the batch in progress; the model is kept as it stands and still gets a test accuracy.

How the data reaches the model (the fast path, measured in ``bench/train_throughput.py``): images
stay ``uint8`` in memory (4x less to move than float32; the model's own ``Rescaling`` layer divides by
255), each epoch shuffles only the *indices* (a seeded numpy permutation), and whole batches are
cut out with one ``tf.gather`` instead of handling 60,000 single images, with ``prefetch`` so the next
batch is ready while the current one trains. ``tf.data`` moves only small index vectors around.

Reproducibility: the job never touches Keras' process-global seed (other sessions train at the same
time). Weights, dropout and any augmentation layer are seeded per layer by :func:`cnn_core.models.build_model`,
the split and the shuffle (numpy permutations, see :func:`train_pipeline`) by ``config.seed``, so the
same seed gives the same loss curve on the same machine. On CPU that holds in practice; bit-exact results everywhere would need
``tf.config.experimental.enable_op_determinism()``, which is process-wide and makes some ops slower,
so the app does not switch it on.

Several devices: pass a ``tf.distribute`` strategy. ``MirroredStrategy()`` copies the model to every
local GPU (or every logical CPU device), splits each batch between them and adds up the gradients, so
a run with global batch ``B`` follows the single-device run closely. Across machines, build a
``MultiWorkerMirroredStrategy`` on every worker (each with its ``TF_CONFIG`` naming the cluster and its
own index) and run the same job there; Keras shards the data by batch. ``python -m cnn_core.train
--strategy mirrored --logical-cpus 2`` shows the path on a laptop.
"""

from __future__ import annotations

import functools
import math
import os
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

import numpy as np

from cnn_core import models
from cnn_core.errors import UserError

STATES = ("idle", "queued", "running", "stopping", "done", "stopped", "failed")
OPTIMIZERS = ("adam", "sgd")
LR_SCHEDULES = ("constant", "cosine")
MAX_EPOCHS = 200
MAX_BATCH_SIZE = 4096
EVAL_BATCH_SIZE = 1024

# The app's "fast" configuration: what won in bench/train_throughput.py on a 2-core CPU. Bigger
# batches do more work per Python round trip; the learning rate grows with the square root of the
# batch so Adam keeps a similar step size per image.
FAST_BATCH_SIZE = 128
FAST_LEARNING_RATE = 1e-3 * math.sqrt(FAST_BATCH_SIZE / 32)


@dataclass
class TrainConfig:
    """Everything that defines a run. ``subset`` trains on the first N images after a seeded shuffle."""

    dataset: str = "fashion_mnist"
    preset: str = "seed"
    model_options: dict = field(default_factory=dict)
    epochs: int = 10
    batch_size: int = 32
    optimizer: str = "adam"
    learning_rate: float = 1e-3
    validation_split: float = 0.1
    subset: int | None = None
    seed: int = 0
    lr_schedule: str = "constant"  # "cosine": glide the rate down to 1% of itself by the last batch

    def validate(self, available: int | None = None) -> "TrainConfig":
        """Raise ``UserError("train.err_...")`` for a value a run cannot use; return self when fine.

        ``available`` is the number of training images in the dataset, when known.
        """
        if self.preset not in models.PRESETS:
            raise UserError("models.err_unknown_preset", preset=self.preset)
        if self.preset == "custom":
            models.check_custom_options(self.model_options)
        elif self.model_options:
            raise UserError("models.err_options_custom_only", preset=self.preset)
        if not _is_int(self.epochs) or not 1 <= self.epochs <= MAX_EPOCHS:
            raise UserError("train.err_epochs", value=self.epochs, high=MAX_EPOCHS)
        if not _is_int(self.batch_size) or not 1 <= self.batch_size <= MAX_BATCH_SIZE:
            raise UserError("train.err_batch_size", value=self.batch_size, high=MAX_BATCH_SIZE)
        if self.optimizer not in OPTIMIZERS:
            raise UserError("train.err_optimizer", value=self.optimizer)
        if isinstance(self.learning_rate, bool) or not isinstance(self.learning_rate, (int, float)) \
                or not 0 < self.learning_rate <= 1:
            raise UserError("train.err_learning_rate", value=self.learning_rate)
        if self.lr_schedule not in LR_SCHEDULES:
            raise UserError("train.err_lr_schedule", value=self.lr_schedule)
        if isinstance(self.validation_split, bool) or not isinstance(self.validation_split, (int, float)) \
                or not 0 <= self.validation_split <= 0.5:
            raise UserError("train.err_validation_split", value=self.validation_split)
        if not _is_int(self.seed):
            raise UserError("train.err_seed", value=self.seed)
        if self.subset is not None:
            if not _is_int(self.subset) or self.subset < 2:
                raise UserError("train.err_subset", value=self.subset)
            if available is not None and self.subset > available:
                raise UserError("train.err_subset_too_big", value=self.subset, available=available)
        if available is not None:
            train_count, _ = split_sizes(min(available, self.subset or available), self.validation_split)
            if self.batch_size > train_count:
                raise UserError("train.err_batch_too_big", batch=self.batch_size, images=train_count)
        return self

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> "TrainConfig":
        known = {name: values[name] for name in cls.__dataclass_fields__ if name in values}
        return cls(**known)


def fast_config(**overrides) -> TrainConfig:
    """The app's fast configuration: the same network, the batch size and learning rate that won."""
    return TrainConfig(**{"batch_size": FAST_BATCH_SIZE, "learning_rate": FAST_LEARNING_RATE, **overrides})


def _is_int(value) -> bool:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def split_sizes(count: int, validation_split: float) -> tuple[int, int]:
    """``(train, validation)`` image counts for ``count`` images."""
    validation = int(round(count * validation_split))
    return count - validation, validation


def split_indices(count: int, subset: int | None, validation_split: float, seed: int):
    """Seeded shuffle of ``range(count)``, cut to ``subset``, then split: ``(train_idx, val_idx)``."""
    order = np.random.default_rng(seed).permutation(count)
    if subset is not None:
        order = order[:subset]
    _, validation = split_sizes(len(order), validation_split)
    return np.sort(order[validation:]), np.sort(order[:validation])


def train_pipeline(images: np.ndarray, labels: np.ndarray, batch_size: int, seed: int, epochs: int):
    """``epochs`` epochs of shuffled ``uint8`` batches, one after the other, as one ``tf.data`` pipeline.

    The shuffles are drawn up front with numpy from ``seed`` (one permutation of the indices per
    epoch), so the order never depends on TensorFlow's random state: it is the same on one device
    or split over several by ``tf.distribute``. Every batch is full: the few pictures left over
    after the last full batch (fewer than one batch) sit out that epoch, and the next shuffle gives
    them their turn. Full batches have one fixed shape, which ``tf.distribute`` splits evenly
    between devices. Whole batches are cut out with one ``tf.gather`` each.
    """
    import tensorflow as tf

    rng = np.random.default_rng(seed)
    steps = len(images) // batch_size
    orders = np.stack([rng.permutation(len(images))[: steps * batch_size] for _ in range(epochs)])
    image_tensor = tf.constant(images)
    label_tensor = tf.constant(labels)
    return (tf.data.Dataset.from_tensor_slices(orders.reshape(-1))
            .batch(batch_size)  # a real batch op: tf.distribute rewrites it into one per-device batch
            .map(lambda index: (tf.gather(image_tensor, index), tf.gather(label_tensor, index)))
            .prefetch(2))


def eval_pipeline(images: np.ndarray, labels: np.ndarray, batch_size: int = EVAL_BATCH_SIZE):
    import tensorflow as tf

    return tf.data.Dataset.from_tensor_slices((images, labels)).batch(batch_size).prefetch(1)


@functools.lru_cache(maxsize=None)
def mirrored_strategy():
    """The process's ``MirroredStrategy`` over every local GPU, or over every (logical) CPU device when
    there is no GPU (``MirroredStrategy()`` alone would pick just one CPU).

    One per process, reused by every job: each strategy numbers its cross-device collective ops from
    the same start, so a second strategy in the same process would collide with the first one's.
    """
    import tensorflow as tf

    gpus = [device.name for device in tf.config.list_logical_devices("GPU")]
    cpus = [device.name for device in tf.config.list_logical_devices("CPU")]
    return tf.distribute.MirroredStrategy(devices=gpus or cpus)


def compile_model(model, optimizer: str, learning_rate: float, decay_steps: int | None = None) -> None:
    """Compile for integer labels: Adam, or SGD with momentum 0.9. XLA stays off (slower here).

    With ``decay_steps`` the rate follows a cosine from ``learning_rate`` down to 1% of it: big
    steps while far from a good solution, small careful ones at the end.
    """
    import keras

    if decay_steps:
        learning_rate = keras.optimizers.schedules.CosineDecay(learning_rate, decay_steps, alpha=0.01)
    if optimizer == "adam":
        chosen = keras.optimizers.Adam(learning_rate=learning_rate)
    else:
        chosen = keras.optimizers.SGD(learning_rate=learning_rate, momentum=0.9)
    model.compile(optimizer=chosen, loss="sparse_categorical_crossentropy", metrics=["accuracy"],
                  jit_compile=False)


@dataclass(frozen=True)
class JobSnapshot:
    """A consistent copy of a job's progress. ``batches`` hold Keras' running means over the epoch."""

    state: str
    queue_position: int | None
    error: str | None
    epoch: int
    total_epochs: int
    epoch_progress: float
    batches: list
    epochs: list
    images_per_s: float | None
    elapsed_s: float
    eta_s: float | None
    test_loss: float | None
    test_accuracy: float | None
    config: TrainConfig
    error_key: str | None = None
    error_values: dict = field(default_factory=dict)
    steps_per_epoch: int = 0
    train_images: int = 0
    evaluating: bool = False  # True while the finished model is measured on the test split

    @property
    def finished(self) -> bool:
        return self.state in ("done", "stopped", "failed")


class JobSlots:
    """A cap on how many jobs train at once, with a first-come-first-served queue for the rest."""

    def __init__(self, max_concurrent: int):
        self.max_concurrent = max(1, int(max_concurrent))
        self._changed = threading.Condition()
        self._running: set = set()
        self._waiting: deque = deque()

    def acquire(self, job, cancelled) -> bool:
        """Block until ``job`` may run (True) or ``cancelled()`` turns true while it waits (False)."""
        with self._changed:
            self._waiting.append(job)
            try:
                while not cancelled():
                    if self._waiting[0] is job and len(self._running) < self.max_concurrent:
                        self._waiting.popleft()
                        self._running.add(job)
                        return True
                    self._changed.wait()
                self._waiting.remove(job)
                return False
            finally:
                self._changed.notify_all()

    def release(self, job) -> None:
        with self._changed:
            self._running.discard(job)
            self._changed.notify_all()

    def wake(self) -> None:
        """Let waiting jobs re-check (a queued job that was stopped leaves the queue)."""
        with self._changed:
            self._changed.notify_all()

    def position(self, job) -> int | None:
        """1 for the next job to start, 2 after it, ...; None when ``job`` is not waiting."""
        with self._changed:
            for index, waiting in enumerate(self._waiting):
                if waiting is job:
                    return index + 1
        return None

    @property
    def running(self) -> int:
        with self._changed:
            return len(self._running)

    @property
    def queued(self) -> int:
        with self._changed:
            return len(self._waiting)


_default_slots: JobSlots | None = None
_default_slots_lock = threading.Lock()


def default_slots() -> JobSlots:
    """The process-wide slots: ``$FCL_MAX_TRAINING_JOBS``, else half the CPU cores (at least 1)."""
    global _default_slots
    with _default_slots_lock:
        if _default_slots is None:
            configured = os.environ.get("FCL_MAX_TRAINING_JOBS")
            size = int(configured) if configured else max(1, (os.cpu_count() or 1) // 2)
            _default_slots = JobSlots(size)
        return _default_slots


class _Recorder:
    """Keras callback that writes progress into the job and turns ``stop()`` into ``stop_training``."""

    def __new__(cls, job):
        import keras

        class Recorder(keras.callbacks.Callback):
            def on_epoch_begin(self, epoch, logs=None):
                job._epoch_started(epoch + 1)

            def on_train_batch_end(self, batch, logs=None):
                job._batch_ended(batch, logs or {})
                if job._stop_requested.is_set():
                    self.model.stop_training = True

            def on_epoch_end(self, epoch, logs=None):
                job._epoch_ended(epoch + 1, logs or {})
                if job._stop_requested.is_set():
                    self.model.stop_training = True

        return Recorder()


class TrainingJob:
    """One training run of ``config`` on ``dataset`` (a :class:`cnn_core.datasets.Dataset`).

    ``strategy`` is a ``tf.distribute`` strategy (default: the current one, i.e. one device);
    ``slots`` caps concurrent jobs (default: :func:`default_slots`); ``callbacks`` are extra Keras
    callbacks run after the job's own recorder.
    """

    def __init__(self, config: TrainConfig, dataset, strategy=None, slots: JobSlots | None = None,
                 callbacks=()):
        self.config = config.validate(len(dataset.train_images))
        self.dataset = dataset
        self.strategy = strategy
        self.slots = slots if slots is not None else default_slots()
        self.extra_callbacks = list(callbacks)
        self.model = None
        self.history: dict = {}
        self._lock = threading.Lock()
        self._stop_requested = threading.Event()
        self._finished = threading.Event()
        self._thread: threading.Thread | None = None
        train_count, _ = split_sizes(min(len(dataset.train_images), config.subset or len(dataset.train_images)),
                                     config.validation_split)
        self._train_images = train_count
        self._steps_per_epoch = train_count // config.batch_size  # full batches only, see train_pipeline
        self._state = "idle"
        self._error: tuple[str, str, dict] | None = None
        self._epoch = 0
        self._epoch_step = 0
        self._batches: list[dict] = []
        self._epochs: list[dict] = []
        self._images_done = 0
        self._batch_seconds = 0.0
        self._started_at: float | None = None
        self._ended_at: float | None = None
        self._epoch_started_at = 0.0
        self._last_batch_at = 0.0
        self._test: tuple[float, float] | None = None
        self._evaluating = False
        self.created = datetime.now(timezone.utc).isoformat(timespec="seconds")

    # ----- control -----------------------------------------------------------------------------
    def start(self) -> "TrainingJob":
        """Queue the job and return at once; the work runs in a daemon thread."""
        with self._lock:
            if self._thread is not None:
                return self
            self._state = "queued"
            self._thread = threading.Thread(target=self._run, name="training-job", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """End training after the batch in progress (or leave the queue); the model is kept."""
        self._stop_requested.set()
        with self._lock:
            if self._state == "running":
                self._state = "stopping"
        self.slots.wake()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job has finished; False if ``timeout`` seconds passed first."""
        return self._finished.wait(timeout)

    # ----- reading -----------------------------------------------------------------------------
    def snapshot(self) -> JobSnapshot:
        position = self.slots.position(self)
        with self._lock:
            now = time.perf_counter()
            elapsed = 0.0 if self._started_at is None else (self._ended_at or now) - self._started_at
            images_per_s = self._images_done / self._batch_seconds if self._batch_seconds > 0 else None
            steps_done = len(self._batches)
            eta = None
            if self._state in ("running", "stopping") and images_per_s:
                remaining = self.config.epochs * self._steps_per_epoch - steps_done
                eta = remaining * self.config.batch_size / images_per_s
            error_text, error_key, error_values = self._error or (None, None, {})
            return JobSnapshot(
                state=self._state,
                queue_position=position if self._state == "queued" else None,
                error=error_text,
                epoch=self._epoch,
                total_epochs=self.config.epochs,
                epoch_progress=min(1.0, self._epoch_step / self._steps_per_epoch),
                batches=list(self._batches),
                epochs=list(self._epochs),
                images_per_s=images_per_s,
                elapsed_s=elapsed,
                eta_s=eta,
                test_loss=None if self._test is None else self._test[0],
                test_accuracy=None if self._test is None else self._test[1],
                config=self.config,
                error_key=error_key,
                error_values=dict(error_values),
                steps_per_epoch=self._steps_per_epoch,
                train_images=self._train_images,
                evaluating=self._evaluating,
            )

    # ----- the worker thread -------------------------------------------------------------------
    def _run(self) -> None:
        acquired = False
        try:
            acquired = self.slots.acquire(self, self._stop_requested.is_set)
            if not acquired or self._stop_requested.is_set():  # stopped while it waited in the queue
                self._set_state("stopped")
                return
            with self._lock:
                self._state = "running"
                self._started_at = time.perf_counter()
            self._train()
            with self._lock:
                self._state = "stopped" if self._stop_requested.is_set() else "done"
        except Exception as exc:  # the thread must end in "failed", never die silently
            self._fail(exc)
        finally:
            with self._lock:
                if self._started_at is not None:
                    self._ended_at = time.perf_counter()
            if acquired:
                self.slots.release(self)
            self._finished.set()

    def _train(self) -> None:
        import tensorflow as tf

        config = self.config
        images, labels = self.dataset.train_images, self.dataset.train_labels
        train_idx, val_idx = split_indices(len(images), config.subset, config.validation_split, config.seed)
        train_data = train_pipeline(images[train_idx], labels[train_idx], config.batch_size, config.seed,
                                    config.epochs)
        val_data = eval_pipeline(images[val_idx], labels[val_idx]) if len(val_idx) else None
        strategy = self.strategy or tf.distribute.get_strategy()
        with strategy.scope():
            model = models.build_model(config.preset, num_classes=len(self.dataset.class_names),
                                       seed=config.seed, **config.model_options)
            decay_steps = config.epochs * self._steps_per_epoch if config.lr_schedule == "cosine" else None
            compile_model(model, config.optimizer, config.learning_rate, decay_steps)
        self.model = model
        history = model.fit(train_data, epochs=config.epochs, steps_per_epoch=self._steps_per_epoch,
                            validation_data=val_data, verbose=0, shuffle=False,
                            callbacks=[_Recorder(self), *self.extra_callbacks])
        self.history = {key: [float(v) for v in values] for key, values in history.history.items()}
        self._set_evaluating(True)
        test_loss, test_accuracy = model.evaluate(
            eval_pipeline(self.dataset.test_images, self.dataset.test_labels), verbose=0)
        with self._lock:
            self._test = (float(test_loss), float(test_accuracy))
            self._evaluating = False

    def _fail(self, exc: Exception) -> None:
        with self._lock:
            where = f"epoch {self._epoch}, after batch {self._epoch_step}" if self._epoch else "before training"
            reason = f"{type(exc).__name__}: {error_reason(exc)}"[:400]
            self._error = (f"Training failed ({where}): {reason}", "train.err_failed",
                           {"where": where, "reason": reason})
            self._state = "failed"
            self._evaluating = False

    def _set_evaluating(self, evaluating: bool) -> None:
        with self._lock:
            self._evaluating = evaluating

    def _set_state(self, state: str) -> None:
        with self._lock:
            self._state = state

    # ----- called by the Keras callback (worker thread) ----------------------------------------
    def _epoch_started(self, epoch: int) -> None:
        now = time.perf_counter()
        with self._lock:
            self._epoch = epoch
            self._epoch_step = 0
            self._epoch_started_at = now
            self._last_batch_at = now

    def _batch_ended(self, batch: int, logs: dict) -> None:
        now = time.perf_counter()
        loss, accuracy = float(logs.get("loss", math.nan)), float(logs.get("accuracy", math.nan))
        with self._lock:
            self._epoch_step = batch + 1
            if self._batches:  # the run's first batch also builds the graph: keep it out of the rate
                self._images_done += self.config.batch_size
                self._batch_seconds += now - self._last_batch_at
            self._last_batch_at = now
            self._batches.append({"step": len(self._batches) + 1, "epoch": self._epoch,
                                  "loss": loss, "accuracy": accuracy})

    def _epoch_ended(self, epoch: int, logs: dict) -> None:
        now = time.perf_counter()
        row = {"epoch": epoch}
        for key in ("loss", "accuracy", "val_loss", "val_accuracy"):
            row[key] = float(logs[key]) if key in logs else None
        with self._lock:
            row["seconds"] = now - self._epoch_started_at
            self._epochs.append(row)


def error_reason(exc: BaseException) -> str:
    """The informative part of an error message. TensorFlow's graph errors wrap the real reason in
    boilerplate ("Graph execution error:", node names, stack-trace notes): keep just the reason."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    boilerplate = ("Graph execution error", "Detected at node", "<stack traces", "File ", "[[")
    useful = [line for line in lines if not line.startswith(boilerplate)]
    return " ".join(useful or lines[:1])


def run_meta(job: "TrainingJob", name: str | None = None) -> dict:
    """Metadata of a finished ``job`` for :class:`cnn_core.store.ModelStore` (the store adds ``run_id``)."""
    snap = job.snapshot()
    history = {key: [row[key] for row in snap.epochs]
               for key in ("loss", "accuracy", "val_loss", "val_accuracy")}
    return {
        "name": name or f"{job.config.preset} {job.config.dataset} {job.created[:16]}",
        "dataset": job.config.dataset,
        "preset": job.config.preset,
        "config": job.config.to_dict(),
        "history": history,
        "test_accuracy": snap.test_accuracy,
        "test_loss": snap.test_loss,
        "params": models.count_params(job.model) if job.model is not None else None,
        "created": job.created,
        "class_names": list(job.dataset.class_names),
        "state": snap.state,
        "train_seconds": round(snap.elapsed_s, 1),
    }
