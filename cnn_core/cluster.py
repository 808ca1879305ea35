"""Where training runs: a Dask ``distributed`` cluster of worker processes, one per server process.

Training never runs inside the Streamlit process: a run there competes with the script threads for
the GIL and the cores (issue 10 measured the app 7.8x slower than the lesson's plain loop). Every run
is a task on a Dask worker that holds one ``TRAIN`` resource (:mod:`cnn_core.jobs` submits them).

Which cluster (:func:`get_client`, process-wide, created on first use):

* ``$FCL_DASK_SCHEDULER`` set (e.g. ``tcp://teacher-pc:8786``): connect to that scheduler. A school
  lab runs ``dask scheduler`` on the teacher's machine and on each lab PC, from a copy of this app
  with its requirements installed, ``dask worker tcp://teacher-pc:8786 --nthreads 1 --resources
  TRAIN=1``: the class's runs spread over every PC and the server's cap grows with the cluster.
* otherwise an embedded ``LocalCluster``: worker *processes* on ``127.0.0.1`` only, no dashboard
  unless ``$FCL_DASK_DASHBOARD`` names an address (``127.0.0.1:8787``). One worker per training
  slot; slots = ``$FCL_MAX_TRAINING_JOBS``, else half the cores (at least 1).

Cores: Dask starts workers with ``OMP_NUM_THREADS=1`` (its ``distributed.nanny.pre-spawn-environ``),
which would pin TensorFlow's kernels to one thread. The embedded cluster sets those variables on
purpose to the slot's share of the machine (cores // slots), and each worker sets TensorFlow's
intra-/inter-op thread pools to the same number (:func:`prepare_worker`); :func:`worker_cores` says
how many, and a job reports it so the page can show "this run uses N cores".

Warm workers: the :class:`WarmWorker` plugin (registered on every worker, also the ones that join or
replace a dead one later) imports TensorFlow and Keras, sizes the thread pools, trains a tiny run
through the real code path and reads the default dataset while a worker starts, so a click on Start
does not pay those seconds.
:func:`start_in_background` starts the embedded cluster without blocking the caller (the Train page
calls it on its first visit).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

from distributed import WorkerPlugin

TRAIN_RESOURCE = "TRAIN"
SCHEDULER_ENV = "FCL_DASK_SCHEDULER"
DASHBOARD_ENV = "FCL_DASK_DASHBOARD"
SLOTS_ENV = "FCL_MAX_TRAINING_JOBS"
CORES_ENV = "FCL_TRAIN_CORES"  # set in each embedded worker: the cores its runs may use
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
PLUGIN_NAME = "fcl-warm-worker"
CONNECT_TIMEOUT_S = 30

_lock = threading.Lock()
_client = None
_cluster = None
_starter: threading.Thread | None = None
_start_error: BaseException | None = None


def slot_count() -> int:
    """How many runs the embedded cluster trains at once: ``$FCL_MAX_TRAINING_JOBS``, else half the cores."""
    configured = os.environ.get(SLOTS_ENV)
    return max(1, int(configured)) if configured else max(1, (os.cpu_count() or 1) // 2)


def cores_per_slot(slots: int | None = None) -> int:
    """The cores one run gets on this machine: an equal share per slot (at least 1)."""
    return max(1, (os.cpu_count() or 1) // (slots or slot_count()))


def start_local_cluster(slots: int | None = None, cores: int | None = None, data_dir: str | None = None):
    """``(cluster, client)``: a new ``LocalCluster`` of ``slots`` warm worker processes on 127.0.0.1.

    Each worker runs one task at a time and holds ``TRAIN=1``; its thread variables and TensorFlow
    pools are set to ``cores`` (default :func:`cores_per_slot`). The caller owns both and closes them
    (``client.close(); cluster.close()``); the app uses the process-wide one from :func:`get_client`.
    """
    import dask
    from distributed import Client, LocalCluster

    slots = slots or slot_count()
    cores = cores or cores_per_slot(slots)
    environ = {name: cores for name in THREAD_VARIABLES}
    dashboard = os.environ.get(DASHBOARD_ENV) or None
    with dask.config.set({"distributed.nanny.pre-spawn-environ": environ,
                          "distributed.worker.daemon": True,
                          # Dask's statistical profiler samples every thread's stack 100 times a
                          # second, for a dashboard nobody reads here; training gets the GIL instead
                          "distributed.worker.profile.enabled": False}):
        cluster = LocalCluster(
            n_workers=slots, threads_per_worker=1, processes=True, host="127.0.0.1",
            dashboard_address=dashboard,
            # without a dashboard the scheduler still serves a health endpoint: on loopback, any free port
            scheduler_kwargs=None if dashboard else {"dashboard_address": "127.0.0.1:0"},
            resources={TRAIN_RESOURCE: 1}, env={CORES_ENV: str(cores)},
            silence_logs=logging.WARNING)
    client = Client(cluster, set_as_default=False)
    client.register_plugin(WarmWorker(data_dir, beside_server=True), name=PLUGIN_NAME)
    return cluster, client


def _connect():
    """The process-wide client: to ``$FCL_DASK_SCHEDULER``, else to a new embedded cluster."""
    global _client, _cluster
    from distributed import Client

    address = os.environ.get(SCHEDULER_ENV)
    if address:
        client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
        client.register_plugin(WarmWorker(None), name=PLUGIN_NAME)
        cluster = None
    else:
        from cnn_core.datasets import default_data_dir

        cluster, client = start_local_cluster(data_dir=str(default_data_dir()))
    with _lock:
        _client, _cluster = client, cluster


def _start() -> None:
    global _start_error
    try:
        _connect()
    except BaseException as exc:  # noqa: BLE001 - reported to whoever waits in get_client()
        _start_error = exc


def start_in_background() -> None:
    """Start (or connect to) the cluster in a background thread; returns at once. Idempotent."""
    global _starter, _start_error
    with _lock:
        if _client is not None or (_starter is not None and _starter.is_alive()):
            return
        _start_error = None
        _starter = threading.Thread(target=_start, name="fcl-cluster-start", daemon=True)
        _starter.start()


def get_client(timeout: float | None = None):
    """The process-wide ``distributed.Client``, starting the cluster first if needed (blocks until
    it is up; ``TimeoutError`` after ``timeout`` seconds). A failed start raises its error here once;
    the next call tries again."""
    global _start_error
    start_in_background()
    starter = _starter
    if starter is not None:
        starter.join(timeout)
        if starter.is_alive():
            raise TimeoutError("the training cluster is still starting")
    with _lock:
        if _client is None:
            error, _start_error = _start_error, None
            raise RuntimeError("the training cluster did not start") from error
        return _client


def is_started() -> bool:
    return _client is not None


def shutdown() -> None:
    """Close the process-wide client and embedded cluster (tests, server shutdown)."""
    global _client, _cluster
    with _lock:
        client, cluster, _client, _cluster = _client, _cluster, None, None
    if client is not None:
        client.close()
    if cluster is not None:
        cluster.close()


def run_pickled(payload: bytes):
    """The task the scheduler sees: a job pickled by the app and opened only here, on the worker.

    Since ``distributed`` 2024 the scheduler unpickles task graphs itself; with the job inside bytes
    it needs neither this app's code nor TensorFlow (a lab's ``dask scheduler`` runs bare).
    """
    import cloudpickle

    from cnn_core import jobs

    return jobs.run_job(*cloudpickle.loads(payload))


def capacity(client) -> int:
    """Training slots in the whole cluster right now: the sum of every worker's ``TRAIN`` resource."""
    workers = client.scheduler_info(n_workers=-1).get("workers", {})
    return int(sum(info.get("resources", {}).get(TRAIN_RESOURCE, 0) for info in workers.values()))


