"""The worker's side of a job: the Dask task, the ``"train"`` runner, the stop watch, warm workers.

Everything here runs in a Dask worker process (or, for :func:`execute`, wherever a job runs):

* :func:`run_pickled` is the task the scheduler sees; it opens the job the app pickled and calls
  :func:`run_job`, which reports through a Dask ``Queue`` (:class:`QueueReporter`) in deltas,
  flushed at most every :data:`cnn_core.jobs.progress.FLUSH_SECONDS` (plus at every epoch end and
  state change). A watcher thread long-polls the job's stop ``Event`` (one scheduler call every
  :data:`STOP_WATCH_SECONDS`, not one per batch) and raises a local flag that the Keras callback
  checks after each batch. The task returns a :class:`~cnn_core.jobs.spec.JobResult` with the model
  as plain data (weight arrays of a registry network, else ``.keras`` bytes).
* **Faults heal.** Dask re-runs a task whose worker died; the job's ``started`` event tells
  :func:`run_job` that it is such a re-run, and it reports the crash (``train.err_worker_lost``)
  instead of silently training again. A run that is *stuck* (nothing reported for the spec's
  ``stall_seconds``: a hung op never returns) is different: the watcher writes every thread's stack
  to the worker's log, marks the job ``stalled`` and ends the process; the re-run trains from the
  start on the fresh worker, and the app shows that it started over.
* :func:`run_training` is the ``"train"`` runner; :func:`worker_dataset` caches datasets per process,
  :data:`COMPILED_MODELS` the compiled networks (fresh weights and optimizer for every run).
* Cores: Dask starts workers with ``OMP_NUM_THREADS=1``, which would pin TensorFlow's kernels to one
  thread. :func:`prepare_worker` sizes TensorFlow's pools to :func:`worker_cores` (the slot's share of
  the machine) and trains a tiny run of the Train page's default recipe through the real path, once
  per process (so the first real run with those settings finds its network compiled); the
  :class:`WarmWorker` plugin does it while a worker starts, so a click on Start does not pay it.
"""

from __future__ import annotations

import faulthandler
import functools
import logging
import os
import socket
import sys
import threading
import time
from pathlib import Path

from distributed import WorkerPlugin

from cnn_core import training
from cnn_core.datasets import DEFAULT_DATASET
from cnn_core.errors import UserError

from .progress import ProgressReporter, Reporter
from .spec import DONE, FAILED, RUNNING, STOPPED, TRAIN_RESOURCE, JobResult, JobSpec, Runner, register_runner, runner_for

CORES_ENV = "FCL_TRAIN_CORES"   # set in each embedded worker: the cores its runs may use
STOP_WATCH_SECONDS = 2.0        # one long-poll of the stop event lasts this long
STOP_WATCH_RETRY_SECONDS = 1.0  # after a failed long-poll (scheduler away), wait this long and try again
SEND_TIMEOUT_SECONDS = 2.0      # one attempt to send progress to the scheduler waits at most this long
SEND_RETRY_SECONDS = 5.0        # after a failed send, progress is kept this long before the next try
FINAL_SEND_SECONDS = 60.0       # a job that has ended keeps trying this long to send its last progress
MIN_INTER_OP_THREADS = 2        # see thread_pool_sizes
STUCK_EXIT_CODE = 75            # a worker process that ended itself because its run was stuck
STUCK_LOG_MARK = "it is stuck; its threads were:"  # in the worker's log, before every thread's stack
# The app's own workers share the computer with the server that answers every click and drawing:
# at a lower priority (Unix "nice") training takes what the server leaves, and a drawing's answer
# does not wait behind two busy training processes.
EMBEDDED_WORKER_NICENESS = 10
# This process's compiled networks, reused by its next runs (see cnn_core.training.CompiledModels).
COMPILED_MODELS = training.CompiledModels()


# ------------------------------------------------------------------------------ data and runner
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
    """The dataset in this process, read once.

    Through tfds from ``data_dir`` when it is prepared there (the app's own data, in the order the
    pages show it), else straight from the shipped original files (a lab PC). A worker never
    prepares data itself, so it never writes a folder the app may be preparing at the same time.
    """
    from cnn_core import datasets

    if prepared_here(name, data_dir):
        return datasets.load(name, data_dir=data_dir, probe=lambda: False)
    return datasets.read_original_files(name)


