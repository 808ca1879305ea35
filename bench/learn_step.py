"""What the "Learn one step" page costs the server: one written-out gradient step, and N steps.

Usage: ``python bench/learn_step.py [--repeats 20] [--steps 10] [--threads 2]``

Rows (milliseconds, median over ``--repeats`` pictures, the shipped Fashion-MNIST model):

- ``learner``: making the page's working copy (:class:`cnn_core.learning.Learner`, once per session and model);
- ``step``: :meth:`Learner.step` (the forward pass layer by layer on the tape, every weight's and
  every layer output's gradient, the SGD update, the picture again): what a changed choice recomputes;
- ``n_steps``: :func:`cnn_core.learning.repeated_steps` with ``--steps`` steps and 100 other pictures (as the page)
  (the "Take N steps" button);
- ``predict_baseline``: one ``model(picture, training=False)`` call in the same process, so
  ``step / predict`` is a ratio that holds across machines.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")


def median_ms(function, items) -> float:
    times = []
    for item in items:
        started = time.perf_counter()
        function(item)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(args.threads)
    tf.config.threading.set_inter_op_parallelism_threads(args.threads)
    from bench.baseline import cpu_flags_line
    from cnn_core import datasets, learning, store

    print(cpu_flags_line())
    fashion = datasets.read_original_files("fashion_mnist")
    model = store.pretrained("fashion_mnist")[0]
    pictures = [(fashion.test_images[index], (int(fashion.test_labels[index]) + 1) % 10)
                for index in range(args.repeats)]
    learner = learning.Learner(model)
    learner.step(*pictures[0], 0.01)                       # first calls build TensorFlow's kernels
    model(pictures[0][0][None], training=False)
    rows = {
        "learner": median_ms(lambda _: learning.Learner(model), range(max(3, args.repeats // 4))),
        "step": median_ms(lambda item: learner.step(item[0], item[1], 0.01), pictures),
        "n_steps": median_ms(lambda item: learning.repeated_steps(learner, item[0], item[1], 0.01, args.steps,
                                                                  fashion.test_images[1:101], fashion.test_labels[1:101]),
                             pictures[:3]),
        "predict_baseline": median_ms(lambda item: model(item[0][None], training=False), pictures),
    }
    for name, value in rows.items():
        print(f"{name:>18}: {value:9.1f} ms")
    print(f"step / predict = {rows['step'] / rows['predict_baseline']:.1f}x; "
          f"{args.steps} steps / predict = {rows['n_steps'] / rows['predict_baseline']:.1f}x")


if __name__ == "__main__":
    main()
