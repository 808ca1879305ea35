"""Guards for cnn_core.library_patches: each private internal of Keras and TensorFlow Datasets that a
patch relies on is still there and still looks as the patch assumes, and the installed versions are
the ones the patches were checked with. An upgrade that changes one fails here, loudly."""

from __future__ import annotations

import inspect
from importlib import metadata
from unittest import mock

import pytest

from cnn_core import library_patches


@pytest.mark.parametrize("package", sorted(library_patches.CHECKED_WITH))
def test_the_installed_version_is_the_one_the_patches_were_checked_with(package):
    installed = metadata.version(package.replace("_", "-"))
    assert installed == library_patches.CHECKED_WITH[package], (
        f"{package} is now {installed}: re-check the internals cnn_core/library_patches.py patches "
        "(this file's other tests), then update CHECKED_WITH")


# ---------------------------------------------------------------------------- tfds' progress bars

def test_tfds_still_walks_its_long_steps_through_utils_tqdm():
    from tensorflow_datasets.core import split_builder, writer

    for module in (split_builder, writer):  # generating the examples, then shuffling and writing them
        source = inspect.getsource(module)
        assert "from tensorflow_datasets.core import utils" in source and "utils.tqdm(" in source, module.__name__


def test_tfds_progress_reaches_the_callback_and_the_original_comes_back():
    from tensorflow_datasets.core import utils as tfds_utils

    original = tfds_utils.tqdm
    seen = []
    with library_patches.tfds_progress_to(lambda *step: seen.append(step)):
        items = list(tfds_utils.tqdm(range(2500), desc="Generating train examples...", total=2500, disable=True))
    assert items == list(range(2500))
    assert seen == [("Generating train examples...", done, 2500) for done in (0, 1000, 2000, 2500)]
    assert tfds_utils.tqdm is original
    with library_patches.tfds_progress_to(None):
        assert tfds_utils.tqdm is original  # no callback: nothing is patched


# ----------------------------------------------------------------------------- tfds' lazy imports

def test_etils_lazy_imports_still_swaps_the_process_wide_import():
    from etils.epy import lazy_imports_utils

    source = inspect.getsource(lazy_imports_utils.lazy_imports)
    assert "builtins.__import__ = functools.partial" in source
    assert "builtins.__import__ = original_import" in source


def test_a_lazy_import_block_leaves_other_threads_with_real_imports():
    """While one thread sits inside ``epy.lazy_imports`` (as tfds' own import does), another thread's
    ``import`` statements still import for real; the entering thread still gets lazy stand-ins."""
    import builtins
    import threading

    from etils import epy

    library_patches.confine_lazy_imports_to_their_thread()
    library_patches.confine_lazy_imports_to_their_thread()  # twice changes nothing
    real_import = builtins.__import__
    inside, done = threading.Event(), threading.Event()
    seen = {}

    def other_thread():
        inside.wait(10)
        import json
        from email import message

        seen["json"], seen["message"] = json, message
        done.set()

    worker = threading.Thread(target=other_thread)
    worker.start()
    with epy.lazy_imports():
        inside.set()
        assert done.wait(10)
        import a_module_that_does_not_exist_anywhere as lazy_stand_in  # noqa: F401  (lazy: no error)
    worker.join(10)

    assert type(lazy_stand_in).__name__ == "LazyModule"
    import email.message
    import json
    assert seen == {"json": json, "message": email.message}
    assert builtins.__import__ is real_import


# ------------------------------------------------------------- Keras under MultiWorkerMirroredStrategy

def test_keras_still_reduces_the_first_batch_and_the_step_values_the_way_the_patch_mends():
    """Both bugs of keras-team/keras#20585 are still in the trainer: once Keras fixes one, this fails
    and the patch's part for it can go."""
    from keras.src.backend.tensorflow import trainer

    build = inspect.getsource(trainer.TensorFlowTrainer._maybe_symbolic_build)
    assert "self.distribute_strategy.reduce(" in build and "self._symbolic_build(data_batch=data_batch)" in build
    assert list(inspect.signature(trainer.TensorFlowTrainer._maybe_symbolic_build).parameters) == [
        "self", "iterator", "data_batch"]
    reduce = inspect.getsource(trainer.reduce_per_replica)
    assert 'strategy.reduce("MEAN", v, axis=0)' in reduce
    assert list(inspect.signature(trainer.reduce_per_replica).parameters) == ["values", "strategy", "reduction"]
    assert callable(trainer._collective_all_reduce_multi_worker)


def test_the_keras_patch_changes_only_multi_worker_runs(monkeypatch):
    import tensorflow as tf
    from keras.src.backend.tensorflow import trainer

    original_reduce = trainer.reduce_per_replica
    monkeypatch.setattr(trainer, "reduce_per_replica", original_reduce)  # put back after the test
    monkeypatch.setattr(trainer.TensorFlowTrainer, "_maybe_symbolic_build",
                        trainer.TensorFlowTrainer._maybe_symbolic_build)
    library_patches.patch_keras_for_multiple_workers()
    assert trainer.reduce_per_replica is not original_reduce

    # One process, one device: the patched reduction gives what Keras gives.
    strategy = tf.distribute.get_strategy()
    values = {"loss": tf.constant(0.5), "accuracy": tf.constant(0.75)}
    assert {name: float(value) for name, value in trainer.reduce_per_replica(values, strategy, "auto").items()} \
        == {"loss": 0.5, "accuracy": 0.75}

    # Several workers: the step's scalars are averaged over the replicas (axis=None), not along axis 0.
    multi_worker = mock.Mock()
    with mock.patch.object(trainer, "_collective_all_reduce_multi_worker", return_value=True):
        trainer.reduce_per_replica({"loss": 1.0}, multi_worker, "mean")
    multi_worker.reduce.assert_called_once_with("MEAN", 1.0, axis=None)

    # Without a distribution strategy the build is left to the first traced step, as in Keras.
    model = mock.Mock(_distribute_strategy=None)
    assert trainer.TensorFlowTrainer._maybe_symbolic_build(model, iterator=iter(())) is None
    model._symbolic_build.assert_not_called()
