"""Class experiments: one question, one Train-form setting varied over a few values, several seeds each.

"Does a bigger first layer help?" A teacher picks the setting (:data:`PARAMS`), its values, how many
seeds per value and a budget (pictures, epochs); every (value, seed) pair is one training run. The
class runs them (each learner who opens the experiment link is handed the next pair nobody has) or
the cluster does (every run submitted at once). Results come back as one row per run and are shown
as accuracy against the value, one dot per run, with each value's mean and spread.

This module holds the rules only (no Streamlit): checking a definition, the runs' configs, handing
out pairs (:class:`ExperimentBoard`, thread-safe, one per server), summaries and CSV.

Example::

    experiment = Experiment("learning_rate", (0.001, 0.01), seeds=2, subset=2000, epochs=1).validate()
    [experiment.config(value, seed) for value, seed in experiment.pairs()]
"""

from __future__ import annotations

import csv
import io
import math
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from cnn_core import models, precision, training
from cnn_core.errors import UserError

MAX_VALUES = 8
MAX_SEEDS = 10
MAX_QUESTION = 300


@dataclass(frozen=True)
class Setting:
    """One setting an experiment may vary: how a value's text is read and where it goes in the run."""

    name: str
    label_key: str
    kind: type
    choices: tuple = ()

    def parse(self, text) -> object:
        """A value from its text (or the value itself). Raises ``UserError("experiments.err_value")``."""
        try:
            if self.kind is bool:
                value = {"1": True, "true": True, "on": True, "0": False, "false": False, "off": False}[
                    str(text).strip().lower()] if not isinstance(text, bool) else text
            elif self.kind is str:
                value = str(text).strip()
            else:
                value = self.kind(text if not isinstance(text, str) else text.strip())
                if self.kind is int and isinstance(text, float) and not float(text).is_integer():
                    raise ValueError(text)
        except (KeyError, ValueError, TypeError):
            raise UserError("experiments.err_value", value=str(text)[:40]) from None
        if self.choices and value not in self.choices:
            raise UserError("experiments.err_value", value=str(text)[:40])
        if isinstance(value, float) and not math.isfinite(value):
            raise UserError("experiments.err_value", value=str(text)[:40])
        return value


PARAMS: dict[str, Setting] = {setting.name: setting for setting in (
    Setting("filters", "train.filters", int, (4, 8, 16, 32, 64, 128)),
    Setting("dropout", "train.dropout", float),
    Setting("learning_rate", "train.learning_rate", float),
    Setting("batch_size", "train.batch_size", int),
    Setting("epochs", "train.epochs", int),
    Setting("augment", "augment.train_toggle", bool),
    Setting("preset", "train.preset_label", str, tuple(models.PRESETS)),
    Setting("precision", "precision.force_float32", str, tuple(precision.CHOICES)),
)}
_CUSTOM_ONLY = ("filters", "dropout")   # the custom builder's options: the run uses the custom preset


@dataclass(frozen=True)
class Experiment:
    """A definition: ``param`` (a :data:`PARAMS` name), its ``values``, ``seeds`` per value, the
    budget (``subset`` pictures, ``epochs``), the ``question`` in words and the ``base`` the other
    settings come from (a :class:`cnn_core.training.TrainConfig`)."""

    param: str
    values: tuple
    seeds: int = 1
    subset: int = 2000
    epochs: int = 1
    question: str = ""
    base: training.TrainConfig = field(default_factory=lambda: training.TrainConfig(
        batch_size=training.FAST_BATCH_SIZE, learning_rate=training.FAST_LEARNING_RATE))

    def validate(self, available: int | None = None) -> "Experiment":
        """Check the definition and read its values; returns the experiment with parsed values.

        Raises:
            UserError: an ``experiments.err_*`` key (or the run config's own ``train.err_*``).
        """
        if self.param not in PARAMS:
            raise UserError("experiments.err_param", param=str(self.param)[:40])
        if not isinstance(self.question, str) or len(self.question) > MAX_QUESTION:
            raise UserError("experiments.err_question", limit=MAX_QUESTION)
        values = tuple(dict.fromkeys(PARAMS[self.param].parse(value) for value in self.values))
        if not 2 <= len(values) <= MAX_VALUES:
            raise UserError("experiments.err_values", low=2, high=MAX_VALUES)
        if isinstance(self.seeds, bool) or not isinstance(self.seeds, int) or not 1 <= self.seeds <= MAX_SEEDS:
            raise UserError("experiments.err_seeds", high=MAX_SEEDS)
        checked = replace(self, values=values, question=self.question.strip())
        for value in values:
            checked.config(value, 0).validate(available)
        return checked

    def pairs(self) -> list[tuple[object, int]]:
        """Every run's ``(value, seed)``, seed by seed, so the first runs handed out cover every value."""
        return [(value, seed) for seed in range(self.seeds) for value in self.values]

    def config(self, value, seed: int) -> training.TrainConfig:
        """The run for ``value`` and ``seed``: the base config, the budget, and the varied setting."""
        changes: dict = {"subset": self.subset, "epochs": self.epochs, "seed": seed}
        if self.param in _CUSTOM_ONLY:
            options = {**models.CUSTOM_DEFAULTS, **(self.base.model_options or {}), self.param: value}
            changes.update(preset="custom", model_options=options)
        else:
            changes[self.param] = value
        config = replace(self.base, **changes)
        if self.param == "preset" and not models.PRESETS[value].takes_options:
            config = replace(config, model_options={})
        return config


