"""What each hostile upload costs the server: seconds and peak memory, the app's checks vs the code before them.

Usage: ``python bench/hostile_uploads.py [--baseline-commit effe048] [--limit-s 150]``

Each hostile file (``tests/support/hostile_files.py``) is handed to the function a page calls
with it — ``ExampleSet.from_zip`` for an examples zip, ``store.import_upload`` for a ``.keras``
file — in a fresh Python process (so its peak memory, ``VmHWM``, is its own), once with this
tree's code and once with the baseline commit's (extracted with ``git archive`` into a temporary
folder). The baseline gets ``--limit-s`` seconds per file; past that it is reported as "> limit".
Results go to stdout and ``bench/results/hostile_uploads.json``; the ratio is baseline / now.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CASES = {   # name: (builder in tests/support/hostile_files, the call a page makes)
    "repeated_reference.zip": ("repeated_reference_zip()", "zip"),
    "overlapping_members.zip": ("overlapping_zip()", "zip"),
    "deflate_bomb.zip": ("deflate_bomb_zip()", "zip"),
    "deep_labels.zip": ("examples_zip(deep_json(100_000), {}, compression=zipfile.ZIP_STORED)", "zip"),
    "wrong_types.zip": ("examples_zip({**EXAMPLES_FORMAT, 'profile': ['x'], 'classes': ['a'], 'examples': []}, {})",
                        "zip"),
    "config_bomb.keras": ("config_bomb(units=300_000)", "keras"),
    "activation_bomb.keras": ("activation_bomb()", "keras"),
    "good_examples.zip": ("good_examples_zip()", "zip"),
    "good_model.keras": ("SHIPPED_MODEL.read_bytes()", "keras"),
}

# Runs in the child: code_root first on sys.path, the hostile builders from this tree.
CHILD = r"""
import json, sys, tempfile, time, zipfile
code_root, tree_root, expression, kind, name = sys.argv[1:6]
sys.path[:0] = [code_root, tree_root]
from tests.support.hostile_files import *
import tests.support.hostile_files as hostile_files
data = eval(expression)
from cnn_core import examples, store
import keras  # imported before the clock starts: both versions need it anyway
try:  # the server starts its model checker as it starts (ui.training.warm_up_with_server); older code has none
    from cnn_core import model_checker
    model_checker.start_template()
except ImportError:
    pass
def peak():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM:'):
            return int(line.split()[1]) / 1024
before = peak()
started = time.perf_counter()
try:
    if kind == 'zip':
        examples.ExampleSet.from_zip(data, name)
    else:
        with tempfile.TemporaryDirectory() as folder:
            store.import_upload(data, name, 'fashion_mnist', store.ModelStore(folder))
    outcome = 'accepted'
except Exception as exc:
    outcome = getattr(exc, 'key', None) or type(exc).__name__
print(json.dumps({'seconds': time.perf_counter() - started, 'peak_mb': peak(), 'before_mb': before,
                  'bytes': len(data), 'outcome': outcome}))
"""


def measure(code_root: Path, name: str, expression: str, kind: str, limit_s: float) -> dict:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": ""}
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(code_root), str(ROOT), expression, kind, name],
                              capture_output=True, text=True, timeout=limit_s, env=env, cwd=tempfile.gettempdir())
    except subprocess.TimeoutExpired:
        return {"seconds": None, "peak_mb": None, "outcome": f"> {limit_s:.0f} s (stopped)"}
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return {"seconds": None, "peak_mb": None, "outcome": f"died (exit {done.returncode})"}
    return json.loads(lines[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--baseline-commit", default="effe048")
    parser.add_argument("--limit-s", type=float, default=150.0)
    args = parser.parse_args()
    from bench.baseline import cpu_flags_line

    print(cpu_flags_line())
    results = {}
    with tempfile.TemporaryDirectory(prefix="fcl-baseline-") as folder:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.baseline_commit, "cnn_core"],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        print(f"{'file':26} {'bytes':>9} | {'before: s':>10} {'MB':>7} {'outcome':24} | {'now: s':>7} {'MB':>7} "
              f"{'outcome':28} | ratio")
        for name, (expression, kind) in CASES.items():
            before = measure(Path(folder), name, expression, kind, args.limit_s)
            now = measure(ROOT, name, expression, kind, args.limit_s)
            ratio = (before["seconds"] / now["seconds"]) if before.get("seconds") and now.get("seconds") else None

            def cell(value, width, fmt):
                return f"{value:{width}{fmt}}" if isinstance(value, (int, float)) else f"{'—':>{width}}"

            print(f"{name:26} {now.get('bytes', 0):>9} | {cell(before['seconds'], 10, '.2f')} "
                  f"{cell(before['peak_mb'], 7, '.0f')} {before['outcome'][:24]:24} | "
                  f"{cell(now['seconds'], 7, '.2f')} {cell(now['peak_mb'], 7, '.0f')} {now['outcome'][:28]:28} | "
                  f"{cell(ratio, 5, '.0f')}")
            results[name] = {"before": before, "now": now, "time_ratio": ratio}
    out = ROOT / "bench" / "results" / "hostile_uploads.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps({"cpu": cpu_flags_line(), "baseline": args.baseline_commit, "results": results},
                              indent=1))
    print("peak MB is the process' whole peak (TensorFlow and Keras alone take ~700 MB of it);"
          " a .keras upload's own child process is not counted in 'now'. 'now' starts the model checker's"
          " template before the clock, as the server does when it starts.")


if __name__ == "__main__":
    main()