@register_runner("train")
def run_training(spec: JobSpec, reporter: Reporter) -> JobResult:
    """The ``"train"`` runner: :func:`cnn_core.training.fit` on the spec's dataset."""
    from cnn_core import models

    dataset = worker_dataset(spec.dataset, spec.data_dir)
    strategy = training.mirrored_strategy() if spec.strategy == "mirrored" else None
    fitted = training.fit(spec.config, dataset, reporter, strategy=strategy, callbacks=spec.callbacks,
                          compiled=COMPILED_MODELS)
    return JobResult(model=fitted.model, history=fitted.history, test_loss=fitted.test_loss,
                     test_accuracy=fitted.test_accuracy,
                     meta={"params": models.count_params(fitted.model), "class_names": list(dataset.class_names),
                           "precision": fitted.precision.policy},
                     model_recipe={"preset": spec.config.preset, "options": dict(spec.config.model_options),
                                   "num_classes": len(dataset.class_names)})


# ------------------------------------------------------------------------------ running a job
def execute(spec: JobSpec, reporter: Reporter, portable: bool = False, runner: Runner | None = None) -> JobResult:
    """Run a job and turn how it ended into a :class:`~cnn_core.jobs.spec.JobResult`.

    Args:
        spec: the job.
        reporter: where its progress goes.
        portable: hand the model back as plain data (what a worker returns to the app): its weight
            arrays when the runner named its ``model_recipe``, else ``.keras`` bytes.
        runner: the function to run; default the one registered for ``spec.kind``.

    Returns:
        ``done``, ``stopped`` (a stop was asked) or ``failed`` with an i18n key: a ``UserError``'s own,
        or where and why training broke. It never raises for the runner's errors.
    """
    if reporter.stop_requested:
        return JobResult(state=STOPPED)
    try:
        result = (runner or runner_for(spec.kind))(spec, reporter)
        result.state = STOPPED if reporter.stop_requested else DONE
        if portable and result.model is not None:
            if result.model_recipe is not None:
                result.model_weights = result.model.get_weights()
            else:
                from cnn_core import store

                result.model_bytes = store.model_to_bytes(result.model)
            result.model = None
        reporter.info(stages=reporter.stage_seconds())
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


class QueueReporter(Reporter):
    """A worker's reporter: each delta goes into the job's Dask ``Queue``.

    A delta that cannot be sent (the scheduler is away for a moment) is kept and sent with a later
    flush, after :data:`SEND_RETRY_SECONDS`: the app's picture of the run catches up instead of losing
    epochs, and training does not wait on a scheduler that is not there.
    """

    def __init__(self, queue, stop_flag: threading.Event):
        super().__init__(stop_flag)
        self._queue = queue
        self._unsent: list[dict] = []
        self._retry_at = 0.0

    def send(self, delta: dict) -> None:
        self._unsent.append(delta)
        if time.monotonic() >= self._retry_at:
            self._send_unsent()

    def _send_unsent(self) -> bool:
        """Put the kept deltas in order; False (and a pause before the next try) when one fails."""
        try:
            while self._unsent:
                self._queue.put(self._unsent[0], callback_timeout=SEND_TIMEOUT_SECONDS)
                self._unsent.pop(0)
            return True
        except Exception:  # noqa: BLE001 - the scheduler is away; a later flush tries again
            self._retry_at = time.monotonic() + SEND_RETRY_SECONDS
            logging.getLogger(__name__).warning("progress of a job could not be sent; kept for a later flush")
            return False

    def close(self) -> None:
        """Let go of the job's queue in this process (the app still reads what was put)."""
        self._queue.close()

    def deliver(self, within: float = FINAL_SEND_SECONDS) -> bool:
        """Send everything still kept, trying again for up to ``within`` seconds: the job has ended
        and its last epoch must reach the app before its result does (the app takes the result as
        the end of the job's progress). True once nothing is left unsent."""
        deadline = time.monotonic() + within
        while not self._send_unsent():
            if time.monotonic() >= deadline:
                return False
            time.sleep(min(SEND_TIMEOUT_SECONDS, max(0.0, deadline - time.monotonic())))
        return True


