"""Class experiments' rules: checking a definition, each run's config, handing out distinct pairs
across sessions (also from many threads at once), summaries and CSV."""

from __future__ import annotations

import threading

import pytest

from cnn_core import experiments, i18n
from cnn_core.errors import UserError
from cnn_core.experiments import Experiment, ExperimentBoard, RunResult


def test_values_are_read_by_the_setting_and_each_run_varies_only_it():
    experiment = Experiment("learning_rate", ("0.001", "0.01", "0.001"), seeds=2, subset=500, epochs=1).validate()
    assert experiment.values == (0.001, 0.01)  # read as numbers, repeats dropped
    assert experiment.pairs() == [(0.001, 0), (0.01, 0), (0.001, 1), (0.01, 1)]
    config = experiment.config(0.01, 1)
    assert (config.learning_rate, config.seed, config.subset, config.epochs) == (0.01, 1, 500, 1)
    assert config.batch_size == experiment.base.batch_size


def test_first_layer_filters_run_the_custom_builder():
    experiment = Experiment("filters", ("8", "32")).validate()
    config = experiment.config(8, 0)
    assert config.preset == "custom" and config.model_options["filters"] == 8


@pytest.mark.parametrize(("param", "values", "seeds", "key"), [
    ("colour", ("1", "2"), 1, "experiments.err_param"),
    ("learning_rate", ("0.01",), 1, "experiments.err_values"),
    ("learning_rate", ("fast", "0.1"), 1, "experiments.err_value"),
    ("learning_rate", ("nan", "0.1"), 1, "experiments.err_value"),
    ("learning_rate", ("2.0", "0.1"), 1, "train.err_learning_rate"),
    ("filters", ("7", "8"), 1, "experiments.err_value"),
    ("epochs", ("1", "2"), 0, "experiments.err_seeds"),
    ("augment", ("maybe", "1"), 1, "experiments.err_value"),
])
def test_a_definition_that_does_not_fit_is_refused(param, values, seeds, key):
    with pytest.raises(UserError) as caught:
        Experiment(param, values, seeds=seeds).validate()
    assert caught.value.key == key
    for lang in i18n.LANGUAGES:
        assert i18n.t(key, lang, **caught.value.values)


def test_sessions_get_distinct_pairs_and_keep_theirs():
    board = ExperimentBoard()
    experiment_id = board.create(Experiment("augment", ("0", "1"), seeds=2).validate())
    handed = [board.assign(experiment_id, f"session-{n}") for n in range(5)]
    assert handed[:4] == [(False, 0), (True, 0), (False, 1), (True, 1)]
    assert handed[4] is None                                        # every pair is taken
    assert board.assign(experiment_id, "session-2") == (False, 1)   # asking again: the same pair
    assert board.assign("e99", "session-1") is None


def test_many_sessions_at_once_never_share_a_pair():
    board = ExperimentBoard()
    experiment_id = board.create(Experiment("epochs", ("1", "2", "3"), seeds=4).validate())
    handed, threads = [], []
    for n in range(20):
        threads.append(threading.Thread(target=lambda n=n: handed.append(board.assign(experiment_id, f"s{n}"))))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    pairs = [pair for pair in handed if pair is not None]
    assert len(pairs) == 12 and len(set(pairs)) == 12


def test_summary_and_csv():
    board = ExperimentBoard()
    experiment_id = board.create(Experiment("learning_rate", ("0.001", "0.01"), seeds=2).validate())
    for value, seed, accuracy in ((0.001, 0, 0.70), (0.001, 1, 0.74), (0.01, 0, 0.80), (0.001, 1, 0.76)):
        board.record(experiment_id, RunResult(value, seed, accuracy, 12.0, 900.0))
    results = board.results(experiment_id)
    assert len(results) == 3  # the second result of (0.001, 1) replaced the first
    rows = experiments.summary((0.001, 0.01), results)
    assert rows[0]["n"] == 2 and rows[0]["mean"] == pytest.approx(0.73)
    assert rows[0]["std"] == pytest.approx(0.0424264, rel=1e-4)
    assert rows[1] == {"value": 0.01, "n": 1, "mean": 0.80, "std": 0.0}
    text = experiments.to_csv("learning_rate", results)
    assert text.splitlines() == ["learning_rate,seed,test_accuracy,seconds,images_per_s",
                                 "0.001,0,0.7000,12.0,900", "0.001,1,0.7600,12.0,900", "0.01,0,0.8000,12.0,900"]


class FakeJob:
    """A job handle's snapshot as the board reads it."""

    def __init__(self, state, accuracy=None):
        self.state, self.accuracy = state, accuracy

    def snapshot(self):
        from types import SimpleNamespace

        return SimpleNamespace(state=self.state, test_accuracy=self.accuracy, elapsed_s=20.0, images_per_s=700.0)


def test_watched_jobs_count_when_done_and_free_their_pair_when_stopped():
    board = ExperimentBoard()
    experiment_id = board.create(Experiment("epochs", ("1", "2")).validate())
    first, second = board.assign(experiment_id, "a"), board.assign(experiment_id, "b")
    running, stopped = FakeJob("running"), FakeJob("stopped")
    board.watch(experiment_id, first, running)
    board.watch(experiment_id, second, stopped)
    assert board.collect() == 0 and board.free_pairs(experiment_id) == [second]  # the stopped run's pair is free
    running.state, running.accuracy = "done", 0.8
    assert board.collect() == 1
    assert [result.to_dict() for result in board.results(experiment_id)] == [
        {"value": 1, "seed": 0, "test_accuracy": 0.8, "seconds": 20.0, "images_per_s": 700.0}]


def test_the_plot_has_one_dot_per_run_and_a_mean_with_spread_per_value():
    from cnn_core.figures.experiments import experiment_figure

    results = [RunResult(0.001, 0, 0.7, 10.0), RunResult(0.001, 1, 0.8, 11.0), RunResult(0.01, 0, 0.9, 9.0)]
    figure = experiment_figure("rate", (0.001, 0.01), results, experiments.summary((0.001, 0.01), results), "bn")
    runs, means = figure["data"]
    assert runs["x"] == ["0.001", "0.001", "0.01"] and runs["y"] == [0.7, 0.8, 0.9]
    assert means["y"] == pytest.approx([0.75, 0.9]) and means["error_y"]["array"][1] == 0.0
    assert figure["layout"]["xaxis"]["categoryarray"] == ["0.001", "0.01"]
    assert "সিড" in runs["text"][0]
    speed = experiment_figure("rate", (0.001, 0.01), results, [], "en", metric="images_per_s")
    assert len(speed["data"]) == 1 and speed["data"][0]["y"] == []  # no speed measured, no dots