@dataclass(frozen=True)
class RunResult:
    """One finished run: its ``value`` and ``seed``, test accuracy, seconds, images per second."""

    value: object
    seed: int
    test_accuracy: float
    seconds: float
    images_per_s: float | None = None

    def to_dict(self) -> dict:
        return {"value": self.value, "seed": self.seed, "test_accuracy": self.test_accuracy,
                "seconds": self.seconds, "images_per_s": self.images_per_s}


class ExperimentBoard:
    """The server's experiments: each one's definition, who holds which (value, seed), its results.

    Handing out is first come, first served: a session asking again gets the pair it already holds;
    once every pair is held, :meth:`assign` returns ``None``. A result counts once per pair (a rerun
    of the same pair replaces the earlier result). All methods take one lock.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._experiments: dict[str, Experiment] = {}
        self._holders: dict[str, dict[tuple, str]] = {}
        self._results: dict[str, dict[tuple, RunResult]] = {}
        self._watched: list[tuple[str, tuple, object]] = []
        self._count = 0

    def create(self, experiment: Experiment) -> str:
        """Register a checked experiment; returns its id (``e1``, ``e2``, ...)."""
        with self._lock:
            self._count += 1
            experiment_id = f"e{self._count}"
            self._experiments[experiment_id] = experiment
            self._holders[experiment_id] = {}
            self._results[experiment_id] = {}
            return experiment_id

    def get(self, experiment_id: str) -> Experiment | None:
        with self._lock:
            return self._experiments.get(experiment_id)

    def ids(self) -> list[str]:
        with self._lock:
            return list(self._experiments)

    def assign(self, experiment_id: str, session_id: str) -> tuple[object, int] | None:
        """The (value, seed) this session runs: the one it holds, else the next free one (or ``None``)."""
        with self._lock:
            experiment = self._experiments.get(experiment_id)
            if experiment is None:
                return None
            holders = self._holders[experiment_id]
            for pair, holder in holders.items():
                if holder == session_id:
                    return pair
            for pair in experiment.pairs():
                if pair not in holders:
                    holders[pair] = session_id
                    return pair
            return None

    def record(self, experiment_id: str, result: RunResult) -> None:
        """Count a finished run for the experiment (the one function real and test runs report through)."""
        with self._lock:
            if experiment_id in self._results:
                self._results[experiment_id][(result.value, result.seed)] = result

    def watch(self, experiment_id: str, pair: tuple, job) -> None:
        """Count ``job`` (anything with ``snapshot()``, e.g. a ``cnn_core.jobs.JobHandle``) for ``pair``
        once it finishes (:meth:`collect`)."""
        with self._lock:
            self._watched = [entry for entry in self._watched if entry[:2] != (experiment_id, pair)]
            self._watched.append((experiment_id, pair, job))

    def collect(self) -> int:
        """Record every watched run that has finished; a run that stopped or failed frees its pair for
        the next learner. Returns how many results were recorded."""
        with self._lock:
            watched, self._watched = self._watched, []
        recorded, still = 0, []
        for experiment_id, pair, job in watched:
            snap = job.snapshot()
            if snap.state == "done" and snap.test_accuracy is not None:
                self.record(experiment_id, RunResult(pair[0], pair[1], float(snap.test_accuracy),
                                                     float(snap.elapsed_s), snap.images_per_s))
                recorded += 1
            elif snap.state in ("stopped", "failed"):
                with self._lock:
                    self._holders.get(experiment_id, {}).pop(pair, None)
            else:
                still.append((experiment_id, pair, job))
        with self._lock:
            self._watched = still + self._watched
        return recorded

    def free_pairs(self, experiment_id: str) -> list[tuple]:
        """The pairs nobody holds yet."""
        with self._lock:
            experiment = self._experiments.get(experiment_id)
            holders = self._holders.get(experiment_id, {})
            return [] if experiment is None else [pair for pair in experiment.pairs() if pair not in holders]

    def hold(self, experiment_id: str, pair: tuple, holder: str) -> bool:
        """Give ``pair`` to ``holder`` if nobody holds it (the cluster's runs); returns whether it did."""
        with self._lock:
            holders = self._holders.get(experiment_id)
            if holders is None or pair in holders:
                return False
            holders[pair] = holder
            return True

    def results(self, experiment_id: str) -> list[RunResult]:
        with self._lock:
            return list(self._results.get(experiment_id, {}).values())


def summary(values: Sequence, results: Iterable[RunResult]) -> list[dict]:
    """Per value (in ``values``' order): ``n`` runs, ``mean`` and ``std`` of test accuracy (``None``
    without runs; ``std`` 0 for one run)."""
    rows = []
    results = list(results)
    for value in values:
        accuracies = [result.test_accuracy for result in results if result.value == value]
        mean = sum(accuracies) / len(accuracies) if accuracies else None
        std = (math.sqrt(sum((a - mean) ** 2 for a in accuracies) / (len(accuracies) - 1))
               if len(accuracies) > 1 else (0.0 if accuracies else None))
        rows.append({"value": value, "n": len(accuracies), "mean": mean, "std": std})
    return rows


def to_csv(param: str, results: Iterable[RunResult]) -> str:
    """The results as CSV: ``param, seed, test_accuracy, seconds, images_per_s``, one row per run."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([param, "seed", "test_accuracy", "seconds", "images_per_s"])
    for result in sorted(results, key=lambda r: (str(r.value), r.seed)):
        writer.writerow([result.value, result.seed, f"{result.test_accuracy:.4f}", f"{result.seconds:.1f}",
                         "" if result.images_per_s is None else f"{result.images_per_s:.0f}"])
    return out.getvalue()
