"""Transfer learning: teach a trained CNN new classes from a handful of the learner's pictures.

A CNN trained on Fashion-MNIST has learned, in its convolution layers, to find edges, corners,
curves and textures in a 28x28 picture — things any picture has. Only its last layers turn those
findings into "T-shirt" or "sneaker". So to teach it "circle / triangle / star":

1. keep the **convolution part** (everything up to the ``Flatten`` that turns the feature maps into
   one long list of numbers) with its learned weights, and **freeze** it: training will not change
   it (:func:`build_transfer_model`);
2. put a small new **head** on top — a dense layer and one output per new class — and train only
   the head on the learner's examples (:func:`train_head`). A few thousand weights learn from 20
   pictures per class in seconds; the 100,000 frozen ones need not.

``from_scratch=True`` builds the same network with untrained weights and trains all of it, for
comparison: with 20 pictures per class it usually does much worse — what the borrowed features are
worth.

Honest accuracy: a share of each class's examples (:data:`HOLDOUT`, at least one per class) is held
out (:func:`split_holdout`), never trained on and never augmented, and the accuracy on it
(:func:`evaluate_holdout`) is what the page reports.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import keras
import numpy as np

from cnn_core import augment as augmentation
from cnn_core import inference, timeline, training
from cnn_core.errors import UserError
from cnn_core.jobs.spec import JobResult, JobSpec, register_runner

HEAD_UNITS = 64
HEAD_DROPOUT = 0.3
HOLDOUT = 0.25               # share of each class's examples kept out of training to check on
DEFAULT_EPOCHS = 30
MAX_EPOCHS = 200
BATCH_SIZE = 16
HEAD_LEARNING_RATE = 3e-3    # only a small head learns: big steps are safe
SCRATCH_LEARNING_RATE = 1e-3
_FEATURE_END = (keras.layers.Flatten, keras.layers.GlobalAveragePooling2D, keras.layers.GlobalMaxPooling2D)


def split_holdout(labels: np.ndarray, share: float = HOLDOUT, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``(train_indices, holdout_indices)``: per class a seeded random ``share`` (rounded, at least
    one when the class has two or more examples, never all of them) is held out."""
    labels = np.asarray(labels, dtype=np.int64)
    rng = np.random.default_rng(seed)
    train, held = [], []
    for label in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == label))
        count = 0 if len(members) < 2 else min(max(1, round(len(members) * share)), len(members) - 1)
        held.extend(members[:count])
        train.extend(members[count:])
    return np.sort(np.array(train, dtype=np.int64)), np.sort(np.array(held, dtype=np.int64))


def feature_layers(base_model: keras.Model) -> list[keras.layers.Layer]:
    """The base model's convolution part, in order: its layers after the input up to and including
    the first ``Flatten`` (or global pooling); dropout layers are left out (they belong to training
    the old head). Refuses a model whose layers do not form one chain, or without a convolution."""
    layers = [layer for layer in base_model.layers if not isinstance(layer, keras.layers.InputLayer)]
    chain = []
    previous_output = base_model.inputs[0] if base_model.inputs else None
    for layer in layers:
        if layer.input is not previous_output:
            raise UserError("teach.err_base_unusable", name=base_model.name)
        previous_output = layer.output
        if isinstance(layer, keras.layers.Dense):
            break
        if not isinstance(layer, keras.layers.Dropout):
            chain.append(layer)
        if isinstance(layer, _FEATURE_END):
            break
    if not any(isinstance(layer, keras.layers.Conv2D) for layer in chain):
        raise UserError("teach.err_base_unusable", name=base_model.name)
    return chain


