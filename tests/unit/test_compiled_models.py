"""A worker reuses its compiled networks between runs (:class:`cnn_core.training.CompiledModels`):
a run on a reused network must give exactly what a new network gives for the same seed, whatever
the run before it left behind (weights, BatchNorm statistics, dropout's random state, Adam's slots
and step counter, metrics, the learning-rate schedule)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from cnn_core import jobs, timeline, training
from cnn_core.training import TrainConfig


@pytest.fixture(scope="module")
def small_fashion(fashion):
    """1,200 training and 300 test pictures of real Fashion-MNIST: runs of a few seconds."""
    return dataclasses.replace(fashion, train_images=fashion.train_images[:1200],
                               train_labels=fashion.train_labels[:1200],
                               test_images=fashion.test_images[:300], test_labels=fashion.test_labels[:300])


# "strong" has BatchNorm (moving statistics) and Dropout (a random state that moves every batch)
RUN = TrainConfig(preset="strong", epochs=2, batch_size=64, learning_rate=0.006, lr_schedule="cosine",
                  validation_split=0.1, seed=1)
# a different run on the same compiled network: other weights, rate, schedule and length
OTHER_RUN = dataclasses.replace(RUN, seed=5, learning_rate=0.02, lr_schedule="constant", epochs=1)


def run(config, dataset, compiled=None, frames=None):
    """:func:`training.fit` with a fresh reporter; its replay frames are added to ``frames`` when given."""
    reporter = jobs.ProgressReporter(flush_seconds=0.0)
    result = training.fit(config, dataset, reporter, compiled=compiled)
    reporter.flush()
    if frames is not None:
        frames.extend(reporter.progress.timeline.frames)
    return result


def same_frames(got: list, want: list) -> None:
    """Two replays show the same moments: the same batches, kernels, maps and probabilities."""
    assert [frame.batch for frame in got] == [frame.batch for frame in want]
    for mine, theirs in zip(got, want):
        for name in ("filters", "probabilities", "class_accuracy"):
            np.testing.assert_allclose(getattr(mine, name).astype(np.float32),
                                       getattr(theirs, name).astype(np.float32), rtol=1e-2, atol=1e-3,
                                       err_msg=f"{name} at batch {mine.batch}")
        for layer, (maps, other) in enumerate(zip(mine.maps, theirs.maps)):
            assert np.abs(maps.astype(int) - other.astype(int)).max() <= 1, f"layer {layer} at batch {mine.batch}"


def kept_network(compiled, config, dataset):
    """The cached network of ``config`` (taken out and put back, so the cache is unchanged)."""
    from cnn_core import precision

    pictures = training.split_sizes(config.subset or len(dataset.train_images), config.validation_split)[0]
    total_batches = config.epochs * (pictures // config.batch_size)
    key = training.CompiledModels.key(config, len(dataset.class_names), precision.choose(config.precision).policy,
                                      training.steps_per_call(config.batch_size, total_batches))
    kept = compiled.take(key)
    if kept is not None:
        compiled.put_back(key, kept)
    return kept


@pytest.mark.parametrize("batch_size, other_epochs", [(64, 1), (8, 2)])  # 1 batch per call into TensorFlow; 8
def test_a_reused_network_trains_exactly_like_a_new_one(small_fashion, monkeypatch, batch_size, other_epochs):
    run_ = dataclasses.replace(RUN, batch_size=batch_size)
    other_run = dataclasses.replace(OTHER_RUN, batch_size=batch_size, epochs=other_epochs)
    built = []
    compile_new = training._compile_new
    monkeypatch.setattr(training, "_compile_new", lambda *args: built.append(args) or compile_new(*args))
    compiled = training.CompiledModels()

    looks = []  # the replay's traced look at the network: once per network, not once per run
    look_of = timeline._look_of
    monkeypatch.setattr(timeline, "_look_of", lambda *args: looks.append(look_of(*args)) or looks[-1])

    run(other_run, small_fashion, compiled)
    kept = kept_network(compiled, run_, small_fashion)
    reused_frames, new_frames = [], []
    reused = run(run_, small_fashion, compiled, reused_frames)
    assert len(built) == 1, "the second run must reuse the first run's compiled network"
    assert kept_network(compiled, run_, small_fashion) is kept
    assert len(looks) == 2 and looks[0] is looks[1], "the second run must reuse the network's traced look"

    new = run(run_, small_fashion, frames=new_frames)  # a network built and compiled for this run alone
    assert len(built) == 2
    assert reused.history.keys() == new.history.keys()
    for name, values in new.history.items():
        np.testing.assert_allclose(reused.history[name], values, rtol=1e-6, err_msg=name)
    assert reused.test_accuracy == new.test_accuracy
    assert reused.test_loss == pytest.approx(new.test_loss, rel=1e-6)
    for got, want in zip(reused.model.get_weights(), new.model.get_weights()):  # BatchNorm statistics included
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)
    same_frames(reused_frames, new_frames)  # and its replay shows the same


def test_nothing_of_the_last_run_is_left_in_the_optimizer_or_the_schedule(small_fashion):
    compiled = training.CompiledModels()
    run(OTHER_RUN, small_fashion, compiled)
    kept = kept_network(compiled, RUN, small_fashion)
    optimizer = kept.train_model.optimizer
    assert int(optimizer.iterations.numpy()) == 16  # one epoch of 1,080 pictures in batches of 64

    run(RUN, small_fashion, compiled)
    steps = 2 * 16
    assert int(optimizer.iterations.numpy()) == steps  # counted from zero again, not from 16
    # the rate of the last step follows this run's cosine, not the last run's constant 0.02
    expected = 0.006 * ((1 - 0.01) * 0.5 * (1 + np.cos(np.pi * 1.0)) + 0.01)
    assert float(kept.schedule(optimizer.iterations)) == pytest.approx(expected, rel=1e-5)
    assert float(kept.schedule(0)) == pytest.approx(0.006, rel=1e-6)


def test_the_model_handed_back_is_the_runs_own_and_a_later_run_leaves_it_alone(small_fashion):
    compiled = training.CompiledModels()
    first = run(RUN, small_fashion, compiled)
    weights = [weight.copy() for weight in first.model.get_weights()]
    kept = kept_network(compiled, RUN, small_fashion)
    assert first.model is not kept.train_model
    run(dataclasses.replace(RUN, seed=7), small_fashion, compiled)
    for got, want in zip(first.model.get_weights(), weights):
        np.testing.assert_array_equal(got, want)
    assert first.model.dtype_policy.name == "float32"


def test_runs_with_other_batch_sizes_get_their_own_network_and_the_oldest_makes_room(small_fashion):
    compiled = training.CompiledModels(capacity=1)
    run(dataclasses.replace(RUN, epochs=1), small_fashion, compiled)
    run(dataclasses.replace(RUN, epochs=1, batch_size=32), small_fashion, compiled)
    assert len(compiled) == 1
    only = dataclasses.replace(RUN, batch_size=32)
    assert kept_network(compiled, only, small_fashion) is not None
