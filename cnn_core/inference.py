"""Asking a trained model questions: probabilities, test-set evaluation, and looks inside.

Speed: ``model.predict`` builds a data pipeline and a fresh loop on every call, tens of milliseconds
for one picture. :class:`Predictor` instead wraps the model's forward pass in one ``tf.function``
(traced once per model), so one picture takes a few milliseconds. :func:`predictor_for` keeps one
Predictor per model for as long as the model lives.

Models take ``uint8`` pictures shaped ``(28, 28, 1)`` and end in a softmax, so their output already
is a probability per class.
"""

from __future__ import annotations

import threading
import uuid
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

import keras
import numpy as np
import tensorflow as tf

if TYPE_CHECKING:
    from cnn_core.datasets import Dataset

IMAGE_SHAPE = (28, 28, 1)
EVAL_BATCH = 256               # small enough that each layer's outputs stay in the CPU cache
INK_LEVEL = 64                 # a pixel at least a quarter bright counts as "ink"
TYPICAL_RANGE = (0.5, 99.5)    # percentiles of the training set that count as "like the data"

_LAYER_KINDS_SHOWN = (keras.layers.Conv2D, keras.layers.MaxPooling2D, keras.layers.AveragePooling2D)
_FOLLOW_CONVOLUTION = (keras.layers.BatchNormalization, keras.layers.ReLU, keras.layers.Activation,
                       keras.layers.LeakyReLU)


def _as_batch(images: np.ndarray) -> np.ndarray:
    """``(N, 28, 28, 1)`` uint8 from one picture ``(28, 28)``/``(28, 28, 1)`` or a stack of them."""
    array = np.asarray(images)
    if array.shape in ((28, 28), IMAGE_SHAPE):
        array = array.reshape((1,) + IMAGE_SHAPE)
    elif array.ndim == 3 and array.shape[1:] == (28, 28):
        array = array[..., None]
    if array.ndim != 4 or array.shape[1:] != IMAGE_SHAPE:
        raise ValueError(f"expected 28x28 pictures, got shape {array.shape}")
    return np.ascontiguousarray(array, dtype=np.uint8)


class Predictor:
    """A model's forward pass as one compiled ``tf.function``: fast probabilities for the app.

    The Predictor holds the model only weakly, so caching it never keeps a model alive.
    """

    def __init__(self, model: keras.Model):
        self._model = weakref.ref(model)
        self.num_classes = int(model.outputs[0].shape[-1])
        self._input_dtype = tf.as_dtype(model.inputs[0].dtype)
        spec = tf.TensorSpec((None,) + IMAGE_SHAPE, self._input_dtype)
        self._forward = tf.function(self._call, input_signature=[spec])

    @tf.autograph.experimental.do_not_convert
    def _call(self, images):
        return self._model()(images, training=False)

    def probabilities(self, image28: np.ndarray) -> np.ndarray:
        """Class probabilities ``(num_classes,)`` for one 28x28 picture."""
        return self.batch_probabilities(image28)[0]

    def batch_probabilities(self, images: np.ndarray, batch_size: int = EVAL_BATCH) -> np.ndarray:
        """Class probabilities ``(N, num_classes)`` for many pictures, ``batch_size`` at a time."""
        batch = _as_batch(images)
        chunks = [self._forward(tf.constant(batch[start:start + batch_size], dtype=self._input_dtype))
                  for start in range(0, len(batch), batch_size)]
        return np.concatenate([chunk.numpy() for chunk in chunks]).astype(np.float32)


_cache_lock = threading.Lock()
_predictors: "weakref.WeakKeyDictionary[keras.Model, Predictor]" = weakref.WeakKeyDictionary()
_extractors: "weakref.WeakKeyDictionary[keras.Model, keras.Model]" = weakref.WeakKeyDictionary()
_tokens: "weakref.WeakKeyDictionary[keras.Model, str]" = weakref.WeakKeyDictionary()


