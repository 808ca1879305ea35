"""The benchmark scripts still run end to end (tiny sizes; their numbers are not checked here:
speed is measured by running them, see README)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_train_throughput_prints_every_configuration_and_the_ratios_last():
    completed = subprocess.run(
        [sys.executable, "bench/train_throughput.py", "--images", "512", "--epochs", "2", "--rounds", "1"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr[-3000:]
    lines = completed.stdout.strip().splitlines()
    for name in ("lesson loop", "app trainer, batch 128", "steps_per_execution 8", "kernel ceiling"):
        assert any(name in line and re.search(r"\d+ img/s$", line) for line in lines), name
    assert re.fullmatch(r"ceiling_vs_seed_loop: \d+\.\d\d .*", lines[-2])
    assert re.fullmatch(r"speedup_vs_seed_loop: \d+\.\d\d", lines[-1])
