"""How long from a stroke on the Network page's canvas to every layer's maps, on the server.

Usage: ``python bench/network_latency.py [--calls 200] [--threads 2] [--dataset fashion_mnist]``

Each call starts where the server starts: the canvas's PNG data URL (a fresh 240x240 drawing of a few
thick white strokes on black). It decodes it as ``streamlit-drawable-canvas`` does, brings it to the
model's 28x28 input (:func:`cnn_core.preprocess.to_model_input`), runs
:func:`cnn_core.network.trace_network` (every layer's output from one compiled call), builds the
network strip (:func:`cnn_core.figures.network.network_strip`) and does what the page and
``st.plotly_chart`` do with it (an unvalidated plotly figure, its dict and JSON). Rows:

- ``strip``: that whole path, the number the issue's 100 ms p95 target is about;
- ``page``: the strip plus everything else the page computes on a stroke (the opened layer-2 map
  with its pixel arithmetic, the dense unit and the softmax, each figure validated and serialised);
- ``classify_baseline``: the Classify page's path for the same drawing (decode, preprocess, one
  prediction), measured in the same process, so ``strip / classify`` is a ratio that holds across
  machines.

TensorFlow is limited to ``--threads`` threads (the target machine has 2 cores). The model is the
shipped default for the dataset (Fashion-MNIST: the "strong" preset with BatchNorm). Results go to
stdout and ``bench/results/network_latency.json``.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

CANVAS = 240
FLAGS_SHOWN = ("sse4_2", "avx", "avx2", "fma", "avx512f", "avx512_vnni", "avx512_bf16", "amx_bf16")


def canvas_data_urls(count: int, seed: int = 0) -> list[str]:
    """``count`` canvas drawings as the browser sends them: PNG data URLs of white strokes on black."""
    import numpy as np
    from PIL import Image, ImageDraw

    rng = np.random.default_rng(seed)
    urls = []
    for _ in range(count):
        picture = Image.new("RGBA", (CANVAS, CANVAS), (0, 0, 0, 255))
        pen = ImageDraw.Draw(picture)
        for _ in range(rng.integers(2, 6)):
            points = [tuple(int(v) for v in rng.integers(15, CANVAS - 15, 2)) for _ in range(4)]
            pen.line(points, fill=(255, 255, 255, 255), width=18, joint="curve")
        buffer = io.BytesIO()
        picture.save(buffer, "PNG")
        urls.append("data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode())
    return urls


def decode(url: str):
    """What ``CanvasResult.image_data`` does with the data URL."""
    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(base64.b64decode(url.split(";base64,", 1)[1]))))


def ship(figure: dict) -> int:
    """What the page and ``st.plotly_chart`` do with a figure before it leaves the server (wrap it
    unvalidated, turn it into a dict, write the JSON); returns the JSON's size."""
    import plotly.io
    import plotly.tools

    from ui.theme import unchecked_figure

    return len(plotly.io.to_json(plotly.tools.return_figure_from_figure_or_data(unchecked_figure(figure),
                                                                                validate_figure=True),
                                 validate=False))


def timed(function, inputs) -> list[float]:
    times = []
    for item in inputs:
        started = time.perf_counter()
        function(item)
        times.append((time.perf_counter() - started) * 1000)
    return times


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {"p50_ms": statistics.median(ordered), "p95_ms": ordered[int(0.95 * (len(ordered) - 1))],
            "max_ms": ordered[-1], "calls": len(ordered)}


def cpu_line() -> str:
    from cnn_core import precision

    flags = precision.cpu_flags()
    model = platform.processor() or platform.machine()
    try:
        model = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                     if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    shown = " ".join(f"{flag}={'yes' if flag in flags else 'no'}" for flag in FLAGS_SHOWN)
    return f"CPU: {model}, {os.cpu_count()} cores; flags: {shown}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--dataset", default="fashion_mnist")
    args = parser.parse_args()

    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(args.threads)
    tf.config.threading.set_inter_op_parallelism_threads(args.threads)

    from cnn_core import i18n, inference, network, preprocess, store
    from cnn_core.figures import network as figures

    model, meta = store.pretrained(args.dataset)
    names = i18n.class_names(args.dataset, "en")
    convs, dense = network.conv_layers(model), network.dense_layers(model)
    predictor = inference.predictor_for(model)
    sizes = {}

    def strip(url):
        trace = network.trace_network(model, preprocess.to_model_input(decode(url), args.dataset))
        sizes["strip"] = ship(figures.network_strip(trace, names, "en", selected=(convs[min(1, len(convs) - 1)], 0)))
        return trace

    def page(url):
        trace = strip(url)
        layer = convs[min(1, len(convs) - 1)]
        explained = network.explain_conv_map(model, trace, layer, 0)
        figures.pixel_channel_lines(explained.pixel(3, 3), "en")
        figures.pixel_sum_text(explained.pixel(3, 3), "en")
        ship(figures.channel_sum_figure(explained, 3, 3, "en"))
        unit = network.explain_dense_unit(model, trace, dense[0], 0)
        figures.dense_sum_text(unit, "en")
        ship(figures.dense_contribution_figure(unit, "en"))
        change = network.explain_logit_change(trace.logits, trace.predicted, 1.5)
        figures.softmax_table(change.after, names, "en")
        ship(figures.softmax_figure(change.before, names, "en", changed=change.after, changed_index=trace.predicted))

    def classify(url):
        return predictor.probabilities(preprocess.to_model_input(decode(url), args.dataset))

    urls = canvas_data_urls(args.calls)
    for warm_up in urls[:10]:
        page(warm_up)
        classify(warm_up)
    results = {"model": meta.get("name"), "preset": meta.get("preset"), "dataset": args.dataset,
               "threads": args.threads, "cpu": cpu_line(),
               "strip": summary(timed(strip, urls)), "page": summary(timed(page, urls)),
               "classify_baseline": summary(timed(classify, urls)), "strip_json_bytes": sizes["strip"]}
    results["strip_vs_classify_p50"] = results["strip"]["p50_ms"] / results["classify_baseline"]["p50_ms"]
    print(results["cpu"])
    print(f"model: {results['model']} ({results['preset']}); TF threads: {args.threads}; "
          f"{args.calls} canvas drawings ({CANVAS}x{CANVAS} PNG data URLs)")
    for key in ("strip", "page", "classify_baseline"):
        row = results[key]
        print(f"{key:>18}: p50 {row['p50_ms']:7.2f} ms   p95 {row['p95_ms']:7.2f} ms   max {row['max_ms']:7.2f} ms")
    print(f"strip figure: {results['strip_json_bytes'] / 1024:.0f} KiB of JSON per stroke; "
          f"strip / classify (p50): {results['strip_vs_classify_p50']:.1f}x")
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "network_latency.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