def model_token(model: keras.Model) -> str:
    """A name for ``model`` that no other model gets, even after it is gone (unlike ``id``), so caches
    can be keyed by which model it is.
    """
    with _cache_lock:
        token = _tokens.get(model)
        if token is None:
            token = _tokens[model] = uuid.uuid4().hex
        return token


def predictor_for(model: keras.Model) -> Predictor:
    """The one :class:`Predictor` of ``model`` (made on first use, dropped when the model is).

    Args:
        model: a model taking ``uint8 (N, 28, 28, 1)`` pictures.

    Returns:
        Its predictor: ``.probabilities(image28)`` for one picture, ``.batch_probabilities(images)``
        for many.
    """
    with _cache_lock:
        predictor = _predictors.get(model)
        if predictor is None:
            predictor = _predictors[model] = Predictor(model)
        return predictor


# ---------------------------------------------------------------- evaluation

@dataclass(frozen=True)
class Evaluation:
    """How a model does on a set of labelled pictures.

    ``confusion[i, j]`` counts pictures of true class ``i`` that the model called ``j``; the
    diagonal holds the correct answers.
    """

    accuracy: float
    per_class_accuracy: np.ndarray   # (C,) share right within each true class (nan if none)
    confusion: np.ndarray            # (C, C) int64, rows = true class, columns = predicted
    predictions: np.ndarray          # (N,) int64
    probabilities: np.ndarray        # (N, C) float32
    labels: np.ndarray               # (N,) int64

    @property
    def num_classes(self) -> int:
        return self.confusion.shape[0]


def evaluate(model: keras.Model, images: np.ndarray, labels: np.ndarray) -> Evaluation:
    """Run ``model`` over every picture and count what it got right, overall and per class.

    Args:
        model: a model taking ``uint8 (N, 28, 28, 1)`` pictures.
        images: the pictures, as the dataset stores them.
        labels: their true classes, ``(N,)``.

    Returns:
        An :class:`Evaluation`: accuracy, per-class accuracy, the confusion matrix and every answer.
    """
    labels = np.asarray(labels, dtype=np.int64)
    probabilities = predictor_for(model).batch_probabilities(images)
    predictions = probabilities.argmax(axis=1).astype(np.int64)
    classes = probabilities.shape[1]
    confusion = np.bincount(labels * classes + predictions, minlength=classes * classes)
    confusion = confusion.reshape(classes, classes).astype(np.int64)
    per_class_total = confusion.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_class = np.where(per_class_total > 0, np.diag(confusion) / per_class_total, np.nan)
    accuracy = float((predictions == labels).mean()) if len(labels) else float("nan")
    return Evaluation(accuracy=accuracy, per_class_accuracy=per_class, confusion=confusion,
                      predictions=predictions, probabilities=probabilities, labels=labels)


def most_confident_mistakes(evaluation: Evaluation, k: int = 12) -> list[dict]:
    """The ``k`` wrong answers the model was surest of.

    Returns:
        Dicts with ``index`` (into the evaluated pictures), ``true``, ``predicted`` and ``probability``,
        surest first.
    """
    wrong = np.flatnonzero(evaluation.predictions != evaluation.labels)
    confidence = evaluation.probabilities[wrong, evaluation.predictions[wrong]]
    order = wrong[np.argsort(-confidence, kind="stable")][:k]
    return [{"index": int(index), "true": int(evaluation.labels[index]),
             "predicted": int(evaluation.predictions[index]),
             "probability": float(evaluation.probabilities[index, evaluation.predictions[index]])}
            for index in order]


def examples_of(evaluation: Evaluation, true_class: int, predicted_class: int, k: int = 12) -> np.ndarray:
    """Indices of up to ``k`` pictures of ``true_class`` that the model called ``predicted_class``
    (one cell of the confusion matrix), the most confident first.
    """
    cell = np.flatnonzero((evaluation.labels == true_class) & (evaluation.predictions == predicted_class))
    confidence = evaluation.probabilities[cell, predicted_class]
    return cell[np.argsort(-confidence, kind="stable")][:k]


