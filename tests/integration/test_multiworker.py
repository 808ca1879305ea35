"""One model on two machines: MultiWorkerMirroredStrategy members on two Dask worker processes
(127.0.0.1 only) train exactly like one process does, and a run that cannot finish ends every member."""

from __future__ import annotations

import json

import numpy as np
import pytest
from distributed import Client, LocalCluster

from cnn_core import cli, jobs, models, multiworker, store
from cnn_core.jobs import cluster
from cnn_core.errors import UserError
from cnn_core.i18n import t
from cnn_core.training import TrainConfig

TIMEOUT = 600  # generous: two TensorFlow processes share this machine's cores with everything else
CONFIG = TrainConfig(preset="small", subset=640, epochs=2, batch_size=64, validation_split=0.0, precision="float32")


@pytest.fixture(autouse=True)
def trusted_network(monkeypatch):
    """These tests run on 127.0.0.1 of a test machine: the network is declared trusted."""
    monkeypatch.setenv(multiworker.TRUSTED_NETWORK_ENV, "1")


@pytest.fixture(scope="module")
def two_workers():
    """A loopback cluster of two worker processes with one training slot each: ``(scheduler, client)``."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      resources={cluster.TRAIN_RESOURCE: 1}, env={jobs.worker.CORES_ENV: "1"}) as local:
        with Client(local, set_as_default=False) as client:
            yield local.scheduler_address, client


def test_two_workers_train_one_model_like_one_process(two_workers, fashion):
    _, client = two_workers
    one = jobs.LocalJob(jobs.JobSpec.training(CONFIG)).start()
    assert one.wait(TIMEOUT)
    alone = one.snapshot()
    assert alone.state == "done"

    job = multiworker.MultiWorkerJob(jobs.JobSpec.training(CONFIG), client, workers=2, timeout=TIMEOUT).start()
    seen = set()
    while not job.wait(0.2):
        seen.add(job.snapshot().state)
    together = job.snapshot()
    assert together.state == "done", together.error_values
    assert "running" in seen and together.cores == 1  # the chief streamed its progress while it ran
    assert [member["index"] for member in job.members] == [0, 1]
    assert len({member["address"] for member in job.members}) == 2
    assert {member["host"] for member in job.members} == {"127.0.0.1"}

    # Every global batch of 64 is split 32/32 between the two processes and their gradients are
    # added up over the network, so every step's loss is the one-process run's up to rounding.
    assert len(together.curves["loss"]) == len(alone.curves["loss"]) == 2 * (640 // 64)
    np.testing.assert_allclose(together.curves["loss"], alone.curves["loss"], rtol=1e-3)
    np.testing.assert_allclose([row["loss"] for row in together.epochs], [row["loss"] for row in alone.epochs],
                               rtol=1e-3)
    assert together.test_accuracy == pytest.approx(alone.test_accuracy, abs=0.005)
    assert together.precision_key == "precision.cpu_float32"

    # The chief's model came back as .keras bytes: it scores what the members measured together.
    predictions = np.asarray(job.model.predict(fashion.test_images, batch_size=1000, verbose=0)).argmax(axis=1)
    assert np.mean(predictions == fashion.test_labels) == pytest.approx(together.test_accuracy, abs=1e-6)
    assert job.run_meta()["params"] == models.count_params(job.model)


def test_the_command_line_trains_on_two_workers_of_a_named_scheduler(two_workers, monkeypatch, tmp_path, capsys):
    scheduler, _ = two_workers
    monkeypatch.setenv(cluster.SCHEDULER_ENV, scheduler)
    out = tmp_path / "two_workers"
    assert cli.main(["--preset", "small", "--subset", "128", "--epochs", "1", "--batch-size", "64",
                     "--validation-split", "0", "--workers", "2", "--name", "two", "--out", str(out)]) == 0
    assert "epoch 1/1" in capsys.readouterr().out
    meta = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["name"] == "two" and meta["state"] == "done" and "--workers 2" in meta["command"]
    assert [worker.rpartition(":")[0] for worker in meta["workers"]] == ["127.0.0.1", "127.0.0.1"]
    model, _ = store.load_model_file(out.with_suffix(".keras"))
    assert model.output_shape == (None, 10)


def test_more_workers_than_the_cluster_offers_is_a_user_error(two_workers):
    _, client = two_workers
    with pytest.raises(UserError) as caught:
        multiworker.train(CONFIG, client, workers=3)
    assert caught.value.key == "multiworker.err_too_few_workers"
    assert caught.value.values == {"wanted": 3, "available": 2}


def test_open_grpc_ports_are_refused_until_the_network_is_declared_trusted(two_workers, monkeypatch):
    _, client = two_workers
    monkeypatch.delenv(multiworker.TRUSTED_NETWORK_ENV)
    with pytest.raises(UserError) as caught:
        multiworker.train(CONFIG, client, workers=2)
    assert caught.value.key == "multiworker.err_untrusted_network"
    assert multiworker.TRUSTED_NETWORK_ENV in t(caught.value.key, "bn", **caught.value.values)


def test_a_run_that_does_not_finish_in_time_ends_every_member(two_workers):
    _, client = two_workers
    result = multiworker.train(CONFIG, client, workers=2, timeout=1)
    assert result.state == "failed" and result.model_bytes is None
    assert "member 0" in result.error and "member 1" in result.error and "no result after 1 s" in result.error


def test_each_member_gets_the_whole_cluster_and_its_own_index():
    hosts = ["10.0.0.5:41000", "10.0.0.6:41000"]
    assert multiworker.tf_config(hosts, 1) == {"cluster": {"worker": hosts}, "task": {"type": "worker", "index": 1}}


def test_the_command_line_refuses_workers_with_a_time_budget(capsys):
    assert cli.main(["--workers", "2", "--max-minutes", "1"]) == 2
    assert "--workers cannot be combined with --max-minutes" in capsys.readouterr().err
