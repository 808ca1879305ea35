"""Every kind of run records its replay: a Train page run in a Dask worker, the same run in this
process (LocalJob, the CLI's path), a teaching run; the app's copy of the timeline matches the
worker's, and it is saved with the model."""

from __future__ import annotations

import dataclasses
import time

import numpy as np
import pytest

from cnn_core import datasets, jobs, store, timeline, training, transfer
from cnn_core.jobs import cluster
from cnn_core.training import TrainConfig
from tests.support.replay import TINY_RUN
from tests.support.teach import digits_set

TIMEOUT = 240
RUN = TrainConfig(preset="small", epochs=3, batch_size=32, subset=1200, validation_split=0.1)


def check_timeline(recorded: timeline.Timeline, total_batches: int) -> None:
    assert recorded.total_batches == total_batches
    assert len(recorded.frames) >= timeline.MIN_FRAMES
    batches = [frame.batch for frame in recorded.frames]
    assert batches[0] == 0 and batches[-1] == total_batches and batches == sorted(set(batches))
    assert recorded.nbytes <= timeline.MAX_BYTES
    accuracy = recorded.class_accuracy_matrix()
    assert accuracy.shape == (len(recorded.frames), recorded.num_classes)
    assert np.nanmean(accuracy[-1]) > np.nanmean(accuracy[0])  # it learned something along the way


def test_a_local_job_records_its_timeline_and_the_store_keeps_it(tmp_path):
    job = jobs.LocalJob(jobs.JobSpec.training(RUN)).start()
    assert job.wait(TIMEOUT)
    snap = job.snapshot()
    assert snap.state == jobs.DONE
    recorded = job.timeline()
    assert snap.timeline_frames == len(recorded.frames)
    check_timeline(recorded, 3 * (1080 // 32))
    model_store = store.ModelStore(tmp_path)
    run_id = model_store.save(job.model, job.run_meta("replayed"), timeline=recorded)
    reloaded = model_store.load_timeline(run_id)
    assert [frame.batch for frame in reloaded.frames] == [frame.batch for frame in recorded.frames]


def test_a_run_in_a_dask_worker_sends_its_timeline_to_the_app():
    dask_cluster, client = cluster.start_local_cluster(slots=1)
    service = jobs.JobService(lambda: client, max_running=1)
    try:
        handle = service.submit(jobs.JobSpec.training(RUN), owner="replay")
        seen_while_running = 0
        deadline = time.monotonic() + TIMEOUT
        while not handle.finished:
            assert time.monotonic() < deadline, "job did not finish"
            handle.poll()
            if handle.snapshot().state == jobs.RUNNING:
                seen_while_running = max(seen_while_running, handle.snapshot().timeline_frames)
            time.sleep(0.1)
        assert handle.snapshot().state == jobs.DONE
        assert seen_while_running > 0  # frames arrive while it trains: the replay is live
        check_timeline(handle.timeline(), 3 * (1080 // 32))
    finally:
        service.close()
        client.close()
        dask_cluster.close()


def test_a_teaching_run_records_its_timeline_on_the_held_out_examples():
    own = digits_set(("nought", "one"), per_class=12)
    images, labels = own.arrays()
    base, _ = store.pretrained("fashion_mnist")
    spec = transfer.job_spec(base, images, labels, own.class_names, transfer.TransferConfig(epochs=6), "fashion_mnist")
    job = jobs.LocalJob(spec).start()
    assert job.wait(TIMEOUT)
    recorded = job.timeline()
    _, held = transfer.split_holdout(labels)
    assert recorded.num_classes == 2 and recorded.sample_counts.sum() == len(held)
    assert len(recorded.frames) == 6 * int(np.ceil((len(labels) - len(held)) / transfer.BATCH_SIZE)) + 1
    # The base's convolution part is frozen: its first layer's filters do not move at all.
    np.testing.assert_array_equal(recorded.frames[0].filters, recorded.frames[-1].filters)


@pytest.mark.parametrize("records", [False, True])
def test_a_reporter_can_ask_for_no_timeline(records):
    data = datasets.read_original_files("fashion_mnist")
    reporter = jobs.ProgressReporter(record_timeline=records)
    tiny = TrainConfig(**{**TINY_RUN.to_dict(), "epochs": 1})
    training.fit(tiny, dataclasses.replace(data, test_images=data.test_images[:100], test_labels=data.test_labels[:100]),
                 reporter)
    assert (reporter.progress.timeline is not None) == records
