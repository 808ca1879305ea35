"""One run's training (:func:`cnn_core.training.fit`): settings, the data pipeline, what it reports
batch by batch, reproducibility, stop within a call of a few batches, and how failures end a job (in this process:
the engine's worker side is tested in test_jobs.py)."""

from __future__ import annotations

import dataclasses
import time

import keras
import numpy as np
import pytest

from cnn_core import jobs, models, training
from cnn_core.jobs import cluster
from cnn_core.errors import UserError
from cnn_core.training import TrainConfig

TIMEOUT = 120


@pytest.fixture(scope="module")
def small_fashion(fashion):
    """Real Fashion-MNIST with a 500-picture test split, so every run's final test is quick."""
    return dataclasses.replace(fashion, test_images=fashion.test_images[:500], test_labels=fashion.test_labels[:500])


def fit(config, dataset, callbacks=(), reporter=None):
    """``(FitResult, snapshot)`` of one run of ``config``."""
    reporter = reporter or jobs.ProgressReporter(flush_seconds=0.0)
    result = training.fit(config, dataset, reporter, callbacks=callbacks)
    return result, reporter.progress.snapshot()


class StopAfterFirstBatch(keras.callbacks.Callback):
    """Asks the reporter to stop while the first batch is being recorded (as a Stop click would)."""

    def __init__(self, reporter):
        super().__init__()
        self.reporter = reporter

    def on_train_batch_end(self, batch, logs=None):
        self.reporter.request_stop()


class FailAt(keras.callbacks.Callback):
    def __init__(self, batch):
        super().__init__()
        self.batch = batch

    def on_train_batch_end(self, batch, logs=None):  # batch: the last one of Keras' call
        if batch >= self.batch:
            raise RuntimeError("sensor unplugged")


def run_job(config, callbacks=()) -> jobs.JobSnapshot:
    """The whole job in this process, as the engine ends it (done, stopped or failed)."""
    job = jobs.LocalJob(jobs.JobSpec.training(config, callbacks=tuple(callbacks))).start()
    assert job.wait(TIMEOUT), "job did not finish"
    return job.snapshot()


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
        pipeline = training.EpochBatches(images, labels, 16, seed, epochs=2)
        batches = []
        for epoch in range(2):  # as fit's callback does when each epoch begins
            pipeline.epoch.assign(epoch)
            batches += [label.numpy() for _, label in pipeline.dataset]
        return np.concatenate(batches[:4]), np.concatenate(batches[4:]), batches

    first, second, batches = epochs_of(seed=7)
    assert len(batches) == 8 and all(len(batch) == 16 for batch in batches)  # 70 // 16 full batches per epoch
    assert len(set(first)) == len(set(second)) == 64  # no picture twice within an epoch
    assert not np.array_equal(first, second)  # each epoch has its own order
    again_first, again_second, _ = epochs_of(seed=7)
    np.testing.assert_array_equal(first, again_first)
    np.testing.assert_array_equal(second, again_second)
    assert not np.array_equal(first, epochs_of(seed=8)[0])
    image_batch, label_batch = next(iter(training.EpochBatches(images, labels, 16, 7, epochs=1).dataset))
    assert image_batch.dtype == "uint8" and image_batch.shape == (16, 28, 28, 1)
    np.testing.assert_array_equal(image_batch.numpy()[:, 0, 0, 0], label_batch.numpy())


def test_a_run_reports_every_batch_and_epoch_then_tests_the_model(small_fashion):
    config = TrainConfig(subset=400, epochs=2, batch_size=32, validation_split=0.1)
    result, snap = fit(config, small_fashion)
    assert snap.steps_per_epoch == 11 and snap.train_images == 360  # 11 full batches of 32
    assert snap.batches_done == 22 and snap.curves["x"][:2] == [1 / 11, 2 / 11] and snap.curves["x"][-1] == 2.0
    assert [row["epoch"] for row in snap.epochs] == [1, 2]
    assert all(row["val_accuracy"] is not None and row["seconds"] > 0 for row in snap.epochs)
    assert snap.epochs[1]["loss"] < snap.curves["loss"][0]
    assert snap.epoch == 2 and snap.epoch_progress == 1.0 and snap.evaluating  # the test began
    assert snap.images_per_s > 0 and snap.total_epochs == 2
    assert result.history["val_accuracy"] == [row["val_accuracy"] for row in snap.epochs]
    assert 0.3 < result.test_accuracy <= 1.0  # far better than 10% chance after 720 pictures
    assert result.model.count_params() == 421_642


