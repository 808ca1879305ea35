"""Training speed: the lesson's own input loop against this app's trainer, in one process.

Both train the lesson's network (same architecture, same Adam) on the same synthetic ``uint8``
28x28 pictures:

* **lesson loop** — what the tutorial does: ``tf.data`` over the pictures, ``map(normalize)`` (cast to
  float32, divide by 255), ``shuffle``, ``batch(32)``, ``model.fit``;
* **app** — :func:`cnn_core.training.fit`, what a Train page job runs in its worker (uint8 batches cut
  with ``tf.gather`` from seeded index permutations, ``Rescaling`` inside the model, a per-batch
  metrics recorder), at several batch sizes;
* **candidate** — ``steps_per_execution`` (several batches per Python round trip) on the app's pipeline;
* **kernel ceiling** — a bare ``tf.function`` running a whole epoch of train steps on in-memory batches:
  how fast TensorFlow's own kernels train this network on this CPU, with no trainer around them.

Every configuration runs ``--rounds`` times, round-robin, so background load hits them alike; the
first epoch of each run (graph tracing) is not timed, and each configuration reports its best epoch.
The last line is ``speedup_vs_seed_loop: X.XX`` for the fastest app configuration.

    python bench/train_throughput.py --quick     # under a minute on a quiet 2-core machine
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402


def cpu_has_native_bf16() -> bool:
    """bfloat16 only pays off on CPUs with bf16 instructions (AVX512-BF16 or AMX)."""
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def synthetic_dataset(count: int):
    """A :class:`cnn_core.datasets.Dataset` of random pictures with labels that depend on them."""
    from cnn_core.datasets import Dataset

    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (count + 512, 28, 28, 1), dtype=np.uint8)
    labels = (images.reshape(len(images), -1)[:, :10].argmax(axis=1)).astype(np.int64)
    return Dataset(name="synthetic", info=None, class_names=[str(i) for i in range(10)], source="synthetic",
                   source_detail="", data_dir=Path("."), train_images=images[:count], train_labels=labels[:count],
                   test_images=images[count:], test_labels=labels[count:], load_seconds=0.0)


class EpochTimer:
    """Keras callback: seconds of every epoch."""

    def __new__(cls):
        import keras

        class Timer(keras.callbacks.Callback):
            def __init__(self):
                super().__init__()
                self.seconds = []

            def on_epoch_begin(self, epoch, logs=None):
                self.started = time.perf_counter()

            def on_epoch_end(self, epoch, logs=None):
                self.seconds.append(time.perf_counter() - self.started)

        return Timer()


def lesson_model():
    """The tutorial's network as it wrote it: float input already scaled to 0..1."""
    import keras

    return keras.Sequential([
        keras.Input((28, 28, 1)),
        keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2, strides=2),
        keras.layers.Conv2D(64, 3, padding="same", activation="relu"),
        keras.layers.MaxPooling2D(2, strides=2),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10, activation="softmax"),
    ])


def lesson_loop(data, epochs: int) -> list[float]:
    """Epoch seconds of the tutorial's pipeline and fit."""
    import tensorflow as tf

    def normalize(images, labels):
        return tf.cast(images, tf.float32) / 255, labels

    count = len(data.train_images)
    train = (tf.data.Dataset.from_tensor_slices((data.train_images, data.train_labels))
             .map(normalize).shuffle(count).batch(32))
    model = lesson_model()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    timer = EpochTimer()
    model.fit(train, epochs=epochs, verbose=0, callbacks=[timer])
    return timer.seconds


def app_trainer(data, epochs: int, batch_size: int) -> list[float]:
    """Epoch seconds of the app's trainer (no validation split, so only training is timed)."""
    from cnn_core import jobs, training

    config = training.TrainConfig(dataset="synthetic", preset="seed", epochs=epochs, batch_size=batch_size,
                                  learning_rate=1e-3 * (batch_size / 32) ** 0.5, validation_split=0.0)
    reporter = jobs.ProgressReporter()
    training.fit(config, data, reporter)
    return [row["seconds"] for row in reporter.progress.snapshot().epochs]


