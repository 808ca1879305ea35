"""The job engine on a real Dask cluster (worker processes on 127.0.0.1): a run trains in a worker and
comes back as a model, stops within a call of a few batches, fails with its reason, survives a killed worker, waits
in a first-come-first-served line; polling returns only what is new; the curves stay small."""

from __future__ import annotations

import os
import pickle
import signal
import time
import uuid

import msgpack
import numpy as np
import pytest
from distributed import Event

from cnn_core import i18n, jobs, precision, training
from cnn_core.jobs import cluster
from cnn_core.training import TrainConfig
from tests.support.job_callbacks import FailAtBatch, GateAtFirstBatch, HangOnceAtBatch

TIMEOUT = 180
SMALL = {"preset": "small", "batch_size": 32, "validation_split": 0.1}


@pytest.fixture(scope="module")
def local_cluster():
    """One cluster for the module: one training slot, one warm worker process."""
    started = time.perf_counter()
    dask_cluster, client = cluster.start_local_cluster(slots=1)
    print(f"cluster up in {time.perf_counter() - started:.1f} s")
    yield dask_cluster, client
    client.close()
    dask_cluster.close()


@pytest.fixture(scope="module")
def service(local_cluster):
    _, client = local_cluster
    service = jobs.JobService(lambda: client, max_running=1)
    yield service
    service.close()


def spec(callbacks=(), **config) -> jobs.JobSpec:
    return jobs.JobSpec.training(TrainConfig(**{**SMALL, **config}), callbacks=tuple(callbacks))


def wait_until(condition, timeout=TIMEOUT, poll=()):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition never became true"
        for handle in poll:
            handle.poll()
        time.sleep(0.05)


def finish(handle: jobs.JobHandle) -> jobs.JobSnapshot:
    assert handle.wait(TIMEOUT), "job did not finish"
    return handle.snapshot()


def gate_name() -> str:
    return f"gate-{uuid.uuid4().hex[:8]}"


def test_every_test_of_this_module_is_grouped_onto_one_xdist_worker(request):
    """The module's cluster starts once only if xdist keeps the module together: tests/conftest.py
    gives it a group, and under ``--dist loadgroup`` (as CI runs) xdist must have read that group
    into the test's id (it once read it before the group was given)."""
    assert request.node.get_closest_marker("xdist_group").args == ("test_jobs",)
    if getattr(request.config.option, "loadgroup", False):  # what xdist's worker reads
        assert request.node.nodeid.endswith("@test_jobs")


def test_the_cluster_stays_on_loopback_and_gives_each_slot_its_cores(local_cluster):
    dask_cluster, client = local_cluster
    assert dask_cluster.scheduler_address.startswith("tcp://127.0.0.1:")
    assert all(address.startswith("tcp://127.0.0.1:") for address in client.scheduler_info()["workers"])
    assert cluster.capacity(client) == 1

    def threads():
        import tensorflow as tf

        jobs.worker.prepare_worker()
        return (os.environ["OMP_NUM_THREADS"], jobs.worker.worker_cores(),
                tf.config.threading.get_intra_op_parallelism_threads(),
                tf.config.threading.get_inter_op_parallelism_threads(), os.getpid(), os.nice(0))

    (omp, cores, intra, inter, pid, niceness), = client.run(threads).values()
    expected = cluster.cores_per_slot(1)
    assert (omp, cores, intra) == (str(expected), expected, expected)  # Dask's default would be 1
    assert inter == max(expected, jobs.worker.MIN_INTER_OP_THREADS)
    assert pid != os.getpid()
    assert niceness == os.nice(0) + jobs.worker.EMBEDDED_WORKER_NICENESS  # the server answers clicks first