def test_several_batches_per_call_train_exactly_like_one_batch_per_call(small_fashion, monkeypatch):
    """Keras trains up to 8 batches per call into TensorFlow (``steps_per_call``). An epoch of 106
    batches ends with a call of 2: the run must train the same batches in the same order, with the
    same learning rates, as a run of one batch per call, and report every batch once."""
    config = TrainConfig(preset="small", subset=1700, epochs=2, batch_size=16, validation_split=0.0,
                         lr_schedule="cosine", seed=3)
    assert training.steps_per_call(16, 2 * 106) == 8
    grouped, grouped_snap = fit(config, small_fashion)
    monkeypatch.setattr(training, "MAX_STEPS_PER_CALL", 1)
    single, single_snap = fit(config, small_fashion)

    assert grouped_snap.batches_done == single_snap.batches_done == 212
    calls = [8 * call / 106 for call in range(1, 14)] + [1.0]  # 13 calls of 8, then 2 to end the epoch
    np.testing.assert_allclose(grouped_snap.curves["x"], calls + [1 + x for x in calls])
    assert len(single_snap.curves["x"]) > len(grouped_snap.curves["x"])
    for name, values in single.history.items():
        np.testing.assert_allclose(grouped.history[name], values, rtol=1e-5, err_msg=name)
    for got, want in zip(grouped.model.get_weights(), single.model.get_weights()):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-5)
    assert grouped.test_accuracy == single.test_accuracy


def test_the_speed_leaves_out_the_first_batch_which_also_builds_the_graph(small_fashion):
    class SlowFirstBatch(keras.callbacks.Callback):  # stands in for a long graph build
        def on_train_batch_begin(self, batch, logs=None):
            if batch == 0 and not getattr(self, "done", False):
                self.done = True
                time.sleep(3.0)

    config = TrainConfig(preset="small", subset=800, epochs=1, batch_size=32, validation_split=0.0)
    _, snap = fit(config, small_fashion, callbacks=[SlowFirstBatch()])
    assert snap.batches_done == 25
    # The rate counts batches 2..25 (768 pictures) over their own time, which is at most the run's
    # time less the 3-s stall; had the stall been counted, the rate would be below that bound.
    assert snap.images_per_s >= 768 / (snap.elapsed_s - 3.0)


def test_same_seed_gives_the_same_curves_and_another_seed_does_not(small_fashion):
    # Dropout draws random numbers too: seeded per layer, it repeats with the seed.
    config = TrainConfig(preset="custom", model_options={"conv_blocks": 1, "filters": 8, "dropout": 0.5},
                         subset=300, epochs=1, batch_size=32, precision="float32")
    runs = [fit(config, small_fashion) for _ in range(2)] + [fit(dataclasses.replace(config, seed=1), small_fashion)]
    losses = [np.array(snap.curves["loss"]) for _, snap in runs]
    np.testing.assert_allclose(losses[0], losses[1], rtol=1e-6, atol=1e-7)
    assert runs[0][0].test_accuracy == pytest.approx(runs[1][0].test_accuracy, abs=1e-6)
    assert not np.allclose(losses[0], losses[2])


def test_stop_ends_within_a_call_keeps_the_model_and_still_tests_it(small_fashion):
    reporter = jobs.ProgressReporter(flush_seconds=0.0)
    config = TrainConfig(subset=3000, epochs=3, batch_size=16)  # 168 batches per epoch, 8 per call
    result, snap = fit(config, small_fashion, callbacks=[StopAfterFirstBatch(reporter)], reporter=reporter)
    # stop came while the first call's 8 batches were being recorded: one more call runs, then training ends.
    assert snap.batches_done == 2 * 8
    assert snap.epoch == 1 and snap.epoch_progress < 0.1 and len(snap.epochs) == 1
    assert result.model is not None and result.test_accuracy is not None


def test_an_error_in_a_callback_fails_the_job_with_where_and_why():
    snap = run_job(TrainConfig(preset="small", subset=300, epochs=1, batch_size=32), callbacks=[FailAt(2)])
    assert snap.state == jobs.FAILED and snap.test_accuracy is None
    assert snap.error_key == "train.err_failed_at"
    assert snap.error_values == {"epoch": 1, "batch": 3, "reason": "RuntimeError: sensor unplugged"}


