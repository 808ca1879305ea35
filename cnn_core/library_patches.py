"""Every place the app reaches into another library's private internals, each guarded by a test.

These libraries have no public way to do what the app needs here, so each patch is written against
the internals of the versions in :data:`CHECKED_WITH` (pinned in ``requirements.txt``).
``tests/unit/test_library_patches.py`` checks that each internal a patch relies on is still there and
still looks as the patch assumes, and that the installed versions are the checked ones: an upgrade
fails there, loudly, instead of silently breaking a run. (Streamlit's internals have their own such
module, ``ui/server_safety.py``, as ``cnn_core`` never imports Streamlit.)

**TensorFlow Datasets' progress bars** (:func:`tfds_progress_to`): the Datasets page shows tfds'
own preparation progress while a dataset is prepared for the first time.

**TensorFlow Datasets' import** (:func:`import_tfds`): tfds imports its optional parts under
``etils.epy.lazy_imports``, which swaps ``builtins.__import__`` for the whole process while it runs.
In the app's server, another thread importing in that moment got the lazy stand-in: an AnyIO worker
thread died of "Relative import statements not supported". The swap is confined to the thread that
imports tfds.

**Keras under MultiWorkerMirroredStrategy** (:func:`patch_keras_for_multiple_workers`): two bugs
in Keras' TensorFlow trainer stop multi-worker training; a member process of
:mod:`cnn_core.multiworker` mends them before it trains.
"""

from __future__ import annotations

import builtins
import contextlib
import threading
from typing import Callable, Iterator

# The versions whose internals these patches were written against and checked with.
CHECKED_WITH = {"keras": "3.15.1", "tensorflow_datasets": "4.9.10", "etils": "1.15.0"}


def import_tfds():
    """``tensorflow_datasets``, imported with etils' lazy-import swap confined to this thread."""
    confine_lazy_imports_to_their_thread()
    import tensorflow_datasets

    return tensorflow_datasets


def confine_lazy_imports_to_their_thread() -> None:
    """Make ``etils.epy.lazy_imports`` swap ``builtins.__import__`` for its own thread only.

    The original sets the process-wide ``builtins.__import__`` to a lazy stand-in for the length of
    its ``with`` block; this wrapper lets it, then puts a dispatcher in its place that hands the
    stand-in to the entering thread and the import it replaced to every other thread. Nested blocks
    stack: each dispatcher falls back to what was there before it. Idempotent.
    """
    from etils import epy
    from etils.epy import lazy_imports_utils

    if getattr(epy.lazy_imports, "confined_to_thread", False):
        return
    process_wide = lazy_imports_utils.lazy_imports

    @contextlib.contextmanager
    def lazy_imports(*args, **kwargs):
        before = builtins.__import__
        owner = threading.get_ident()
        with process_wide(*args, **kwargs):
            lazy_import = builtins.__import__

            def import_by_thread(*import_args, **import_kwargs):
                chosen = lazy_import if threading.get_ident() == owner else before
                return chosen(*import_args, **import_kwargs)

            builtins.__import__ = import_by_thread
            yield  # the original's exit puts ``before`` back

    lazy_imports.confined_to_thread = True
    epy.lazy_imports = lazy_imports


@contextlib.contextmanager
def tfds_progress_to(steps: Callable[[str, int, "int | None"], None] | None) -> Iterator[None]:
    """While tfds prepares a dataset, pass its own progress bars' counts on to ``steps``.

    tfds walks every long step ("Generating train examples...", "Shuffling ...") through
    ``tensorflow_datasets.core.utils.tqdm`` (private); wrapping that iterator reports each step's
    description, how many items are done and the total, at most every 1,000 items. The original is
    back when the ``with`` block ends.

    Args:
        steps: called with ``(description, done, total)``; ``None`` changes nothing.
    """
    if steps is None:
        yield
        return
    import_tfds()
    from tensorflow_datasets.core import utils as tfds_utils

    original = tfds_utils.tqdm

    def reporting_tqdm(iterable=None, *args, **kwargs):
        description = str(kwargs.get("desc", "")).strip()
        total = kwargs.get("total")
        if total is None and hasattr(iterable, "__len__"):
            total = len(iterable)

        def counted():
            done = 0
            steps(description, 0, total)
            for item in original(iterable, *args, **kwargs):
                yield item
                done += 1
                if done % 1000 == 0:
                    steps(description, done, total)
            steps(description, done, total)

        return counted()

    tfds_utils.tqdm = reporting_tqdm
    try:
        yield
    finally:
        tfds_utils.tqdm = original


def patch_keras_for_multiple_workers() -> None:
    """Mend two spots where Keras 3's TensorFlow trainer breaks under ``MultiWorkerMirroredStrategy``
    with more than one worker (keras-team/keras#20585, still open for Keras 3.15 / TensorFlow 2.21):

    * before training, Keras takes one batch to learn the input shapes and first *averages it over
      all replicas* with ``strategy.reduce``, which cannot reduce an ``(images, labels)`` pair: only
      shapes and dtypes matter, so this member builds from its own part of the batch;
    * after every step, Keras averages each replica's loss and metric values with
      ``strategy.reduce("MEAN", value, axis=0)``, which fails on those scalars: averaging them over
      the replicas (``axis=None``) is what it means to do.

    Called in the member process only, which runs nothing but this one training.
    """
    import tensorflow as tf
    from keras.src import tree
    from keras.src.backend.tensorflow import trainer

    def local_part(value):
        return value.values[0] if isinstance(value, tf.distribute.DistributedValues) else value

    def maybe_symbolic_build(self, iterator=None, data_batch=None):
        if self._distribute_strategy is None:
            return
        if iterator is not None:
            for _, _, batches in iterator:
                data_batch = tree.map_structure(local_part, next(batches))
                break
        with self.distribute_strategy.scope():
            self._symbolic_build(data_batch=data_batch)

    keras_reduce_per_replica = trainer.reduce_per_replica

    def reduce_per_replica(values, strategy, reduction):
        if reduction in ("auto", "mean") and trainer._collective_all_reduce_multi_worker(strategy):
            return tree.map_structure(lambda value: strategy.reduce("MEAN", value, axis=None), values)
        return keras_reduce_per_replica(values, strategy, reduction)

    trainer.TensorFlowTrainer._maybe_symbolic_build = maybe_symbolic_build
    trainer.reduce_per_replica = reduce_per_replica
