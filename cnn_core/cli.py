"""Train a model from the command line, with the same engine the Train page uses.

    python -m cnn_core.cli --dataset fashion_mnist --preset strong --epochs 12 --batch-size 128 \\
        --learning-rate 0.003 --lr-schedule cosine --out assets/models/fashion_mnist

writes ``fashion_mnist.keras`` (weights and architecture, no optimizer state) and ``fashion_mnist.json``
(config, per-epoch history, test accuracy, date). The test accuracy in the JSON is measured by this
script on the *saved file* after reloading it, so it is the accuracy of exactly what ships. Without
``--out`` the run goes into the model store (``$FCL_MODELS_DIR``) like a run saved from the app.

Where it trains: like a run started on the Train page, in a worker process of the training cluster
(:mod:`cnn_core.jobs.cluster`: an embedded one started for this command, or the scheduler named by
``$FCL_DASK_SCHEDULER``); ``--strategy mirrored`` trains in this process instead.

Several devices: ``--strategy mirrored`` trains with ``tf.distribute.MirroredStrategy`` over all local
GPUs, or over CPU devices; ``--logical-cpus 2`` first splits the CPU into two logical devices, which
shows the data-parallel path (each device gets half of every batch, gradients are summed) on a
machine without GPUs. ``--workers N`` trains one model on N Dask workers at once (each on its own
machine in a lab's cluster) with ``MultiWorkerMirroredStrategy``: see :mod:`cnn_core.multiworker`;
without ``$FCL_DASK_SCHEDULER`` it starts an embedded cluster of N worker processes on 127.0.0.1.

A class experiment (:mod:`cnn_core.experiments`): one setting over several values, several seeds each,
every run a job on the training cluster, one JSON row per run (value, seed, test accuracy, seconds)::

    python -m cnn_core.cli experiment --param learning_rate --values 0.001,0.01 --seeds 2 \
        --epochs 1 --subset 2000 --json results.json
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import sys
import time
from datetime import datetime, timezone
from pathlib import Path


def parse_args(argv=None) -> argparse.Namespace:
    """The command line's arguments. Training settings left out are ``None``: the preset's recipe
    (:attr:`cnn_core.models.Preset.recipe`) fills them in (:func:`config_from_args`)."""
    from cnn_core import datasets, models, precision, training

    parser = argparse.ArgumentParser(prog="python -m cnn_core.cli", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", default=datasets.DEFAULT_DATASET, choices=list(datasets.DATASETS))
    parser.add_argument("--preset", default=models.LESSON_PRESET, choices=list(models.PRESETS),
                        help="the network; its recipe gives every training setting not named here")
    parser.add_argument("--epochs", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--optimizer", default=None, choices=list(training.OPTIMIZERS))
    parser.add_argument("--learning-rate", type=float, default=None,
                        help="default: the recipe's, scaled by sqrt(batch / recipe's batch) for another --batch-size")
    parser.add_argument("--lr-schedule", default=None, choices=list(training.LR_SCHEDULES))
    parser.add_argument("--precision", default=None, choices=list(precision.CHOICES),
                        help="auto: bfloat16 where this machine computes it natively (see cnn_core.precision)")
    parser.add_argument("--validation-split", type=float, default=None)
    parser.add_argument("--subset", type=int, default=None, help="train on this many images only")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-minutes", type=float, default=None,
                        help="stop after this much training time (the model is kept as it stands)")
    parser.add_argument("--strategy", default="default", choices=["default", "mirrored"])
    parser.add_argument("--workers", type=int, default=1,
                        help="train one model on N Dask workers at once (MultiWorkerMirroredStrategy)")
    parser.add_argument("--logical-cpus", type=int, default=None,
                        help="split the CPU into N logical devices (set before TensorFlow starts)")
    parser.add_argument("--name", default=None, help="a name for the run")
    parser.add_argument("--out", default=None, help="write OUT.keras and OUT.json instead of the model store")
    return parser.parse_args(argv)


def configure_logical_cpus(count: int) -> None:
    """Split the first CPU into ``count`` logical devices; only possible before TF uses its devices."""
    import tensorflow as tf

    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * count)


def config_from_args(args: argparse.Namespace):
    """The :class:`cnn_core.training.TrainConfig` that parsed arguments ask for: the preset's recipe,
    with every setting named on the command line in its place.

    Example:

    >>> config_from_args(parse_args(["--preset", "strong", "--epochs", "2"])).epochs
    2
    >>> config_from_args(parse_args(["--preset", "strong"])).lr_schedule
    'cosine'
    """
    import dataclasses

    from cnn_core import training

    recipe = training.recipe_config(args.preset, dataset=args.dataset, subset=args.subset, seed=args.seed)
    named = {"epochs": args.epochs, "batch_size": args.batch_size, "optimizer": args.optimizer,
             "learning_rate": args.learning_rate, "lr_schedule": args.lr_schedule, "precision": args.precision,
             "validation_split": args.validation_split}
    named = {field: value for field, value in named.items() if value is not None}
    if "batch_size" in named and "learning_rate" not in named:
        named["learning_rate"] = recipe.learning_rate * (named["batch_size"] / recipe.batch_size) ** 0.5
    return dataclasses.replace(recipe, **named)


def start_job(spec, workers: int = 1):
    """``(job, close)``: the run as a job on the training cluster (the embedded one, or
    ``$FCL_DASK_SCHEDULER``'s); for ``--strategy mirrored`` (which splits *this* process's devices)
    in this process; for ``workers`` > 1 on that many Dask workers at once (an embedded cluster gets
    that many worker processes). ``close()`` frees the cluster when the run is over."""
    from cnn_core import jobs, multiworker
    from cnn_core.jobs import cluster

    if workers > 1:
        if os.environ.get(cluster.SCHEDULER_ENV):
            return multiworker.MultiWorkerJob(spec, cluster.get_client(), workers).start(), cluster.shutdown
        local, client = cluster.start_local_cluster(slots=workers, data_dir=spec.data_dir)

        def close_local() -> None:
            client.close()
            local.close()

        return multiworker.MultiWorkerJob(spec, client, workers).start(), close_local
    if spec.strategy == "mirrored":
        return jobs.LocalJob(spec).start(), lambda: None
    service = jobs.JobService()

    def close_service() -> None:
        service.close()
        cluster.shutdown()

    return service.submit(spec, owner="cli"), close_service


def watch(job, max_minutes: float | None):
    """Print each epoch as it ends; stop the run after ``max_minutes`` of training. Returns the
    final snapshot."""
    from cnn_core import jobs

    deadline = None if max_minutes is None else time.perf_counter() + 60 * max_minutes
    reported = 0
    while True:
        finished = job.wait(1.0)
        snap = job.snapshot()
        for row in snap.epochs[reported:]:
            print(f"epoch {row['epoch']}/{snap.total_epochs}: loss {row['loss']:.4f} acc {row['accuracy']:.4f} "
                  f"val_loss {row['val_loss'] or 0:.4f} val_acc {row['val_accuracy'] or 0:.4f} "
                  f"({row['seconds']:.1f} s, {snap.images_per_s or 0:.0f} img/s)", flush=True)
        reported = len(snap.epochs)
        if finished:
            return snap
        if deadline is not None and time.perf_counter() > deadline and snap.state == jobs.RUNNING:
            print("time budget reached: stopping after this batch", flush=True)
            job.stop()


def parse_experiment_args(argv) -> argparse.Namespace:
    from cnn_core import datasets, experiments

    parser = argparse.ArgumentParser(prog="python -m cnn_core.cli experiment",
                                     description="Train one run per (value, seed) of one setting.")
    parser.add_argument("--param", required=True, choices=list(experiments.PARAMS))
    parser.add_argument("--values", required=True, help="comma-separated values, e.g. 0.001,0.01")
    parser.add_argument("--seeds", type=int, default=1, help="seeds per value")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--subset", type=int, default=2000, help="training pictures per run")
    parser.add_argument("--dataset", default="fashion_mnist", choices=list(datasets.DATASETS))
    parser.add_argument("--question", default="")
    parser.add_argument("--json", default=None, help="write the results here")
    return parser.parse_args(argv)


def run_experiment(argv) -> int:
    """Submit every run of the experiment to the job service at once, wait for all, report each."""
    import json
    from dataclasses import replace

    from cnn_core import datasets, experiments, jobs
    from cnn_core.jobs import cluster
    from cnn_core.errors import UserError
    from cnn_core.i18n import t

    args = parse_experiment_args(argv)
    try:
        data = datasets.load(args.dataset, progress=lambda stage: print(f"data: {stage}", flush=True))
        experiment = experiments.Experiment(args.param, tuple(args.values.split(",")), seeds=args.seeds,
                                            subset=args.subset, epochs=args.epochs, question=args.question)
        experiment = replace(experiment, base=replace(experiment.base, dataset=args.dataset))
        experiment = experiment.validate(len(data.train_images))
    except UserError as err:
        print(t(err.key, "en", **err.values), file=sys.stderr)
        return 2
    service = jobs.JobService()
    try:
        submitted = [(value, seed, service.submit(jobs.JobSpec.training(experiment.config(value, seed), data.data_dir),
                                                  owner="cli-experiment"))
                     for value, seed in experiment.pairs()]
        print(f"{len(submitted)} runs submitted", flush=True)
        rows, failed = [], 0
        for value, seed, job in submitted:
            while not job.wait(1.0):
                pass
            snap = job.snapshot()
            if snap.state != jobs.DONE or snap.test_accuracy is None:
                failed += 1
                print(f"{args.param}={value} seed {seed}: {snap.state}", file=sys.stderr, flush=True)
                continue
            result = experiments.RunResult(value, seed, float(snap.test_accuracy), float(snap.elapsed_s),
                                           snap.images_per_s)
            rows.append(result.to_dict())
            print(f"{args.param}={value} seed {seed}: test accuracy {result.test_accuracy:.4f} "
                  f"in {result.seconds:.0f} s", flush=True)
    finally:
        service.close()
        cluster.shutdown()
    for row in experiments.summary(experiment.values, [experiments.RunResult(**row) for row in rows]):
        if row["n"]:
            print(f"{args.param}={row['value']}: mean {row['mean']:.4f} ± {row['std']:.4f} over {row['n']} runs")
    if args.json:
        Path(args.json).write_text(json.dumps({"param": args.param, "question": experiment.question,
                                               "values": list(experiment.values), "seeds": experiment.seeds,
                                               "subset": experiment.subset, "epochs": experiment.epochs,
                                               "results": rows}, indent=1), encoding="utf-8")
        print(f"wrote {args.json}", flush=True)
    return 1 if failed else 0


def main(argv=None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["experiment"]:
        return run_experiment(arguments[1:])
    args = parse_args(argv)
    if args.logical_cpus:
        configure_logical_cpus(args.logical_cpus)

    from cnn_core import datasets, jobs, store, training
    from cnn_core.errors import UserError
    from cnn_core.i18n import t

    config = config_from_args(args)
    if args.workers > 1 and (args.max_minutes is not None or args.strategy == "mirrored"):
        print(t("multiworker.err_options", "en"), file=sys.stderr)
        return 2
    try:
        data = datasets.load(args.dataset, progress=lambda stage: print(f"data: {stage}", flush=True))
        config.validate(len(data.train_images))
    except UserError as err:
        print(t(err.key, "en", **err.values), file=sys.stderr)
        return 2
    print(f"training {config}", flush=True)
    job, close = start_job(jobs.JobSpec.training(config, data.data_dir, strategy=args.strategy), args.workers)
    try:
        snap = watch(job, args.max_minutes)
    finally:
        close()
    if snap.state == jobs.FAILED:
        print(t(snap.error_key, "en", **snap.error_values), file=sys.stderr)
        return 1
    print(f"{snap.state}: test accuracy {snap.test_accuracy:.4f} after {snap.elapsed_s:.0f} s", flush=True)

    meta = job.run_meta(name=args.name)
    meta.update({
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "command": "python -m cnn_core.cli " + shlex.join(argv if argv is not None else sys.argv[1:]),
        "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
    })
    if args.workers > 1:
        meta["workers"] = [f"{member['host']}:{member['port']}" for member in job.members]
    if args.out:
        out = Path(args.out).with_suffix("") if args.out.endswith(".keras") else Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        model_path = out.parent / f"{out.name}.keras"
        store.save_model_file(job.model, model_path)
        reloaded, _ = store.load_model_file(model_path)
        training.compile_model(reloaded, "adam", 1e-3)
        test_loss, test_accuracy = reloaded.evaluate(
            training.eval_pipeline(data.test_images, data.test_labels), verbose=0)
        meta.update({"run_id": out.name, "test_loss": float(test_loss), "test_accuracy": float(test_accuracy),
                     "file_bytes": model_path.stat().st_size})
        store.write_meta(meta, out.parent / f"{out.name}.json")
        print(f"wrote {model_path} ({model_path.stat().st_size / 1e6:.2f} MB); "
              f"test accuracy of the saved file: {test_accuracy:.4f}", flush=True)
    else:
        run_id = store.ModelStore().save(job.model, meta, timeline=job.timeline())
        print(f"saved run {run_id} in {store.ModelStore().root}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
