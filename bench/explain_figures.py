"""What the "Why it decided" tools measure on the shipped models: how easily the model is fooled, and
which explanation passes the deletion check.

Usage: ``python bench/explain_figures.py [--dataset fashion_mnist] [--flip-pictures 500] [--deletion-pictures 100]``

* **flip share** — of the first ``--flip-pictures`` test pictures the model answers correctly, the
  share whose answer FGSM (one step) and PGD (5 steps) change, per ε in pixel levels (0..255);
* **deletion check** — over the first ``--deletion-pictures`` test pictures, the class's mean
  probability after deleting (setting to black) each map's strongest 0..50% of pixels, for
  occlusion (the page's gray patch, and a black one: the same "removal" the check makes), saliency,
  SmoothGrad and Grad-CAM at every spatial layer, against random pixels. A map
  that explains the answer makes the probability fall faster than random: ``vs random @15%`` is its
  drop at 15% divided by random's.

Results go to stdout and ``--out`` (default ``bench/results/explain_figures.json``), with the CPU's flags.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from bench.baseline import cpu_flags_line  # noqa: E402

EPSILONS = (1, 2, 4, 8, 16, 32)
READ_AT = 0.15  # the deletion fraction the page's verdict reads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", default="fashion_mnist")
    parser.add_argument("--flip-pictures", type=int, default=500)
    parser.add_argument("--deletion-pictures", type=int, default=100)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "explain_figures.json")
    args = parser.parse_args()
    print(cpu_flags_line())

    import numpy as np

    from cnn_core import datasets, explain, store

    model = store.pretrained(args.dataset)[0]
    data = datasets.read_original_files(args.dataset)
    images, labels = data.test_images, np.asarray(data.test_labels)
    figures: dict = {"dataset": args.dataset, "cpu": cpu_flags_line(), "flip_share": {}, "deletion": {}}

    started = time.perf_counter()
    for attack, steps in (("fgsm", 0), ("pgd", explain.PGD_STEPS)):
        shares = explain.flip_share(model, images[:args.flip_pictures], labels[:args.flip_pictures], EPSILONS, steps=steps)
        figures["flip_share"][attack] = dict(zip(map(str, EPSILONS), shares["flipped"]))
        figures["flip_share"]["correct"] = shares["correct"]
        print(f"{attack:5s} flipped: " + "  ".join(f"ε={eps}: {share:.0%}" for eps, share in zip(EPSILONS, shares["flipped"]))
              + f"   (of {shares['correct']} right answers)")

    methods = {"occlusion": explain.occlusion,  # a gray patch, as the page draws it
               "occlusion (black patch)": lambda model, image, label: explain.occlusion(model, image, label,
                                                                                        fill=explain.BACKGROUND),
               "saliency": explain.saliency, "smoothgrad": explain.smoothgrad}
    for layer in explain.spatial_layers(model):
        methods[f"grad_cam@{layer}"] = lambda model, image, label, layer=layer: explain.grad_cam(model, image, label, layer)
    check = explain.deletion_check(model, images[:args.deletion_pictures], labels[:args.deletion_pictures], methods)
    random_drop = check.drop("random", READ_AT)
    print(f"\ndeletion check on {check.pictures} pictures (mean class probability as pixels go):")
    print(f"{'method':28s} " + " ".join(f"{fraction:>5.0%}" for fraction in check.fractions) + "   vs random @15%")
    for name, curve in check.curves.items():
        ratio = check.drop(name, READ_AT) / random_drop if random_drop > 0 else float("inf")
        figures["deletion"][name] = {"curve": [round(float(value), 4) for value in curve],
                                     "vs_random_at_15": round(ratio, 2)}
        print(f"{name:28s} " + " ".join(f"{value:5.2f}" for value in curve) + f"   {ratio:6.2f}x")
    figures["deletion_fractions"] = list(check.fractions)
    figures["seconds"] = round(time.perf_counter() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\n{figures['seconds']} s; written to {args.out}")


if __name__ == "__main__":
    main()
