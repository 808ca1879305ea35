"""The background trainer: snapshots, stop within a batch, failures, reproducibility, the job queue."""

from __future__ import annotations

import dataclasses
import threading
import time

import keras
import numpy as np
import pytest

from cnn_core import training
from cnn_core.errors import UserError
from cnn_core.training import JobSlots, TrainConfig, TrainingJob

TIMEOUT = 120


@pytest.fixture(scope="module")
def small_fashion(fashion):
    """Real Fashion-MNIST with a 500-picture test split, so every job's final test is quick."""
    return dataclasses.replace(fashion, test_images=fashion.test_images[:500], test_labels=fashion.test_labels[:500])


def run(config, dataset, **kwargs) -> TrainingJob:
    job = TrainingJob(config, dataset, slots=kwargs.pop("slots", JobSlots(1)), **kwargs).start()
    assert job.wait(TIMEOUT), "job did not finish"
    return job


class Gate(keras.callbacks.Callback):
    """Holds training at the end of the first batch until ``open`` is set."""

    def __init__(self):
        super().__init__()
        self.reached, self.open = threading.Event(), threading.Event()

    def on_train_batch_end(self, batch, logs=None):
        self.reached.set()
        assert self.open.wait(TIMEOUT)


class FailAt(keras.callbacks.Callback):
    def __init__(self, batch):
        super().__init__()
        self.batch = batch

    def on_train_batch_end(self, batch, logs=None):
        if batch == self.batch:
            raise RuntimeError("sensor unplugged")


def wait_until(condition, timeout=TIMEOUT):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition never became true"
        time.sleep(0.01)


@pytest.mark.parametrize("changes, key", [
    ({"epochs": 0}, "train.err_epochs"),
    ({"epochs": 2.5}, "train.err_epochs"),
    ({"batch_size": 0}, "train.err_batch_size"),
    ({"learning_rate": 0}, "train.err_learning_rate"),
    ({"learning_rate": 1.5}, "train.err_learning_rate"),
    ({"optimizer": "rmsprop"}, "train.err_optimizer"),
    ({"validation_split": 0.9}, "train.err_validation_split"),
    ({"subset": 1}, "train.err_subset"),
    ({"subset": 70_000}, "train.err_subset_too_big"),
    ({"subset": 100, "batch_size": 128}, "train.err_batch_too_big"),
    ({"preset": "huge"}, "models.err_unknown_preset"),
    ({"preset": "custom", "model_options": {"conv_blocks": 9}}, "models.err_option_range"),
    ({"lr_schedule": "step"}, "train.err_lr_schedule"),
    ({"seed": "abc"}, "train.err_seed"),
])
def test_bad_configs_raise_user_errors(changes, key):
    with pytest.raises(UserError) as raised:
        TrainConfig(**changes).validate(available=60_000)
    assert raised.value.key == key


def test_config_round_trips_through_a_dict():
    config = TrainConfig(preset="custom", model_options={"filters": 8}, epochs=3, subset=900)
    assert TrainConfig.from_dict(config.to_dict()) == config
    assert training.fast_config().batch_size == training.FAST_BATCH_SIZE


def test_the_pipeline_gives_full_shuffled_batches_in_a_seeded_order():
    images = np.arange(70, dtype=np.uint8).reshape(70, 1, 1, 1) * np.ones((1, 28, 28, 1), np.uint8)
    labels = np.arange(70, dtype=np.int64)

    def epochs_of(seed):
        batches = [label.numpy() for _, label in training.train_pipeline(images, labels, 16, seed, epochs=2)]
        return np.concatenate(batches[:4]), np.concatenate(batches[4:]), batches

    first, second, batches = epochs_of(seed=7)
    assert len(batches) == 8 and all(len(batch) == 16 for batch in batches)  # 70 // 16 full batches per epoch
    assert len(set(first)) == len(set(second)) == 64  # no picture twice within an epoch
    assert not np.array_equal(first, second)  # each epoch has its own order
    again_first, again_second, _ = epochs_of(seed=7)
    np.testing.assert_array_equal(first, again_first)
    np.testing.assert_array_equal(second, again_second)
    assert not np.array_equal(first, epochs_of(seed=8)[0])
    image_batch, label_batch = next(iter(training.train_pipeline(images, labels, 16, 7, epochs=1)))
    assert image_batch.dtype == "uint8" and image_batch.shape == (16, 28, 28, 1)
    np.testing.assert_array_equal(image_batch.numpy()[:, 0, 0, 0], label_batch.numpy())


