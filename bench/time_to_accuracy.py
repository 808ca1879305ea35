"""Seconds of training until 91% test accuracy on real Fashion-MNIST: the lesson's loop against the
app's fast recipe run the way the Train page runs it, in one command.

* **lesson loop** — the tutorial's pipeline and network (:mod:`baseline`), Adam at 0.001, float32,
  in this process;
* **app** — :func:`cnn_core.training.fast_config` (the Train form's defaults: batch 128, learning
  rate 0.006 gliding down by cosine over ``--app-epochs``, bfloat16 where the CPU has it) with
  ``--preset`` (default: the lesson's network), submitted as a job to a warm worker process of an
  embedded Dask cluster on 127.0.0.1 (:mod:`cnn_core.jobs`), exactly the page's path.

Both train on all 60,000 training pictures (``--images`` fewer for a quick check). After every epoch the full 10,000-picture test split is
scored (in the app's case by a callback inside the worker); that scoring is *not* counted as training
time. A run ends at the target or after its epochs. The app's line also shows the wall-clock time
from submitting the job to the end of the epoch that reached the target (job start and worker
hand-over included, scoring left out). The last line is ``time_to_91_ratio: X.XX`` (lesson seconds /
app seconds).

    python bench/time_to_accuracy.py                  # a few minutes on 2 cores
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baseline  # noqa: E402  (same folder; puts the repository on sys.path)


def accuracy_watch(test_images, test_labels, target: float, report=print):
    """A Keras callback that scores the test split after each epoch and ends training at ``target``.

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
                self.model.stop_training = True

    return Watch()


class WorkerWatch:
    """:func:`accuracy_watch` inside a Dask worker: reads the test split there, reports each epoch's
    row into the Dask ``Queue`` named ``queue_name``. Pickled by value into the worker (this script
    runs as ``__main__``)."""

    def __init__(self, target: float, queue_name: str):
        self.target, self.queue_name = target, queue_name

    def __reduce__(self):
        return (_worker_watch, (self.target, self.queue_name))


def _worker_watch(target: float, queue_name: str):
    """Rebuilds the callback where it is unpickled: in the worker, with the worker's test split."""
    from distributed import Queue

    from cnn_core import jobs

    data = jobs.worker_dataset("fashion_mnist")
    queue = Queue(queue_name)
    return accuracy_watch(data.test_images, data.test_labels, target, report=lambda row: queue.put(list(row)))


def lesson_run(data, target: float, max_epochs: int) -> dict:
    model = baseline.compiled_lesson_model()
    test_images = data.test_images.astype("float32") / 255  # the lesson's model has no Rescaling layer
    watch = accuracy_watch(test_images, data.test_labels, target, report=show)
    model.fit(baseline.lesson_pipeline(data.train_images, data.train_labels), epochs=max_epochs, verbose=0,
              callbacks=[watch])
    return {"reached": watch.reached_at, "curve": watch.curve, "wall": None}


def app_run(service, preset: str, target: float, epochs: int, images: int) -> dict:
    from distributed import Queue

    from cnn_core import jobs, training

    queue_name = f"fcl-bench-tta-{uuid.uuid4().hex[:8]}"
    queue = Queue(queue_name, client=service.client())
    config = training.fast_config(preset=preset, epochs=epochs, validation_split=0.0,
                                  subset=None if images >= 60_000 else images)
    submitted = time.time()
    handle = service.submit(jobs.JobSpec.training(config, callbacks=(WorkerWatch(target, queue_name),)), owner="bench")
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
            "wall": None if reached is None else reached[3] - submitted}


def show(row) -> None:
    epoch, seconds, accuracy, _ = row
    print(f"    epoch {epoch}: {seconds:6.1f} s training, test accuracy {accuracy:.4f}", flush=True)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", type=float, default=0.91)
    parser.add_argument("--max-epochs", type=int, default=12, help="the lesson loop's limit")
    parser.add_argument("--app-epochs", type=int, default=5, help="the app run's length (its cosine schedule's)")
    parser.add_argument("--preset", default="seed")
    parser.add_argument("--images", type=int, default=60_000, help="training pictures (fewer for a quick check)")
    args = parser.parse_args(argv)

    from cnn_core import datasets, jobs, precision, training
    from cnn_core.jobs import cluster

    data = datasets.read_original_files("fashion_mnist")
    data = dataclasses.replace(data, train_images=data.train_images[:args.images],
                               train_labels=data.train_labels[:args.images])
    print(baseline.cpu_flags_line())
    print(f"target {args.target:.0%} test accuracy; app: preset {args.preset}, batch {training.FAST_BATCH_SIZE}, "
          f"learning rate {training.FAST_LEARNING_RATE} ({training.FAST_LR_SCHEDULE} over {args.app_epochs} "
          f"epochs), {precision.machine_precision().label('en')}, in a Dask worker")
    local, client = cluster.start_local_cluster(slots=1)
    service = jobs.JobService(lambda: client)
    results = {}
    try:
        print("  app:", flush=True)
        results["app"] = app_run(service, args.preset, args.target, args.app_epochs, args.images)
        print("  lesson loop:", flush=True)
        results["lesson loop"] = lesson_run(data, args.target, args.max_epochs)
    finally:
        service.close()
        client.close()
        local.close()
    for name, result in results.items():
        reached = "not reached" if result["reached"] is None else f"{result['reached']:.1f} s training"
        if result["wall"] is not None:
            reached += f" ({result['wall']:.1f} s from submitting the job)"
        print(f"{name:12s} time to {args.target:.0%}: {reached}   curve (epoch, s, acc): {result['curve']}")
    lesson, app = results["lesson loop"]["reached"], results["app"]["reached"]
    if lesson is not None and app is not None:
        print(f"time_to_91_ratio: {lesson / app:.2f}")
    else:
        print("time_to_91_ratio: not measured (a run did not reach the target)")


if __name__ == "__main__":
    main()
