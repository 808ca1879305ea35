"""Where jobs run: a Dask ``distributed`` cluster of worker processes, one client per server process.

Training never runs inside the Streamlit process: a run there competes with the script threads for
the GIL and the cores. Every run is a task on a Dask worker that holds one ``TRAIN`` resource.

Which cluster (:func:`get_client`, process-wide):

* ``$FCL_DASK_SCHEDULER`` set (e.g. ``tcp://teacher-pc:8786``): connect to that scheduler. A school
  lab runs ``dask scheduler`` on the teacher's machine and ``dask worker tcp://teacher-pc:8786
  --nthreads 1 --resources TRAIN=1`` on each lab PC, in a Python environment where this app is
  installed (``pip install .``): the class's runs spread over every PC and the server's cap grows with
  the cluster. A worker that cannot import :mod:`cnn_core` is reported as exactly that, with the fix.
* otherwise an embedded ``LocalCluster``: worker *processes* on ``127.0.0.1`` only, no dashboard
  unless ``$FCL_DASK_DASHBOARD`` names an address (``127.0.0.1:8787``). One worker per training
  slot; slots = ``$FCL_MAX_TRAINING_JOBS``, else half the cores (at least 1). Its workers run at a
  lower priority than the server (:data:`cnn_core.jobs.worker.EMBEDDED_WORKER_NICENESS`).

**Faults heal.** A client whose scheduler went away and did not come back within Dask's reconnect
window is closed by Dask; :func:`get_client` notices that (:func:`is_healthy`) and connects again (or
starts a new embedded cluster), so the next run works without restarting the app.
:func:`start_in_background` starts the cluster without blocking the caller (the app calls it when
the server starts).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading

from cnn_core.errors import UserError

from .spec import TRAIN_RESOURCE
from .worker import CORES_ENV, WarmWorker

SCHEDULER_ENV = "FCL_DASK_SCHEDULER"
DASHBOARD_ENV = "FCL_DASK_DASHBOARD"
SLOTS_ENV = "FCL_MAX_TRAINING_JOBS"
THREAD_VARIABLES = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
PLUGIN_NAME = "fcl-warm-worker"
CONNECT_TIMEOUT_S = 30
HEALTHY_STATUSES = ("newly-created", "connecting", "running")  # a client in any other state is gone

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


def start_local_cluster(slots: int | None = None, cores: int | None = None, data_dir: str | None = None,
                        memory_limit: str | int = "auto"):
    """A new ``LocalCluster`` of warm worker processes on 127.0.0.1, and a client of it.

    Args:
        slots: worker processes, each running one job at a time and holding ``TRAIN=1``
            (default :func:`slot_count`).
        cores: the thread variables and TensorFlow pools of each worker (default :func:`cores_per_slot`).
        data_dir: the tfds data dir whose default dataset each worker reads while it warms up.
        memory_limit: each worker's memory limit (Dask's ``"auto"``: the machine's memory shared out);
            a worker that grows past it is ended by its nanny and replaced, and its run fails clearly.

    Returns:
        ``(cluster, client)``; the caller owns both and closes them (``client.close(); cluster.close()``).
        The app uses the process-wide one from :func:`get_client`.
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
            resources={TRAIN_RESOURCE: 1}, env={CORES_ENV: str(cores)}, memory_limit=memory_limit,
            silence_logs=logging.WARNING)
    client = Client(cluster, set_as_default=False)
    client.register_plugin(WarmWorker(data_dir, beside_server=True), name=PLUGIN_NAME)
    return cluster, client


def check_workers_import_app(client) -> None:
    """Make sure every worker of ``client``'s cluster can import this app's code.

    A lab PC's ``dask worker`` started in an environment without the app installed cannot open a
    single job; Dask would only log ``ModuleNotFoundError`` there. The check asks each worker with a
    standard-library function (which any worker can unpickle).

    Raises:
        UserError: ``cluster.err_worker_without_app`` naming the workers and the fix.
    """
    found = client.run(importlib.util.find_spec, "cnn_core", on_error="return")
    missing = sorted(address for address, spec in found.items() if spec is None or isinstance(spec, BaseException))
    if missing:
        raise UserError("cluster.err_worker_without_app", workers=", ".join(missing))


def _connect() -> None:
    """Make the process-wide client: to ``$FCL_DASK_SCHEDULER``, else to a new embedded cluster."""
    global _client, _cluster
    from distributed import Client

    address = os.environ.get(SCHEDULER_ENV)
    if address:
        client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
        try:
            check_workers_import_app(client)
            client.register_plugin(WarmWorker(None), name=PLUGIN_NAME)
        except BaseException:
            client.close()
            raise
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


def is_healthy(client) -> bool:
    """True while ``client`` is connected or still reconnecting; False once Dask gave up on it."""
    return client is not None and getattr(client, "status", "closed") in HEALTHY_STATUSES


def start_in_background() -> None:
    """Start (or connect to) the cluster in a background thread; returns at once. Idempotent.

    A client that lost its scheduler for good is dropped first, so this also reconnects.
    """
    global _starter, _start_error
    with _lock:
        if _client is not None and is_healthy(_client):
            return
        if _starter is not None and _starter.is_alive():
            return
        stale = _client is not None
    if stale:
        shutdown()
    with _lock:
        if _client is not None or (_starter is not None and _starter.is_alive()):
            return
        _start_error = None
        _starter = threading.Thread(target=_start, name="fcl-cluster-start", daemon=True)
        _starter.start()


def get_client(timeout: float | None = None):
    """The process-wide ``distributed.Client``, starting or reconnecting the cluster first if needed.

    Blocks until it is up.

    Raises:
        TimeoutError: the cluster is still starting after ``timeout`` seconds.
        UserError: a worker of the lab's cluster cannot import the app (``cluster.err_worker_without_app``).
        RuntimeError: the cluster did not start (the cause is chained); the next call tries again.
    """
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
            if isinstance(error, UserError):
                raise error
            raise RuntimeError("the training cluster did not start") from error
        return _client


def is_started() -> bool:
    """True while this process holds a client (started, or connected to a lab's scheduler)."""
    return _client is not None


def shutdown() -> None:
    """Close the process-wide client and embedded cluster (tests, server shutdown, a lost scheduler)."""
    global _client, _cluster
    with _lock:
        client, cluster, _client, _cluster = _client, _cluster, None, None
    for closable in (client, cluster):
        if closable is None:
            continue
        try:
            closable.close()
        except Exception:  # noqa: BLE001 - already gone with its scheduler
            logging.getLogger(__name__).info("closing a lost training cluster: already gone")


def capacity(client) -> int:
    """Training slots in the whole cluster right now: the sum of every worker's ``TRAIN`` resource."""
    workers = client.scheduler_info(n_workers=-1).get("workers", {})
    return int(sum(info.get("resources", {}).get(TRAIN_RESOURCE, 0) for info in workers.values()))