def build_transfer_model(base_model: keras.Model, num_classes: int, from_scratch: bool = False,
                         seed: int = 0) -> keras.Model:
    """An **uncompiled** model: a copy of ``base_model``'s convolution part (its weights copied and
    frozen, or untrained and trainable with ``from_scratch``) and a new head for ``num_classes``.

    The base model itself is never changed (it may be the app's shared default): its layers are
    rebuilt from their configs. The copy keeps their names, so Inside the model shows the same
    layers as for the base.
    """
    inputs = keras.Input(shape=tuple(base_model.inputs[0].shape[1:]), dtype=base_model.inputs[0].dtype,
                         name="image")
    x = inputs
    for layer in feature_layers(base_model):
        copy = keras.layers.deserialize(keras.layers.serialize(layer))
        x = copy(x)
        if not from_scratch:
            copy.set_weights(layer.get_weights())
            copy.trainable = False
    if len(x.shape) > 2:
        x = keras.layers.Flatten(name="head_flatten")(x)
    x = keras.layers.Dense(HEAD_UNITS, activation="relu", name="head_dense",
                           kernel_initializer=keras.initializers.GlorotUniform(seed=seed * 1000 + 1))(x)
    x = keras.layers.Dropout(HEAD_DROPOUT, seed=seed * 1000 + 2, name="head_dropout")(x)
    outputs = keras.layers.Dense(num_classes, activation="softmax", name="probabilities",
                                 kernel_initializer=keras.initializers.GlorotUniform(seed=seed * 1000 + 3))(x)
    return keras.Model(inputs, outputs, name="from_scratch" if from_scratch else "transfer")


def _as_batch(images: np.ndarray) -> np.ndarray:
    array = np.asarray(images, dtype=np.uint8)
    return array[..., None] if array.ndim == 3 else array


def epoch_batches(images: np.ndarray, labels: np.ndarray, epochs: int, batch_size: int, seed: int,
                  augment: bool):
    """``epochs`` epochs of training batches as one ``tf.data`` pipeline (``steps_per_epoch =
    ceil(N / batch_size)``). Each epoch sees every picture once, in a fresh seeded order, and, with
    ``augment``, as a fresh random copy (all copies made up front: cheap for a few hundred pictures)."""
    import tensorflow as tf

    rng = np.random.default_rng(seed)
    batch = _as_batch(images)
    copies = (augmentation.augmented_epochs(batch, epochs, seed=seed) if augment
              else np.broadcast_to(batch, (epochs,) + batch.shape))
    orders = np.stack([rng.permutation(len(batch)) for _ in range(epochs)])
    epoch_images = np.stack([copies[epoch][orders[epoch]] for epoch in range(epochs)])
    epoch_labels = np.asarray(labels, dtype=np.int64)[orders]
    return training.without_autotuning(
        tf.data.Dataset.from_tensor_slices((epoch_images, epoch_labels))
        .flat_map(lambda x, y: tf.data.Dataset.from_tensor_slices((x, y)).batch(batch_size))
        .prefetch(2))


def check_epochs(epochs) -> int:
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) or not 1 <= epochs <= MAX_EPOCHS:
        raise UserError("train.err_epochs", value=epochs, high=MAX_EPOCHS)
    return int(epochs)


def train_head(base_model: keras.Model, images: np.ndarray, labels: np.ndarray, epochs: int = DEFAULT_EPOCHS,
               augment: bool = True, from_scratch: bool = False, holdout: float = HOLDOUT, seed: int = 0,
               batch_size: int = BATCH_SIZE, num_classes: int | None = None, callbacks=()) -> keras.Model:
    """Teach ``base_model``'s features the learner's classes; returns the trained model.

    ``images`` are 28x28 ``uint8`` model inputs (``(N, 28, 28)`` or ``(N, 28, 28, 1)``), ``labels``
    class numbers ``0..num_classes-1``. The held-out share (:func:`split_holdout` with ``holdout``
    and ``seed``) is the validation data of every epoch (Keras logs ``val_accuracy``); the rest
    trains, augmented when ``augment``. ``callbacks`` are Keras callbacks (progress, stop).
    Deterministic for a given seed on one machine.
    """
    epochs = check_epochs(epochs)
    labels = np.asarray(labels, dtype=np.int64)
    batch = _as_batch(images)
    if len(batch) != len(labels) or not len(labels):
        raise UserError("teach.err_need_classes", minimum=2)
    num_classes = int(num_classes or labels.max() + 1)
    train_idx, held_idx = split_holdout(labels, holdout, seed)
    model = build_transfer_model(base_model, num_classes, from_scratch=from_scratch, seed=seed)
    rate = SCRATCH_LEARNING_RATE if from_scratch else HEAD_LEARNING_RATE
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=rate), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"], jit_compile=False)
    batch_size = max(1, min(batch_size, len(train_idx)))
    data = epoch_batches(batch[train_idx], labels[train_idx], epochs, batch_size, seed, augment)
    validation = (batch[held_idx], labels[held_idx]) if len(held_idx) else None
    model.fit(data, epochs=epochs, steps_per_epoch=math.ceil(len(train_idx) / batch_size),
              validation_data=validation, validation_batch_size=256, verbose=0, shuffle=False,
              callbacks=list(callbacks))
    return model


