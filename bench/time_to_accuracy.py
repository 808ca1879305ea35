"""Seconds of training until 91% test accuracy on real Fashion-MNIST: the lesson's loop against the
app's fast recipe and its "best" recipe, run the way the Train page runs them, in one command; and
the best recipe's final accuracy and time against the lesson's full 10 epochs.

* **lesson loop** — the tutorial's pipeline and network (:mod:`baseline`), Adam at 0.001, float32,
  in this process;
* **app** — :func:`cnn_core.training.fast_config` (the Train form's defaults: batch 128, learning
  rate 0.006 gliding down by cosine over ``--app-epochs``, bfloat16 where the CPU has it) with
  ``--preset`` (default: the lesson's network), submitted as a job to a warm worker process of an
  embedded Dask cluster on 127.0.0.1 (:mod:`cnn_core.jobs`), exactly the page's path;
* **best** — the ``best`` preset's own recipe (:data:`cnn_core.models.BEST_RECIPE`, what
  ``python -m cnn_core.cli --preset best`` trains), all its epochs, once per ``--best-seeds`` seed,
  on the same warm worker. Its promise: at least 93.5% in no more training time than the lesson's
  loop takes for its 10 epochs (``best_time_vs_lesson_10_epochs`` at most 1.00).

Both train on all 60,000 training pictures (``--images`` fewer for a quick check). After every epoch the full 10,000-picture test split is
scored (in the app's case by a callback inside the worker); that scoring is *not* counted as training
time. A run ends at the target or after its epochs. The app's line also shows the wall-clock time
from submitting the job to the end of the epoch that reached the target (job start and worker
hand-over included, scoring left out). The lesson loop runs all ``--max-epochs`` (default 10, the
lesson's) so its 10-epoch time and accuracy are measured too. The last lines are
``time_to_91_ratio: X.XX`` (lesson seconds / app seconds), ``best_time_to_91_ratio``,
``best_accuracy`` per seed and ``best_time_vs_lesson_10_epochs`` (best seconds / lesson seconds).

    python bench/time_to_accuracy.py                  # half an hour on 2 cores
    python bench/time_to_accuracy.py --best-seeds 0 1 2   # the best recipe's accuracy per seed
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baseline  # noqa: E402  (same folder; puts the repository on sys.path)


def accuracy_watch(test_images, test_labels, target: float, report=print, stop_at_target: bool = True):
    """A Keras callback that scores the test split after each epoch and (``stop_at_target``) ends
    training at ``target``.

    ``seconds`` counts training only; ``report(row)`` gets ``(epoch, seconds, accuracy, wall)`` after
    each epoch, ``wall`` being ``time.time()`` when the epoch's training ended.
    """
    import keras
    import numpy as np

    class Watch(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.seconds, self.curve, self.reached_at = 0.0, [], None

        def on_epoch_begin(self, epoch, logs=None):
            self.started = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.seconds += time.perf_counter() - self.started
            wall = time.time()
            predictions = np.asarray(self.model.predict(test_images, batch_size=1000, verbose=0)).argmax(axis=1)
            accuracy = float(np.mean(predictions == test_labels))
            self.curve.append((epoch + 1, round(self.seconds, 1), round(accuracy, 4)))
            report((epoch + 1, self.seconds, accuracy, wall))
            if accuracy >= target and self.reached_at is None:
                self.reached_at = self.seconds
                self.model.stop_training = stop_at_target

    return Watch()


class WorkerWatch:
    """:func:`accuracy_watch` inside a Dask worker: reads the test split there, reports each epoch's
    row into the Dask ``Queue`` named ``queue_name``. Pickled by value into the worker (this script
    runs as ``__main__``)."""

    def __init__(self, target: float, queue_name: str, stop_at_target: bool = True):
        self.target, self.queue_name, self.stop_at_target = target, queue_name, stop_at_target

    def __reduce__(self):
        return (_worker_watch, (self.target, self.queue_name, self.stop_at_target))


def _worker_watch(target: float, queue_name: str, stop_at_target: bool = True):
    """Rebuilds the callback where it is unpickled: in the worker, with the worker's test split."""
    from distributed import Queue

    from cnn_core import jobs

    data = jobs.worker_dataset("fashion_mnist")
    queue = Queue(queue_name)
    return accuracy_watch(data.test_images, data.test_labels, target, report=lambda row: queue.put(list(row)),
                          stop_at_target=stop_at_target)


def lesson_run(data, target: float, max_epochs: int) -> dict:
    """The lesson's loop for all ``max_epochs`` (time to ``target`` read off its curve)."""
    model = baseline.compiled_lesson_model()
    test_images = data.test_images.astype("float32") / 255  # the lesson's model has no Rescaling layer
    watch = accuracy_watch(test_images, data.test_labels, target, report=show, stop_at_target=False)
    model.fit(baseline.lesson_pipeline(data.train_images, data.train_labels), epochs=max_epochs, verbose=0,
              callbacks=[watch])
    return {"reached": watch.reached_at, "curve": watch.curve, "wall": None, "seconds": watch.seconds,
            "accuracy": watch.curve[-1][2]}


