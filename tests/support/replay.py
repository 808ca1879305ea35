"""A tiny real run with its replay timeline, for the tests of saving, reloading and showing a replay."""

from __future__ import annotations

import dataclasses
import functools

from cnn_core import datasets, jobs, training

TINY_RUN = training.TrainConfig(preset="small", epochs=2, batch_size=64, subset=640, validation_split=0.0)


@functools.lru_cache(maxsize=1)
def tiny_run():
    """``(FitResult, Timeline)`` of :data:`TINY_RUN` on the shipped Fashion-MNIST (a 300-picture test
    split keeps the final test quick), trained once per test process."""
    data = datasets.read_original_files("fashion_mnist")
    data = dataclasses.replace(data, test_images=data.test_images[:300], test_labels=data.test_labels[:300])
    reporter = jobs.ProgressReporter(flush_seconds=0.0)
    fitted = training.fit(TINY_RUN, data, reporter)
    return fitted, reporter.progress.timeline


def save_tiny_run(model_store, name: str = "tiny replay") -> str:
    """Save the tiny run with its timeline into ``model_store``; returns its run id."""
    fitted, timeline = tiny_run()
    return model_store.save(fitted.model, {"name": name, "dataset": "fashion_mnist", "preset": "small",
                                           "class_names": [str(n) for n in range(10)]}, timeline=timeline)
