"""The "best" preset: a registered network with its own recipe, which the command line and the Train
page's button use (its accuracy and time against the lesson are measured in bench/time_to_accuracy.py)."""

from __future__ import annotations

import dataclasses

import numpy as np

from cnn_core import cli, jobs, models, training


def test_the_best_preset_builds_a_network_that_mirrors_pictures_only_while_training():
    model = models.build_model("best", num_classes=10, seed=0)
    assert model.input.dtype == "uint8" and model.output.shape == (None, 10)
    assert model.get_layer("mirror").__class__.__name__ == "RandomFlip"
    picture = np.zeros((1, 28, 28, 1), np.uint8)
    picture[0, :, :3] = 255  # a stripe on the left
    mirrored = model.get_layer("mirror")
    scaled = model.get_layer("rescale_0_1")(picture)
    assert np.array_equal(np.asarray(mirrored(scaled, training=False)), np.asarray(scaled))


def test_the_best_network_normalises_after_pooling_and_the_strip_folds_it_into_the_pool():
    """Blocks 2 and 3 run conv -> pool -> BatchNorm -> ReLU (BatchNorm then has a quarter of the
    numbers to normalise); the Whole network strip shows the conv's own sums, then the pool with the
    BatchNorm and ReLU folded into its column."""
    from cnn_core import network

    model = models.build_model("best", num_classes=10, seed=0)
    names = [layer.name for layer in model.layers]
    for block in ("block2", "block3"):
        start = names.index(f"{block}_conv")
        assert names[start:start + 4] == [f"{block}_conv", f"{block}_pool", f"{block}_bn", f"{block}_relu"]
        assert not model.get_layer(f"{block}_conv").use_bias  # BatchNorm brings its own shift
    columns = {column.name: column for column in network.strip_columns(model)}
    assert columns["block2_conv"].layers == ("block2_conv",)
    assert columns["block2_pool"].layers == ("block2_pool", "block2_bn", "block2_relu")


def test_the_command_line_trains_the_best_recipe():
    config = cli.config_from_args(cli.parse_args(["--preset", "best"]))
    recipe = models.PRESETS["best"].recipe
    for name in ("epochs", "batch_size", "optimizer", "learning_rate", "lr_schedule", "validation_split",
                 "precision", "augment"):
        assert getattr(config, name) == recipe[name], name
    assert config.subset is None  # every training picture
    changed = cli.config_from_args(cli.parse_args(["--preset", "best", "--epochs", "3", "--learning-rate", "0.01"]))
    assert (changed.epochs, changed.learning_rate, changed.batch_size) == (3, 0.01, recipe["batch_size"])


def test_the_lesson_network_keeps_the_lessons_settings_on_the_command_line():
    config = cli.config_from_args(cli.parse_args([]))
    assert (config.preset, config.epochs, config.batch_size, config.learning_rate, config.lr_schedule) == \
        ("seed", 10, 32, 1e-3, "constant")


def test_a_tiny_run_of_the_best_recipe_learns(fashion):
    small = dataclasses.replace(fashion, test_images=fashion.test_images[:500], test_labels=fashion.test_labels[:500])
    recipe = models.PRESETS["best"].recipe
    config = training.TrainConfig(**{**recipe, "preset": "best", "epochs": 1, "subset": 2000})
    result = training.fit(config, small, jobs.ProgressReporter(flush_seconds=0.0))
    # 16 steps leave BatchNorm's running statistics near their start, so the bar is low: chance is 0.1
    assert result.test_accuracy > 0.3
    assert len(result.history["loss"]) == 1
