"""The networks the app trains: the lesson's CNN and a few variations, all built the same way.

Every model takes the dataset's images exactly as they are stored, ``uint8`` shaped ``(28, 28, 1)``,
and its first layer is ``Rescaling(1/255)``: the model itself turns pixels 0..255 into 0..1, so
training, the Classify page and a saved ``.keras`` file all share one preprocessing path.

``build_model`` returns an **uncompiled** model; :mod:`cnn_core.training` compiles it with the
optimizer a run asks for. Weights, dropout and augmentation draw from seeds derived from ``seed``,
so the same seed builds the same network without touching Keras' process-global random state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import keras

from cnn_core.errors import UserError

INPUT_SHAPE = (28, 28, 1)



@dataclass(frozen=True)
class BuilderOption:
    """One layer setting of a preset the learner builds (the "custom" preset's sliders).

    The Train page draws one widget per option, lesson links carry it, and
    :func:`check_custom_options` checks it: all three read this one entry.

    Args:
        name: the builder's keyword argument (``"filters"``); the Train page's widget key is
            ``train_<name>``.
        link: its short name in a lesson link (``"filters"``).
        label_key: i18n key of the widget's label.
        default: the value the form starts from.
        low: the smallest value a model may be built with.
        high: the largest value a model may be built with.
        steps: the values the form offers, in order; empty for any value from ``low`` to ``high``
            (a slider moving by ``step``).
        step: the slider's step when there are no ``steps``.
        only_steps: True when a value outside ``steps`` cannot be built (the kernel size).
        shown: how the form writes a value (``"{0}×{0}"`` for a square kernel); ``{0}`` is the
            number in the learner's digits.
    """

    name: str
    link: str
    label_key: str
    default: int | float
    low: int | float
    high: int | float
    steps: tuple = ()
    step: int | float = 1
    only_steps: bool = False
    shown: str = "{0}"

    @property
    def whole(self) -> bool:
        """Whether the option takes whole numbers only (everything but a fraction like dropout)."""
        return isinstance(self.default, int)


# The "custom" preset's options, in the order the Train page shows them.
CUSTOM_OPTIONS: tuple[BuilderOption, ...] = (
    BuilderOption("conv_blocks", "blocks", "train.conv_blocks", 2, 1, 3),
    BuilderOption("filters", "filters", "train.filters", 32, 4, 128, steps=(4, 8, 16, 32, 64, 128)),
    BuilderOption("kernel_size", "ksize", "train.kernel_size", 3, 3, 5, steps=(3, 5), only_steps=True,
                  shown="{0}×{0}"),
    BuilderOption("dense_units", "dense", "train.dense_units", 128, 8, 1024,
                  steps=(8, 16, 32, 64, 128, 256, 512, 1024)),
    BuilderOption("dropout", "dropout", "train.dropout", 0.0, 0.0, 0.7, step=0.05),
)
CUSTOM_DEFAULTS = {option.name: option.default for option in CUSTOM_OPTIONS}


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
    x = _first_block(x, seeds)
    x = _conv_bn_pool(x, 64, seeds, "block2")
    x = _conv_bn_pool(x, 128, seeds, "block3")
    return keras.Model(inputs, _dense_head(x, num_classes, seeds, dropout=0.2), name="strong")


def _first_block(x, seeds: _Seeds):
    """The strong and best networks' first block: 32 ReLU conv maps at full size, then a 2x2 max-pool
    (no BatchNorm at full size: see :func:`_strong_model`)."""
    x = keras.layers.Conv2D(32, 3, padding="same", activation="relu", kernel_initializer=seeds.kernel(),
                            name="block1_conv")(x)
    return keras.layers.MaxPooling2D(2, strides=2, name="block1_pool")(x)


def _dense_head(x, num_classes: int, seeds: _Seeds, dropout: float):
    """Flatten, then a 256-unit dense layer between two dropouts of ``dropout``, then the softmax."""
    x = keras.layers.Flatten(name="flatten")(x)
    x = keras.layers.Dropout(dropout, seed=seeds.next(), name="drop1")(x)
    x = keras.layers.Dense(256, activation="relu", kernel_initializer=seeds.kernel(), name="dense")(x)
    x = keras.layers.Dropout(dropout, seed=seeds.next(), name="drop2")(x)
    return keras.layers.Dense(num_classes, activation="softmax", kernel_initializer=seeds.kernel(),
                              name="probabilities")(x)


def _conv_pool_bn(x, filters: int, seeds: _Seeds, name: str):
    """Conv (no bias) -> 2x2 max-pool -> BatchNorm -> ReLU: the pool comes first, so BatchNorm
    normalises a quarter of the numbers it would right after the convolution (see :func:`_best_model`)."""
    x = keras.layers.Conv2D(filters, 3, padding="same", use_bias=False, kernel_initializer=seeds.kernel(),
                            name=f"{name}_conv")(x)
    x = keras.layers.MaxPooling2D(2, strides=2, name=f"{name}_pool")(x)
    x = keras.layers.BatchNormalization(name=f"{name}_bn")(x)
    return keras.layers.ReLU(name=f"{name}_relu")(x)


def _best_model(num_classes: int, seeds: _Seeds) -> keras.Model:
    """The strong network's shape, made to train faster and on mirror images: the best accuracy this
    app reaches in the lesson's time.

    * In blocks 2 and 3 BatchNorm comes *after* the max-pool, so it has a quarter of the numbers to
      normalise and tell back through the gradient: on a 2-core CPU in bfloat16 a training step takes
      about 0.6 of the strong network's (6,300 vs 3,800 pictures a second through ``training.fit``,
      batch 128), so more epochs fit in the same time.
    * While it trains, each picture is flipped left-to-right at random (``RandomFlip``, active in
      training only): a shirt seen in a mirror is still a shirt, so every epoch shows new pictures
      and the network learns shapes rather than the exact pixels.

    Its recipe (:data:`BEST_RECIPE`) is checked by ``bench/time_to_accuracy.py``: accuracy per seed
    and time against the lesson's 10 epochs on the same machine.
    """
    inputs, x = _inputs()
    x = keras.layers.RandomFlip("horizontal", seed=seeds.next(), name="mirror")(x)
    x = _first_block(x, seeds)
    x = _conv_pool_bn(x, 64, seeds, "block2")
    x = _conv_pool_bn(x, 128, seeds, "block3")
    return keras.Model(inputs, _dense_head(x, num_classes, seeds, dropout=0.3), name="best")


def check_custom_options(options: dict) -> dict:
    """Fill in defaults and check the custom preset's options against :data:`CUSTOM_OPTIONS`.

    Args:
        options: option name -> value, any of them left out.

    Returns:
        Every option with its value, whole numbers as ``int``.

    Raises:
        UserError: ``models.err_unknown_option``, ``models.err_option_range`` or
            ``models.err_option_steps`` for an option a model cannot be built with.

    Example:

    >>> check_custom_options({"filters": 8})["filters"], check_custom_options({})["kernel_size"]
    (8, 3)
    """
    known = {option.name: option for option in CUSTOM_OPTIONS}
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise UserError("models.err_unknown_option", option=", ".join(unknown))
    checked = {}
    for name, option in known.items():
        value = options.get(name, option.default)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not option.low <= value <= option.high \
                or (option.whole and int(value) != value):
            raise UserError("models.err_option_range", option=name, value=value, low=option.low, high=option.high)
        if option.only_steps and value not in option.steps:
            raise UserError("models.err_option_steps", option=name, value=value,
                            steps=", ".join(str(step) for step in option.steps))
        checked[name] = int(value) if option.whole else float(value)
    return checked


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


@dataclass(frozen=True)
class Preset:
    """One network the Train page offers: how to build it and how to talk about it.

    Args:
        name: its registry name (``"strong"``), used in links, saved runs and ``--preset``.
        build: ``build(num_classes, seeds, **options)`` returns the uncompiled model.
        name_key: i18n key of its short name.
        description_key: i18n key of its one-line description.
        recipe: the training settings that suit it (keys of :class:`cnn_core.training.TrainConfig`;
            what it leaves out keeps TrainConfig's default): ``python -m cnn_core.cli --preset X``
            trains with it and the Train page's "recipe" button fills the form with it
            (:func:`cnn_core.training.recipe_config`).
        options: the layer settings the learner chooses (:class:`BuilderOption`); empty for a
            network built one fixed way.
    """

    name: str
    build: Callable[..., keras.Model]
    name_key: str
    description_key: str
    recipe: dict = field(default_factory=dict)
    options: tuple[BuilderOption, ...] = ()

    @property
    def takes_options(self) -> bool:
        """Whether the learner chooses its layers (only then may a run pass ``model_options``)."""
        return bool(self.options)


PRESETS: dict[str, Preset] = {}


def register_preset(preset: Preset) -> Preset:
    """Add ``preset`` to the registry (the Train page, the CLI and the tests all read :data:`PRESETS`)."""
    PRESETS[preset.name] = preset
    return preset


def _small_model(num_classes: int, seeds: _Seeds) -> keras.Model:
    """Half the lesson network's filters and dense units: about four times fewer multiply-adds."""
    return _custom_model(num_classes, seeds, conv_blocks=2, filters=16, kernel_size=3, dense_units=64,
                         dropout=0.0)


def _learner_model(num_classes: int, seeds: _Seeds, **options) -> keras.Model:
    return _custom_model(num_classes, seeds, **check_custom_options(options))


# What the lesson does: its network, 10 epochs over every training picture, batch 32, Adam at its
# default rate, no validation split, float32 (the seed tutorial's model.fit).
LESSON_PRESET = "seed"
LESSON_RECIPE = {"epochs": 10, "batch_size": 32, "optimizer": "adam", "learning_rate": 1e-3,
                 "lr_schedule": "constant", "validation_split": 0.0, "precision": "float32", "augment": False}

register_preset(Preset(LESSON_PRESET, _seed_model, "train.preset_seed", "models.preset_seed", LESSON_RECIPE))
register_preset(Preset("small", _small_model, "train.preset_small", "models.preset_small",
                       {"epochs": 5, "batch_size": 128, "learning_rate": 2e-3, "lr_schedule": "constant"}))
register_preset(Preset("strong", _strong_model, "train.preset_strong", "models.preset_strong",
                       {"epochs": 12, "batch_size": 128, "learning_rate": 3e-3, "lr_schedule": "cosine"}))
# The best recipe: every training picture, batch 128 in bfloat16 where the processor has it, the
# rate gliding down by cosine from 3e-3, 15 epochs (together 0.63 of the lesson's 10 epochs on a
# 2-core CPU with AMX, 8 batches per call): 93.44-93.49% over three seeds; 93.36-93.82% (mean
# 93.56) on an AVX512-BF16 CPU without AMX. 17 and 20 epochs gave 93.38-93.63% (the same on
# average, in more time), 96 maps in block 2 93.28-93.71%; batch 64, batch 256, dropout 0.2, a
# 512-unit dense layer, label smoothing, BatchNorm in block 1, an average of the weights (EMA 0.999:
# mean 93.52%), AdamW (decay 0.05: mean 93.54%, 0.2: 93.46%) and random erasing (seed 0: 93.31% in
# 15 epochs, 93.53% in 20) landed within the seeds' spread; dropout 0.45 fell to 93.0-93.3% (15 and
# 18 epochs), dropout 0.1 or 0.2 after blocks 2 and 3 to 93.15% and 92.93% (seed 0), a peak rate of 2e-3
# to a mean of 93.43% (93.30-93.56%) and 5e-3 to 93.20-93.32% (seeds 0 and 1), SGD and random shifts a
# point lower (bench/time_to_accuracy.py measures the recipe against the lesson's 10 epochs).
BEST_RECIPE = {"epochs": 15, "batch_size": 128, "optimizer": "adam", "learning_rate": 3e-3, "lr_schedule": "cosine",
               "validation_split": 0.0, "precision": "auto", "augment": False}
register_preset(Preset("best", _best_model, "train.preset_best", "models.preset_best", BEST_RECIPE))
register_preset(Preset("custom", _learner_model, "train.preset_custom", "models.preset_custom",
                       LESSON_RECIPE, options=CUSTOM_OPTIONS))


# The "preset" in the metadata of a model no preset built: a learner's upload (cnn_core.store.import_upload).
UPLOADED_PRESET = "upload"


def preset_label(name: str, lang: str) -> str:
    """A preset's short name in ``lang`` ("Uploaded" for an upload); a preset this app does not
    know (a foreign file's) as it is."""
    from cnn_core import i18n

    if name == UPLOADED_PRESET:
        return i18n.t("train.preset_upload", lang)
    preset = PRESETS.get(name)
    return i18n.t(preset.name_key, lang) if preset is not None else name


def build_model(name: str = "seed", num_classes: int = 10, seed: int | None = 0, precision: str = "float32",
                **options) -> keras.Model:
    """Build the registered preset ``name`` as an **uncompiled** Keras model: ``uint8 (28, 28, 1)``
    in, class probabilities out.

    Presets (see :data:`PRESETS`): ``"seed"`` is the lesson's network; ``"small"`` halves its filters
    and dense units (for quick runs); ``"strong"`` adds a third conv block, BatchNorm and Dropout;
    ``"custom"`` takes ``conv_blocks`` (1-3), ``filters`` (first block, doubling per block),
    ``kernel_size`` (3 or 5), ``dense_units`` and ``dropout`` (0-0.7). ``seed=None`` draws fresh
    random weights. ``precision`` is the Keras dtype policy of the layers (``"mixed_bfloat16"`` from
    :func:`cnn_core.precision.choose`, see :func:`with_dtype_policy`); the weights are the same either way.
    """
    preset = PRESETS.get(name)
    if preset is None:
        raise UserError("models.err_unknown_preset", preset=name)
    if options and not preset.takes_options:
        raise UserError("models.err_options_custom_only", preset=name)
    model = preset.build(num_classes, _Seeds(seed), **options)
    return model if precision == "float32" else with_dtype_policy(model, precision)


def with_dtype_policy(model: keras.Model, policy: str) -> keras.Model:
    """A copy of ``model`` whose layers compute in ``policy``, with the same weights.

    Every layer gets the policy except the output layer, which stays float32: softmax and the loss
    need float32's precision, and it costs nothing. Each layer's dtype is set on the layer itself,
    never through Keras' process-global policy, so runs in other threads are not affected. Training
    in ``"mixed_bfloat16"`` and then copying back to ``"float32"`` gives a model that runs the same on
    any computer (saved files hold the float32 copy).
    """
    output_layers = {layer.name for layer in model.layers if any(layer.output is out for out in model.outputs)}

    def clone(layer):
        dtype = "float32" if layer.name in output_layers else policy
        return layer.__class__.from_config({**layer.get_config(), "dtype": dtype})

    copy = keras.models.clone_model(model, clone_function=clone)
    copy.set_weights(model.get_weights())
    return copy


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
