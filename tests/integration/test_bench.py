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
    assert re.fullmatch(r"CPU flags: avx2=(yes|no) avx512f=(yes|no) avx512_bf16=(yes|no) .*", lines[0])
    for name in ("lesson loop", "app trainer, batch 128, float32", "in this process", "in a Dask worker",
                 "one batch per call", "kernel ceiling"):
        assert any(name in line and re.search(r"\d+ img/s$", line) for line in lines), name
    assert re.fullmatch(r"worker_vs_in_process: \d+\.\d\d", lines[-3])
    assert re.fullmatch(r"ceiling_vs_seed_loop: \d+\.\d\d .*", lines[-2])
    assert re.fullmatch(r"speedup_vs_seed_loop: \d+\.\d\d", lines[-1])


def run_bench(*arguments: str) -> list[str]:
    completed = subprocess.run([sys.executable, *arguments], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout.strip().splitlines()


def test_time_to_accuracy_runs_the_loops_to_a_target_and_prints_the_ratios():
    lines = run_bench("bench/time_to_accuracy.py", "--images", "1000", "--target", "0.3", "--app-epochs", "1",
                      "--max-epochs", "1", "--best-epochs", "2", "--best-seeds", "0")
    assert lines[0].startswith("CPU flags: ")
    assert any(re.match(r"app +time to 30%: \d+\.\d s training \(\d+\.\d s from submitting the job\)", line)
               for line in lines)
    assert any(re.match(r"lesson loop +time to 30%: \d+\.\d s training", line) for line in lines)
    assert "time_to_91_ratio: " in "\n".join(lines)
    assert re.fullmatch(r"lesson_1_epochs: \d+\.\d s training, test accuracy 0\.\d{4}", lines[-3])
    assert re.match(r"best_accuracy \(seed 0\): 0\.\d{4} after \d+\.\d s training", lines[-2])
    assert re.fullmatch(r"best_time_vs_lesson_1_epochs \(seed 0\): \d+\.\d\d", lines[-1])


def test_precision_parity_compares_both_formats_or_says_why_not():
    from cnn_core import precision

    lines = run_bench("bench/precision_parity.py", "--only", "extra", "--recipe",
                      "--preset small --epochs 1 --subset 256 --batch-size 64", "--tolerance", "100")
    assert lines[0].startswith("CPU flags: ")
    if precision.machine_precision().is_bfloat16:
        assert any(re.match(r" +float32 +seed 0: test accuracy 0\.\d{4} ", line) for line in lines)
        assert any(re.match(r" +bfloat16 on CPU \(.+\) +seed 0: test accuracy 0\.\d{4} ", line) for line in lines)
        assert re.fullmatch(r"precision_parity: PASS \(largest gap \d+\.\d\d points, tolerance 100\.00\)", lines[-1])
    else:
        assert lines[-1].startswith("precision_parity: nothing to compare")


def test_explain_latency_times_every_map_against_model_predict():
    lines = run_bench("bench/explain_latency.py", "--calls", "3")
    assert lines[0].startswith("CPU flags: ")
    for name in ("model_predict (baseline)", "grad_cam", "saliency", "smoothgrad", "occlusion", "live dot"):
        assert any(name in line and re.search(r"\d+\.\d\dx model\.predict$", line) for line in lines), name
    assert re.match(r"slowest map p95: \d+\.\d ms \((within|OVER) the 300 ms target\)", lines[-1])


def test_explain_figures_prints_flip_shares_and_every_methods_deletion_curve(tmp_path):
    lines = run_bench("bench/explain_figures.py", "--flip-pictures", "20", "--deletion-pictures", "2",
                      "--out", str(tmp_path / "figures.json"))
    assert lines[0].startswith("CPU flags: ")
    for attack in ("fgsm", "pgd"):
        assert any(re.match(rf"{attack} +flipped: ε=1: \d+%", line) for line in lines), attack
    for name in ("occlusion", "saliency", "smoothgrad", "grad_cam@block3_pool", "random"):
        assert any(re.match(rf"{re.escape(name)} (\s+\d\.\d\d){{8}} +(-?\d+\.\d\d|inf)x$", line) for line in lines), name
    assert (tmp_path / "figures.json").exists()