def test_a_job_trains_in_a_worker_and_returns_its_model(service):
    submitted = time.monotonic()
    handle = service.submit(spec(subset=400, epochs=2), owner="session-a", nickname="Rina")
    snap = finish(handle)
    assert snap.state == jobs.DONE and snap.error_key is None
    assert (snap.steps_per_epoch, snap.train_images, snap.batches_done) == (11, 360, 22)  # full batches of 32
    assert [row["epoch"] for row in snap.epochs] == [1, 2] and [row["x"] for row in snap.epochs] == [1.0, 2.0]
    assert all(row["val_accuracy"] is not None and row["seconds"] > 0 for row in snap.epochs)
    assert len(snap.curves["x"]) == 22 and snap.curves["x"][-1] == 2.0
    assert snap.epochs[-1]["loss"] < snap.curves["loss"][0]
    assert 0.3 < snap.test_accuracy <= 1.0 and snap.images_per_s > 0 and not snap.evaluating
    assert snap.cores == cluster.cores_per_slot(1) and snap.host
    assert snap.precision_key == precision.choose("auto").label_key
    # where the time went: every stage in order, on the worker's clock and then the app's
    assert list(snap.stages) == list(jobs.progress.STAGES) and all(seconds >= 0 for seconds in snap.stages.values())
    assert snap.stages["training"] > 0 and snap.stages["test"] > 0
    assert sum(snap.stages.values()) <= time.monotonic() - submitted
    result = handle.result  # the weights came back as arrays, with the recipe to build their network here
    assert result.model is None and result.model_bytes is None
    assert result.model_recipe == {"preset": "small", "options": {}, "num_classes": 10}
    model = handle.model
    assert model is handle.model and model.output_shape == (None, 10) and model.name == "custom"
    for built, sent in zip(model.get_weights(), result.model_weights, strict=True):
        np.testing.assert_array_equal(built, sent)
    meta = handle.run_meta(name="tiny")
    assert meta["params"] == model.count_params() and meta["class_names"][0] == i18n.class_names("fashion_mnist")[0]
    assert meta["history"]["val_accuracy"] == [row["val_accuracy"] for row in snap.epochs]
    listed = next(row for row in service.jobs() if row.id == handle.id)
    assert (listed.owner, listed.nickname, listed.preset, listed.state, listed.progress) == (
        "session-a", "Rina", "small", jobs.DONE, 1.0)
    assert listed.test_accuracy == snap.test_accuracy


