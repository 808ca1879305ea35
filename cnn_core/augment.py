"""Augmentation: small random changes to a picture that keep what it shows.

With 20 drawings of a class, a model can learn them by heart — this exact circle, in this exact
place. Showing it a slightly moved, turned, resized or thicker-lined copy each time it sees the
picture teaches it what stays the same: the shape. The changes (:class:`Settings`):

* **shift** — up to 10% of the frame (about 3 pixels) in each direction;
* **rotation** — up to 10 degrees either way;
* **scaling** — up to 10% bigger or smaller;
* **stroke width** — lines a little thicker or thinner (:class:`RandomStrokeWidth`): a blend
  between the picture and its morphological *dilation* (each pixel becomes the brightest of its
  3x3 neighbourhood: strokes grow by a pixel) or *erosion* (the darkest: strokes shrink).

The first three are one Keras preprocessing layer, :class:`RandomAffine` (one resampling instead of
three: see there). Both layers run inside one ``keras.Sequential`` (:func:`augmenter`), on
``float32`` pictures with values 0..255 and a black background (what moves in from outside the
frame is black), in eager code or in a ``tf.data`` map. Every layer takes its own seed derived from one ``seed``, so
the same seed gives the same copies (:func:`augment_batch`), and :func:`augmented_grid` shows a
learner what the model will see.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import keras
import numpy as np

if TYPE_CHECKING:
    import tensorflow as tf

SIZE = 28


@dataclass(frozen=True)
class Settings:
    """How far each random change may go. ``shift`` and ``zoom`` are fractions of the frame,
    ``rotation`` is in degrees, ``stroke`` is the largest blend towards dilation/erosion (0..1)."""

    shift: float = 0.1
    rotation: float = 10.0
    zoom: float = 0.1
    stroke: float = 0.5

    @property
    def active(self) -> bool:
        """Whether any change is switched on."""
        return max(self.shift, self.rotation, self.zoom, self.stroke) > 0


DEFAULT = Settings()


class RandomAffine(keras.layers.Layer):
    """Per picture, a random shift, rotation and scaling, done as **one** resampling.

    Keras has a layer for each (``RandomTranslation``, ``RandomRotation``, ``RandomZoom``), but each
    one resamples the picture, and on 28x28 pixels three bilinear resamplings in a row blur a
    two-pixel stroke into a grey smear. This layer draws the three changes, composes them into one
    affine map and resamples once (``keras.ops.image.affine_transform``, bilinear, black fill).

    The picture's centre ``c`` goes to ``c + shift``; around it the picture turns by ``angle`` and
    grows by ``scale``. Each output pixel ``q`` reads the input at ``c + R(-angle) (q - c - shift) / scale``.
    """

    def __init__(self, shift: float = DEFAULT.shift, rotation: float = DEFAULT.rotation,
                 zoom: float = DEFAULT.zoom, seed: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.shift, self.rotation, self.zoom = float(shift), float(rotation), float(zoom)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, images, training=False):
        if not training:
            return images
        ops = keras.ops
        count = ops.shape(images)[0]
        height, width = images.shape[1], images.shape[2]
        draws = keras.random.uniform((count, 4), minval=-1.0, maxval=1.0, seed=self.seed_generator)
        shift_x = draws[:, 0] * self.shift * width
        shift_y = draws[:, 1] * self.shift * height
        angle = draws[:, 2] * self.rotation * (np.pi / 180.0)
        scale = 1.0 + draws[:, 3] * self.zoom
        cos, sin = ops.cos(angle) / scale, ops.sin(angle) / scale
        centre_x, centre_y = (width - 1) / 2.0, (height - 1) / 2.0
        # p = A (q - c - shift) + c with A = R(-angle) / scale = [[cos, sin], [-sin, cos]]
        moved_x, moved_y = centre_x + shift_x, centre_y + shift_y
        offset_x = centre_x - cos * moved_x - sin * moved_y
        offset_y = centre_y + sin * moved_x - cos * moved_y
        zeros = ops.zeros_like(cos)
        transform = ops.stack([cos, sin, offset_x, -sin, cos, offset_y, zeros, zeros], axis=1)
        return ops.image.affine_transform(images, transform, interpolation="bilinear", fill_mode="constant",
                                          fill_value=0.0)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "shift": self.shift, "rotation": self.rotation, "zoom": self.zoom,
                "seed": self.seed}


class RandomStrokeWidth(keras.layers.Layer):
    """Per picture, a random blend ``t`` in ``[-strength, strength]``: ``t > 0`` moves the picture
    towards its 3x3 dilation (thicker strokes), ``t < 0`` towards its 3x3 erosion (thinner ones).

    Active only when called with ``training=True``, like Keras' own random layers. Works in eager
    code, inside a model and in a ``tf.data`` map.
    """

    def __init__(self, strength: float = DEFAULT.stroke, seed: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.strength = float(strength)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, images, training=False):
        if not training or self.strength <= 0:
            return images
        dilated = keras.ops.max_pool(images, pool_size=3, strides=1, padding="same")
        eroded = -keras.ops.max_pool(-images, pool_size=3, strides=1, padding="same")
        amount = keras.random.uniform((keras.ops.shape(images)[0], 1, 1, 1), minval=-self.strength,
                                      maxval=self.strength, seed=self.seed_generator)
        thicker = images + keras.ops.maximum(amount, 0.0) * (dilated - images)
        return thicker + keras.ops.minimum(amount, 0.0) * (images - eroded)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "strength": self.strength, "seed": self.seed}


def augmenter(settings: Settings = DEFAULT, seed: int | None = 0) -> keras.Sequential:
    """The random changes as one ``keras.Sequential``, active when called with ``training=True``.

    Args:
        settings: how far each change may go.
        seed: a fresh augmenter with the same seed makes the same changes; ``None`` differs each time.

    Returns:
        A model for ``float32 (N, 28, 28, 1)`` pictures with values 0..255.
    """
    base = None if seed is None else int(seed) * 10
    layers = [keras.Input(shape=(SIZE, SIZE, 1), dtype="float32")]
    if settings.shift > 0 or settings.rotation > 0 or settings.zoom > 0:
        layers.append(RandomAffine(settings.shift, settings.rotation, settings.zoom,
                                   seed=None if base is None else base + 1, name="random_affine"))
    if settings.stroke > 0:
        layers.append(RandomStrokeWidth(settings.stroke, seed=None if base is None else base + 2,
                                        name="random_stroke_width"))
    return keras.Sequential(layers, name="augment")


def _as_nhwc(images: np.ndarray) -> tuple[np.ndarray, tuple]:
    array = np.asarray(images)
    shape = array.shape
    if array.ndim == 2:
        array = array[None, :, :, None]
    elif array.ndim == 3 and shape[-1] != 1:
        array = array[:, :, :, None]
    elif array.ndim == 3:
        array = array[None]
    if array.ndim != 4 or array.shape[1:] != (SIZE, SIZE, 1):
        raise ValueError(f"expected 28x28 pictures, got shape {shape}")
    return array.astype(np.float32), shape


def augment_batch(images: np.ndarray, seed: int = 0, settings: Settings = DEFAULT) -> np.ndarray:
    """Randomly changed copies of ``images``.

    Args:
        images: one 28x28 picture, ``(N, 28, 28)`` or ``(N, 28, 28, 1)``, ``uint8``.
        seed: the same seed gives the same copies.
        settings: how far each change may go (:class:`Settings`; all zero changes nothing).

    Returns:
        The copies: the same shape, ``uint8``.

    Raises:
        ValueError: for pictures that are not 28x28.

    Example:

    >>> picture = np.zeros((28, 28), np.uint8)
    >>> picture[8:20, 13:15] = 255                       # a short vertical stroke
    >>> copies = augment_batch(np.stack([picture] * 4), seed=1)
    >>> copies.shape, copies.dtype
    ((4, 28, 28), dtype('uint8'))
    >>> bool((copies != picture).any()), np.array_equal(copies, augment_batch(np.stack([picture] * 4), seed=1))
    (True, True)
    """
    batch, shape = _as_nhwc(images)
    if not len(batch) or not settings.active:
        return batch.astype(np.uint8).reshape(shape)
    changed = keras.ops.convert_to_numpy(augmenter(settings, seed)(batch, training=True))
    return np.clip(np.round(changed), 0, 255).astype(np.uint8).reshape(shape)


def augmented_grid(example: np.ndarray, n: int = 16, seed: int = 0, settings: Settings = DEFAULT) -> np.ndarray:
    """``n`` augmented copies of one 28x28 picture, ``(n, 28, 28) uint8``: the first is the picture
    itself, so a learner can compare.
    """
    picture = np.asarray(example).reshape(SIZE, SIZE).astype(np.uint8)
    copies = augment_batch(np.repeat(picture[None], max(n - 1, 0), axis=0), seed, settings)
    return np.concatenate([picture[None], copies])[:n]


def augmented_epochs(images: np.ndarray, epochs: int, seed: int = 0, settings: Settings = DEFAULT) -> np.ndarray:
    """A fresh augmented copy of ``images`` for each of ``epochs`` epochs, all made in one pass (for small
    example sets, where this is cheaper than augmenting batch by batch).

    Returns:
        ``(epochs, *images.shape)`` ``uint8``.
    """
    batch = np.asarray(images)
    stacked = np.concatenate([batch] * epochs) if epochs else batch[:0]
    return augment_batch(stacked, seed, settings).reshape((epochs,) + batch.shape)


def map_batches(data: tf.data.Dataset, seed: int = 0, settings: Settings = DEFAULT) -> tf.data.Dataset:
    """Every batch of a ``tf.data`` pipeline of ``(uint8 images, labels)`` augmented (the Train page's
    option).

    One augmenter serves the whole pipeline, so its random stream runs on from batch to batch, and its
    work overlaps training (``num_parallel_calls``).

    Args:
        data: batches of ``(uint8 (B, 28, 28, 1) images, labels)``.
        seed: the augmenter's seed.
        settings: how far each change may go.

    Returns:
        The same pipeline with the pictures changed (still ``uint8``) and the labels as they were.
    """
    import tensorflow as tf

    layer = augmenter(settings, seed)

    def changed(images, labels):
        out = layer(tf.cast(images, tf.float32), training=True)
        return tf.cast(tf.clip_by_value(tf.round(out), 0.0, 255.0), images.dtype), labels

    return data.map(changed, num_parallel_calls=tf.data.AUTOTUNE)
