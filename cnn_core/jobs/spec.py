"""What a job is: its states, its :class:`JobSpec` and :class:`JobResult`, and the runner registry.

This is the bottom of the job engine: it imports nothing else of it, so every other module of
:mod:`cnn_core.jobs` and every module that adds a kind of job (:mod:`cnn_core.transfer`, ...) builds
on it without a cycle.

**A runner** is a plain function ``runner(spec, reporter) -> JobResult`` that runs where the job
runs (a worker process, or this process for :class:`cnn_core.jobs.LocalJob`). A module adds a kind
of job by registering its runner once, where the runner is defined::

    @register_runner("transfer")
    def run_transfer(spec: JobSpec, reporter) -> JobResult: ...

The app resolves the runner when it submits a job and sends the function itself (pickled by
reference, so the worker imports its module), so the engine never imports the modules that extend
it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from cnn_core.datasets import DEFAULT_DATASET
from cnn_core.errors import UserError

QUEUED = "queued"        # waiting in this server's line for a free training slot
STARTING = "starting"    # handed to a worker, which has not begun yet
RUNNING = "running"
STOPPING = "stopping"    # stop asked; the worker ends after the batches in progress
DONE = "done"
STOPPED = "stopped"      # ended early on request; the model keeps what it learned (if it began)
FAILED = "failed"
ACTIVE_STATES = (QUEUED, STARTING, RUNNING, STOPPING)
FINISHED_STATES = (DONE, STOPPED, FAILED)
STATES = ACTIVE_STATES + FINISHED_STATES

TRAIN_RESOURCE = "TRAIN"      # the Dask resource a job holds: one per training slot of a worker
# A batch takes well under a second, and a model's first trace or a test pass seconds, even on a busy
# 2-core computer: a run that reports nothing for this long is stuck, not slow.
STALL_SECONDS = 240.0

Runner = Callable[["JobSpec", Any], "JobResult"]
RUNNERS: dict[str, Runner] = {}


@dataclass(frozen=True)
class JobSpec:
    """What to run: ``kind`` picks the runner in :data:`RUNNERS`; the rest is the runner's.

    Args:
        kind: the registered runner's name (``"train"``, ``"transfer"``, ...).
        config: the runner's settings (a :class:`cnn_core.training.TrainConfig` for ``"train"``).
        dataset: the registered dataset its pictures come from.
        data_dir: the tfds data dir where that dataset is prepared (``None``: the shipped files).
        inputs: any other picklable inputs (arrays, model bytes).
        callbacks: extra picklable Keras callbacks.
        strategy: ``"mirrored"`` for ``tf.distribute.MirroredStrategy`` (in-process runs).
        stall_seconds: a run in a worker that reports nothing this long is stuck: its worker is
            replaced and the run starts over (see :func:`cnn_core.jobs.worker.run_job`).

    Example:
        >>> from cnn_core.training import TrainConfig
        >>> spec = JobSpec.training(TrainConfig(preset="small", epochs=2))
        >>> spec.kind, spec.total_epochs, spec.preset
        ('train', 2, 'small')
    """

    kind: str = "train"
    config: Any = None
    dataset: str = DEFAULT_DATASET
    data_dir: str | None = None
    inputs: dict = field(default_factory=dict)
    callbacks: tuple = ()
    strategy: str = "default"
    stall_seconds: float = STALL_SECONDS

    @classmethod
    def training(cls, config, data_dir=None, **extra) -> "JobSpec":
        """A ``"train"`` job of ``config`` (a :class:`cnn_core.training.TrainConfig`) on the data in ``data_dir``."""
        return cls(kind="train", config=config, dataset=config.dataset,
                   data_dir=None if data_dir is None else str(data_dir), **extra)

    @property
    def total_epochs(self) -> int | None:
        """The epochs the runner's config asks for (``None`` when it has no such setting)."""
        return getattr(self.config, "epochs", None)

    @property
    def preset(self) -> str | None:
        """The model preset the runner's config names (``None`` when it has none)."""
        return getattr(self.config, "preset", None)


@dataclass
class JobResult:
    """What a job ends with.

    A runner fills ``model`` (or ``model_bytes``), ``history``, the test result and ``meta`` (e.g.
    ``params``, ``class_names``); the engine sets ``state`` and, for a failure, the i18n
    ``error_key`` and ``error_values``. A worker returns the model as plain data (``model`` is then
    ``None``): a network of the preset registry as its ``model_recipe`` (``preset``, ``options``,
    ``num_classes``) and ``model_weights`` (numpy arrays), which the app builds from its own registry
    (no file, no code from the worker); any other model as ``.keras`` bytes, loaded in Keras' safe mode.
    """

    state: str = DONE
    model: Any = None
    model_bytes: bytes | None = None
    model_recipe: dict | None = None
    model_weights: list | None = None
    history: dict = field(default_factory=dict)
    test_loss: float | None = None
    test_accuracy: float | None = None
    meta: dict = field(default_factory=dict)
    error_key: str | None = None
    error_values: dict = field(default_factory=dict)


def register_runner(kind: str) -> Callable[[Runner], Runner]:
    """Register the decorated function as the runner of jobs of ``kind`` (see the module docstring).

    Args:
        kind: the name a :class:`JobSpec` gives to run this function.

    Returns:
        A decorator that registers its function and returns it unchanged.

    Raises:
        ValueError: ``kind`` is already registered to another function.
    """

    def register(runner: Runner) -> Runner:
        known = RUNNERS.get(kind)
        if known is not None and (known.__module__, known.__qualname__) != (runner.__module__, runner.__qualname__):
            raise ValueError(f"job kind {kind!r} is already run by {known.__module__}.{known.__qualname__}")
        RUNNERS[kind] = runner
        return runner

    return register


def runner_for(kind: str) -> Runner:
    """The runner registered for ``kind``.

    Raises:
        UserError: ``train.err_unknown_job`` when no module registered ``kind`` (its module was not imported).
    """
    if kind not in RUNNERS:
        raise UserError("train.err_unknown_job", kind=kind)
    return RUNNERS[kind]