def test_every_training_pipeline_runs_without_tf_data_autotuning():
    """Autotuning's thread could hold up the end of a run by 1-1.6 s (see ``without_autotuning``):
    the trainer's, the tests', the augmented and the transfer head's pipelines all leave it off."""
    from cnn_core import augment, transfer

    images, labels = np.zeros((40, 28, 28, 1), np.uint8), np.arange(40, dtype=np.int64) % 4
    pipelines = {
        "train": training.EpochBatches(images, labels, 8, seed=0, epochs=1).dataset,
        "eval": training.eval_pipeline(images, labels),
        "augmented": training.EpochBatches(images, labels, 8, seed=0, epochs=1).map(augment.map_batches).dataset,
        "transfer": transfer.epoch_batches(images, labels, epochs=1, batch_size=8, seed=0, augment=False),
    }
    assert {name: data.options().autotune.enabled for name, data in pipelines.items()} == \
        dict.fromkeys(pipelines, False)
    assert sum(len(label) for _, label in pipelines["augmented"]) == 40  # still a working pipeline


def test_an_error_inside_the_data_pipeline_fails_the_job(monkeypatch):
    import tensorflow as tf

    class BrokenBatches(training.EpochBatches):
        def __init__(self, *args):
            super().__init__(*args)

            def check(index, image, label):
                tf.debugging.assert_less(index, tf.constant(3, tf.int64), message="corrupt batch in the data")
                return image, label

            self.map(lambda data: data.enumerate().map(lambda index, batch: check(index, *batch)))

    monkeypatch.setattr(training, "EpochBatches", BrokenBatches)
    snap = run_job(TrainConfig(preset="small", subset=300, epochs=1, batch_size=32))
    assert snap.state == jobs.FAILED and snap.error_key == "train.err_failed_at"
    assert "corrupt batch in the data" in snap.error_values["reason"]
    assert snap.batches_done == 3


def test_a_stopped_job_before_it_began_never_trains():
    job = jobs.LocalJob(jobs.JobSpec.training(TrainConfig(preset="small", subset=300, epochs=1)))
    job.stop()
    assert job.start().wait(TIMEOUT)
    snap = job.snapshot()
    assert snap.state == jobs.STOPPED and snap.batches_done == 0 and job.model is None


def test_training_slots_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("FCL_MAX_TRAINING_JOBS", "3")
    assert cluster.slot_count() == 3
    monkeypatch.delenv("FCL_MAX_TRAINING_JOBS")
    monkeypatch.setattr(cluster.os, "cpu_count", lambda: 8)
    assert (cluster.slot_count(), cluster.cores_per_slot()) == (4, 2)
    monkeypatch.setattr(cluster.os, "cpu_count", lambda: 1)
    assert (cluster.slot_count(), cluster.cores_per_slot()) == (1, 1)


def test_the_cli_trains_a_presets_recipe_unless_a_flag_says_otherwise():
    from cnn_core import cli

    for name, preset in models.PRESETS.items():
        config = cli.config_from_args(cli.parse_args(["--preset", name]))
        assert {field: getattr(config, field) for field in preset.recipe} == preset.recipe
    changed = cli.config_from_args(cli.parse_args(["--preset", "strong", "--epochs", "2", "--batch-size", "512"]))
    strong = models.PRESETS["strong"].recipe
    assert changed.epochs == 2 and changed.lr_schedule == strong["lr_schedule"]
    assert changed.learning_rate == pytest.approx(strong["learning_rate"] * 2)  # sqrt(512 / 128)


def test_cli_choices_come_from_the_registries(monkeypatch):
    """A value added to a registry is accepted by the command line at once; others are refused."""
    from cnn_core import cli, datasets

    monkeypatch.setattr(training, "OPTIMIZERS", (*training.OPTIMIZERS, "rmsprop"))
    monkeypatch.setattr(training, "LR_SCHEDULES", (*training.LR_SCHEDULES, "step"))
    monkeypatch.setattr(models, "PRESETS", {**models.PRESETS, "extra": models.PRESETS["small"]})
    monkeypatch.setattr(datasets, "DATASETS", {**datasets.DATASETS, "kmnist": datasets.DATASETS["mnist"]})
    for flag, value in (("--optimizer", "rmsprop"), ("--lr-schedule", "step"), ("--preset", "extra"),
                        ("--dataset", "kmnist")):
        assert getattr(cli.parse_args([flag, value]), flag[2:].replace("-", "_")) == value
        with pytest.raises(SystemExit):
            cli.parse_args([flag, "no_such_choice"])
