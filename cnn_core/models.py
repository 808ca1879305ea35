"""The networks the app trains: the lesson's CNN and a few variations, all built the same way.

Every model takes the dataset's images exactly as they are stored, ``uint8`` shaped ``(28, 28, 1)``,
and its first layer is ``Rescaling(1/255)``: the model itself turns pixels 0..255 into 0..1, so
training, the Classify page and a saved ``.keras`` file all share one preprocessing path.

``build_model`` returns an **uncompiled** model; :mod:`cnn_core.training` compiles it with the
optimizer a run asks for. Weights, dropout and augmentation draw from seeds derived from ``seed``,
so the same seed builds the same network without touching Keras' process-global random state.
"""

from __future__ import annotations

from collections import OrderedDict

import keras

from cnn_core.errors import UserError

INPUT_SHAPE = (28, 28, 1)

# Preset name -> i18n key of its one-line description (catalog: cnn_core/i18n/train_engine.py).
PRESETS: "OrderedDict[str, str]" = OrderedDict([
    ("seed", "models.preset_seed"),
    ("small", "models.preset_small"),
    ("strong", "models.preset_strong"),
    ("custom", "models.preset_custom"),
])

# Limits of the "custom" preset's options: name -> (smallest, largest).
CUSTOM_LIMITS = {
    "conv_blocks": (1, 3),
    "filters": (4, 128),
    "dense_units": (8, 1024),
    "dropout": (0.0, 0.7),
}
CUSTOM_KERNEL_SIZES = (3, 5)
CUSTOM_DEFAULTS = {"conv_blocks": 2, "filters": 32, "kernel_size": 3, "dense_units": 128, "dropout": 0.0}


class _Seeds:
    """Hands out a fresh, reproducible seed to each layer that needs randomness."""

    def __init__(self, seed: int | None):
        self._base = None if seed is None else int(seed) * 1000
        self._count = 0

    def next(self) -> int | None:
        if self._base is None:
            return None
        self._count += 1
        return self._base + self._count

    def kernel(self):
        return keras.initializers.GlorotUniform(seed=self.next())


def _inputs():
    inputs = keras.Input(shape=INPUT_SHAPE, dtype="uint8", name="image")
    scaled = keras.layers.Rescaling(1.0 / 255, name="rescale_0_1")(inputs)
    return inputs, scaled


def _seed_model(num_classes: int, seeds: _Seeds) -> keras.Model:
    """The lesson's network: two conv/pool pairs, then a 128-unit dense layer (421,642 params)."""
    inputs, x = _inputs()
    x = keras.layers.Conv2D(32, 3, padding="same", activation="relu", kernel_initializer=seeds.kernel(),
                            name="conv1")(x)
    x = keras.layers.MaxPooling2D(2, strides=2, name="pool1")(x)
    x = keras.layers.Conv2D(64, 3, padding="same", activation="relu", kernel_initializer=seeds.kernel(),
                            name="conv2")(x)
    x = keras.layers.MaxPooling2D(2, strides=2, name="pool2")(x)
    x = keras.layers.Flatten(name="flatten")(x)
    x = keras.layers.Dense(128, activation="relu", kernel_initializer=seeds.kernel(), name="dense")(x)
    outputs = keras.layers.Dense(num_classes, activation="softmax", kernel_initializer=seeds.kernel(),
                                 name="probabilities")(x)
    return keras.Model(inputs, outputs, name="seed")


def _conv_bn_pool(x, filters: int, seeds: _Seeds, name: str):
    """Conv (no bias: BatchNorm adds its own shift) -> BatchNorm -> ReLU -> 2x2 max-pool."""
    x = keras.layers.Conv2D(filters, 3, padding="same", use_bias=False, kernel_initializer=seeds.kernel(),
                            name=f"{name}_conv")(x)
    x = keras.layers.BatchNormalization(name=f"{name}_bn")(x)
    x = keras.layers.ReLU(name=f"{name}_relu")(x)
    return keras.layers.MaxPooling2D(2, strides=2, name=f"{name}_pool")(x)


def _strong_model(num_classes: int, seeds: _Seeds) -> keras.Model:
    """A deeper net that generalises better: three conv blocks, BatchNorm and Dropout.

    The first block has no BatchNorm on purpose: normalising 28x28x32 activations doubled the cost
    of a training step on a 2-core CPU, while the later, smaller blocks get it almost for free.
    Tuned for short runs (measured in six-epoch runs on Fashion-MNIST): dropout 0.2 and a 256-unit
    dense layer beat dropout 0.3 with 128 units, and no augmentation, because random flips slow
    down what a few epochs can learn.
    """
    inputs, x = _inputs()
    x = keras.layers.Conv2D(32, 3, padding="same", activation="relu", kernel_initializer=seeds.kernel(),
                            name="block1_conv")(x)
    x = keras.layers.MaxPooling2D(2, strides=2, name="block1_pool")(x)
    x = _conv_bn_pool(x, 64, seeds, "block2")
    x = _conv_bn_pool(x, 128, seeds, "block3")
    x = keras.layers.Flatten(name="flatten")(x)
    x = keras.layers.Dropout(0.2, seed=seeds.next(), name="drop1")(x)
    x = keras.layers.Dense(256, activation="relu", kernel_initializer=seeds.kernel(), name="dense")(x)
    x = keras.layers.Dropout(0.2, seed=seeds.next(), name="drop2")(x)
    outputs = keras.layers.Dense(num_classes, activation="softmax", kernel_initializer=seeds.kernel(),
                                 name="probabilities")(x)
    return keras.Model(inputs, outputs, name="strong")