def _watch_job(stop_event, stalled_event, reporter: Reporter, stall_seconds: float, finished: threading.Event) -> None:
    """Worker thread: long-poll the job's Dask stop event and raise the reporter's stop flag when it
    is set; end this worker process when the run is stuck.

    A failed poll (the scheduler restarting, a network hiccup) is tried again after a pause for as
    long as the job runs: a stop asked later must still reach it. A run that has reported nothing
    for ``stall_seconds`` (no batch, no epoch, no stage) is stuck: a hung op cannot be interrupted,
    so :func:`_end_stuck_worker` ends the process and Dask runs the job again on a fresh worker.
    """
    while not finished.is_set():
        try:
            if not reporter.stop_requested and stop_event.wait(timeout=STOP_WATCH_SECONDS):
                reporter.request_stop()
        except Exception:  # noqa: BLE001 - logged, then tried again while the job runs
            logging.getLogger(__name__).warning("the stop watch of a job could not reach the scheduler; retrying")
            finished.wait(STOP_WATCH_RETRY_SECONDS)
        if reporter.stop_requested:
            finished.wait(STOP_WATCH_SECONDS)
        if not finished.is_set() and reporter.quiet_seconds() > stall_seconds:
            _end_stuck_worker(stalled_event, reporter.quiet_seconds())


def _end_stuck_worker(stalled_event, quiet_seconds: float) -> None:
    """Leave the stuck threads' stacks in the worker's log, mark the job as stuck (so its re-run
    trains again instead of reporting a crash) and end this process; its nanny starts a fresh one."""
    logging.getLogger(__name__).error("a job reported nothing for %.0f s: " + STUCK_LOG_MARK, quiet_seconds)
    faulthandler.dump_traceback(file=sys.stderr, all_threads=True)
    try:
        stalled_event.set()
    finally:
        os._exit(STUCK_EXIT_CODE)


def run_job(spec: JobSpec, channels: dict, runner: Runner | None = None) -> JobResult:
    """The Dask task of one job (runs in a worker process holding one ``TRAIN`` slot).

    Args:
        spec: the job.
        channels: the names of the job's Dask objects: ``progress`` (a ``Queue`` of deltas), ``stop``
            and ``started`` (``Event``\\ s).
        runner: the job's runner, resolved by the app when it submitted the job.

    Returns:
        The job's result. A task that finds ``started`` already set is Dask re-running a job whose
        worker died. After a crash it fails the job with ``train.err_worker_lost`` instead of
        training again; after a stuck run ended its worker (``stalled`` set, see :func:`_watch_job`)
        it trains again from the start, and the app's picture of the run starts over
        (:meth:`~cnn_core.jobs.progress.Reporter.restarted`).
    """
    from distributed import Event, Queue, get_worker

    started, stalled = Event(channels["started"]), Event(channels["stalled"])
    rerun_after_stall = False
    if started.is_set():
        if not stalled.is_set():
            return JobResult(state=FAILED, error_key="train.err_worker_lost")
        stalled.clear()
        rerun_after_stall = True
    started.set()
    finished = threading.Event()
    reporter = QueueReporter(Queue(channels["progress"]), threading.Event())
    if rerun_after_stall:
        reporter.restarted()
    threading.Thread(target=_watch_job, args=(Event(channels["stop"]), stalled, reporter, spec.stall_seconds, finished),
                     name="fcl-job-watch", daemon=True).start()
    try:
        reporter.info(state=RUNNING, worker=get_worker().address, host=socket.gethostname(), pid=os.getpid(),
                      cores=worker_cores())
        prepare_worker()  # at once when the worker is warm; else waits for its warm-up
        result = execute(spec, reporter, portable=True, runner=runner)
        reporter.deliver()
        return result
    finally:
        finished.set()
        reporter.close()


def run_pickled(payload: bytes) -> JobResult:
    """The task the scheduler sees: a job pickled by the app and opened only here, on the worker.

    Since ``distributed`` 2024 the scheduler unpickles task graphs itself; with the job inside bytes
    it needs neither this app's code nor TensorFlow (a lab's ``dask scheduler`` runs bare).
    """
    import cloudpickle

    return run_job(*cloudpickle.loads(payload))


# ------------------------------------------------------------------------------ warm workers
_worker_lock = threading.Lock()
_worker_ready = False


