"""Transfer learning: MNIST "0" and "1" as a learner's two own classes, 20 examples each, taught to
the shipped Fashion-MNIST model's frozen convolution layers; the held-out split; the job runner."""

from __future__ import annotations

import time

import keras
import numpy as np
import pytest

from cnn_core import inference, jobs, preprocess, store, transfer
from cnn_core.errors import UserError


def own_examples(dataset, split: str, per_class: int) -> tuple[np.ndarray, np.ndarray]:
    """``per_class`` digits "0" and "1" of ``split``, preprocessed as the Teach page does it."""
    images, labels = dataset.split(split)
    chosen = np.concatenate([np.flatnonzero(labels == digit)[:per_class] for digit in (0, 1)])
    pictures = np.stack([preprocess.to_model_input(images[index, :, :, 0]) for index in chosen])
    return pictures, np.asarray(labels[chosen], dtype=np.int64)


@pytest.fixture(scope="module")
def base():
    model, _ = store.pretrained("fashion_mnist")
    return model


@pytest.fixture(scope="module")
def digits(mnist):
    return own_examples(mnist, "train", 20), own_examples(mnist, "test", 100)


@pytest.fixture(scope="module")
def taught(base, digits):
    (images, labels), _ = digits
    before = [weight.copy() for weight in base.get_weights()]
    started = time.perf_counter()
    model = transfer.train_head(base, images, labels, epochs=30, augment=True, seed=0)
    return model, before, time.perf_counter() - started


def test_head_on_fashion_base_learns_two_digits_from_twenty_each(taught, digits):
    model, _, seconds = taught
    _, (test_images, test_labels) = digits
    assert len(test_labels) == 200
    evaluation = inference.evaluate(model, test_images, test_labels)
    print(f"2x20 examples: {seconds:.1f} s, 200 held-out digits: {evaluation.accuracy:.1%}")
    assert evaluation.accuracy >= 0.9
    assert model.output_shape == (None, 2)


def test_base_is_untouched_and_the_copied_layers_are_frozen(base, taught):
    model, before, _ = taught
    assert all(np.array_equal(a, b) for a, b in zip(before, base.get_weights()))
    assert all(layer.trainable for layer in base.layers)
    frozen = [layer for layer in model.layers if layer.weights and not layer.trainable]
    assert [layer.name for layer in frozen] == [layer.name for layer in transfer.feature_layers(base) if layer.weights]
    assert any(isinstance(layer, keras.layers.Conv2D) for layer in frozen)
    for layer in frozen:  # training left the borrowed weights exactly as they were
        for copied, original in zip(layer.get_weights(), base.get_layer(layer.name).get_weights()):
            assert np.array_equal(copied, original)
    assert [layer.name for layer in model.layers if layer.trainable and layer.weights] == ["head_dense", "probabilities"]


def test_from_scratch_trains_every_layer_with_fresh_weights(base, digits):
    (images, labels), _ = digits
    model = transfer.build_transfer_model(base, 2, from_scratch=True)
    assert all(layer.trainable for layer in model.layers)
    conv = model.get_layer("block1_conv")
    assert not np.array_equal(conv.get_weights()[0], base.get_layer("block1_conv").get_weights()[0])
    trained = transfer.train_head(base, images, labels, epochs=1, augment=False, from_scratch=True)
    assert trained.output_shape == (None, 2)


def test_holdout_keeps_a_share_of_every_class():
    labels = np.array([0] * 20 + [1] * 20 + [2] * 2 + [3] * 1)
    train, held = transfer.split_holdout(labels, 0.25, seed=0)
    assert set(train) | set(held) == set(range(len(labels))) and not set(train) & set(held)
    assert [int((labels[held] == label).sum()) for label in range(4)] == [5, 5, 1, 0]
    assert np.array_equal(held, transfer.split_holdout(labels, 0.25, seed=0)[1])
    assert not np.array_equal(held, transfer.split_holdout(labels, 0.25, seed=1)[1])


def test_unusable_bases_and_bad_epochs_are_refused(base, digits):
    (images, labels), _ = digits
    inputs = keras.Input((28, 28, 1), dtype="uint8")
    flat = keras.layers.Flatten()(keras.layers.Rescaling(1 / 255)(inputs))
    no_conv = keras.Model(inputs, keras.layers.Dense(10, activation="softmax")(flat))
    with pytest.raises(UserError) as err:
        transfer.feature_layers(no_conv)
    assert err.value.key == "teach.err_base_unusable"
    scaled = keras.layers.Rescaling(1 / 255)(inputs)
    left = keras.layers.Conv2D(4, 3, name="left")(scaled)
    right = keras.layers.Conv2D(4, 3, name="right")(scaled)
    branched = keras.Model(inputs, keras.layers.Dense(10)(keras.layers.Flatten()(keras.layers.Add()([left, right]))))
    with pytest.raises(UserError):
        transfer.feature_layers(branched)
    for epochs in (0, -1, 1.5, True, transfer.MAX_EPOCHS + 1):
        with pytest.raises(UserError):
            transfer.train_head(base, images, labels, epochs=epochs)


def test_runs_as_a_job_with_progress_and_a_held_out_result(base, digits):
    """The "transfer" runner through the job engine (a LocalJob: the same runner a worker runs)."""
    (images, labels), _ = digits
    config = transfer.TransferConfig(epochs=3, seed=1)
    spec = transfer.job_spec(base, images, labels, ["শূন্য", "one"], config, "fashion_mnist")
    assert jobs.runner_for("transfer") is transfer.run_transfer  # registered where it is defined
    job = jobs.LocalJob(spec).start()
    assert job.wait(120)
    snap = job.snapshot()
    assert snap.state == jobs.DONE, (snap.error_key, snap.error_values)
    assert [row["epoch"] for row in snap.epochs] == [1, 2, 3]
    assert all(row["val_accuracy"] is not None for row in snap.epochs)
    assert snap.steps_per_epoch == 2 and snap.train_images == 30
    result = job.result
    assert result.meta["class_names"] == ["শূন্য", "one"] and result.meta["holdout_count"] == 10
    assert 0 <= result.test_accuracy <= 1 and len(result.meta["holdout_per_class"]) == 2
    assert job.model.output_shape == (None, 2)


def test_a_stop_ends_the_job_early_with_a_model(base, digits):
    (images, labels), _ = digits
    spec = transfer.job_spec(base, images, labels, ["a", "b"], transfer.TransferConfig(epochs=200), "fashion_mnist")
    job = jobs.LocalJob(spec)
    job.stop()  # asked before it starts: nothing runs
    job.start()
    assert job.wait(60) and job.snapshot().state == jobs.STOPPED
    job = jobs.LocalJob(spec).start()
    deadline = time.monotonic() + 60
    while not job.snapshot().epochs and time.monotonic() < deadline:
        time.sleep(0.05)
    job.stop()
    assert job.wait(60)
    snap = job.snapshot()
    assert snap.state == jobs.STOPPED and len(snap.epochs) < 200 and job.model is not None
