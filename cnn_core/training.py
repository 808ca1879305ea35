"""How one run trains: its settings (:class:`TrainConfig`), the data pipeline, and :func:`fit`.

:func:`fit` builds the preset's network, trains it and measures it on the test split, reporting every
batch and epoch to a progress reporter. Where it runs is the job engine's business
(:mod:`cnn_core.jobs`): a Dask worker process for the app and the CLI, or this process for the CLI's
``--strategy mirrored``. Nothing here starts threads. A worker keeps its built and compiled networks
between runs in a :class:`CompiledModels` it passes to :func:`fit`; every run still starts from
fresh, seeded weights and a fresh optimizer, so a reused network trains exactly like a new one.

How the data reaches the model (the fast path, measured in ``bench/train_throughput.py``): images
stay ``uint8`` in memory (4x less to move than float32; the model's own ``Rescaling`` layer divides by
255), each epoch shuffles only the *indices* (a seeded numpy permutation), and whole batches are
cut out with one ``tf.gather`` instead of handling 60,000 single images, with ``prefetch`` so the next
batch is ready while the current one trains. ``tf.data`` moves only small index vectors around.
Keras trains several batches per call into TensorFlow (:func:`steps_per_call`), so its Python loop
and the callbacks run once per group of batches instead of after every one.

Reproducibility: the job never touches Keras' process-global seed (other sessions train at the same
time). Weights, dropout and any augmentation layer are seeded per layer by :func:`cnn_core.models.build_model`,
the split and the shuffle (numpy permutations, see :class:`EpochBatches`) by ``config.seed``, so the
same seed gives the same loss curve on the same machine. On CPU that holds in practice; bit-exact results everywhere would need
``tf.config.experimental.enable_op_determinism()``, which is process-wide and makes some ops slower,
so the app does not switch it on.

Several devices: pass a ``tf.distribute`` strategy. ``MirroredStrategy()`` copies the model to every
local GPU (or every logical CPU device), splits each batch between them and adds up the gradients, so
a run with global batch ``B`` follows the single-device run closely. Across machines, build a
``MultiWorkerMirroredStrategy`` on every worker (each with its ``TF_CONFIG`` naming the cluster and its
own index) and run the same job there; Keras shards the data by batch. ``python -m cnn_core.cli
--strategy mirrored --logical-cpus 2`` shows the path on a laptop.
"""

from __future__ import annotations

import functools
import math
import threading
from dataclasses import asdict, dataclass, field

import keras
import numpy as np

from cnn_core import datasets, models, precision, timeline
from cnn_core.errors import UserError

OPTIMIZERS = ("adam", "sgd")
LR_SCHEDULES = ("constant", "cosine")
MAX_EPOCHS = 200
MAX_BATCH_SIZE = 4096
EVAL_BATCH_SIZE = 1024
MAX_STEPS_PER_CALL = 8
PICTURES_PER_CALL = 1024

# The app's fast recipe, where the Train page's form starts. Batch 128 does 4x more work per step
# (and bfloat16 where the processor has it, see cnn_core.precision); to make up for 4x fewer steps the
# learning rate starts 6x higher and glides down to 1% of itself (cosine). Measured on Fashion-MNIST
# with the lesson's network, 3 seeds each: 2 epochs of 20,000 pictures 88.1% vs the lesson recipe's
# 87.4%, 5 epochs of 6,000 pictures 87.0% vs 86.6% (every seed above every lesson seed), about twice
# as fast (bench/app_training.py). The lesson's recipe stays one click away:
# models.LESSON_RECIPE, the lesson network's recipe (recipe_config).
FAST_BATCH_SIZE = 128
FAST_LEARNING_RATE = 0.006
FAST_LR_SCHEDULE = "cosine"


@dataclass
class TrainConfig:
    """Everything that defines a run. ``subset`` trains on the first N images after a seeded shuffle."""

    dataset: str = datasets.DEFAULT_DATASET
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
    precision: str = "auto"  # "auto": bfloat16 where the hardware computes it natively; "float32": always
    augment: bool = False  # random small shifts, turns, zoom and stroke width on every training batch

    def validate(self, available: int | None = None) -> "TrainConfig":
        """Raise ``UserError("train.err_...")`` for a value a run cannot use; return self when fine.

        ``available`` is the number of training images in the dataset, when known.
        """
        if self.preset not in models.PRESETS:
            raise UserError("models.err_unknown_preset", preset=self.preset)
        if models.PRESETS[self.preset].takes_options:
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
        if self.precision not in precision.CHOICES:
            raise UserError("precision.err_choice", value=self.precision)
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
    """The app's fast recipe (the Train page's defaults): batch, learning rate and schedule that won."""
    return TrainConfig(**{"batch_size": FAST_BATCH_SIZE, "learning_rate": FAST_LEARNING_RATE,
                          "lr_schedule": FAST_LR_SCHEDULE, **overrides})


