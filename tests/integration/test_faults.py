"""Faults heal: the real processes of a lab cluster are killed mid-run, and the next run still works.

A lab runs ``dask scheduler`` and ``dask worker`` as their own processes (README, "A school lab"); these
tests start exactly those commands on 127.0.0.1, with no ``PYTHONPATH`` (the app is installed into the
environment, as the README says), and kill them. Each active run must end as a clear failed run,
never "running" forever; Stop must answer at once; and once a scheduler and a worker are back at the
same address, the app reconnects by itself and a new run finishes.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from cnn_core import i18n, jobs
from cnn_core.jobs import cluster, handles, service as service_module
from cnn_core.errors import UserError
from cnn_core.training import TrainConfig
from tests.support.job_callbacks import AllocateAtBatch

TIMEOUT = 240
SMALL = {"preset": "small", "batch_size": 32, "validation_split": 0.0}
LOST_AFTER = 6.0  # seconds without the cluster before a run counts as lost (the app's is longer)
# A worker that cannot see the app's code: the same `dask worker`, with cnn_core hidden from imports.
WORKER_WITHOUT_APP = """
import sys
class HideTheApp:
    def find_spec(self, name, path=None, target=None):
        if name == "cnn_core" or name.startswith("cnn_core."):
            raise ModuleNotFoundError(f"No module named {name!r}")
sys.meta_path.insert(0, HideTheApp())
from distributed.cli.dask_worker import main
sys.argv = ["dask worker", *sys.argv[1:]]
main()
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LabCluster:
    """A scheduler and workers as separate processes, started the way the README starts a lab's."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.folder = tmp_path  # not the app's folder: the installed package must be what workers import
        self.processes: list[subprocess.Popen] = []
        self.env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}

    def _start(self, args: list[str]) -> subprocess.Popen:
        process = subprocess.Popen(args, cwd=self.folder, env=self.env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
        self.processes.append(process)
        return process

    def start_scheduler(self) -> subprocess.Popen:
        return self._start([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                            "--port", str(self.port), "--no-dashboard"])

    def start_worker(self, without_app: bool = False) -> subprocess.Popen:
        command = ["-c", WORKER_WITHOUT_APP] if without_app else ["-m", "distributed.cli.dask_worker"]
        return self._start([sys.executable, *command, self.address, "--nthreads", "1", "--resources", "TRAIN=1",
                            "--host", "127.0.0.1", "--no-dashboard", "--no-nanny"])

    def kill_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        self.processes.clear()


@pytest.fixture
def lab(tmp_path, monkeypatch):
    lab = LabCluster(tmp_path)
    monkeypatch.setenv(cluster.SCHEDULER_ENV, lab.address)
    monkeypatch.setattr(handles, "LOST_AFTER_SECONDS", LOST_AFTER)
    monkeypatch.setattr(service_module, "LOST_AFTER_SECONDS", LOST_AFTER)
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT_S", 10)
    cluster.shutdown()
    yield lab
    cluster.shutdown()
    lab.kill_all()


def spec(callbacks=(), **config) -> jobs.JobSpec:
    return jobs.JobSpec.training(TrainConfig(**{**SMALL, **config}), callbacks=tuple(callbacks))


def wait_for(condition, handle, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while not condition():
        snap = handle.snapshot()
        assert time.monotonic() < deadline, f"never happened; the run is {snap.state} {snap.error_key} {snap.error_values}"
        handle.poll()
        time.sleep(0.1)


def wait_for_workers(count: int, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if cluster.capacity(cluster.get_client()) >= count:
                return
        except Exception:  # noqa: BLE001 - still starting
            pass
        assert time.monotonic() < deadline, "the lab's workers never joined"
        time.sleep(0.5)


def test_a_lost_scheduler_fails_the_run_then_the_app_reconnects_and_the_next_run_finishes(lab):
    lab.start_scheduler()
    lab.start_worker()
    wait_for_workers(1)
    service = jobs.JobService()
    try:
        long_run = service.submit(spec(subset=6000, epochs=30), owner="learner")
        wait_for(lambda: long_run.snapshot().batches_done > 0, long_run)
        lab.kill_all()  # the teacher's PC reboots: scheduler and worker are gone mid-run

        wait_for(lambda: long_run.finished, long_run, timeout=90)
        lost = long_run.snapshot()
        assert (lost.state, lost.error_key) == (jobs.FAILED, "train.err_cluster_lost")
        assert lost.epochs or lost.batches_done > 0  # what it reported before is kept
        for lang in i18n.LANGUAGES:
            assert i18n.t(lost.error_key, lang)
        assert service.counts() == (0, 0)  # the slot is free again

        lab.start_scheduler()  # back at the same address
        lab.start_worker()
        next_run = service.submit(spec(subset=300, epochs=1), owner="learner")
        assert next_run.wait(TIMEOUT), f"the next run never finished: {next_run.snapshot().state}"
        assert next_run.snapshot().state == jobs.DONE
        assert next_run.model is not None
    finally:
        service.close()


def test_stop_answers_at_once_when_the_scheduler_is_gone(lab):
    lab.start_scheduler()
    lab.start_worker()
    wait_for_workers(1)
    service = jobs.JobService()
    try:
        run = service.submit(spec(subset=6000, epochs=30), owner="learner")
        wait_for(lambda: run.snapshot().batches_done > 0, run)
        lab.kill_all()
        # stop() never raises and never hangs: it makes at most one bounded scheduler call. A hang
        # guard, not a speed check: the margin is a minute beyond that bound.
        failures = []

        def stop() -> None:
            try:
                run.stop()
            except Exception as exc:  # noqa: BLE001 - the test reports it below
                failures.append(exc)

        stopper = threading.Thread(target=stop, daemon=True)
        stopper.start()
        stopper.join(timeout=handles.CLUSTER_CALL_SECONDS + 60)
        assert not stopper.is_alive(), "stop() hung on the lost scheduler"
        assert failures == []
        snap = run.snapshot()
        assert (snap.state, snap.error_key) == (jobs.FAILED, "train.err_cluster_lost")
    finally:
        service.close()


def test_a_worker_that_cannot_import_the_app_is_named_with_the_fix(lab):
    """The app connects to a lab whose worker lacks the app: it refuses, naming the worker and the fix.

    The worker joins first, seen by a bare client: an app client that connected earlier would give
    the scheduler the app's warm-up plugin, which such a worker cannot even open (it then stops)."""
    from distributed import Client

    lab.start_scheduler()
    lab.start_worker(without_app=True)
    with Client(lab.address, timeout=TIMEOUT, set_as_default=False) as bare:
        bare.wait_for_workers(1, timeout=TIMEOUT)
    with pytest.raises(UserError) as refused:
        cluster.get_client()
    assert refused.value.key == "cluster.err_worker_without_app"
    text = i18n.t(refused.value.key, "en", **refused.value.values)
    assert "127.0.0.1" in text and "pip install ." in text


