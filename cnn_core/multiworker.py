"""One model trained on several machines: TensorFlow's ``MultiWorkerMirroredStrategy`` (MWMS), its
workers placed on Dask workers (``python -m cnn_core.cli --workers N``).

How a run goes (:func:`train`):

1. Pick ``N`` different Dask workers that offer a ``TRAIN`` slot; each names a free TCP port on its
   own address (the address the scheduler reaches it at, so the others can reach it too).
2. Every member gets a ``TF_CONFIG`` that lists all ``N`` ``host:port`` pairs and its own index, and
   its Dask task starts a **fresh** Python process (``python -m cnn_core.multiworker``) with it.
   TensorFlow sets up its collective ops once, when a process first uses it: a warm worker that
   has already trained could not join a new cluster, a new process always can.
3. Each member builds the strategy, then runs :func:`cnn_core.training.fit` on the same config.
   Keras splits every global batch between the members and adds up their gradients (all-reduce
   over the network), so the run follows a one-machine run with the same batch size; the test
   accuracy is measured by all members together.
4. The chief (index 0) streams its progress (the job engine's deltas, :class:`cnn_core.jobs.Reporter`)
   through a Dask ``Queue`` and returns the model as ``.keras`` bytes. If a member fails, an abort
   ``Event`` ends the others (a member alone would wait for its partners forever).

The port a member names is free when it is picked; another program could take it before
TensorFlow binds it, and the run then fails with the member's error message. The members talk
TensorFlow's own gRPC, unencrypted and without a password, and TensorFlow listens on that port on
*every* network interface of the member's machine while the run lasts (TensorFlow offers no way to
bind it to one address; this holds for the embedded loopback cluster too). So a run starts only where
the person starting it says the network is trusted: ``$FCL_MULTIWORKER_TRUSTED_NETWORK=1``
(:func:`check_network_trusted`); otherwise it is refused with a message that says why.
"""

from __future__ import annotations

import json
import os
import queue
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from cnn_core import jobs
from cnn_core.errors import UserError

PROGRESS_PREFIX = "PROGRESS "
RESULT_PREFIX = "RESULT "
ABORT_WATCH_SECONDS = 1.0
ERROR_TAIL_CHARS = 2000


@dataclass
class MultiWorkerResult:
    """A finished multi-worker run: the chief's report, and where each member ran."""

    state: str  # "done" or "failed"
    members: list  # [{"index", "address", "host", "port"}], index 0 is the chief
    model_bytes: bytes | None = None
    history: dict = field(default_factory=dict)
    test_loss: float | None = None
    test_accuracy: float | None = None
    precision_key: str | None = None
    precision_values: dict = field(default_factory=dict)
    class_names: list = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None


TRUSTED_NETWORK_ENV = "FCL_MULTIWORKER_TRUSTED_NETWORK"


# ---------------------------------------------------------------------------------- the driver
def check_network_trusted() -> None:
    """Refuse to open TensorFlow's unauthenticated gRPC ports unless the network is declared trusted.

    Raises:
        UserError: ``multiworker.err_untrusted_network`` unless ``$FCL_MULTIWORKER_TRUSTED_NETWORK`` is ``1``.
    """
    if os.environ.get(TRUSTED_NETWORK_ENV) != "1":
        raise UserError("multiworker.err_untrusted_network", variable=TRUSTED_NETWORK_ENV)


def pick_workers(client, count: int) -> list[str]:
    """``count`` different worker addresses that offer a ``TRAIN`` slot (``UserError`` if too few)."""
    from cnn_core.jobs import cluster

    workers = client.scheduler_info(n_workers=-1).get("workers", {})
    offering = sorted(address for address, info in workers.items()
                      if info.get("resources", {}).get(cluster.TRAIN_RESOURCE, 0) >= 1)
    if len(offering) < count:
        raise UserError("multiworker.err_too_few_workers", wanted=count, available=len(offering))
    return offering[:count]