def pick_examples(true_labels: np.ndarray, predicted_labels: np.ndarray, count: int = 12,
                  max_wrong: int = 4) -> np.ndarray:
    """Indices of ``count`` examples to show: the first mistakes (at most ``max_wrong``) mixed in among
    the first right answers, kept in dataset order so the choice is stable.

    Args:
        true_labels: the true classes.
        predicted_labels: the model's answers.
        count: how many to pick.
        max_wrong: the most mistakes among them.

    Example:

    Pictures 1 and 3 are mistakes; with room for one mistake, picture 1 joins three right answers:

    >>> pick_examples(np.array([0, 1, 2, 3, 4, 5]), np.array([0, 9, 2, 9, 4, 5]), count=4, max_wrong=1)
    array([0, 1, 2, 4])
    """
    right = np.flatnonzero(true_labels == predicted_labels)
    wrong = np.flatnonzero(true_labels != predicted_labels)[:max_wrong]
    chosen = np.concatenate([wrong, right[:max(count - len(wrong), 0)]])[:count]
    return np.sort(chosen)


def sample_predictions(model: keras.Model, dataset: Dataset, pool: int = 500, count: int = 12,
                       max_wrong: int = 4) -> dict:
    """A few test pictures with the model's answers, for a finished run's results.

    Args:
        model: the trained model.
        dataset: the :class:`cnn_core.datasets.Dataset` it was trained on.
        pool: the pictures are chosen from this many first test pictures (by :func:`pick_examples`).
        count: how many to show.
        max_wrong: the most mistakes among them.

    Returns:
        ``images``, ``truth``, ``guesses`` and ``confidences`` (the probability of each guess).
    """
    images = dataset.test_images[:pool]
    truth = np.asarray(dataset.test_labels[:pool], dtype=np.int64)
    probabilities = predictor_for(model).batch_probabilities(images)
    guesses = probabilities.argmax(axis=1)
    chosen = pick_examples(truth, guesses, count=count, max_wrong=max_wrong)
    return {"images": images[chosen], "truth": truth[chosen], "guesses": guesses[chosen],
            "confidences": probabilities[chosen, guesses[chosen]]}


# ---------------------------------------------------------------- looking inside

def shown_layers(model: keras.Model) -> list[keras.layers.Layer]:
    """The convolution and pooling layers, in order: the ones whose outputs are pictures."""
    return [layer for layer in model.layers if isinstance(layer, _LAYER_KINDS_SHOWN)]


def _shown_output(model: keras.Model, layer: keras.layers.Layer):
    """What the next layer sees from ``layer``: a convolution followed by batch normalisation and
    an activation (the "strong" preset) is shown after that activation, like a convolution with
    ``activation="relu"`` built in."""
    layers = model.layers
    output = layer.output
    for following in layers[layers.index(layer) + 1:]:
        if not isinstance(following, _FOLLOW_CONVOLUTION) or not isinstance(layer, keras.layers.Conv2D):
            break
        output = following.output
    return output


def _extractor(model: keras.Model) -> keras.Model:
    """A model with the same input and weights whose outputs are every shown layer's output."""
    with _cache_lock:
        extractor = _extractors.get(model)
        if extractor is None:
            outputs = [_shown_output(model, layer) for layer in shown_layers(model)]
            extractor = _extractors[model] = keras.Model(model.input, outputs)
        return extractor