def worker_cores() -> int:
    """The cores a run in this worker process uses.

    ``$FCL_TRAIN_CORES`` (the embedded cluster sets it), else this machine's cores shared out over
    the worker's ``TRAIN`` slots (a lab PC's ``dask worker``).
    """
    configured = os.environ.get(CORES_ENV)
    if configured:
        return max(1, int(configured))
    slots = 1
    try:
        from distributed import get_worker

        slots = int(get_worker().state.total_resources.get(TRAIN_RESOURCE, 1)) or 1
    except ValueError:  # not inside a worker
        pass
    return max(1, (os.cpu_count() or 1) // slots)


def thread_pool_sizes(cores: int) -> tuple[int, int]:
    """TensorFlow's ``(intra-op, inter-op)`` pool sizes for a process that may use ``cores`` cores.

    The kernels' own pool (intra-op) gets the cores. The inter-op pool, which only hands ops to it,
    gets at least :data:`MIN_INTER_OP_THREADS`: with a single inter-op thread, an op that waits for
    the input pipeline can hold the one thread that pipeline needs, and the run hangs for good
    (tensorflow/tensorflow#10369, #38969, #48418). A 1-core training slot is exactly that case.
    """
    return cores, max(cores, MIN_INTER_OP_THREADS)


def size_thread_pools(cores: int) -> None:
    """Size this process's TensorFlow pools by :func:`thread_pool_sizes` (before its first op)."""
    import tensorflow as tf

    intra_op, inter_op = thread_pool_sizes(cores)
    tf.config.threading.set_intra_op_parallelism_threads(intra_op)
    tf.config.threading.set_inter_op_parallelism_threads(inter_op)


def prepare_worker() -> float:
    """Get this process ready to train, once; later calls wait for the first, then return at once.

    Imports TensorFlow, sizes its thread pools to :func:`worker_cores` and trains tiny runs of the
    real path (:func:`cnn_core.training.fit`: pipeline, bfloat16 where native, callbacks, test) with
    the Train page's default recipe, one batch per call into TensorFlow and as many as a long run
    trains (:func:`cnn_core.training.steps_per_call`): both compiled networks stay in
    :data:`COMPILED_MODELS`, so the first short or long run of the recipe starts at once.

    Returns:
        The seconds it took (0.0 when the process was ready already).
    """
    global _worker_ready
    with _worker_lock:
        if _worker_ready:
            return 0.0
        started = time.perf_counter()
        import numpy as np

        try:
            size_thread_pools(worker_cores())
        except RuntimeError:  # TensorFlow already ran an op in this process: its pools are fixed
            pass
        from cnn_core import datasets

        images, labels = np.zeros((192, 28, 28, 1), np.uint8), np.arange(192, dtype=np.int64) % 10
        tiny = datasets.Dataset(name="warm-up", info=None, class_names=[str(i) for i in range(10)],
                                source="synthetic", source_detail="", data_dir=Path("."), train_images=images,
                                train_labels=labels, test_images=images[:64], test_labels=labels[:64],
                                load_seconds=0.0)
        long_run = training.steps_per_call(training.FAST_BATCH_SIZE, total_batches=1 << 20)
        for batches_per_call in sorted({1, long_run}):
            training.fit(training.fast_config(epochs=1), tiny, ProgressReporter(), compiled=COMPILED_MODELS,
                         batches_per_call=batches_per_call)
        _worker_ready = True
        return time.perf_counter() - started


class WarmWorker(WorkerPlugin):
    """Dask worker plugin: at worker start, :func:`prepare_worker` and read the default dataset.

    ``beside_server``: the worker shares its computer with the app's server (the embedded cluster),
    so it lowers its priority (:data:`EMBEDDED_WORKER_NICENESS`); a lab PC's worker keeps its own.

    It runs while the worker starts (a few seconds), before the worker takes any task: TensorFlow's
    first import is not safe to run in two threads at once, and a task arriving during a warm-up in
    the background would import it a second time through its own modules.
    """

    idempotent = True  # one registration per worker, however often the app connects

    def __init__(self, data_dir: str | None, dataset: str = DEFAULT_DATASET, beside_server: bool = False):
        self.data_dir = data_dir
        self.dataset = dataset
        self.beside_server = beside_server

    def setup(self, worker) -> None:
        if self.beside_server and hasattr(os, "nice"):
            os.nice(EMBEDDED_WORKER_NICENESS)
        try:
            prepare_worker()
            if self.data_dir is None or prepared_here(self.dataset, self.data_dir):
                worker_dataset(self.dataset, self.data_dir)
        except Exception:  # noqa: BLE001 - a failed warm-up only costs time; the job reports real errors
            logging.getLogger(__name__).exception("warm-up of a training worker failed")