def test_a_job_records_every_batch_and_epoch_then_tests_the_model(small_fashion):
    config = TrainConfig(subset=400, epochs=2, batch_size=32, validation_split=0.1)
    job = run(config, small_fashion)
    snap = job.snapshot()
    assert snap.state == "done" and snap.error is None
    assert snap.steps_per_epoch == 11 and snap.train_images == 360  # 11 full batches of 32
    assert [row["step"] for row in snap.batches] == list(range(1, 23))
    assert [row["epoch"] for row in snap.batches] == [1] * 11 + [2] * 11
    assert [row["epoch"] for row in snap.epochs] == [1, 2]
    assert all(row["val_accuracy"] is not None and row["seconds"] > 0 for row in snap.epochs)
    assert snap.epochs[1]["loss"] < snap.batches[0]["loss"]
    assert snap.epoch == 2 and snap.epoch_progress == 1.0
    assert snap.images_per_s > 0 and snap.elapsed_s > 0 and not snap.evaluating
    assert 0.3 < snap.test_accuracy <= 1.0  # far better than 10% chance after 720 pictures
    meta = training.run_meta(job, name="test run")
    assert {"name", "dataset", "preset", "config", "history", "test_accuracy", "test_loss", "params", "created",
            "class_names"} <= set(meta)
    assert meta["history"]["val_accuracy"] == [row["val_accuracy"] for row in snap.epochs]
    assert meta["params"] == 421_642


def test_the_speed_leaves_out_the_first_batch_which_also_builds_the_graph(small_fashion):
    class SlowFirstBatch(keras.callbacks.Callback):  # stands in for a long graph build
        def on_train_batch_begin(self, batch, logs=None):
            if batch == 0 and not getattr(self, "done", False):
                self.done = True
                time.sleep(3.0)

    config = TrainConfig(preset="small", subset=800, epochs=1, batch_size=32, validation_split=0.0)
    job = TrainingJob(config, small_fashion, slots=JobSlots(1), callbacks=[SlowFirstBatch()])
    job.start().wait(120)
    snap = job.snapshot()
    assert snap.state == "done" and len(snap.batches) == 25
    # With the 3-s stall counted, 25 batches of 32 could not beat 800 / 3 = 267 pictures per second.
    assert snap.images_per_s > 400


def test_snapshots_are_copies(small_fashion):
    job = run(TrainConfig(subset=200, epochs=1, batch_size=50), small_fashion)
    snap = job.snapshot()
    snap.batches.clear()
    snap.epochs.append({"epoch": 99})
    again = job.snapshot()
    assert len(again.batches) == 3 and len(again.epochs) == 1


def test_same_seed_gives_the_same_curves_and_another_seed_does_not(small_fashion):
    # Dropout draws random numbers too: seeded per layer, it repeats with the seed.
    config = TrainConfig(preset="custom", model_options={"conv_blocks": 1, "filters": 8, "dropout": 0.5},
                         subset=300, epochs=1, batch_size=32)
    first, second = (run(config, small_fashion).snapshot() for _ in range(2))
    other = run(dataclasses.replace(config, seed=1), small_fashion).snapshot()
    losses = [np.array([row["loss"] for row in snap.batches]) for snap in (first, second, other)]
    np.testing.assert_allclose(losses[0], losses[1], rtol=1e-6, atol=1e-7)
    assert first.test_accuracy == pytest.approx(second.test_accuracy, abs=1e-6)
    assert not np.allclose(losses[0], losses[2])


