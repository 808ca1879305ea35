"""How long from a drawing to probabilities on the server: preprocessing + one prediction.

Usage: ``python bench/predict_latency.py [--calls 200] [--threads 2] [--model file.keras]``

Each call takes a fresh 280x280 RGBA canvas drawing (random white strokes on black, like the Classify
canvas sends), runs :func:`cnn_core.preprocess.to_model_input` and then asks the model, two ways in
the same run: the app's ``Predictor`` (one ``tf.function``) and ``model.predict`` as the baseline.
TensorFlow is limited to ``--threads`` CPU threads (the app's target machine has 2 cores). The
model is the pretrained default when it exists, else the lesson's network with fresh weights (the
same amount of arithmetic). Results go to stdout and ``bench/results/predict_latency.json``.
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


def canvas_drawings(count: int, size: int = 280, seed: int = 0):
    """``count`` different canvas pictures: a few thick random strokes each."""
    import numpy as np
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    for _ in range(count):
        picture = Image.new("RGBA", (size, size), (0, 0, 0, 255))
        pen = ImageDraw.Draw(picture)
        for _ in range(rng.integers(2, 6)):
            points = [tuple(int(v) for v in rng.integers(20, size - 20, 2)) for _ in range(4)]
            pen.line(points, fill=(255, 255, 255, 255), width=int(rng.integers(12, 30)), joint="curve")
        yield np.asarray(picture)


def timed(function, drawings) -> list[float]:
    """Milliseconds per call of ``function(drawing)``."""
    times = []
    for drawing in drawings:
        started = time.perf_counter()
        function(drawing)
        times.append((time.perf_counter() - started) * 1000)
    return times


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"median_ms": statistics.median(ordered), "p95_ms": ordered[int(0.95 * (len(ordered) - 1))],
            "mean_ms": statistics.fmean(ordered), "calls": len(ordered)}


def load_model(path: str | None, dataset: str):
    from cnn_core.errors import UserError

    if path:
        from cnn_core import store

        return store.load_model_file(path)[0], path
    try:
        from cnn_core import store

        return store.pretrained(dataset)[0], f"pretrained default ({dataset})"
    except (ImportError, UserError, OSError) as exc:
        from cnn_core.models import build_model

        return build_model("seed"), f"lesson network, untrained (no pretrained default: {exc})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--dataset", default="fashion_mnist")
    parser.add_argument("--model", default=None, help="a .keras file (default: the pretrained model)")
    args = parser.parse_args()

    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(args.threads)
    tf.config.threading.set_inter_op_parallelism_threads(args.threads)

    from cnn_core import inference, preprocess

    model, model_name = load_model(args.model, args.dataset)
    predictor = inference.predictor_for(model)

    def fast(drawing):
        return predictor.probabilities(preprocess.to_model_input(drawing, args.dataset))

    def baseline(drawing):
        return model.predict(preprocess.to_model_input(drawing, args.dataset)[None, :, :, None], verbose=0)[0]

    def preprocess_only(drawing):
        return preprocess.to_model_input(drawing, args.dataset)

    drawings = list(canvas_drawings(args.calls))
    for warm_up in drawings[:10]:
        fast(warm_up)
        baseline(warm_up)
    results = {
        "model": model_name,
        "threads": args.threads,
        "cpu_count": os.cpu_count(),
        "preprocess_only": summary(timed(preprocess_only, drawings)),
        "predictor": summary(timed(fast, drawings)),
        "model_predict": summary(timed(baseline, drawings)),
    }
    results["speedup_median"] = results["model_predict"]["median_ms"] / results["predictor"]["median_ms"]
    print(f"model: {model_name}; TF threads: {args.threads}; {args.calls} canvas drawings (280x280 RGBA)")
    for key in ("preprocess_only", "predictor", "model_predict"):
        row = results[key]
        print(f"{key:>16}: median {row['median_ms']:7.2f} ms   p95 {row['p95_ms']:7.2f} ms")
    print(f"Predictor is {results['speedup_median']:.1f}x faster than model.predict (median)")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "predict_latency.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
