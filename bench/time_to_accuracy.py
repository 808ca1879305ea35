"""Seconds of training until 91% test accuracy on real Fashion-MNIST: the lesson's loop against the
app's fast configuration, in one process.

* **lesson loop** — the tutorial's pipeline (float ``map(normalize)``, ``shuffle``, ``batch(32)``) and
  network, Adam at 1e-3;
* **app fast** — :func:`cnn_core.training.fit` with :func:`cnn_core.training.fast_config`
  (the lesson's network, bigger batches, learning rate scaled with the batch).

Both train on all 60,000 training pictures. After every epoch the full 10,000-picture test split is
scored; that scoring is *not* counted as training time. A run ends at the target or after
``--max-epochs``. The last line is ``time_to_91_ratio: X.XX`` (lesson seconds / app seconds).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from train_throughput import lesson_model  # noqa: E402  (same folder)


def accuracy_watch(test_images, test_labels, target: float, scale: bool, stop_job=None):
    """A Keras callback that scores the test split after each epoch and stops at ``target``.

    ``seconds`` counts training only; ``scale`` divides pictures by 255 first (the lesson's model has
    no Rescaling layer); ``stop_job`` also ends an app job through its own stop(), like the Stop button.
    """
    import keras
    import numpy as np

    images = test_images.astype("float32") / 255 if scale else test_images

    class Watch(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.seconds, self.curve, self.reached_at = 0.0, [], None

        def on_epoch_begin(self, epoch, logs=None):
            self.started = time.perf_counter()

        def on_epoch_end(self, epoch, logs=None):
            self.seconds += time.perf_counter() - self.started
            predictions = np.asarray(self.model.predict(images, batch_size=1000, verbose=0)).argmax(axis=1)
            accuracy = float(np.mean(predictions == test_labels))
            self.curve.append((epoch + 1, round(self.seconds, 1), round(accuracy, 4)))
            print(f"    epoch {epoch + 1}: {self.seconds:6.1f} s training, test accuracy {accuracy:.4f}", flush=True)
            if accuracy >= target and self.reached_at is None:
                self.reached_at = self.seconds
                if stop_job is not None:
                    stop_job()  # the job ends as "stopped", like the Stop button ...
                self.model.stop_training = True  # ... and Keras does not begin another epoch

    return Watch()


def lesson_run(data, target: float, max_epochs: int):
    import tensorflow as tf

    def normalize(images, labels):
        return tf.cast(images, tf.float32) / 255, labels

    train = (tf.data.Dataset.from_tensor_slices((data.train_images, data.train_labels))
             .map(normalize).shuffle(len(data.train_images)).batch(32))
    model = lesson_model()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    watch = accuracy_watch(data.test_images, data.test_labels, target, scale=True)
    model.fit(train, epochs=max_epochs, verbose=0, callbacks=[watch])
    return watch


def app_run(data, target: float, max_epochs: int):
    from cnn_core import jobs, training

    config = training.fast_config(preset="seed", epochs=max_epochs, validation_split=0.0)
    reporter = jobs.ProgressReporter()
    watch = accuracy_watch(data.test_images, data.test_labels, target, scale=False, stop_job=reporter.request_stop)
    training.fit(config, data, reporter, callbacks=[watch])
    return watch


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", type=float, default=0.91)
    parser.add_argument("--max-epochs", type=int, default=12)
    args = parser.parse_args(argv)

    from cnn_core import datasets, training

    data = datasets.load("fashion_mnist")
    print(f"target {args.target:.0%} test accuracy; app fast config: batch {training.FAST_BATCH_SIZE}, "
          f"learning rate {training.FAST_LEARNING_RATE:.5f}")
    results = {}
    for name, run in (("lesson loop", lesson_run), ("app fast", app_run)):
        print(f"  {name}:", flush=True)
        results[name] = run(data, args.target, args.max_epochs)
    for name, watch in results.items():
        reached = "not reached" if watch.reached_at is None else f"{watch.reached_at:.1f} s"
        print(f"{name:12s} time to {args.target:.0%}: {reached}   curve (epoch, s, acc): {watch.curve}")
    lesson, app = results["lesson loop"].reached_at, results["app fast"].reached_at
    if lesson is not None and app is not None:
        print(f"time_to_91_ratio: {lesson / app:.2f}")


if __name__ == "__main__":
    main()