def test_stop_ends_within_a_batch_keeps_the_model_and_still_tests_it(small_fashion):
    gate = Gate()
    config = TrainConfig(subset=3000, epochs=3, batch_size=16)  # 168 batches per epoch
    job = TrainingJob(config, small_fashion, slots=JobSlots(1), callbacks=[gate]).start()
    assert gate.reached.wait(TIMEOUT)
    job.stop()
    assert job.snapshot().state == "stopping"
    gate.open.set()
    assert job.wait(TIMEOUT)
    snap = job.snapshot()
    assert snap.state == "stopped"
    # stop() came while batch 1 was being recorded: at most one more batch runs, then training ends.
    assert len(snap.batches) == 2
    assert snap.epoch == 1 and snap.epoch_progress < 0.02
    assert job.model is not None and snap.test_accuracy is not None


def test_an_error_in_a_callback_fails_the_job_with_a_clear_message(small_fashion):
    slots = JobSlots(1)
    job = run(TrainConfig(subset=300, epochs=1, batch_size=32), small_fashion, slots=slots, callbacks=[FailAt(2)])
    snap = job.snapshot()
    assert snap.state == "failed"
    assert "RuntimeError" in snap.error and "sensor unplugged" in snap.error and "epoch 1, after batch 3" in snap.error
    assert snap.error_key == "train.err_failed" and snap.error_values["reason"]
    assert snap.test_accuracy is None
    assert slots.running == 0  # the slot is free again for the next job


def test_an_error_inside_the_data_pipeline_fails_the_job(small_fashion, monkeypatch):
    import tensorflow as tf

    working_pipeline = training.train_pipeline

    def broken_pipeline(*args):
        def check(index, image, label):
            tf.debugging.assert_less(index, tf.constant(3, tf.int64), message="corrupt batch in the data")
            return image, label

        batches = working_pipeline(*args)
        return batches.enumerate().map(lambda index, batch: check(index, *batch))

    monkeypatch.setattr(training, "train_pipeline", broken_pipeline)
    job = run(TrainConfig(subset=300, epochs=1, batch_size=32), small_fashion)
    snap = job.snapshot()
    assert snap.state == "failed"
    assert "corrupt batch in the data" in snap.error
    assert len(snap.batches) == 3


def test_slots_queue_jobs_first_come_first_served(small_fashion):
    slots = JobSlots(1)
    gate = Gate()
    config = TrainConfig(subset=200, epochs=1, batch_size=50)
    first = TrainingJob(config, small_fashion, slots=slots, callbacks=[gate]).start()
    assert gate.reached.wait(TIMEOUT)
    second = TrainingJob(config, small_fashion, slots=slots).start()
    third = TrainingJob(config, small_fashion, slots=slots).start()
    wait_until(lambda: third.snapshot().queue_position == 2)
    assert first.snapshot().state == "running" and first.snapshot().queue_position is None
    assert (second.snapshot().state, second.snapshot().queue_position) == ("queued", 1)
    assert slots.running == 1 and slots.queued == 2
    third.stop()  # leaving the queue never trains
    assert third.wait(TIMEOUT)
    assert third.snapshot().state == "stopped" and third.model is None and not third.snapshot().batches
    assert second.snapshot().queue_position == 1
    gate.open.set()
    assert first.wait(TIMEOUT) and second.wait(TIMEOUT)
    assert first.snapshot().state == second.snapshot().state == "done"
    assert second.snapshot().queue_position is None and slots.running == 0 and slots.queued == 0


def test_default_slots_size_comes_from_the_environment(monkeypatch):
    monkeypatch.setattr(training, "_default_slots", None)
    monkeypatch.setenv("FCL_MAX_TRAINING_JOBS", "3")
    assert training.default_slots().max_concurrent == 3
    assert training.default_slots() is training.default_slots()
