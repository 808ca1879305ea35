"""What the benchmarks compare against: the lesson's own training loop, and the machine they ran on.

The lesson (``/work/shared/seed``, the Bengali tutorial) feeds ``tf.data`` from the pictures,
``map(normalize)`` (cast to float32, divide by 255), ``shuffle``, ``batch(32)``, into its network
(``padding='same'`` convolutions, float input already scaled to 0..1), trained with Adam at its
default rate. Every benchmark that reports a ratio runs this loop in the same command, on the same
pictures, so the ratio holds on whatever machine ran it; :func:`cpu_flags_line` says which.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CPU_FLAGS_SHOWN = ("avx2", "avx512f", "avx512_bf16", "amx_bf16", "amx_tile")


def cpu_flags_line() -> str:
    """``CPU flags: avx2=yes avx512f=yes avx512_bf16=yes amx_bf16=no amx_tile=no (N cores)``."""
    from cnn_core import precision

    flags = precision.cpu_flags()
    shown = " ".join(f"{flag}={'yes' if flag in flags else 'no'}" for flag in CPU_FLAGS_SHOWN)
    return f"CPU flags: {shown} ({os.cpu_count()} cores)"


def cpu_seconds(processes) -> float:
    """User and system CPU seconds that ``processes`` (psutil) have used so far; one that ended
    meanwhile counts as nothing."""
    total = 0.0
    for process in processes:
        try:
            total += sum(process.cpu_times()[:2])
        except Exception:  # noqa: BLE001 - a process that ended meanwhile
            pass
    return total


def cpu_cores(groups: dict, seconds: float) -> dict[str, float]:
    """Each group's CPU over the next ``seconds``, in cores. ``groups`` maps a name to a function
    that lists the group's processes now (a group's children may come and go)."""
    import time

    before, started = {name: cpu_seconds(group()) for name, group in groups.items()}, time.perf_counter()
    time.sleep(seconds)
    elapsed = time.perf_counter() - started
    return {name: (cpu_seconds(group()) - before[name]) / elapsed for name, group in groups.items()}


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


def normalize(images, labels):
    """The lesson's ``map`` function: pixels 0..255 to floats 0..1."""
    import tensorflow as tf

    return tf.cast(images, tf.float32) / 255, labels


def lesson_pipeline(images, labels, shuffle: bool = True):
    """The lesson's input pipeline over ``uint8`` arrays: ``map(normalize)``, ``shuffle``, ``batch(32)``."""
    import tensorflow as tf

    dataset = tf.data.Dataset.from_tensor_slices((images, labels)).map(normalize)
    if shuffle:
        dataset = dataset.shuffle(len(images))
    return dataset.batch(32)


def compiled_lesson_model():
    """:func:`lesson_model` compiled as the lesson does (Adam at 0.001, integer labels)."""
    model = lesson_model()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