def activation_maps(model: keras.Model, image28: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """``(layer_name, H x W x C array)`` for every convolution and pooling layer, for one picture
    (a convolution's map is taken after its normalisation and activation, see :func:`_shown_output`)."""
    layers = shown_layers(model)
    if not layers:
        return []
    outputs = _extractor(model)(_as_batch(image28), training=False)
    if not isinstance(outputs, (list, tuple)):
        outputs = [outputs]
    return [(layer.name, np.asarray(output)[0]) for layer, output in zip(layers, outputs)]


def _run_layers_on_float(model: keras.Model, pixels: tf.Tensor) -> tf.Tensor:
    """Run the model's layers one after another on a float picture.

    Calling the model itself would cast a float input back to ``uint8``, and a cast has no
    gradient. Our models are a single chain of layers, so feeding the float copy (values still
    0..255) to each layer in turn computes the same thing: the first layer, ``Rescaling(1/255)``,
    scales it to 0..1 exactly as it does for the ``uint8`` picture, and the gradient can flow back
    through every step to the pixels.
    """
    values = pixels
    for layer in model.layers:
        if isinstance(layer, keras.layers.InputLayer):
            continue
        values = layer(values, training=False)
    return values


def saliency(model: keras.Model, image28: np.ndarray, class_index: int) -> np.ndarray:
    """How much each pixel sways the score of ``class_index``: ``|d score / d pixel|``, 28x28, 0..1.

    A bright pixel in the map is one where a small change would move the class probability most.
    The gradient is taken with ``tf.GradientTape`` on a float copy of the picture (see
    :func:`_run_layers_on_float`), then normalised so the strongest pixel is 1.
    """
    pixels = tf.constant(_as_batch(image28), dtype=tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(pixels)
        score = _run_layers_on_float(model, pixels)[0, class_index]
    gradient = np.abs(tape.gradient(score, pixels).numpy()[0, :, :, 0])
    peak = gradient.max()
    return gradient / peak if peak > 0 else gradient


# ---------------------------------------------------------------- is this like the training data?

@dataclass(frozen=True)
class TypicalRange:
    """The middle 99% of the training pictures' ink share and mean brightness."""

    ink: tuple[float, float]
    brightness: tuple[float, float]


def ink_fraction(images: np.ndarray) -> np.ndarray:
    """Share of pixels at least a quarter bright (:data:`INK_LEVEL`), per picture.

    Example:

    >>> pictures = np.zeros((2, 28, 28), np.uint8)
    >>> pictures[0, :14] = 255   # the top half lit
    >>> pictures[1, :7] = 100    # a quarter, at 100 of 255
    >>> ink_fraction(pictures)
    array([0.5 , 0.25])
    """
    batch = _as_batch(images)
    return (batch >= INK_LEVEL).mean(axis=(1, 2, 3))


def typical_range(images: np.ndarray) -> TypicalRange:
    """The 0.5th..99.5th percentiles of ink share and mean brightness over ``images``."""
    batch = _as_batch(images)
    ink = ink_fraction(batch)
    brightness = batch.mean(axis=(1, 2, 3))
    low, high = TYPICAL_RANGE
    return TypicalRange(ink=(float(np.percentile(ink, low)), float(np.percentile(ink, high))),
                        brightness=(float(np.percentile(brightness, low)),
                                    float(np.percentile(brightness, high))))


_ranges: dict[tuple[str, int], TypicalRange] = {}


def _range_of(dataset) -> TypicalRange:
    key = (dataset.name, id(dataset.train_images))
    with _cache_lock:
        if key not in _ranges:
            _ranges[key] = typical_range(dataset.train_images)
        return _ranges[key]


def looks_unlike_data(image28: np.ndarray, dataset: Dataset) -> str | None:
    """Why ``image28`` looks unlike ``dataset``'s training pictures, or ``None``.

    An honest, simple hint, not a detector: it only compares how much of the frame is lit and how
    bright the picture is on average with the range 99% of the training pictures fall in. A
    picture inside both ranges can still be something the model never saw.

    Args:
        image28: one ``28 x 28`` picture as the model sees it.
        dataset: the dataset whose training pictures set the typical range.

    Returns:
        An i18n key of the reason (the picture is nearly empty, too full, too dark ...), or ``None``.
    """
    typical = _range_of(dataset)
    ink = float(ink_fraction(image28)[0])
    brightness = float(_as_batch(image28).mean())
    if ink < typical.ink[0]:
        return "classify.reason_too_little_ink"
    if ink > typical.ink[1]:
        return "classify.reason_too_much_ink"
    if brightness < typical.brightness[0]:
        return "classify.reason_too_dark"
    if brightness > typical.brightness[1]:
        return "classify.reason_too_bright"
    return None