def steps_per_execution(data, epochs: int, batch_size: int, steps: int) -> list[float]:
    """The app's pipeline and model with ``steps`` batches per call into TensorFlow."""
    import keras

    from cnn_core import models, training

    count = len(data.train_images)
    model = models.build_model("seed")
    model.compile(optimizer=keras.optimizers.Adam(1e-3 * (batch_size / 32) ** 0.5), loss="sparse_categorical_crossentropy", metrics=["accuracy"],
                  steps_per_execution=steps, jit_compile=False)
    timer = EpochTimer()
    batches = training.train_pipeline(data.train_images, data.train_labels, batch_size, 0, epochs)
    model.fit(batches, epochs=epochs, steps_per_epoch=-(-count // batch_size), verbose=0, callbacks=[timer])
    return timer.seconds


def kernel_ceiling(data, epochs: int, batch_size: int) -> list[float]:
    """Epoch seconds with nothing around TensorFlow's kernels: the upper bound for any trainer here.

    One ``tf.function`` runs a whole epoch of train steps (forward, gradients, Adam) over batches that
    already sit in memory as one tensor: no ``model.fit``, no callbacks, no input pipeline, no Python
    between batches. Whatever a trainer adds on top can only make it slower.
    """
    import keras
    import tensorflow as tf

    from cnn_core import models

    steps = len(data.train_images) // batch_size
    images = tf.constant(data.train_images[: steps * batch_size].reshape(steps, batch_size, 28, 28, 1))
    labels = tf.constant(data.train_labels[: steps * batch_size].reshape(steps, batch_size))
    model = models.build_model("seed")
    optimizer = keras.optimizers.Adam(1e-3 * (batch_size / 32) ** 0.5)
    optimizer.build(model.trainable_variables)
    loss_of = keras.losses.SparseCategoricalCrossentropy()

    @tf.function(jit_compile=False)
    def one_epoch():
        for step in tf.range(steps):
            with tf.GradientTape() as tape:
                loss = loss_of(labels[step], model(images[step], training=True))
            optimizer.apply(tape.gradient(loss, model.trainable_variables), model.trainable_variables)
        return loss

    seconds = []
    for _ in range(epochs):
        started = time.perf_counter()
        one_epoch().numpy()
        seconds.append(time.perf_counter() - started)
    return seconds


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="8,192 pictures, 1 round (under a minute)")
    parser.add_argument("--images", type=int, default=None)
    parser.add_argument("--epochs", type=int, default=None, help="epochs per run; the first is not timed")
    parser.add_argument("--rounds", type=int, default=None)
    args = parser.parse_args(argv)
    count = args.images or (8192 if args.quick else 30_000)
    epochs = args.epochs or (2 if args.quick else 3)
    rounds = args.rounds or (1 if args.quick else 2)

    import tensorflow as tf

    data = synthetic_dataset(count)
    print(f"tensorflow {tf.__version__}, {os.cpu_count()} CPUs, {count} pictures, {epochs} epochs/run "
          f"(first untimed), {rounds} round(s)")
    print("bfloat16: " + ("this CPU has native bf16, not measured here" if cpu_has_native_bf16() else
                          "skipped: no avx512_bf16/amx_bf16 on this CPU, so float32 is the fast choice"))
    configs = {
        "lesson loop (float map, shuffle, batch 32)": lambda: lesson_loop(data, epochs),
        "app trainer, batch 32": lambda: app_trainer(data, epochs, 32),
        "app trainer, batch 128 (fast config)": lambda: app_trainer(data, epochs, 128),
        "app trainer, batch 256": lambda: app_trainer(data, epochs, 256),
        "candidate: app pipeline, batch 128, steps_per_execution 8": lambda: steps_per_execution(data, epochs, 128, 8),
        "kernel ceiling: one tf.function per epoch, batch 128": lambda: kernel_ceiling(data, epochs, 128),
    }
    best: dict[str, float] = {}
    for _ in range(rounds):
        for name, run in configs.items():
            seconds = run()[1:]
            rate = count / min(seconds)
            best[name] = max(best.get(name, 0.0), rate)
            print(f"  {name:60s} {rate:8.0f} img/s", flush=True)
    print("best of rounds:")
    for name, rate in best.items():
        print(f"  {name:60s} {rate:8.0f} img/s")
    lesson = best["lesson loop (float map, shuffle, batch 32)"]
    app_best_name = max((name for name in best if name.startswith("app trainer")), key=best.get)
    print(f"fastest app configuration: {app_best_name}")
    ceiling = best["kernel ceiling: one tf.function per epoch, batch 128"]
    print(f"ceiling_vs_seed_loop: {ceiling / lesson:.2f}   (no trainer built on these kernels can beat this here)")
    print(f"speedup_vs_seed_loop: {best[app_best_name] / lesson:.2f}")


if __name__ == "__main__":
    main()
