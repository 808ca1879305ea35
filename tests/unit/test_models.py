"""Model presets: the lesson's exact network, the other presets, custom options and their errors."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from cnn_core import i18n, models
from cnn_core.errors import UserError

ROOT = Path(__file__).resolve().parents[2]


def test_seed_is_exactly_the_lessons_network():
    model = models.build_model("seed")
    assert models.count_params(model) == 421_642
    rows = models.summary_rows(model)
    assert [row["type"] for row in rows] == [
        "InputLayer", "Rescaling", "Conv2D", "MaxPooling2D", "Conv2D", "MaxPooling2D", "Flatten", "Dense", "Dense"]
    assert [row["params"] for row in rows] == [0, 0, 320, 0, 18_496, 0, 0, 401_536, 1_290]
    assert [row["output_shape"] for row in rows][2:] == [
        (None, 28, 28, 32), (None, 14, 14, 32), (None, 14, 14, 64), (None, 7, 7, 64), (None, 3136), (None, 128),
        (None, 10)]
    assert model.inputs[0].dtype == "uint8"
    assert model.layers[1].scale == pytest.approx(1 / 255)


@pytest.mark.parametrize("preset", ["seed", "small", "strong", "custom"])
def test_every_preset_takes_uint8_pictures_and_gives_probabilities(preset):
    model = models.build_model(preset, num_classes=10)
    images = np.random.default_rng(0).integers(0, 256, (3, 28, 28, 1), dtype=np.uint8)
    probabilities = np.asarray(model(images, training=False))
    assert probabilities.shape == (3, 10)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, rtol=1e-5)
    assert sum(row["params"] for row in models.summary_rows(model)) == model.count_params()


def test_small_is_cheaper_and_strong_has_three_conv_blocks_batchnorm_and_dropout():
    assert models.count_params(models.build_model("small")) < models.count_params(models.build_model("seed")) / 3
    types = [row["type"] for row in models.summary_rows(models.build_model("strong"))]
    assert types.count("Conv2D") == 3 and {"BatchNormalization", "Dropout"} <= set(types)


def test_same_seed_same_weights_other_seed_other_weights():
    first, again, other = (models.build_model("strong", seed=seed) for seed in (3, 3, 4))
    for a, b in zip(first.get_weights(), again.get_weights()):
        np.testing.assert_array_equal(a, b)
    assert not np.allclose(first.get_weights()[0], other.get_weights()[0])


def test_custom_options_shape_the_network():
    model = models.build_model("custom", conv_blocks=3, filters=8, kernel_size=5, dense_units=32, dropout=0.5)
    convs = [layer for layer in model.layers if type(layer).__name__ == "Conv2D"]
    assert [conv.filters for conv in convs] == [8, 16, 32]
    assert all(conv.kernel_size == (5, 5) for conv in convs)
    assert model.get_layer("dense").units == 32
    assert model.get_layer("dropout").rate == 0.5
    assert model.output_shape == (None, 10)
    # Defaults reproduce the lesson's layer sizes.
    default_custom = models.build_model("custom")
    assert models.count_params(default_custom) == 421_642


@pytest.mark.parametrize("options, key", [
    ({"conv_blocks": 4}, "models.err_option_range"),
    ({"conv_blocks": 0}, "models.err_option_range"),
    ({"filters": 2.5}, "models.err_option_range"),
    ({"dropout": 0.9}, "models.err_option_range"),
    ({"dense_units": "many"}, "models.err_option_range"),
    ({"kernel_size": 4}, "models.err_option_steps"),
    ({"colour": 1}, "models.err_unknown_option"),
])
def test_bad_custom_options_raise_user_errors(options, key):
    with pytest.raises(UserError) as raised:
        models.build_model("custom", **options)
    assert raised.value.key == key
    assert i18n.t(raised.value.key, "bn", **raised.value.values)


def test_unknown_preset_and_options_on_fixed_presets_are_refused():
    with pytest.raises(UserError) as raised:
        models.build_model("huge")
    assert raised.value.key == "models.err_unknown_preset"
    with pytest.raises(UserError) as raised:
        models.build_model("seed", filters=8)
    assert raised.value.key == "models.err_options_custom_only"


def test_every_engine_string_used_in_code_exists_in_both_languages():
    sources = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "cnn_core").glob("*.py"))
    keys = set(re.findall(r'"((?:models|train|store)\.(?:err_|preset_)[a-z_]+)"', sources))
    keys |= {key for preset in models.PRESETS.values() for key in (preset.name_key, preset.description_key)}
    assert len(keys) > 20
    for key in keys:
        for lang in i18n.LANGUAGES:
            assert i18n.CATALOG[key][lang].strip(), (key, lang)


def test_preset_labels_in_both_languages_and_unknown_presets_as_they_are():
    assert models.preset_label("strong", "en") == "Strong" and models.preset_label("strong", "bn") == "শক্তিশালী"
    assert models.preset_label("someone_elses", "bn") == "someone_elses"
    assert models.preset_label(models.UPLOADED_PRESET, "bn") == "আপলোড করা"   # a learner's upload


def test_a_registered_preset_is_built_and_named_like_the_shipped_ones(monkeypatch):
    """The recipe in docs/architecture.md: one register_preset call makes a preset known everywhere."""
    monkeypatch.setitem(i18n.CATALOG, "train.preset_tiny_test", {"en": "Tiny", "bn": "ক্ষুদ্র"})
    monkeypatch.setattr(models, "PRESETS", dict(models.PRESETS))
    models.register_preset(models.Preset("tiny_test", models.PRESETS["small"].build, "train.preset_tiny_test",
                                         "models.preset_small", {"epochs": 1}))
    model = models.build_model("tiny_test", num_classes=3)
    assert model.output_shape == (None, 3)
    assert models.preset_label("tiny_test", "bn") == "ক্ষুদ্র"