# ------------------------------------------------------------------------------ on the worker
_worker_lock = threading.Lock()
_worker_ready = False


def worker_cores() -> int:
    """The cores a run in this worker process uses: ``$FCL_TRAIN_CORES`` (embedded cluster), else
    this machine's cores shared out over the worker's ``TRAIN`` slots (a lab PC's ``dask worker``)."""
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


def prepare_worker() -> float:
    """Import TensorFlow, size its thread pools to :func:`worker_cores` and train a tiny run of the
    real path (:func:`cnn_core.training.fit`: pipeline, bfloat16 where native, callbacks, test),
    once per process; later calls wait for the first, then return at once. Returns the seconds it took."""
    global _worker_ready
    with _worker_lock:
        if _worker_ready:
            return 0.0
        started = time.perf_counter()
        import numpy as np
        import tensorflow as tf

        cores = worker_cores()
        try:
            tf.config.threading.set_intra_op_parallelism_threads(cores)
            tf.config.threading.set_inter_op_parallelism_threads(cores)
        except RuntimeError:  # TensorFlow already ran an op in this process: its pools are fixed
            pass
        from cnn_core import datasets, jobs, training

        images, labels = np.zeros((192, 28, 28, 1), np.uint8), np.arange(192, dtype=np.int64) % 10
        tiny = datasets.Dataset(name="warm-up", info=None, class_names=[str(i) for i in range(10)],
                                source="synthetic", source_detail="", data_dir=Path("."), train_images=images,
                                train_labels=labels, test_images=images[:64], test_labels=labels[:64],
                                load_seconds=0.0)
        training.fit(training.TrainConfig(preset="small", epochs=1, batch_size=64, validation_split=0.0),
                     tiny, jobs.ProgressReporter())
        _worker_ready = True
        return time.perf_counter() - started


# The app's own workers share the computer with the server that answers every click and drawing:
# at a lower priority (Unix "nice") training takes what the server leaves, and a drawing's answer
# does not wait behind two busy training processes.
EMBEDDED_WORKER_NICENESS = 10


class WarmWorker(WorkerPlugin):
    """Dask worker plugin: at worker start, :func:`prepare_worker` and read the default dataset.

    ``beside_server``: the worker shares its computer with the app's server (the embedded cluster),
    so it lowers its priority (:data:`EMBEDDED_WORKER_NICENESS`); a lab PC's worker keeps its own.

    It runs while the worker starts (a few seconds), before the worker takes any task: TensorFlow's
    first import is not safe to run in two threads at once, and a task arriving during a warm-up in
    the background would import it a second time through its own modules.
    """

    idempotent = True  # one registration per worker, however often the app connects

    def __init__(self, data_dir: str | None, dataset: str = "fashion_mnist", beside_server: bool = False):
        self.data_dir = data_dir
        self.dataset = dataset
        self.beside_server = beside_server

    def setup(self, worker) -> None:
        if self.beside_server and hasattr(os, "nice"):
            os.nice(EMBEDDED_WORKER_NICENESS)
        try:
            prepare_worker()
            from cnn_core import jobs

            if self.data_dir is None or jobs.prepared_here(self.dataset, self.data_dir):
                jobs.worker_dataset(self.dataset, self.data_dir)
        except Exception:  # noqa: BLE001 - a failed warm-up only costs time; the job reports real errors
            logging.getLogger(__name__).exception("warm-up of a training worker failed")
