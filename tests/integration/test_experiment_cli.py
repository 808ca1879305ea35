"""The command-line class experiment on a tiny budget: two learning rates, one seed each, every run a
job on a Dask scheduler (here one the test starts and names in ``$FCL_DASK_SCHEDULER``, as a lab's)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from cnn_core.jobs import cluster

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 1200  # generous: the machine may be shared with other heavy work


def test_the_experiment_command_writes_one_result_per_run_through_the_scheduler(fashion, tmp_path):
    dask_cluster, client = cluster.start_local_cluster(slots=1)
    try:
        out = tmp_path / "results.json"
        env = {**os.environ, cluster.SCHEDULER_ENV: dask_cluster.scheduler_address}
        completed = subprocess.run(
            [sys.executable, "-m", "cnn_core.cli", "experiment", "--param", "learning_rate", "--values", "0.001,0.01",
             "--seeds", "1", "--epochs", "1", "--subset", "500", "--json", str(out)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT)
        assert completed.returncode == 0, completed.stderr[-3000:]
        finished = client.run_on_scheduler(lambda dask_scheduler: sum(
            prefix.state_counts.get("memory", 0) + prefix.state_counts.get("released", 0) +
            prefix.state_counts.get("forgotten", 0) for prefix in dask_scheduler.task_prefixes.values()))
    finally:
        client.close()
        dask_cluster.close()
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["param"] == "learning_rate" and document["values"] == [0.001, 0.01]
    results = document["results"]
    assert sorted((row["value"], row["seed"]) for row in results) == [(0.001, 0), (0.01, 0)]
    for row in results:
        assert 0.0 < row["test_accuracy"] <= 1.0 and row["seconds"] > 0
    assert finished >= 2  # both runs were tasks of the scheduler the command was pointed at
    assert "2 runs submitted" in completed.stdout