def evaluate_holdout(model: keras.Model, images: np.ndarray, labels: np.ndarray, holdout: float = HOLDOUT,
                     seed: int = 0) -> inference.Evaluation:
    """The model on the examples :func:`train_head` held out with the same ``holdout`` and ``seed``."""
    labels = np.asarray(labels, dtype=np.int64)
    _, held_idx = split_holdout(labels, holdout, seed)
    return inference.evaluate(model, _as_batch(images)[held_idx], labels[held_idx])


# ------------------------------------------------------------------------------ as a training job
@dataclass(frozen=True)
class TransferConfig:
    """The settings of one teaching run (what :func:`train_head` takes besides the pictures).
    ``preset`` names the base model's preset, for job lists."""

    epochs: int = DEFAULT_EPOCHS
    augment: bool = True
    from_scratch: bool = False
    holdout: float = HOLDOUT
    seed: int = 0
    batch_size: int = BATCH_SIZE
    preset: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def job_spec(base_model: keras.Model, images: np.ndarray, labels: np.ndarray, class_names: list[str],
             config: TransferConfig, dataset: str):
    """A :class:`cnn_core.jobs.JobSpec` of kind ``"transfer"``: the base model travels as ``.keras``
    bytes and the pictures as arrays, so any worker process can run it (:func:`run_transfer`)."""
    from cnn_core import store

    check_epochs(config.epochs)
    return JobSpec(kind="transfer", config=config, dataset=dataset,
                        inputs={"base": store.model_to_bytes(base_model),
                                "images": np.ascontiguousarray(images, dtype=np.uint8),
                                "labels": np.asarray(labels, dtype=np.int64), "class_names": list(class_names)})


@register_runner("transfer")
def run_transfer(spec: JobSpec, reporter) -> JobResult:
    """The job engine's ``"transfer"`` runner (see :mod:`cnn_core.jobs`): :func:`train_head` on the
    spec's pictures, reporting every batch and epoch, then the held-out accuracy as the job's test
    result. ``meta`` carries ``class_names``, ``params`` and ``holdout_per_class``/``holdout_count``."""
    from cnn_core import models, store

    config: TransferConfig = spec.config
    base, _ = store.load_model_bytes(spec.inputs["base"], num_classes=None)
    images, labels = spec.inputs["images"], spec.inputs["labels"]
    names = spec.inputs["class_names"]
    train_idx, held_idx = split_holdout(labels, config.holdout, config.seed)
    batch_size = max(1, min(config.batch_size, len(train_idx)))
    reporter.info(total_epochs=config.epochs, steps_per_epoch=math.ceil(len(train_idx) / batch_size),
                  train_images=len(train_idx), batch_size=batch_size)
    model = train_head(base, images, labels, epochs=config.epochs, augment=config.augment,
                       from_scratch=config.from_scratch, holdout=config.holdout, seed=config.seed,
                       batch_size=batch_size, num_classes=len(names),
                       callbacks=[reporter.keras_callback(), *timeline.recorders(
                           reporter, images[held_idx] if len(held_idx) else images,
                           labels[held_idx] if len(held_idx) else labels, len(names))])
    reporter.evaluating()
    evaluation = evaluate_holdout(model, images, labels, config.holdout, config.seed)
    picked = evaluation.probabilities[np.arange(len(evaluation.labels)), evaluation.labels]
    history = {key: [float(value) for value in values] for key, values in model.history.history.items()}
    return JobResult(
        model=model, history=history, test_accuracy=evaluation.accuracy,
        test_loss=float(-np.log(np.clip(picked, 1e-7, 1.0)).mean()) if len(picked) else None,
        meta={"params": models.count_params(model), "class_names": list(names),
              "holdout_count": int(len(held_idx)),
              "holdout_per_class": [None if np.isnan(value) else float(value)
                                    for value in evaluation.per_class_accuracy]})
