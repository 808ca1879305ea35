"""What recording a run's replay costs: the same finished run with and without the timeline recorder.

Both runs are :func:`cnn_core.training.fit` in this process on the real Fashion-MNIST (read from the
shipped files), the Train page's defaults unless told otherwise (the lesson's network, 5 epochs of
6,000 pictures, batch 128, then the test on all 10,000 test pictures): a **finished run**, from the
first batch's graph to the test result. The baseline's reporter says ``record_timeline=False``, so
``fit`` adds no recorder; the other run records its timeline (:mod:`cnn_core.timeline`) as every app
run does. ``--rounds`` rounds run both, round-robin with the order swapped every round, so
background load hits them alike; each reports its fastest round. On a busy machine the two wall
times are noisy, so the recorder's own seconds (its hooks timed inside the recording runs) are
reported as well: ``recorder_share`` is that time over the recording run's. The last lines are the
timeline's size and ``timeline_cost_ratio: X.XXX`` (fastest with / fastest without; the issue's
budget is 1.05).

    python bench/timeline_cost.py                       # the Train page's defaults, 3 rounds
    python bench/timeline_cost.py --epochs 10 --subset 60000 --batch-size 32 --learning-rate 0.001 \\
        --schedule constant --validation-split 0        # the lesson's recipe
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import baseline  # noqa: E402  (same folder; puts the repository on sys.path)


def _timed(hook, seconds: list):
    """``hook`` that adds its own wall time to ``seconds`` on every call."""

    def timed(self, *args, **kwargs):
        started = time.perf_counter()
        try:
            return hook(self, *args, **kwargs)
        finally:
            seconds.append(time.perf_counter() - started)

    return timed


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--preset", default="seed")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--subset", type=int, default=6000)
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--learning-rate", type=float, default=0.006)
    parser.add_argument("--schedule", default="cosine")
    parser.add_argument("--validation-split", type=float, default=0.1)
    parser.add_argument("--test-images", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)

    print(baseline.cpu_flags_line(), flush=True)
    import dataclasses

    from cnn_core import datasets, jobs, timeline, training

    hook_seconds = []
    for name in ("on_train_begin", "on_train_batch_end", "on_train_end"):
        setattr(timeline.TimelineRecorder, name, _timed(getattr(timeline.TimelineRecorder, name), hook_seconds))

    data = datasets.read_original_files("fashion_mnist")
    data = dataclasses.replace(data, test_images=data.test_images[: args.test_images],
                               test_labels=data.test_labels[: args.test_images])
    config = training.TrainConfig(preset=args.preset, epochs=args.epochs, batch_size=args.batch_size,
                                  learning_rate=args.learning_rate, lr_schedule=args.schedule,
                                  validation_split=args.validation_split,
                                  subset=None if args.subset >= len(data.train_labels) else args.subset)
    print(f"run: {config.preset}, {config.epochs} epochs of {args.subset} pictures, batch {config.batch_size}, "
          f"test on {len(data.test_labels)} pictures", flush=True)
    seconds = {False: [], True: []}
    recorded = None
    shares = []
    for round_number in range(1, args.rounds + 1):
        for records in ((False, True) if round_number % 2 else (True, False)):  # who goes first alternates
            hook_seconds.clear()
            reporter = jobs.ProgressReporter(record_timeline=records)
            started = time.perf_counter()
            training.fit(config, data, reporter)
            seconds[records].append(time.perf_counter() - started)
            if records:
                recorded = reporter.progress.timeline
                shares.append(sum(hook_seconds) / seconds[True][-1])
            print(f"round {round_number}: {'with recorder   ' if records else 'without recorder'} "
                  f"{seconds[records][-1]:.2f} s", flush=True)
    without, with_recorder = min(seconds[False]), min(seconds[True])
    compressed = len(recorded.to_bytes())
    print(f"fastest: without {without:.2f} s, with {with_recorder:.2f} s", flush=True)
    print(f"timeline: {len(recorded.frames)} frames, {recorded.nbytes / 1024:.0f} kB in memory, "
          f"{compressed / 1024:.0f} kB saved (.timeline.npz)", flush=True)
    print(f"recorder_share: {min(shares):.3f} (its hooks' own time over the recording run's, best round; "
          f"all rounds: {', '.join(f'{share:.3f}' for share in shares)})", flush=True)
    print(f"timeline_cost_ratio: {with_recorder / without:.3f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