def recipe_config(preset: str, **overrides) -> TrainConfig:
    """A run of ``preset`` with the training settings that suit it (its ``Preset.recipe``).

    The command line's ``--preset X`` and the Train page's recipe buttons start from it.

    Args:
        preset: a name in :data:`cnn_core.models.PRESETS`.
        **overrides: TrainConfig fields that differ from the recipe (``dataset``, ``seed`` ...).

    Returns:
        The :class:`TrainConfig`; what the recipe leaves out keeps TrainConfig's default.

    Raises:
        UserError: ``models.err_unknown_preset`` for a preset that is not registered.

    Example:

    >>> config = recipe_config("seed")
    >>> config.epochs, config.batch_size, config.learning_rate, config.validation_split
    (10, 32, 0.001, 0.0)
    """
    if preset not in models.PRESETS:
        raise UserError("models.err_unknown_preset", preset=preset)
    return TrainConfig(**{**models.PRESETS[preset].recipe, "preset": preset, **overrides})


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


def steps_per_call(batch_size: int, total_batches: int) -> int:
    """How many batches one call from Keras into TensorFlow trains (Keras' ``steps_per_execution``)
    in a run of ``total_batches`` batches of ``batch_size``.

    Between two calls Keras runs Python (its loop, the callbacks): with 8 batches per call the app's
    trainer ran 15% more bfloat16 pictures a second at batch 128 on a 2-core CPU
    (``bench/train_throughput.py``). The callbacks, and so the live view, a Stop click and the
    replay's frames, then see every 8th batch. So a call holds at most :data:`PICTURES_PER_CALL`
    pictures (a fraction of a second however big the batch), and a run too short for every replay
    frame (:data:`cnn_core.timeline.MIN_FRAMES`) to fall between calls trains one batch per call.
    Only those two numbers exist per batch size, so a worker's kept networks
    (:class:`CompiledModels`) serve runs of any length.

    >>> steps_per_call(128, 280), steps_per_call(32, 3750), steps_per_call(512, 1000), steps_per_call(128, 100)
    (8, 8, 2, 1)
    """
    per_call = max(1, min(MAX_STEPS_PER_CALL, PICTURES_PER_CALL // max(1, batch_size)))
    return per_call if total_batches >= per_call * timeline.MIN_FRAMES else 1


class EpochBatches:
    """A run's shuffled training batches as a ``tf.data`` pipeline that gives one epoch per pass.

    The shuffles are drawn up front with numpy from ``seed`` (one permutation of the indices per
    epoch), so the order never depends on TensorFlow's random state: it is the same on one device
    or split over several by ``tf.distribute``. Every batch is full: the few pictures left over
    after the last full batch (fewer than one batch) sit out that epoch, and the next shuffle gives
    them their turn. Full batches have one fixed shape, which ``tf.distribute`` splits evenly
    between devices. Whole batches are cut out with one ``tf.gather`` each.

    Each pass over :attr:`dataset` ends after exactly :attr:`steps_per_epoch` batches, and Keras' ``fit``
    starts a new pass every epoch, so several batches per call (:func:`steps_per_call`) never run
    across an epoch's end. Which epoch's shuffle a pass gives is the variable :attr:`epoch`;
    :meth:`keras_callback` sets it as each epoch begins (put it in ``fit``'s callbacks).
    """

    def __init__(self, images: np.ndarray, labels: np.ndarray, batch_size: int, seed: int, epochs: int):
        import tensorflow as tf

        rng = np.random.default_rng(seed)
        self.steps_per_epoch = len(images) // batch_size
        orders = tf.constant(np.stack([rng.permutation(len(images))[: self.steps_per_epoch * batch_size]
                                       for _ in range(epochs)]))
        self.epoch = epoch = tf.Variable(0, dtype=tf.int64, trainable=False, name="pipeline_epoch")
        image_tensor, label_tensor = tf.constant(images), tf.constant(labels)
        one_pass = (tf.data.Dataset.range(1)
                    .flat_map(lambda _: tf.data.Dataset.from_tensor_slices(tf.gather(orders, epoch)))
                    .batch(batch_size)  # a real batch op: tf.distribute rewrites it into one per-device batch
                    .map(lambda index: (tf.gather(image_tensor, index), tf.gather(label_tensor, index)))
                    .apply(tf.data.experimental.assert_cardinality(self.steps_per_epoch)))
        self.dataset = without_autotuning(one_pass.prefetch(2))

    def map(self, change) -> "EpochBatches":
        """These batches with ``change`` (``tf.data.Dataset -> tf.data.Dataset``, batch for batch)
        applied to every pass, e.g. :func:`cnn_core.augment.map_batches`."""
        self.dataset = change(self.dataset)
        return self

    def keras_callback(self):
        """A Keras callback that points the pipeline at each epoch's shuffle as the epoch begins."""
        import keras

        epoch_variable = self.epoch

        class FollowEpochs(keras.callbacks.Callback):
            def on_epoch_begin(self, epoch, logs=None):
                epoch_variable.assign(epoch)

        return FollowEpochs()


def eval_pipeline(images: np.ndarray, labels: np.ndarray, batch_size: int = EVAL_BATCH_SIZE):
    import tensorflow as tf

    return without_autotuning(tf.data.Dataset.from_tensor_slices((images, labels)).batch(batch_size).prefetch(1))


def without_autotuning(data):
    """``data`` (a ``tf.data`` pipeline) with tf.data's autotuning turned off.

    The pipelines here have fixed buffers (a prefetch of one or two batches), so autotuning has
    nothing to tune, but its background thread can hold up the end of a run: Keras deletes its
    finished iterator as ``fit`` returns, and that waited for the thread, 1-1.6 s in one run out of
    three on a 2-core CPU (a whole epoch of a 20,000-picture run is about 2 s). Pipelines built on
    top (:func:`cnn_core.augment.map_batches`) inherit the setting.
    """
    import tensorflow as tf

    options = tf.data.Options()
    options.autotune.enabled = False
    return data.with_options(options)


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


@keras.saving.register_keras_serializable(package="fcl")
class RunSchedule(keras.optimizers.schedules.LearningRateSchedule):
    """The learning rate of a run as Keras variables, so one compiled model serves many runs.

    Keras bakes a schedule's numbers into the traced train function; here the peak rate and the
    number of decay steps are variables that :meth:`set` changes between runs, and the rate follows
    the optimizer's own step counter (which :meth:`CompiledModels.reset` puts back to 0).
    ``decay_steps`` 0 keeps the rate constant; otherwise it follows a cosine from ``learning_rate``
    down to 1% of it (:data:`ALPHA`): big steps while far from a good solution, small careful ones
    at the end.

    Example:
        >>> schedule = RunSchedule(0.006, decay_steps=100)
        >>> round(float(schedule(100)), 6)
        6e-05
    """

    ALPHA = 0.01

    def __init__(self, learning_rate: float = 1e-3, decay_steps: int | None = None):
        self.peak = keras.Variable(0.0, dtype="float32", trainable=False, name="lr_peak")
        self.decay_steps = keras.Variable(0.0, dtype="float32", trainable=False, name="lr_decay_steps")
        self.set(learning_rate, decay_steps)

    def set(self, learning_rate: float, decay_steps: int | None) -> None:
        """The next run's peak rate and cosine length (``None`` or 0: constant)."""
        self.peak.assign(float(learning_rate))
        self.decay_steps.assign(float(decay_steps or 0))

    def __call__(self, step):
        ops = keras.ops
        steps = ops.maximum(self.decay_steps, 1.0)
        done = ops.minimum(ops.cast(step, "float32"), steps) / steps
        cosine = (1 - self.ALPHA) * 0.5 * (1.0 + ops.cos(math.pi * done)) + self.ALPHA
        return self.peak * ops.where(self.decay_steps > 0, cosine, 1.0)

    def get_config(self) -> dict:
        return {"learning_rate": float(self.peak.numpy()), "decay_steps": int(self.decay_steps.numpy())}


def compile_model(model, optimizer: str, learning_rate: float, decay_steps: int | None = None,
                  batches_per_call: int = 1):
    """Compile for integer labels: Adam, or SGD with momentum 0.9. XLA stays off (slower here).

    The rate is a :class:`RunSchedule` (constant, or a cosine over ``decay_steps``), which a later
    run on the same compiled model can set anew. Returns that schedule. ``batches_per_call`` is
    Keras' ``steps_per_execution`` (see :func:`steps_per_call`; the data must then end each epoch
    itself, as :class:`EpochBatches` does).
    """
    schedule = RunSchedule(learning_rate, decay_steps)
    if optimizer == "adam":
        chosen = keras.optimizers.Adam(learning_rate=schedule)
    else:
        chosen = keras.optimizers.SGD(learning_rate=schedule, momentum=0.9)
    model.compile(optimizer=chosen, loss="sparse_categorical_crossentropy", metrics=["accuracy"],
                  steps_per_execution=batches_per_call, jit_compile=False)
    return schedule


@dataclass
class _Compiled:
    """One cached network: the model that trains and tests (in the run's number format), compiled
    once, with its learning-rate schedule."""

    train_model: object
    schedule: RunSchedule


class CompiledModels:
    """Built and compiled networks kept between runs, one per (preset + options, classes, batch size,
    optimizer, number format, batches per call): a worker process's next run reuses the traced train and test functions
    instead of building and tracing them again (seconds on a busy 2-core CPU).

    What a run could inherit from the last one is put back first (:meth:`reset`): every weight and
    random-seed state from a freshly built network with the run's seed, the optimizer's step counter
    and slots (Adam's moments, SGD's momentum) to zero, the learning rate to the run's, and Keras
    resets the metrics at every epoch. So a reused network gives the same result as a new one.

    A network is *taken* for a run and *put back* after it, so two runs in one process (threads)
    never share one; the second builds its own. At most ``capacity`` networks are kept.

    Example::

        cache = CompiledModels()
        fit(config, dataset, reporter, compiled=cache)  # builds and traces
        fit(config, dataset, reporter, compiled=cache)  # reuses, from fresh weights
    """

    def __init__(self, capacity: int = 4):
        self.capacity = capacity
        self._lock = threading.Lock()
        self._kept: dict[tuple, _Compiled] = {}

    @staticmethod
    def key(config: "TrainConfig", num_classes: int, policy: str, batches_per_call: int) -> tuple:
        """What a compiled network depends on (the learning rate and schedule do not: see :class:`RunSchedule`)."""
        return (config.preset, tuple(sorted(config.model_options.items())), num_classes, config.batch_size,
                config.optimizer, policy, batches_per_call)

    def __len__(self) -> int:
        return len(self._kept)

    def take(self, key: tuple) -> "_Compiled | None":
        """The kept network of ``key``, now this run's alone (``None``: none kept, build one)."""
        with self._lock:
            return self._kept.pop(key, None)

    def put_back(self, key: tuple, compiled: _Compiled) -> None:
        """Keep ``compiled`` for the next run of ``key``, dropping the least recently used beyond ``capacity``."""
        with self._lock:
            self._kept.pop(key, None)
            self._kept[key] = compiled
            while len(self._kept) > self.capacity:
                self._kept.pop(next(iter(self._kept)))  # the least recently used

    @staticmethod
    def reset(compiled: _Compiled, fresh, learning_rate: float, decay_steps: int | None) -> None:
        """Make ``compiled`` start like a new run: ``fresh`` (the same network, just built with the
        run's seed) gives every variable, weights and seed states alike; the optimizer starts over."""
        model = compiled.train_model
        if len(model.variables) != len(fresh.variables):
            raise ValueError("a kept network does not match the freshly built one")
        for kept, new in zip(model.variables, fresh.variables):
            kept.assign(new)
        if model.optimizer.built:
            for variable in model.optimizer.variables:  # the step counter and the slots all start at zero
                variable.assign(np.zeros(variable.shape, variable.dtype))
        compiled.schedule.set(learning_rate, decay_steps)


@dataclass
class FitResult:
    """A finished :func:`fit`: the model as it stands, Keras' per-epoch history and the test result."""

    model: object
    history: dict
    test_loss: float
    test_accuracy: float
    precision: "precision.Precision | None" = None  # what the run computed in (the model is float32)


def fit(config: TrainConfig, dataset, reporter, strategy=None, callbacks=(),
        compiled: CompiledModels | None = None, batches_per_call: int | None = None) -> FitResult:
    """Train a fresh ``config.preset`` network on ``dataset`` (a :class:`cnn_core.datasets.Dataset`),
    then measure it on the test split, telling ``reporter`` as it goes.

    ``reporter`` is the job engine's progress reporter (:class:`cnn_core.jobs.Reporter`): ``fit``
    gives it the run's shape (``info``), puts its Keras callback first (every batch and epoch is
    reported, and a stop request ends training after the batches in progress) and says when the test
    starts (``evaluating``). A stopped run still returns its model and a test result.
    ``strategy`` is a ``tf.distribute`` strategy (default: the current one, i.e. one device);
    ``callbacks`` are extra Keras callbacks run after the reporter's. The number format is chosen
    here, on the machine that trains (:func:`cnn_core.precision.choose`); a bfloat16 run hands back
    a float32 copy of its model, which runs the same on any computer. The test runs in the run's own
    number format with the test function validation already traced (on a 2-core CPU with AMX a
    fraction of a second instead of seconds in float32; ``bench/precision_parity.py`` compares the
    formats' test accuracy). ``compiled`` keeps
    the compiled networks for the next run (a worker's :class:`CompiledModels`; default: none kept,
    and always none with a ``strategy``). The returned model is the run's own, never a kept one.
    ``batches_per_call`` overrides :func:`steps_per_call` (a worker's warm-up traces the network a
    long run will use, with a tiny run).
    """
    import tensorflow as tf

    config.validate(len(dataset.train_images))
    images, labels = dataset.train_images, dataset.train_labels
    train_idx, val_idx = split_indices(len(images), config.subset, config.validation_split, config.seed)
    train_data = EpochBatches(images[train_idx], labels[train_idx], config.batch_size, config.seed, config.epochs)
    steps_per_epoch = train_data.steps_per_epoch  # full batches only, see EpochBatches
    batches_per_call = batches_per_call or steps_per_call(config.batch_size, config.epochs * steps_per_epoch)
    chosen = precision.choose(config.precision)  # here, on the machine that trains
    reporter.info(total_epochs=config.epochs, steps_per_epoch=steps_per_epoch, train_images=len(train_idx),
                  batch_size=config.batch_size, steps_per_call=batches_per_call,
                  precision_key=chosen.label_key, precision_values=dict(chosen.label_values))
    if config.augment:
        from cnn_core import augment

        train_data.map(functools.partial(augment.map_batches, seed=config.seed))
    val_data = eval_pipeline(images[val_idx], labels[val_idx]) if len(val_idx) else None
    decay_steps = config.epochs * steps_per_epoch if config.lr_schedule == "cosine" else None
    with (strategy or tf.distribute.get_strategy()).scope():
        if strategy is not None or compiled is None:
            compiled = CompiledModels(capacity=0)  # nothing outlives this run
        key = CompiledModels.key(config, len(dataset.class_names), chosen.policy, batches_per_call)
        fresh = models.build_model(config.preset, num_classes=len(dataset.class_names), seed=config.seed,
                                   **config.model_options)
        kept = compiled.take(key) or _compile_new(fresh, config, chosen, batches_per_call)
        CompiledModels.reset(kept, fresh, config.learning_rate, decay_steps)
    try:
        history = kept.train_model.fit(train_data.dataset, epochs=config.epochs, validation_data=val_data,
                                       verbose=0, shuffle=False,
                                       callbacks=[train_data.keras_callback(), reporter.keras_callback(),
                                                  *timeline.recorders(
                                           reporter, dataset.test_images, dataset.test_labels,
                                           len(dataset.class_names)), *callbacks])
        reporter.evaluating()
        test_loss, test_accuracy = kept.train_model.evaluate(
            eval_pipeline(dataset.test_images, dataset.test_labels), verbose=0)
        fresh.set_weights(kept.train_model.get_weights())  # hand back a float32 copy: it runs the same anywhere
    finally:
        compiled.put_back(key, kept)
    model = fresh
    return FitResult(model=model,
                     history={key: [float(v) for v in values] for key, values in history.history.items()},
                     test_loss=float(test_loss), test_accuracy=float(test_accuracy), precision=chosen)


def _compile_new(fresh, config: TrainConfig, chosen, batches_per_call: int) -> _Compiled:
    """A new :class:`_Compiled` for ``config``: a copy of ``fresh`` (which is handed back) in the run's
    number format, compiled."""
    train_model = models.with_dtype_policy(fresh, chosen.policy)
    return _Compiled(train_model=train_model, schedule=compile_model(
        train_model, config.optimizer, config.learning_rate, batches_per_call=batches_per_call))


def error_reason(exc: BaseException) -> str:
    """The informative part of an error message. TensorFlow's graph errors wrap the real reason in
    boilerplate ("Graph execution error:", node names, stack-trace notes): keep just the reason."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    boilerplate = ("Graph execution error", "Detected at node", "<stack traces", "File ", "[[")
    useful = [line for line in lines if not line.startswith(boilerplate)]
    return " ".join(useful or lines[:1])