def free_port(dask_worker) -> int:
    """Run on a Dask worker by ``client.run`` (which passes the worker): a TCP port nobody listens
    on right now at the worker's own address."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((urlparse(dask_worker.address).hostname, 0))
        return probe.getsockname()[1]


def tf_config(hosts: list[str], index: int) -> dict:
    """The ``TF_CONFIG`` of member ``index`` in a cluster of ``hosts`` (``"host:port"`` each)."""
    return {"cluster": {"worker": list(hosts)}, "task": {"type": "worker", "index": index}}


def train(config, client, workers: int, data_dir: str | None = None, progress=None,
          timeout: float | None = None) -> MultiWorkerResult:
    """Train ``config`` (a :class:`cnn_core.training.TrainConfig`) on ``workers`` Dask workers at once.

    ``progress(delta)`` is called with each of the chief's progress deltas (the format of
    :class:`cnn_core.jobs.Reporter`); ``timeout`` seconds ends a member process that has not finished.
    """
    from distributed import Event, Queue

    from cnn_core.jobs import cluster

    config.validate()
    check_network_trusted()
    chosen = pick_workers(client, workers)
    ports = client.run(free_port, workers=chosen)
    members = [{"index": index, "address": address, "host": urlparse(address).hostname, "port": ports[address]}
               for index, address in enumerate(chosen)]
    hosts = [f"{member['host']}:{member['port']}" for member in members]
    run_id = uuid.uuid4().hex[:12]
    channels = {"progress": f"fcl-mwms-{run_id}-progress", "abort": f"fcl-mwms-{run_id}-abort"}
    progress_queue, abort = Queue(channels["progress"], client=client), Event(channels["abort"], client=client)
    started = time.perf_counter()
    futures = [client.submit(run_member, config.to_dict(), tf_config(hosts, member["index"]), data_dir, channels,
                             timeout, key=f"fcl-mwms-{run_id}-{member['index']}", pure=False,
                             workers=[member["address"]], allow_other_workers=False,
                             resources={cluster.TRAIN_RESOURCE: 1})
               for member in members]
    try:
        while not all(future.done() for future in futures):
            if any(future.done() and (future.status != "finished" or not future.result()["ok"])
                   for future in futures):
                abort.set()  # one member is gone: the others would wait for it forever
            for delta in progress_queue.get(batch=True):
                if progress is not None:
                    progress(delta)
            time.sleep(0.2)
        for delta in progress_queue.get(batch=True):
            if progress is not None:
                progress(delta)
        outcomes = []
        for future in futures:
            try:
                outcomes.append(future.result())
            except Exception as exc:  # noqa: BLE001 - the Dask task itself died (its worker was lost)
                outcomes.append({"ok": False, "error": f"{type(exc).__name__}: {exc}"})
    finally:
        abort.set()
        progress_queue.close()
        abort.clear()
    seconds = time.perf_counter() - started
    failed = [(index, outcome) for index, outcome in enumerate(outcomes) if not outcome["ok"]]
    if failed:
        error = "; ".join(f"member {index} ({members[index]['address']}): {outcome['error']}"
                          for index, outcome in failed)
        return MultiWorkerResult(state="failed", members=members, seconds=seconds, error=error)
    chief = outcomes[0]
    report = chief["result"]
    return MultiWorkerResult(state="done", members=members, model_bytes=chief["model_bytes"],
                             history=report["history"], test_loss=report["test_loss"],
                             test_accuracy=report["test_accuracy"], precision_key=report["precision_key"],
                             precision_values=report["precision_values"], class_names=report["class_names"],
                             seconds=seconds)


class MultiWorkerJob(jobs.Job):
    """A multi-worker run behind the job handle API (``start``, ``wait``, ``snapshot``, ``model``,
    ``run_meta``): the command line watches it like any other run. ``members`` says where it ran.
    A run on several machines cannot be stopped half-way (its members would have to agree on the
    batch), so there is no ``stop``.
    """

    def __init__(self, spec: "jobs.JobSpec", client, workers: int, timeout: float | None = None):
        super().__init__(spec, owner="cli")
        self._client, self._workers, self._timeout = client, workers, timeout
        self.members: list = []

    def start(self) -> "MultiWorkerJob":
        threading.Thread(target=self._run, name="fcl-multiworker", daemon=True).start()
        return self

    def _run(self) -> None:
        from cnn_core import models, store

        try:
            outcome = train(self.spec.config, self._client, self._workers, self.spec.data_dir,
                            progress=lambda delta: self._apply([delta]), timeout=self._timeout)
            self.members = outcome.members
            if outcome.state == "done":
                model, _ = store.load_model_bytes(outcome.model_bytes, num_classes=None)
                result = jobs.JobResult(state=jobs.DONE, model=model, history=outcome.history,
                                        test_loss=outcome.test_loss, test_accuracy=outcome.test_accuracy,
                                        meta={"params": models.count_params(model), "class_names": outcome.class_names})
            else:
                result = jobs.JobResult(state=jobs.FAILED, error_key="multiworker.err_failed",
                                        error_values={"reason": outcome.error[:ERROR_TAIL_CHARS]})
        except UserError as err:
            result = jobs.JobResult(state=jobs.FAILED, error_key=err.key, error_values=dict(err.values))
        except Exception as exc:  # noqa: BLE001 - e.g. the scheduler went away: the run failed, say why
            result = jobs.JobResult(state=jobs.FAILED, error_key="multiworker.err_failed",
                                    error_values={"reason": f"{type(exc).__name__}: {exc}"[:ERROR_TAIL_CHARS]})
        with self._lock:
            self._result = result
            self._progress.finish(result)
        self._finished.set()


# ------------------------------------------------------------------------- on each Dask worker
def run_member(config: dict, member_config: dict, data_dir: str | None, channels: dict,
               timeout: float | None) -> dict:
    """The Dask task of one member: run :func:`member_main` in a fresh process with ``TF_CONFIG``,
    forward the chief's progress into the run's ``Queue``, end the process on abort or ``timeout``.

    Returns ``{"ok", "result", "model_bytes", "error"}`` (``model_bytes`` from the chief only).
    Dask objects are used from this task's thread only; a helper thread just reads the output.
    """
    from distributed import Event, Queue


    is_chief = member_config["task"]["index"] == 0
    progress = Queue(channels["progress"]) if is_chief else None
    abort = Event(channels["abort"])
    environment = {**os.environ, "TF_CONFIG": json.dumps(member_config),
                   jobs.worker.CORES_ENV: str(jobs.worker.worker_cores()), "TF_CPP_MIN_LOG_LEVEL": "2"}
    deadline = None if timeout is None else time.monotonic() + timeout
    with tempfile.TemporaryDirectory(prefix="fcl-mwms-") as folder:
        model_path, log_path = Path(folder) / "model.keras", Path(folder) / "stderr.txt"
        with log_path.open("w", encoding="utf-8") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "cnn_core.multiworker", json.dumps(config), data_dir or "", str(model_path)],
                cwd=Path(__file__).resolve().parent.parent, env=environment, stdout=subprocess.PIPE, stderr=log,
                text=True)
            lines: queue.Queue = queue.Queue()
            reader = threading.Thread(target=_read_lines, args=(process.stdout, lines), daemon=True)
            reader.start()
            result, ended_by = None, None
            while reader.is_alive() or not lines.empty():
                try:
                    line = lines.get(timeout=ABORT_WATCH_SECONDS)
                except queue.Empty:
                    if abort.is_set():
                        ended_by = "another member failed"
                    elif deadline is not None and time.monotonic() > deadline:
                        ended_by = f"no result after {timeout:.0f} s"
                    if ended_by:
                        process.kill()
                        break
                    continue
                if line.startswith(PROGRESS_PREFIX) and progress is not None:
                    progress.put(json.loads(line[len(PROGRESS_PREFIX):]))
                elif line.startswith(RESULT_PREFIX):
                    result = json.loads(line[len(RESULT_PREFIX):])
            process.wait()
        if process.returncode != 0 or result is None:
            tail = log_path.read_text(encoding="utf-8", errors="replace")[-ERROR_TAIL_CHARS:].strip()
            return {"ok": False, "error": ended_by or f"exit code {process.returncode}: {tail}"}
        model_bytes = model_path.read_bytes() if is_chief else None
    return {"ok": True, "result": result, "model_bytes": model_bytes, "error": None}


def _read_lines(stream, lines: "queue.Queue") -> None:
    for line in stream:
        lines.put(line)


# --------------------------------------------------------------------- the member process
def member_main(argv: list[str]) -> int:
    """``python -m cnn_core.multiworker CONFIG_JSON DATA_DIR MODEL_PATH`` with ``TF_CONFIG`` set:
    create the strategy first (before any other TensorFlow op), train, and let the chief save."""
    config_json, data_dir, model_path = argv
    import tensorflow as tf

    from cnn_core import library_patches, store, training

    cores = int(os.environ.get(jobs.worker.CORES_ENV) or 0)
    if cores:
        jobs.worker.size_thread_pools(cores)
    strategy = tf.distribute.MultiWorkerMirroredStrategy()
    library_patches.patch_keras_for_multiple_workers()
    is_chief = strategy.cluster_resolver.task_id == 0
    config = training.TrainConfig.from_dict(json.loads(config_json))
    reporter = PrintReporter(is_chief)
    reporter.info(state=jobs.RUNNING, host=socket.gethostname(), pid=os.getpid(), cores=cores or os.cpu_count(),
                  workers=strategy.cluster_resolver.cluster_spec().num_tasks("worker"))
    dataset = jobs.worker_dataset(config.dataset, data_dir or None)
    fitted = training.fit(config, dataset, reporter, strategy=strategy)
    if is_chief:
        store.save_model_file(fitted.model, Path(model_path))
    print(RESULT_PREFIX + json.dumps({
        "history": fitted.history, "test_loss": fitted.test_loss, "test_accuracy": fitted.test_accuracy,
        "precision_key": fitted.precision.label_key, "precision_values": fitted.precision.label_values,
        "class_names": list(dataset.class_names)}), flush=True)
    return 0


class PrintReporter(jobs.Reporter):
    """The job engine's reporter in a member process: the chief writes each delta as a ``PROGRESS``
    line (which its Dask task forwards), the others keep quiet."""

    def __init__(self, is_chief: bool):
        # No replay: its frames are arrays that a JSON progress line does not carry, and each member
        # would record its own.
        super().__init__(record_timeline=False)
        self.is_chief = is_chief

    def send(self, delta: dict) -> None:
        if self.is_chief:
            print(PROGRESS_PREFIX + json.dumps(delta), flush=True)


if __name__ == "__main__":
    sys.exit(member_main(sys.argv[1:]))
