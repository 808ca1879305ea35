"""Same recipe, two number formats: does bfloat16 reach float32's test accuracy on real Fashion-MNIST?

Each recipe is a command the project shipped a model with (the ``command`` strings in
``assets/models/*.json``, the lesson's recipe included), plus any ``--recipe`` given here. Every
recipe trains twice through the job engine's :class:`cnn_core.jobs.LocalJob` (the runner a worker runs,
here in this process), from the same seed: once forced to float32, once under ``mixed_bfloat16`` (float32
weights, bfloat16 compute, float32 softmax). Both test accuracies are of the float32 model that a
run hands back, on the full test split. A recipe passes when they differ by at most ``--tolerance``
points (with ``--seeds N``, their means over seeds 0..N-1: a recipe whose float32 runs alone differ
by more than the tolerance from one run to the next needs several); the last line is
``precision_parity: PASS|FAIL (largest gap X.XX points)``.

On a machine without native bfloat16 every run trains in float32, so there is nothing to compare: the
script says so and stops.

    python bench/precision_parity.py                       # every shipped recipe (~25 min on 2 cores)
    python bench/precision_parity.py --only lesson --seeds 3
"""

from __future__ import annotations

import argparse
import json
import shlex
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baseline  # noqa: E402  (same folder; puts the repository on sys.path)
from cnn_core import cli, precision  # noqa: E402

ROOT = baseline.ROOT
RUN_ONLY = ("--out", "--name")  # where a shipped command wrote its model, not how it trained


def shipped_recipes() -> dict[str, list[str]]:
    """``{name: command-line arguments}`` of every shipped model's recorded command."""
    recipes = {}
    for path in sorted((ROOT / "assets" / "models").glob("*.json")):
        meta = json.loads(path.read_text(encoding="utf-8"))
        for name, record in ((path.stem, meta), (f"{path.stem} lesson recipe", meta.get("lesson_recipe_run"))):
            if record and record.get("command"):
                recipes[name] = training_arguments(shlex.split(record["command"])[3:])  # after "python -m x"
    return recipes


def training_arguments(arguments: list[str]) -> list[str]:
    """``arguments`` without the options that only say where the model went."""
    kept, skip = [], False
    for argument in arguments:
        if skip:
            skip = False
        elif argument in RUN_ONLY:
            skip = True
        else:
            kept.append(argument)
    return kept


def train_once(arguments: list[str], forced: str, seed: int) -> dict:
    """One run of the recipe in ``forced`` precision (``"float32"`` or ``"auto"``) from ``seed``, in
    this process."""
    from cnn_core import jobs

    config = cli.config_from_args(cli.parse_args([*arguments, "--precision", forced, "--seed", str(seed)]))
    job = jobs.LocalJob(jobs.JobSpec.training(config)).start()
    job.wait()
    snap = job.snapshot()
    if snap.state != "done":
        raise RuntimeError(f"{snap.error_key}: {snap.error_values}")
    label = precision.Precision("", snap.precision_key, snap.precision_values).label("en")
    return {"precision": label, "test_accuracy": snap.test_accuracy, "images_per_s": snap.images_per_s}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipe", action="append", default=[],
                        help="extra recipe: command-line arguments of python -m cnn_core.cli, quoted")
    parser.add_argument("--only", action="append", default=[],
                        help="run only the recipes whose name contains this (repeatable)")
    parser.add_argument("--tolerance", type=float, default=0.3, help="largest allowed gap, in points")
    parser.add_argument("--seeds", type=int, default=1,
                        help="runs per format (seeds 0..N-1); the gap is between the formats' means")
    args = parser.parse_args(argv)

    machine = precision.machine_precision()
    print(baseline.cpu_flags_line())
    print(f"this machine trains in: {machine.label('en')}")
    if not machine.is_bfloat16:
        print("precision_parity: nothing to compare (no native bfloat16 here, so every run trains in float32)")
        return 0
    recipes = shipped_recipes()
    recipes.update({f"extra {index + 1}": shlex.split(text) for index, text in enumerate(args.recipe)})
    if args.only:
        recipes = {name: value for name, value in recipes.items() if any(part in name for part in args.only)}

    gaps = {}
    for name, arguments in recipes.items():
        print(f"{name}: {shlex.join(arguments)}", flush=True)
        results = {}
        for forced in ("float32", "auto"):
            runs = []
            for seed in range(args.seeds):
                started = time.perf_counter()
                runs.append(train_once(arguments, forced, seed))
                row = runs[-1]
                print(f"    {row['precision']:32s} seed {seed}: test accuracy {row['test_accuracy']:.4f}   "
                      f"{row['images_per_s'] or 0:7.0f} img/s   {time.perf_counter() - started:6.1f} s", flush=True)
            results[forced] = {key: statistics.fmean(run[key] or 0 for run in runs)
                               for key in ("test_accuracy", "images_per_s")}
            if args.seeds > 1:
                print(f"    {runs[0]['precision']:32s} mean:   test accuracy {results[forced]['test_accuracy']:.4f}")
        gaps[name] = 100 * (results["auto"]["test_accuracy"] - results["float32"]["test_accuracy"])
        speed = results["auto"]["images_per_s"] / (results["float32"]["images_per_s"] or 1)
        print(f"    bfloat16 - float32: {gaps[name]:+.2f} points; bfloat16 trained {speed:.2f}x as fast", flush=True)
    largest = max((abs(gap) for gap in gaps.values()), default=0.0)
    verdict = "PASS" if largest <= args.tolerance else "FAIL"
    print(f"precision_parity: {verdict} (largest gap {largest:.2f} points, tolerance {args.tolerance:.2f})")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
