"""Training speed: the lesson's own input loop against this app's trainer, on the same pictures.

Everything trains the lesson's network (same architecture, same Adam) on the first ``--images``
real Fashion-MNIST training pictures (read straight from the shipped files):

* **lesson loop** — what the tutorial does (:mod:`baseline`): ``tf.data`` over the pictures,
  ``map(normalize)``, ``shuffle``, ``batch(32)``, ``model.fit``, float32;
* **app** — :func:`cnn_core.training.fit`, what a Train page job runs (uint8 batches cut with
  ``tf.gather`` from seeded index permutations, ``Rescaling`` inside the model, the job engine's
  progress reporter), at several batch sizes, in float32 and — where the CPU computes it natively —
  in ``mixed_bfloat16`` (:mod:`cnn_core.precision`);
* **app in a Dask worker** — the same run submitted as a job to a warm worker process of an embedded
  cluster on 127.0.0.1 (:mod:`cnn_core.jobs`), exactly the page's path, against the same run in this
  process: ``worker_vs_in_process`` should be about 1;
* **one batch per call** — the app's trainer with Keras calling into TensorFlow once per batch, as it
  did before it grouped batches (:func:`cnn_core.training.steps_per_call`): what the grouping buys;
* **kernel ceiling** — a bare ``tf.function`` running a whole epoch of train steps on in-memory batches:
  how fast TensorFlow's own kernels train this network on this CPU, with no trainer around them.

Every configuration runs ``--rounds`` times, round-robin, so background load hits them alike; the
first epoch of each run (graph tracing) is not timed, and each configuration reports its best epoch.
The last line is ``speedup_vs_seed_loop: X.XX`` for the fastest app configuration.

    python bench/train_throughput.py --quick     # about a minute on a quiet 2-core machine
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baseline  # noqa: E402  (same folder; puts the repository on sys.path)

LESSON = "lesson loop (float map, shuffle, batch 32)"
CEILING = "kernel ceiling: one tf.function per epoch, batch 128"


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


def pictures(count: int):
    """The first ``count`` real training pictures as a :class:`cnn_core.datasets.Dataset`."""
    from cnn_core import datasets

    data = datasets.read_original_files("fashion_mnist")
    return dataclasses.replace(data, train_images=data.train_images[:count], train_labels=data.train_labels[:count])


def app_config(count: int, epochs: int, batch_size: int, precision: str):
    from cnn_core import training

    return training.TrainConfig(preset="seed", epochs=epochs, batch_size=batch_size, subset=count,
                                learning_rate=1e-3 * (batch_size / 32) ** 0.5, validation_split=0.0,
                                precision=precision)


def lesson_loop(data, epochs: int) -> list[float]:
    """Epoch seconds of the tutorial's pipeline and fit."""
    model = baseline.compiled_lesson_model()
    timer = EpochTimer()
    model.fit(baseline.lesson_pipeline(data.train_images, data.train_labels), epochs=epochs, verbose=0,
              callbacks=[timer])
    return timer.seconds


def app_trainer(data, epochs: int, batch_size: int, precision: str) -> list[float]:
    """Epoch seconds of the app's trainer in this process (no validation split: only training is timed)."""
    from cnn_core import jobs, training

    reporter = jobs.ProgressReporter()
    training.fit(app_config(len(data.train_images), epochs, batch_size, precision), data, reporter)
    return [row["seconds"] for row in reporter.progress.snapshot().epochs]


def app_in_worker(service, count: int, epochs: int, batch_size: int, precision: str) -> list[float]:
    """Epoch seconds of the same run as a job in a worker process (timed by the worker)."""
    from cnn_core import jobs

    handle = service.submit(jobs.JobSpec.training(app_config(count, epochs, batch_size, precision)), owner="bench")
    handle.wait()
    snap = handle.snapshot()
    if snap.state != jobs.DONE:
        raise RuntimeError(f"worker run {snap.state}: {snap.error_key} {snap.error_values}")
    return [row["seconds"] for row in snap.epochs]


def one_batch_per_call(data, epochs: int, batch_size: int, precision: str) -> list[float]:
    """:func:`app_trainer` with Keras calling into TensorFlow after every batch."""
    from cnn_core import training

    grouped = training.MAX_STEPS_PER_CALL
    training.MAX_STEPS_PER_CALL = 1
    try:
        return app_trainer(data, epochs, batch_size, precision)
    finally:
        training.MAX_STEPS_PER_CALL = grouped