def check_custom_options(options: dict) -> dict:
    """Fill in defaults and check ranges of the custom preset's options; bad values raise ``UserError``."""
    unknown = sorted(set(options) - set(CUSTOM_DEFAULTS))
    if unknown:
        raise UserError("models.err_unknown_option", option=", ".join(unknown))
    merged = {**CUSTOM_DEFAULTS, **options}
    for name, (low, high) in CUSTOM_LIMITS.items():
        value = merged[name]
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
            raise UserError("models.err_option_range", option=name, value=value, low=low, high=high)
        if name != "dropout" and int(value) != value:
            raise UserError("models.err_option_range", option=name, value=value, low=low, high=high)
    if merged["kernel_size"] not in CUSTOM_KERNEL_SIZES:
        raise UserError("models.err_kernel_size", value=merged["kernel_size"])
    return {key: (float(value) if key == "dropout" else int(value)) for key, value in merged.items()}


def _custom_model(num_classes: int, seeds: _Seeds, conv_blocks: int, filters: int, kernel_size: int,
                  dense_units: int, dropout: float) -> keras.Model:
    """``conv_blocks`` conv/pool pairs, the filter count doubling each block, then one dense layer."""
    inputs, x = _inputs()
    for block in range(1, conv_blocks + 1):
        x = keras.layers.Conv2D(filters * 2 ** (block - 1), kernel_size, padding="same", activation="relu",
                                kernel_initializer=seeds.kernel(), name=f"conv{block}")(x)
        x = keras.layers.MaxPooling2D(2, strides=2, name=f"pool{block}")(x)
    x = keras.layers.Flatten(name="flatten")(x)
    x = keras.layers.Dense(dense_units, activation="relu", kernel_initializer=seeds.kernel(), name="dense")(x)
    if dropout > 0:
        x = keras.layers.Dropout(dropout, seed=seeds.next(), name="dropout")(x)
    outputs = keras.layers.Dense(num_classes, activation="softmax", kernel_initializer=seeds.kernel(),
                                 name="probabilities")(x)
    return keras.Model(inputs, outputs, name="custom")


def build_model(name: str = "seed", num_classes: int = 10, seed: int | None = 0, **options) -> keras.Model:
    """Build preset ``name`` as an **uncompiled** Keras model: ``uint8 (28, 28, 1)`` in, class
    probabilities out.

    Presets: ``"seed"`` is the lesson's network; ``"small"`` halves its filters and dense units (about
    four times fewer multiply-adds, for quick runs); ``"strong"`` adds a third conv block, BatchNorm and
    Dropout; ``"custom"`` takes ``conv_blocks`` (1-3), ``filters`` (first block, doubling per
    block), ``kernel_size`` (3 or 5), ``dense_units`` and ``dropout`` (0-0.7). ``seed=None`` draws
    fresh random weights.
    """
    if name not in PRESETS:
        raise UserError("models.err_unknown_preset", preset=name)
    if name != "custom" and options:
        raise UserError("models.err_options_custom_only", preset=name)
    seeds = _Seeds(seed)
    if name == "seed":
        return _seed_model(num_classes, seeds)
    if name == "small":
        return _custom_model(num_classes, seeds, conv_blocks=2, filters=16, kernel_size=3, dense_units=64,
                             dropout=0.0)
    if name == "strong":
        return _strong_model(num_classes, seeds)
    return _custom_model(num_classes, seeds, **check_custom_options(options))


def count_params(model: keras.Model) -> int:
    """Trainable parameters (weights and biases the optimizer changes)."""
    return int(sum(int(keras.ops.size(weight)) for weight in model.trainable_weights))


def summary_rows(model: keras.Model) -> list[dict]:
    """One row per layer, like ``model.summary()`` but as data: layer, type, output_shape, params."""
    rows = []
    for layer in model.layers:
        try:
            shape = tuple(layer.output.shape)
        except (AttributeError, ValueError):
            shape = None
        rows.append({
            "layer": layer.name,
            "type": type(layer).__name__,
            "output_shape": shape,
            "params": int(layer.count_params()) if layer.built else 0,
        })
    return rows
