"""How long a Start click waits for the first batch, and how fast a job trains in a worker process
against the same training in a plain process.

Three measurements, in one run on this machine:

* **cold** — nothing started yet: the embedded Dask cluster starts (worker processes, TensorFlow
  import, warm-up), then the job is submitted. Time from submit to the first batch the app sees.
  The Train page starts the cluster when it is first opened, so a learner filling in the form
  normally hides most of this;
* **warm** — the cluster is up: time from submit to the first batch, ``--rounds`` times (median);
* **throughput** — the same run (the page's form defaults by default: the lesson's network, batch
  32, 6,000 pictures, validation share 0.10) in a worker through the job service and in this process
  through :func:`cnn_core.training.fit`, alternated ``--rounds`` times so background load hits both
  alike; images per second (the first batch, which builds the graph, left out), the median and the
  best round of each, and the ratio of the best rounds ``worker_vs_plain_process``.

    python bench/job_latency.py --rounds 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CPU_FLAGS_SHOWN = ("avx2", "avx512f", "avx512_bf16", "amx_bf16")


def first_batch_seconds(service, spec) -> tuple[float, object]:
    """Seconds from submit until the app has seen the job's first batch; the job keeps running."""
    started = time.perf_counter()
    handle = service.submit(spec, owner="bench")
    while not handle.snapshot().batches_done:
        if handle.finished:
            raise RuntimeError(f"the job ended before its first batch: {handle.snapshot().error_key}")
        handle.poll()
        time.sleep(0.01)
    return time.perf_counter() - started, handle


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--subset", type=int, default=6000)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--preset", default="seed")
    args = parser.parse_args(argv)

    from cnn_core import datasets, jobs, precision, training
    from cnn_core.jobs import cluster

    flags = precision.cpu_flags()
    print(f"CPU: {os.cpu_count()} cores; flags: " + " ".join(f"{flag}={'yes' if flag in flags else 'no'}"
                                                            for flag in CPU_FLAGS_SHOWN))
    print(f"training slots {cluster.slot_count()}, cores per slot {cluster.cores_per_slot()}")
    config = training.TrainConfig(preset=args.preset, subset=args.subset, epochs=args.epochs,
                                  batch_size=args.batch_size)
    spec = jobs.JobSpec.training(config)
    service = jobs.JobService()

    cold, handle = first_batch_seconds(service, spec)  # the cluster starts inside this
    handle.stop()
    handle.wait()
    print(f"cold: submit -> first batch {cold:.2f} s (cluster start, worker warm-up and the job)")
    warm = []
    for _ in range(args.rounds):
        seconds, handle = first_batch_seconds(service, spec)
        handle.stop()
        handle.wait()
        warm.append(seconds)
    print(f"warm: submit -> first batch {statistics.median(warm):.2f} s (median of {args.rounds}: "
          + ", ".join(f"{s:.2f}" for s in warm) + ")")

    data = datasets.read_original_files(config.dataset)
    speeds = {"worker": [], "plain process": []}
    for _ in range(args.rounds):
        handle = service.submit(spec, owner="bench")
        assert handle.wait(), "the worker job did not finish"
        speeds["worker"].append(handle.snapshot().images_per_s)
        reporter = jobs.ProgressReporter()
        training.fit(config, data, reporter)
        speeds["plain process"].append(reporter.progress.snapshot().images_per_s)
    for name, values in speeds.items():
        print(f"{name:14s} median {statistics.median(values):6.0f}, best {max(values):6.0f} images/s ("
              + ", ".join(f"{v:.0f}" for v in values) + ")")
    print(f"worker_vs_plain_process: {max(speeds['worker']) / max(speeds['plain process']):.2f}")
    service.close()
    cluster.shutdown()


if __name__ == "__main__":
    main()