def kernel_ceiling(data, epochs: int, batch_size: int, precision: str = "float32") -> list[float]:
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
    model = models.build_model("seed", precision=precision)
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
    parser.add_argument("--quick", action="store_true", help="8,192 pictures, 1 round")
    parser.add_argument("--images", type=int, default=None)
    parser.add_argument("--epochs", type=int, default=None, help="epochs per run; the first is not timed")
    parser.add_argument("--rounds", type=int, default=None)
    args = parser.parse_args(argv)
    count = args.images or (8192 if args.quick else 30_000)
    epochs = args.epochs or (2 if args.quick else 3)
    rounds = args.rounds or (1 if args.quick else 2)

    import tensorflow as tf

    from cnn_core import jobs, precision
    from cnn_core.jobs import cluster

    data = pictures(count)
    machine = precision.machine_precision()
    print(baseline.cpu_flags_line())
    print(f"tensorflow {tf.__version__}, {count} pictures, {epochs} epochs/run (first untimed), {rounds} round(s); "
          f"this machine trains in: {machine.label('en')}")
    if not machine.is_bfloat16:
        print("bfloat16 rows skipped: no native bf16 here (it would be emulated, slower than float32)")
    started = time.perf_counter()
    local, client = cluster.start_local_cluster(slots=1)
    service = jobs.JobService(lambda: client)
    print(f"embedded cluster (1 worker, {cluster.cores_per_slot(1)} cores) up in {time.perf_counter() - started:.1f} s")
    auto = machine.policy  # what a page run uses here: the worker row and its in-process twin
    from cnn_core import training

    print(f"batches per call into TensorFlow at batch 128 in these runs: "
          f"{training.steps_per_call(128, epochs * (count // 128))}")
    configs = {
        LESSON: lambda: lesson_loop(data, epochs),
        "app trainer, batch 32, float32": lambda: app_trainer(data, epochs, 32, "float32"),
        "app trainer, batch 128, float32": lambda: app_trainer(data, epochs, 128, "float32"),
        "app trainer, batch 256, float32": lambda: app_trainer(data, epochs, 256, "float32"),
        f"app trainer, batch 128, {auto}, in this process": lambda: app_trainer(data, epochs, 128, "auto"),
        f"app trainer, batch 128, {auto}, in a Dask worker": lambda: app_in_worker(service, count, epochs, 128, "auto"),
    }
    if machine.is_bfloat16:
        configs["app trainer, batch 256, mixed_bfloat16"] = lambda: app_trainer(data, epochs, 256, "auto")
    configs[f"app trainer, batch 128, {auto}, one batch per call"] = lambda: one_batch_per_call(data, epochs, 128, "auto")
    configs[CEILING] = lambda: kernel_ceiling(data, epochs, 128)
    if machine.is_bfloat16:
        configs[f"{CEILING}, mixed_bfloat16"] = lambda: kernel_ceiling(data, epochs, 128, precision.MIXED_BFLOAT16)
    best: dict[str, float] = {}
    try:
        for _ in range(rounds):
            for name, run in configs.items():
                seconds = run()[1:]
                rate = count / min(seconds)
                best[name] = max(best.get(name, 0.0), rate)
                print(f"  {name:72s} {rate:8.0f} img/s", flush=True)
    finally:
        service.close()
        client.close()
        local.close()
    print("best of rounds:")
    for name, rate in best.items():
        print(f"  {name:72s} {rate:8.0f} img/s")
    lesson = best[LESSON]
    app_best_name = max((name for name in best if name.startswith("app trainer")), key=best.get)
    print(f"fastest app configuration: {app_best_name}")
    in_worker = best[f"app trainer, batch 128, {auto}, in a Dask worker"]
    print(f"worker_vs_in_process: {in_worker / best[f'app trainer, batch 128, {auto}, in this process']:.2f}")
    ceiling = max(rate for name, rate in best.items() if name.startswith(CEILING))
    print(f"ceiling_vs_seed_loop: {ceiling / lesson:.2f}   (no trainer built on these kernels can beat this here)")
    print(f"speedup_vs_seed_loop: {best[app_best_name] / lesson:.2f}")


if __name__ == "__main__":
    main()