def app_run(service, config, target: float, stop_at_target: bool = True) -> dict:
    """``config`` as a job on the service's warm worker, scored after every epoch."""
    from distributed import Queue

    from cnn_core import jobs

    queue_name = f"fcl-bench-tta-{uuid.uuid4().hex[:8]}"
    queue = Queue(queue_name, client=service.client())
    submitted = time.time()
    watch = WorkerWatch(target, queue_name, stop_at_target)
    handle = service.submit(jobs.JobSpec.training(config, callbacks=(watch,)), owner="bench")
    handle.wait()
    snap = handle.snapshot()
    if snap.state == jobs.FAILED:
        raise RuntimeError(f"{snap.error_key}: {snap.error_values}")
    rows = [tuple(row) for row in queue.get(batch=True)]
    for row in rows:
        show(row)
    reached = next((row for row in rows if row[2] >= target), None)
    return {"reached": None if reached is None else reached[1],
            "curve": [(epoch, round(seconds, 1), round(accuracy, 4)) for epoch, seconds, accuracy, _ in rows],
            "wall": None if reached is None else reached[3] - submitted,
            "seconds": rows[-1][1] if rows else None, "accuracy": rows[-1][2] if rows else None,
            "job_seconds": time.time() - submitted}


def show(row) -> None:
    epoch, seconds, accuracy, _ = row
    print(f"    epoch {epoch}: {seconds:6.1f} s training, test accuracy {accuracy:.4f}", flush=True)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", type=float, default=0.91)
    parser.add_argument("--max-epochs", type=int, default=10, help="the lesson loop's epochs (the lesson's 10)")
    parser.add_argument("--app-epochs", type=int, default=5, help="the app run's length (its cosine schedule's)")
    parser.add_argument("--preset", default="seed")
    parser.add_argument("--best-seeds", type=int, nargs="*", default=[0],
                        help="seeds of the best recipe's runs (none: skip them)")
    parser.add_argument("--best-epochs", type=int, default=None, help="default: the best recipe's (a quick check: fewer)")
    parser.add_argument("--images", type=int, default=60_000, help="training pictures (fewer for a quick check)")
    args = parser.parse_args(argv)

    from cnn_core import datasets, jobs, models, precision, training
    from cnn_core.jobs import cluster

    data = datasets.read_original_files("fashion_mnist")
    data = dataclasses.replace(data, train_images=data.train_images[:args.images],
                               train_labels=data.train_labels[:args.images])
    subset = None if args.images >= 60_000 else args.images
    print(baseline.cpu_flags_line())
    print(f"load average at the start: {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
    print(f"target {args.target:.0%} test accuracy; app: preset {args.preset}, batch {training.FAST_BATCH_SIZE}, "
          f"learning rate {training.FAST_LEARNING_RATE} ({training.FAST_LR_SCHEDULE} over {args.app_epochs} "
          f"epochs), {precision.machine_precision().label('en')}, in a Dask worker")
    best_recipe = {**models.PRESETS["best"].recipe, **({"epochs": args.best_epochs} if args.best_epochs else {})}
    print(f"best: preset best, recipe {best_recipe}")
    local, client = cluster.start_local_cluster(slots=1)
    service = jobs.JobService(lambda: client)
    results = {}
    try:
        print("  app:", flush=True)
        results["app"] = app_run(service, training.fast_config(preset=args.preset, epochs=args.app_epochs,
                                                               validation_split=0.0, subset=subset), args.target)
        for seed in args.best_seeds:
            print(f"  best, seed {seed}:", flush=True)
            config = training.TrainConfig(**{**best_recipe, "preset": "best", "seed": seed, "subset": subset})
            results[f"best seed {seed}"] = app_run(service, config, args.target, stop_at_target=False)
        print("  lesson loop:", flush=True)
        results["lesson loop"] = lesson_run(data, args.target, args.max_epochs)
    finally:
        service.close()
        client.close()
        local.close()
    print(f"load average at the end: {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
    for name, result in results.items():
        reached = "not reached" if result["reached"] is None else f"{result['reached']:.1f} s training"
        if result["wall"] is not None:
            reached += f" ({result['wall']:.1f} s from submitting the job)"
        print(f"{name:12s} time to {args.target:.0%}: {reached}   curve (epoch, s, acc): {result['curve']}")
    lesson = results["lesson loop"]
    for name in results:
        if name == "lesson loop":
            continue
        label = "time_to_91_ratio" if name == "app" else f"best_time_to_91_ratio ({name})"
        if lesson["reached"] is not None and results[name]["reached"] is not None:
            print(f"{label}: {lesson['reached'] / results[name]['reached']:.2f}")
        else:
            print(f"{label}: not measured (a run did not reach the target)")
    print(f"lesson_{args.max_epochs}_epochs: {lesson['seconds']:.1f} s training, test accuracy {lesson['accuracy']:.4f}")
    for seed in args.best_seeds:
        best = results[f"best seed {seed}"]
        print(f"best_accuracy (seed {seed}): {best['accuracy']:.4f} after {best['seconds']:.1f} s training "
              f"({best['job_seconds']:.1f} s from submitting the job to its end, scoring after every epoch included)")
        print(f"best_time_vs_lesson_{args.max_epochs}_epochs (seed {seed}): {best['seconds'] / lesson['seconds']:.2f}")


if __name__ == "__main__":
    main()