def test_the_readme_lab_commands_train_a_run_from_the_command_line(lab, tmp_path):
    """No PYTHONPATH anywhere: the installed app is what the scheduler, the worker and the CLI import."""
    lab.start_scheduler()
    lab.start_worker()
    wait_for_workers(1)
    out = tmp_path / "lab_run"
    result = subprocess.run(
        [sys.executable, "-m", "cnn_core.cli", "--preset", "small", "--subset", "300", "--epochs", "1",
         "--batch-size", "32", "--name", "lab run", "--out", str(out)],
        cwd=tmp_path, env={**lab.env, cluster.SCHEDULER_ENV: lab.address}, capture_output=True, text=True,
        timeout=TIMEOUT)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "lab_run.keras").is_file(), result.stdout[-2000:]


def test_a_worker_out_of_memory_fails_its_run_and_the_next_run_works():
    dask_cluster, client = cluster.start_local_cluster(slots=1, memory_limit="3GiB")
    service = jobs.JobService(lambda: client, max_running=1)
    try:
        greedy = service.submit(spec([AllocateAtBatch(batch=1, megabytes=4096)], subset=600, epochs=1),
                                owner="greedy")
        assert greedy.wait(TIMEOUT)
        snap = greedy.snapshot()
        assert (snap.state, snap.error_key) == (jobs.FAILED, "train.err_worker_lost")
        after = service.submit(spec(subset=300, epochs=1), owner="next")
        assert after.wait(TIMEOUT) and after.snapshot().state == jobs.DONE
    finally:
        service.close()
        client.close()
        dask_cluster.close()
