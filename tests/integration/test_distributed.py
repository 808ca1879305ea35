"""Data-parallel training with tf.distribute on two logical CPU devices, and the command-line trainer.

Logical devices can only be set up before TensorFlow first uses its devices, which this test process
has long done, so each check runs in a fresh Python subprocess.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from cnn_core import cli, store
from cnn_core.jobs import cluster

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 900  # generous: the machine may be shared with other heavy work

# One subprocess: the command-line trainer first (its --logical-cpus sets up two CPU devices before
# TensorFlow starts), then the same tiny run on one device and mirrored over both, for comparison.
SCRIPT = """
import dataclasses, json, sys
from cnn_core import cli

exit_code = cli.main(["--dataset", "fashion_mnist", "--preset", "small", "--subset", "600", "--epochs", "1",
                        "--batch-size", "64", "--strategy", "mirrored", "--logical-cpus", "2",
                        "--name", "cli test", "--out", sys.argv[1]])
assert exit_code == 0, exit_code

import tensorflow as tf
from cnn_core import datasets, jobs, training

assert len(tf.config.list_logical_devices("CPU")) == 2
data = datasets.read_original_files("fashion_mnist")
data = dataclasses.replace(data, test_images=data.test_images[:500], test_labels=data.test_labels[:500])
config = training.TrainConfig(subset=320, epochs=2, batch_size=32, validation_split=0.0, precision="float32")
results = {}
for name, strategy in (("single", None), ("mirrored", training.mirrored_strategy())):
    reporter = jobs.ProgressReporter()
    fitted = training.fit(config, data, reporter, strategy=strategy)
    snap = reporter.progress.snapshot()
    results[name] = {"batches": snap.batches_done, "losses": snap.curves["loss"],
                     "test_accuracy": fitted.test_accuracy,
                     "replicas": 1 if strategy is None else strategy.num_replicas_in_sync}
print("RESULT " + json.dumps(results))
"""


@pytest.fixture(scope="module")
def subprocess_run(fashion, tmp_path_factory):
    """``(stdout, results, out_path)`` of :data:`SCRIPT`, run once for this module's tests."""
    out = tmp_path_factory.mktemp("cli") / "cli_run"
    completed = subprocess.run([sys.executable, "-c", SCRIPT, str(out)], cwd=ROOT, capture_output=True, text=True,
                               timeout=TIMEOUT)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout, json.loads(completed.stdout.split("RESULT ", 1)[1]), out


def test_mirrored_strategy_on_two_logical_cpus_matches_one_device(subprocess_run):
    _, results, _ = subprocess_run
    single, mirrored = results["single"], results["mirrored"]
    assert mirrored["replicas"] == 2
    assert single["batches"] == mirrored["batches"] == len(single["losses"]) == len(mirrored["losses"]) == 20
    # Each device sees half of every batch; summing their gradients gives the same update up to
    # floating-point rounding, so the curves agree closely.
    np.testing.assert_allclose(mirrored["losses"], single["losses"], rtol=2e-3)
    assert abs(mirrored["test_accuracy"] - single["test_accuracy"]) <= 0.01


def test_command_line_trainer_writes_model_and_metadata(subprocess_run):
    output, _, out = subprocess_run
    assert "epoch 1/1" in output and "test accuracy of the saved file" in output
    meta = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["name"] == "cli test" and meta["preset"] == "small" and meta["state"] == "done"
    assert meta["config"]["subset"] == 600 and meta["config"]["batch_size"] == 64
    assert meta["config"]["learning_rate"] == pytest.approx(np.sqrt(2) * 1e-3)  # scaled with the batch size
    assert 0.3 < meta["test_accuracy"] <= 1 and meta["created"] and len(meta["history"]["loss"]) == 1
    assert "--logical-cpus 2" in meta["command"]
    assert "--name 'cli test'" in meta["command"]  # quoted: the recorded command can be pasted back
    model, loaded = store.load_model_file(out.with_suffix(".keras"))
    assert loaded["test_accuracy"] == meta["test_accuracy"] and model.output_shape == (None, 10)


def test_command_line_trainer_runs_in_a_worker_process_by_default(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FCL_MAX_TRAINING_JOBS", "1")
    out = tmp_path / "worker_run"
    assert cli.main(["--preset", "small", "--subset", "300", "--epochs", "1", "--out", str(out)]) == 0
    assert not cluster.is_started()  # the command's own cluster is gone again
    meta = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["state"] == "done" and len(meta["history"]["loss"]) == 1
    assert "epoch 1/1" in capsys.readouterr().out


def test_command_line_trainer_reports_bad_settings_without_a_traceback(fashion, capsys):
    assert cli.main(["--subset", "50", "--batch-size", "64", "--validation-split", "0.1"]) == 2
    assert "batch size (64) is larger than the number of training images (45)" in capsys.readouterr().err
