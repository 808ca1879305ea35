"""How long each "Why it decided" map takes for one picture on the server, against ``model.predict``.

Usage: ``python bench/explain_latency.py [--calls 20] [--threads 2] [--dataset fashion_mnist]``

For ``--calls`` different test pictures, times every per-picture piece the page computes on a
rerun: Grad-CAM (default layer), saliency, SmoothGrad, occlusion (4x4 patch, stride 2), the deletion
check of one map (8 fractions) and of random pixels, FGSM, the smallest flipping ε, and the live dot
on the dense map (penultimate features + projection). The baseline, run in the same process on the
same pictures, is one ``model.predict`` of the picture. The target is at most 300 ms per map.
TensorFlow is limited to ``--threads`` CPU threads (the app's target machine has 2 cores). Results
go to stdout and ``bench/results/explain_latency.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from bench.baseline import cpu_flags_line  # noqa: E402

TARGET_MS = 300.0


def timed(function, pictures) -> dict:
    """Median and p95 milliseconds of ``function(picture, label)`` over ``pictures``."""
    times = []
    for picture, label in pictures:
        started = time.perf_counter()
        function(picture, label)
        times.append((time.perf_counter() - started) * 1000)
    ordered = sorted(times)
    return {"median_ms": statistics.median(ordered), "p95_ms": ordered[int(0.95 * (len(ordered) - 1))]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--dataset", default="fashion_mnist")
    args = parser.parse_args()
    print(cpu_flags_line())

    import numpy as np
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(args.threads)
    tf.config.threading.set_inter_op_parallelism_threads(args.threads)

    from cnn_core import datasets, explain, store

    model = store.pretrained(args.dataset)[0]
    data = datasets.read_original_files(args.dataset)
    pictures = [(np.asarray(data.test_images[index])[:, :, 0], int(data.test_labels[index])) for index in range(args.calls)]
    projection = explain.fit_pca(explain.penultimate_features(model, data.test_images[:500]))
    occlusion_map = explain.occlusion(model, *pictures[0])
    pieces = {
        "model_predict (baseline)": lambda image, label: model.predict(image[None, :, :, None], verbose=0),
        "grad_cam": lambda image, label: explain.grad_cam(model, image, label),
        "saliency": lambda image, label: explain.saliency(model, image, label),
        "smoothgrad": lambda image, label: explain.smoothgrad(model, image, label),
        "occlusion": lambda image, label: explain.occlusion(model, image, label),
        "deletion_curve (one map)": lambda image, label: explain.deletion_curve(model, image, label, occlusion_map),
        "random_deletion_curve": lambda image, label: explain.random_deletion_curve(model, image, label),
        "fgsm": lambda image, label: explain.fgsm(model, image, label, 8),
        "pgd (5 steps)": lambda image, label: explain.pgd(model, image, label, 8),
        "smallest_flipping_epsilon": lambda image, label: explain.smallest_flipping_epsilon(model, image, label),
        "live dot (features + projection)": lambda image, label: projection.project(
            explain.penultimate_features(model, image)),
    }
    for function in pieces.values():  # warm up: traces and first calls
        function(*pictures[0])
    results = {"dataset": args.dataset, "threads": args.threads, "calls": args.calls, "cpu": cpu_flags_line(),
               "pieces": {name: timed(function, pictures) for name, function in pieces.items()}}
    baseline = results["pieces"]["model_predict (baseline)"]["median_ms"]
    print(f"{args.calls} test pictures of {args.dataset}; TF threads: {args.threads}; target <= {TARGET_MS:.0f} ms a map")
    for name, row in results["pieces"].items():
        row["ratio_to_predict"] = row["median_ms"] / baseline
        print(f"{name:>34}: median {row['median_ms']:7.1f} ms   p95 {row['p95_ms']:7.1f} ms   "
              f"{row['ratio_to_predict']:5.2f}x model.predict")
    maps = ("grad_cam", "saliency", "smoothgrad", "occlusion")
    slowest = max(results["pieces"][name]["p95_ms"] for name in maps)
    results["slowest_map_p95_ms"] = slowest
    print(f"slowest map p95: {slowest:.1f} ms ({'within' if slowest <= TARGET_MS else 'OVER'} the {TARGET_MS:.0f} ms target)")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "explain_latency.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
