"""One model on two machines: MultiWorkerMirroredStrategy members on two Dask worker processes
(127.0.0.1 only) train exactly like one process does, and a run that cannot finish ends every member."""

from __future__ import annotations

import numpy as np
import pytest
from distributed import Client, LocalCluster

from cnn_core import cluster, jobs, multiworker, store
from cnn_core.errors import UserError
from cnn_core.training import TrainConfig

TIMEOUT = 600  # generous: two TensorFlow processes share this machine's cores with everything else
CONFIG = TrainConfig(preset="small", subset=640, epochs=2, batch_size=64, validation_split=0.0, precision="float32")


@pytest.fixture(scope="module")
def two_workers():
    """A loopback cluster of two worker processes with one training slot each."""
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      resources={cluster.TRAIN_RESOURCE: 1}, env={cluster.CORES_ENV: "1"}) as local:
        with Client(local, set_as_default=False) as client:
            yield client


def test_two_workers_follow_a_one_process_run(two_workers, fashion):
    one = jobs.LocalJob(jobs.JobSpec.training(CONFIG)).start()
    assert one.wait(TIMEOUT)
    alone = one.snapshot()
    assert alone.state == "done"

    progress = jobs.Progress()
    result = multiworker.train(CONFIG, two_workers, workers=2, progress=progress.apply, timeout=TIMEOUT)
    assert result.state == "done", result.error
    assert [member["index"] for member in result.members] == [0, 1]
    assert len({member["address"] for member in result.members}) == 2
    assert all(member["host"] == "127.0.0.1" for member in result.members)

    # Every global batch of 64 is split 32/32 between the members and their gradients are added up,
    # so each step's loss is the one-process run's, up to floating-point rounding.
    together = progress.snapshot()
    assert len(together.curves["loss"]) == len(alone.curves["loss"]) == 2 * (640 // 64)
    np.testing.assert_allclose(together.curves["loss"], alone.curves["loss"], rtol=1e-3)
    np.testing.assert_allclose(result.history["loss"], [row["loss"] for row in alone.epochs], rtol=1e-3)
    assert result.test_accuracy == pytest.approx(alone.test_accuracy, abs=0.005)
    assert result.precision_key == "precision.cpu_float32"

    model, _ = store.load_model_bytes(result.model_bytes)  # the chief's model, as a .keras file
    predictions = np.asarray(model.predict(fashion.test_images, batch_size=1000, verbose=0)).argmax(axis=1)
    assert np.mean(predictions == fashion.test_labels) == pytest.approx(result.test_accuracy, abs=1e-6)


def test_more_workers_than_the_cluster_offers_is_a_user_error(two_workers):
    with pytest.raises(UserError) as caught:
        multiworker.train(CONFIG, two_workers, workers=3)
    assert caught.value.key == "multiworker.err_too_few_workers"
    assert caught.value.values == {"wanted": 3, "available": 2}


def test_a_run_that_does_not_finish_in_time_ends_every_member(two_workers):
    result = multiworker.train(CONFIG, two_workers, workers=2, timeout=1)
    assert result.state == "failed" and result.model_bytes is None
    assert "member 0" in result.error and "member 1" in result.error and "no result after 1 s" in result.error


def test_each_member_gets_the_whole_cluster_and_its_own_index():
    hosts = ["10.0.0.5:41000", "10.0.0.6:41000"]
    assert multiworker.tf_config(hosts, 1) == {"cluster": {"worker": hosts}, "task": {"type": "worker", "index": 1}}