def test_polling_returns_only_what_is_new_in_small_deltas(service):
    handle = service.submit(spec(subset=3000, epochs=1, batch_size=16), owner="poller")
    received = []
    while not handle.finished:
        received.append(handle.poll())
        time.sleep(0.05)
    assert handle.poll() == []  # nothing new after the end
    snap = handle.snapshot()
    counts = [point[0] for deltas in received for delta in deltas for point in delta.get("points", ())]
    calls = -(-snap.batches_done // 8)  # 168 batches, 8 per call into TensorFlow: a point per call
    assert counts == list(range(1, calls + 1))  # every point exactly once, in order
    for deltas in received:
        for delta in deltas:
            replay = delta.pop("timeline", {})  # the replay's frames: a few kB each, a few dozen a run
            size = len(msgpack.packb(delta))  # what the Dask queue carries
            assert size <= 400 + 60 * len(delta.get("points", ())), delta
            assert all(isinstance(frame, bytes) and len(frame) < 40_000 for frame in replay.get("frames", ()))
    assert snap.timeline_frames >= 20  # the replay's frames came too (cnn_core.timeline.MIN_FRAMES)
    assert max(len(deltas) for deltas in received) < 10


def test_stop_ends_training_within_a_call_and_keeps_the_model(service):
    gate = gate_name()
    handle = service.submit(spec([GateAtFirstBatch(gate)], subset=3000, epochs=3, batch_size=16), owner="stopper")
    assert Event(f"{gate}-reached", client=service.client()).wait(TIMEOUT)
    handle.stop()
    assert handle.snapshot().state == jobs.STOPPING
    time.sleep(1.0)  # the worker's stop watcher sees the event (a long poll answers at once)
    Event(f"{gate}-open", client=service.client()).set()
    snap = finish(handle)
    assert snap.state == jobs.STOPPED
    # stop came while the first call's 8 batches were held: one more call ran, then training ended
    assert snap.batches_done == 2 * 8
    assert snap.epoch == 1 and snap.epoch_progress < 0.1
    assert handle.model is not None and snap.test_accuracy is not None


def test_an_error_fails_the_job_with_where_and_why(service):
    snap = finish(service.submit(spec([FailAtBatch(2)], subset=300, epochs=1), owner="failing"))
    assert snap.state == jobs.FAILED and snap.test_accuracy is None
    assert snap.error_key == "train.err_failed_at"
    assert (snap.error_values["epoch"], snap.error_values["batch"]) == (1, 3)
    assert snap.error_values["reason"] == "RuntimeError: sensor unplugged"
    assert "sensor unplugged" in i18n.t(snap.error_key, "bn", **snap.error_values)
    # A bad setting is the learner's error: its own message, no traceback.
    bad = finish(service.submit(spec(subset=100, batch_size=128), owner="failing"))
    assert (bad.state, bad.error_key) == (jobs.FAILED, "train.err_batch_too_big")


def test_a_killed_worker_fails_its_run_clearly_and_the_next_run_works(service, local_cluster):
    _, client = local_cluster
    handle = service.submit(spec(subset=6000, epochs=20, batch_size=16), owner="victim")
    wait_until(lambda: handle.snapshot().batches_done > 0, poll=[handle])
    (worker_pid,) = client.run(os.getpid).values()
    os.kill(worker_pid, signal.SIGKILL)
    snap = finish(handle)
    assert (snap.state, snap.error_key) == (jobs.FAILED, "train.err_worker_lost")
    assert snap.epoch < 20 and handle.model is None
    assert "worker" in i18n.t(snap.error_key, "en")
    after = finish(service.submit(spec(subset=200, epochs=1), owner="next"))
    assert after.state == jobs.DONE
    (new_pid,) = client.run(os.getpid).values()
    assert new_pid != worker_pid  # the cluster replaced the worker


def test_a_stuck_run_gets_a_fresh_worker_and_starts_over(service, local_cluster):
    _, client = local_cluster
    (stuck_pid,) = client.run(os.getpid).values()
    # The Train page's default recipe: a fresh worker has it compiled (its warm-up), so the second
    # try's first batch comes within the short stall limit this test sets. The second try waits for
    # that warm-up, which took over 6 s on a saturated 2-core machine (a second restart): 20 s.
    config = training.fast_config(subset=1280, epochs=2, seed=4)
    stuck = jobs.JobSpec.training(config, callbacks=(HangOnceAtBatch(gate_name(), batch=3),), stall_seconds=20)
    snap = finish(service.submit(stuck, owner="stuck"))
    assert (snap.state, snap.restarts) == (jobs.DONE, 1)
    # The app shows the second try alone: two epochs, every batch once.
    assert [row["epoch"] for row in snap.epochs] == [1, 2]
    assert snap.batches_done == 2 * snap.steps_per_epoch
    (fresh_pid,) = client.run(os.getpid).values()
    assert fresh_pid != stuck_pid  # the stuck worker was replaced
    clean = finish(service.submit(jobs.JobSpec.training(config), owner="clean"))
    assert clean.restarts == 0 and snap.test_accuracy == clean.test_accuracy  # same seed, same model
    assert "seed" in i18n.t("train.restarted", "en") and i18n.t("train.restarted", "bn")


def test_a_new_service_hands_its_first_job_over_at_once(local_cluster, monkeypatch):
    # The service thread starts with the first submit, after that submit's wake-up: the news must
    # wait for it, not be lost until its next look (a learner's first Start waited a second for it).
    _, client = local_cluster
    monkeypatch.setattr(jobs.service, "POLL_SECONDS", 120.0)  # a lost wake-up now costs two minutes
    service = jobs.JobService(lambda: client)
    try:
        handle = service.submit(spec(subset=200, epochs=1), owner="first")
        wait_until(lambda: handle.snapshot().state != jobs.QUEUED, timeout=30)
        assert finish(handle).state == jobs.DONE
    finally:
        service.close()


def test_a_watched_job_is_collected_as_soon_as_its_task_ends(local_cluster, monkeypatch):
    # The service polls the jobs nobody watches; a page watching once a second polls its own. A task
    # that ends wakes the service, which must collect it then even though its watcher looked just
    # before: else the end waited for the watcher's next look (up to a second on the Train page).
    _, client = local_cluster
    monkeypatch.setattr(jobs.service, "POLL_SECONDS", 120.0)  # every job counts as watched for two minutes
    service = jobs.JobService(lambda: client)
    try:
        handle = service.submit(spec(subset=600, epochs=1), owner="watched")
        wait_until(lambda: handle.snapshot().state != jobs.QUEUED, timeout=30)
        handle.poll()  # the watcher's look; from now on only the service ends the job
        wait_until(lambda: handle.finished, timeout=30)
        assert handle.snapshot().state == jobs.DONE
    finally:
        service.close()


def test_a_full_cluster_queues_jobs_first_come_first_served(service):
    gate = gate_name()
    first = service.submit(spec([GateAtFirstBatch(gate)], subset=200, epochs=1), owner="one")
    assert Event(f"{gate}-reached", client=service.client()).wait(TIMEOUT)
    second = service.submit(spec(subset=200, epochs=1), owner="two")
    third = service.submit(spec(subset=200, epochs=1), owner="three")
    assert (second.snapshot().state, second.snapshot().queue_position) == (jobs.QUEUED, 1)
    assert (third.snapshot().state, third.snapshot().queue_position) == (jobs.QUEUED, 2)
    assert first.snapshot().queue_position is None and service.counts() == (1, 2)
    third.stop()  # leaving the line never trains
    assert third.finished and third.snapshot().state == jobs.STOPPED and third.model is None
    assert third.snapshot().batches_done == 0 and second.snapshot().queue_position == 1
    Event(f"{gate}-open", client=service.client()).set()
    assert finish(first).state == finish(second).state == jobs.DONE
    assert service.counts() == (0, 0)
    states = {row.owner: row.state for row in service.jobs()}
    assert (states["one"], states["two"], states["three"]) == (jobs.DONE, jobs.DONE, jobs.STOPPED)


def test_the_cap_follows_the_cluster_as_workers_join(local_cluster, monkeypatch):
    dask_cluster, client = local_cluster
    monkeypatch.setattr(jobs.service, "CAPACITY_SECONDS", 0.0)
    service = jobs.JobService(lambda: client)
    assert service.capacity() == 1
    dask_cluster.scale(2)
    try:
        client.wait_for_workers(2, timeout=TIMEOUT)
        assert service.capacity() == 2  # a lab PC that joins adds its slot
    finally:
        dask_cluster.scale(1)
        wait_until(lambda: cluster.capacity(client) == 1)
        service.close()


# ------------------------------------------------------------------------ no cluster needed
class ListReporter(jobs.Reporter):
    """Keeps every delta it would send (the worker-side half, tested alone)."""

    def __init__(self):
        super().__init__(flush_seconds=0.0)
        self.sent = []

    def send(self, delta):
        self.sent.append(delta)


def test_curves_keep_at_most_500_points_however_long_the_run():
    values = np.random.default_rng(0).random(100_000)
    for planned in (True, False):  # a run that said its length, and one that did not
        worker, app = jobs.Curves(), jobs.Curves()
        if planned:
            worker.plan(len(values))
        sent = [point for index, value in enumerate(values)
                if (point := worker.add(index / 1000, value, 1 - value)) is not None]
        for point in sent:
            app.keep(point)
        app.last = worker.last
        series = app.series()
        assert len(series["x"]) <= jobs.progress.MAX_CURVE_POINTS and len(series["x"]) > 200
        assert app.points == worker.points  # the app holds what the worker holds
        assert series["x"][-1] == (len(values) - 1) / 1000  # ends with the newest batch
        if planned:
            assert len(sent) < jobs.progress.MAX_CURVE_POINTS  # a planned run sends only what is kept
        counts = [point[0] for point in app.points]
        assert len(set(np.diff(counts))) == 1  # evenly spaced
    average, expected = 0.0, []
    for n, value in enumerate(values[:2000], start=1):
        average = 0.9 * average + 0.1 * value
        expected.append(average / (1 - 0.9 ** n))
    kept = {point[0]: point[3] for point in worker.points if point[0] <= 2000}
    np.testing.assert_allclose([kept[count] for count in sorted(kept)], [expected[c - 1] for c in sorted(kept)])


def test_the_reporter_sends_deltas_that_fold_into_a_snapshot():
    reporter = ListReporter()
    reporter.info(state=jobs.RUNNING, total_epochs=2, steps_per_epoch=4, batch_size=8, cores=3, host="pc-7")
    for epoch in (1, 2):
        reporter.epoch_begin(epoch)
        for step in range(4 if epoch == 1 else 2):
            reporter.batch_end(0.1 * (step + 1), 0.5)
        reporter.epoch_end(epoch, {"loss": 0.5, "accuracy": 0.6, "val_loss": 0.7, "val_accuracy": 0.55})
    progress = jobs.Progress()
    for delta in reporter.sent:
        pickle.dumps(delta) and msgpack.packb(delta)  # plain data only
        progress.apply(delta)
    snap = progress.snapshot()
    assert (snap.state, snap.batches_done, snap.epoch, snap.total_epochs, snap.cores, snap.host) == (
        jobs.RUNNING, 6, 2, 2, 3, "pc-7")
    assert snap.curves["x"] == [0.25, 0.5, 0.75, 1.0, 1.25, 1.5]
    assert [row["x"] for row in snap.epochs] == [1.0, 1.5]  # the second epoch was cut short at its 2nd batch
    assert snap.epoch_progress == 0.5 and snap.run_progress == 0.75
    assert snap.last_batch == {"epoch": 2, "loss": 0.2, "accuracy": 0.5}
    assert snap.version == len(reporter.sent) + 1  # each delta moved it on (the state change too)


def test_an_unknown_kind_of_job_fails_with_its_message():
    job = jobs.LocalJob(jobs.JobSpec(kind="juggling")).start()
    assert job.wait(30)
    snap = job.snapshot()
    assert (snap.state, snap.error_key, snap.error_values) == (jobs.FAILED, "train.err_unknown_job", {"kind": "juggling"})
