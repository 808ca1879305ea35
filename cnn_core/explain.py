"""Why did the model say that? Several honest answers, each a 28x28 map or a changed picture.

Every function here takes the app's pictures: 28x28 ``uint8`` (or ``(28, 28, 1)``), and a model
that takes ``uint8`` input with ``Rescaling`` inside. A ``uint8`` input is cast to float inside the
model, and a cast has no gradient, so every gradient here is taken on a *float* copy of the picture
(values still 0..255) fed to the layers after the input (:func:`forward`): the same arithmetic as the
model, but the gradient flows back to the pixels.

Scores are **logits** (the numbers the softmax turns into probabilities): a confident model's
probability sits at 1.0 and barely moves, while its logit still says how strongly each pixel pushes.

* :func:`grad_cam` — which *regions* a convolution layer's feature maps point to for a class
  (Selvaraju et al., 2017): as coarse as that layer's grid.
* :func:`saliency`, :func:`smoothgrad` — which *pixels* would move the score most, alone and
  averaged over noisy copies (Smilkov et al., 2017).
* :func:`occlusion` — cover a gray patch, watch the class probability fall (Zeiler & Fergus, 2014):
  no gradients, works on any model.
* :func:`deletion_curve` — the honest test of a map: delete its top pixels first and see whether the
  probability falls faster than for random pixels.
* :func:`fgsm`, :func:`pgd` — pictures changed by at most ε pixel levels that fool the model.
* :func:`feature_visualisation` — a picture grown from gray noise that a filter or class likes most.
* :func:`penultimate_features`, :func:`fit_pca` — the dense layer's view of many pictures as a 2-D map.

The slow ones (a gallery of feature visualisations, flip shares over the test set, adversarial
training, the map of 2,000 pictures) also run as job-engine runners at the end of this module.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass

import keras
import numpy as np
import tensorflow as tf

from cnn_core import inference
from cnn_core.errors import UserError
from cnn_core.jobs.spec import JobResult, register_runner

GRAY = 128                      # the occlusion patch's level: halfway between black and white
BACKGROUND = 0                  # what "deleting" a pixel sets it to: the datasets' black background
DELETION_FRACTIONS = (0.0, 0.05, 0.10, 0.15, 0.20, 0.30, 0.40, 0.50)
SMOOTHGRAD_SAMPLES = 24
SMOOTHGRAD_NOISE = 0.15         # noise's standard deviation as a share of the 0..255 range
PGD_STEPS = 5
MAX_EPSILON = 64                # the largest ε (pixel levels) the flip search tries
FEATURE_STEPS = 96
FEATURE_JITTER = 1              # pixels the picture is shifted at random each step
FEATURE_BLUR_EVERY = 8          # steps between two soft blurs
FEATURE_L2 = 0.1                # how hard the picture is pulled back towards gray (per mean squared
                                # distance from gray, in halves of the range)
FEATURE_NOISE = 16.0            # the gray start's noise (pixel levels)
FEATURE_STEP = 4.0              # pixel levels per step (on the normalised gradient)
_FOLLOW_CONVOLUTION = (keras.layers.BatchNormalization, keras.layers.ReLU, keras.layers.Activation,
                       keras.layers.LeakyReLU)
_SPATIAL = (keras.layers.Conv2D, keras.layers.MaxPooling2D, keras.layers.AveragePooling2D)


def _pictures(images) -> np.ndarray:
    """``(N, 28, 28, 1)`` uint8 from one picture or a stack."""
    return inference._as_batch(images)


def _chain(model: keras.Model) -> list[keras.layers.Layer]:
    return [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]


def spatial_layers(model: keras.Model) -> list[str]:
    """Names of the layers whose outputs are still pictures (convolutions and poolings), in order.

    Example:
    >>> spatial_layers(model)        # the shipped Fashion model
    ['block1_conv', 'block1_pool', 'block2_conv', 'block2_pool', 'block3_conv', 'block3_pool']
    """
    return [layer.name for layer in _chain(model) if isinstance(layer, _SPATIAL)]


def block_output(model: keras.Model, layer_name: str) -> str:
    """The layer whose output stands for ``layer_name``: a convolution followed by batch
    normalisation and an activation is read after them (as Inside the model shows it).

    Example:
    >>> block_output(model, "block3_conv")
    'block3_relu'
    """
    return _after_convolution(model, layer_name, _FOLLOW_CONVOLUTION)


def default_layer(model: keras.Model) -> str:
    """The last convolution layer (Grad-CAM's usual choice).

    Example:
    >>> default_layer(model)
    'block3_conv'
    """
    convolutions = [layer.name for layer in _chain(model) if isinstance(layer, keras.layers.Conv2D)]
    if not convolutions:
        raise UserError("explain.err_no_conv")
    return convolutions[-1]


def _logits_of(last: keras.layers.Layer, values: tf.Tensor, output: tf.Tensor | None) -> tf.Tensor:
    """The logits behind the model's last layer: a softmax ``Dense`` is recomputed without its
    softmax; a separate softmax layer's input is already them."""
    if isinstance(last, keras.layers.Dense) and last.activation is keras.activations.softmax:
        logits = tf.matmul(tf.cast(values, last.kernel.dtype), last.kernel)
        return logits + last.bias if last.use_bias else logits
    if isinstance(last, keras.layers.Softmax) or (isinstance(last, keras.layers.Activation)
                                                  and last.activation is keras.activations.softmax):
        return tf.cast(values, tf.float32)
    return tf.math.log(tf.cast(output, tf.float32) + 1e-12)


def forward(model: keras.Model, pixels: tf.Tensor, capture: str | None = None) -> tuple[tf.Tensor | None, tf.Tensor]:
    """Run a **float** batch of pictures (0..255) through the model's layers after its input.

    Returns ``(captured, logits)``: the output of layer ``capture`` (``None`` when not asked) and
    the logits ``(N, classes)``. The model's own call would cast the floats back to ``uint8`` and
    stop every gradient; the first layer (``Rescaling``) turns 0..255 into 0..1 for both alike.

    Example:
    >>> pixels = tf.constant(picture[None, :, :, None], tf.float32)
    >>> with tf.GradientTape() as tape:
    ...     tape.watch(pixels)
    ...     _, logits = forward(model, pixels)
    >>> tape.gradient(logits[0, 3], pixels).shape
    TensorShape([1, 28, 28, 1])
    """
    layers = _chain(model)
    values, captured = pixels, None
    for layer in layers[:-1]:
        values = layer(values, training=False)
        if layer.name == capture:
            captured = values
    last = layers[-1]
    output = None if isinstance(last, keras.layers.Dense) else last(values, training=False)
    return captured, tf.cast(_logits_of(last, values, output), tf.float32)


def _normalised(heat: np.ndarray) -> np.ndarray:
    heat = np.maximum(np.asarray(heat, dtype=np.float32), 0.0)
    peak = float(heat.max())
    return heat / peak if peak > 0 else heat


# ------------------------------------------------------------------------------- the maps
def grad_cam(model: keras.Model, image, class_index: int, layer_name: str | None = None) -> np.ndarray:
    """Grad-CAM: where in the picture the chosen layer's feature maps speak for ``class_index``.

    Each channel of the layer's output gets a weight, the mean gradient of the class's logit over
    that channel's grid; the weighted sum of the channels, with negatives set to 0, is upsampled
    (bilinear) from the layer's grid to 28x28 and scaled so its peak is 1. From a 3x3 layer the map
    can only say "this ninth of the picture".

    Args:
        model: a model of the app (uint8 28x28x1 in).
        image: one 28x28 uint8 picture.
        class_index: the class to explain.
        layer_name: a convolution or pooling layer (a convolution is read after its normalisation
            and activation, :func:`block_output`); default the last convolution.

    Returns:
        A 28x28 float32 map, 0..1.

    Example:
    >>> heat = grad_cam(model, test_images[0], class_index=9)
    >>> heat.shape, heat.max()
    ((28, 28), 1.0)
    """
    captured_name = block_output(model, layer_name or default_layer(model))
    pixels = tf.constant(_pictures(image), dtype=tf.float32)
    with tf.GradientTape() as tape:
        features, logits = forward(model, pixels, capture=captured_name)
        score = logits[0, class_index]
    gradient = tape.gradient(score, features)
    weights = tf.reduce_mean(gradient, axis=(1, 2), keepdims=True)
    cam = tf.nn.relu(tf.reduce_sum(features * weights, axis=-1, keepdims=True))
    upsampled = tf.image.resize(cam, (28, 28), method="bilinear").numpy()[0, :, :, 0]
    return _normalised(upsampled)


def _input_gradients(model: keras.Model, pixels: np.ndarray, class_index: int) -> np.ndarray:
    """d logit[class] / d pixel for a float batch ``(N, 28, 28, 1)``."""
    tensor = tf.constant(pixels, dtype=tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(tensor)
        _, logits = forward(model, tensor)
        score = tf.reduce_sum(logits[:, class_index])
    return tape.gradient(score, tensor).numpy()[..., 0]


def saliency(model: keras.Model, image, class_index: int) -> np.ndarray:
    """Plain saliency: ``|d logit / d pixel|``, scaled so the strongest pixel is 1.

    Example:
    >>> saliency(model, test_images[0], 9).shape
    (28, 28)
    """
    return _normalised(np.abs(_input_gradients(model, _pictures(image).astype(np.float32), class_index)[0]))


def smoothgrad(model: keras.Model, image, class_index: int, samples: int = SMOOTHGRAD_SAMPLES,
               noise: float = SMOOTHGRAD_NOISE, seed: int = 0) -> np.ndarray:
    """SmoothGrad: the saliency map averaged over ``samples`` noisy copies of the picture.

    One pixel's gradient jumps from copy to copy; what stays after averaging is what the model
    reads in the whole neighbourhood of the picture, a less speckled map.

    Args:
        noise: the noise's standard deviation as a share of the 0..255 range.
        seed: the noise's seed (the same seed, the same map).

    Example:
    >>> smoothgrad(model, test_images[0], 9, samples=8).shape
    (28, 28)
    """
    base = _pictures(image).astype(np.float32)
    rng = np.random.default_rng(seed)
    noisy = base + rng.normal(0.0, noise * 255.0, size=(samples,) + base.shape[1:]).astype(np.float32)
    gradients = _input_gradients(model, noisy, class_index)
    return _normalised(np.abs(gradients).mean(axis=0))


def patch_positions(patch: int, stride: int, size: int = 28) -> list[int]:
    """Top (or left) edges of the patches along one side; the last patch always reaches the edge.

    Example:
    >>> patch_positions(4, 2)[:3], patch_positions(4, 2)[-1]
    ([0, 2, 4], 24)
    """
    if not 1 <= patch <= size or stride < 1:
        raise UserError("explain.err_patch", patch=patch, stride=stride, size=size)
    positions = list(range(0, size - patch + 1, stride))
    if positions[-1] != size - patch:
        positions.append(size - patch)
    return positions


def occluded(image, row: int, col: int, patch: int, fill: int = GRAY) -> np.ndarray:
    """A copy of the 28x28 picture with a ``patch`` x ``patch`` square at (row, col) set to ``fill``.

    Example:
    >>> occluded(test_images[0], 0, 0, 4)[:4, :4].max()
    128
    """
    picture = _pictures(image)[0, :, :, 0].copy()
    picture[row:row + patch, col:col + patch] = fill
    return picture


def occlusion(model: keras.Model, image, class_index: int, patch: int = 4, stride: int = 2,
              fill: int = GRAY) -> np.ndarray:
    """Occlusion: slide a gray patch over the picture; at each position, how far the probability of
    ``class_index`` falls. A pixel's value is the mean fall over every patch that covered it.

    Positive where covering the pixel hurts the class, negative where it helps; not rescaled, so
    0.5 means "covering here cost 50 percentage points".

    Args:
        patch: the patch's side in pixels.
        stride: pixels between two positions (smaller is finer and slower).
        fill: the patch's gray level.

    Returns:
        A 28x28 float32 map of probability drops.

    Example:
    >>> drop = occlusion(model, test_images[0], 9, patch=4, stride=4)
    >>> drop.shape
    (28, 28)
    """
    positions = [(row, col) for row in patch_positions(patch, stride) for col in patch_positions(patch, stride)]
    original = _pictures(image)[0, :, :, 0]
    batch = np.stack([original] + [occluded(original, row, col, patch, fill) for row, col in positions])
    probabilities = inference.predictor_for(model).batch_probabilities(batch)[:, class_index]
    drops = probabilities[0] - probabilities[1:]
    total = np.zeros((28, 28), dtype=np.float64)
    count = np.zeros((28, 28), dtype=np.float64)
    for (row, col), drop in zip(positions, drops):
        total[row:row + patch, col:col + patch] += drop
        count[row:row + patch, col:col + patch] += 1
    return (total / np.maximum(count, 1)).astype(np.float32)


# ------------------------------------------------------------------------- the deletion check
def deletion_order(heat: np.ndarray) -> np.ndarray:
    """Pixel indices (row-major, 0..783) from the map's strongest to its weakest (ties in reading order)."""
    return np.argsort(-np.asarray(heat, dtype=np.float64).ravel(), kind="stable")


def deleted(image, order: np.ndarray, fraction: float, background: int = BACKGROUND) -> np.ndarray:
    """A copy of the picture with the first ``fraction`` of ``order``'s pixels set to ``background``."""
    picture = _pictures(image)[0, :, :, 0].copy().ravel()
    picture[order[:int(round(fraction * picture.size))]] = background
    return picture.reshape(28, 28)


def deletion_curve(model: keras.Model, image, class_index: int, heat: np.ndarray,
                   fractions=DELETION_FRACTIONS) -> np.ndarray:
    """The class's probability after deleting (setting to black) the map's top ``fraction`` of pixels,
    for each fraction: a good explanation's curve falls fast.

    Example:
    >>> heat = occlusion(model, picture, 9)
    >>> deletion_curve(model, picture, 9, heat, fractions=(0.0, 0.15))
    array([0.99, 0.12], dtype=float32)
    """
    order = deletion_order(heat)
    batch = np.stack([deleted(image, order, fraction) for fraction in fractions])
    return inference.predictor_for(model).batch_probabilities(batch)[:, class_index]


def random_deletion_curve(model: keras.Model, image, class_index: int, fractions=DELETION_FRACTIONS,
                          trials: int = 8, seed: int = 0) -> np.ndarray:
    """:func:`deletion_curve` for pixels deleted in random order, averaged over ``trials`` orders:
    the baseline any map must beat.

    Example:
    >>> random_deletion_curve(model, picture, 9, fractions=(0.0, 0.15), trials=4)
    array([0.99, 0.97], dtype=float32)
    """
    rng = np.random.default_rng(seed)
    orders = [rng.permutation(784) for _ in range(trials)]
    batch = np.stack([deleted(image, order, fraction) for order in orders for fraction in fractions])
    probabilities = inference.predictor_for(model).batch_probabilities(batch)[:, class_index]
    return probabilities.reshape(trials, len(fractions)).mean(axis=0)


@dataclass(frozen=True)
class DeletionCheck:
    """Mean class probability after deleting each fraction of pixels, per method, over many pictures."""

    fractions: tuple[float, ...]
    curves: dict          # method -> (len(fractions),) mean probability; "random" is the baseline
    pictures: int

    def drop(self, method: str, fraction: float) -> float:
        """How far the mean probability fell at ``fraction`` (from its value with nothing deleted)."""
        curve = self.curves[method]
        return float(curve[0] - curve[self.fractions.index(fraction)])


def deletion_check(model: keras.Model, images, labels, methods: dict, fractions=DELETION_FRACTIONS,
                   trials: int = 8, seed: int = 0) -> DeletionCheck:
    """:func:`deletion_curve` of each map-maker in ``methods`` (name -> ``f(model, image, class)``)
    and of random order, averaged over the pictures, each explained for its true label.

    Example:
    >>> check = deletion_check(model, images[:50], labels[:50], {"occlusion": occlusion})
    >>> check.drop("occlusion", 0.15) > 3 * check.drop("random", 0.15)
    True
    """
    pictures = _pictures(images)
    sums = {name: np.zeros(len(fractions)) for name in (*methods, "random")}
    for picture, label in zip(pictures, np.asarray(labels, dtype=np.int64)):
        for name, make_map in methods.items():
            sums[name] += deletion_curve(model, picture, int(label), make_map(model, picture, int(label)), fractions)
        sums["random"] += random_deletion_curve(model, picture, int(label), fractions, trials, seed)
    return DeletionCheck(tuple(fractions), {name: total / len(pictures) for name, total in sums.items()}, len(pictures))


# ------------------------------------------------------------------------------ fooling it
def _loss_gradient_signs(model: keras.Model, pixels: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """sign(d cross-entropy / d pixel) for a float batch, the loss taken on the logits (so a
    confident answer still has a direction to be pushed in)."""
    tensor = tf.constant(pixels, dtype=tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(tensor)
        _, logits = forward(model, tensor)
        loss = tf.reduce_sum(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))
    return np.sign(tape.gradient(loss, tensor).numpy())


def fgsm_batch(model: keras.Model, images, labels, epsilon: float) -> np.ndarray:
    """:func:`fgsm` for a stack of pictures ``(N, 28, 28, 1)``, returned the same way."""
    pictures = _pictures(images)
    signs = _loss_gradient_signs(model, pictures.astype(np.float32), np.asarray(labels, dtype=np.int64))
    return np.clip(pictures + float(epsilon) * signs, 0, 255).round().astype(np.uint8)


def fgsm(model: keras.Model, image, label: int, epsilon: float) -> np.ndarray:
    """The fast gradient sign method (Goodfellow et al., 2015): move every pixel ε levels in the
    direction that raises the loss of the true ``label``.

    Args:
        image: one 28x28 uint8 picture.
        label: the picture's true class.
        epsilon: how far any pixel may move, in pixel levels (0..255).

    Returns:
        The changed 28x28 uint8 picture; no pixel is more than ``epsilon`` levels from the original.

    Example:
    >>> fooled = fgsm(model, test_images[0], 9, epsilon=8)
    >>> int(np.abs(fooled.astype(int) - test_images[0][..., 0]).max()) <= 8
    True
    """
    return fgsm_batch(model, image, [label], epsilon)[0, :, :, 0]


def pgd_batch(model: keras.Model, images, labels, epsilon: float, steps: int = PGD_STEPS,
              step_size: float | None = None) -> np.ndarray:
    """:func:`pgd` for a stack of pictures ``(N, 28, 28, 1)``."""
    original = _pictures(images).astype(np.float32)
    labels = np.asarray(labels, dtype=np.int64)
    step = float(step_size) if step_size is not None else max(1.0, 2.5 * float(epsilon) / max(steps, 1))
    current = original.copy()
    for _ in range(steps):
        current = current + step * _loss_gradient_signs(model, current, labels)
        current = np.clip(np.clip(current, original - epsilon, original + epsilon), 0, 255).round()
    return current.astype(np.uint8)


def pgd(model: keras.Model, image, label: int, epsilon: float, steps: int = PGD_STEPS,
        step_size: float | None = None) -> np.ndarray:
    """Projected gradient descent (Madry et al., 2018): :func:`fgsm` in ``steps`` smaller steps, each
    pulled back to within ε of the original. Stronger than one step at the same ε.

    Example:
    >>> fooled = pgd(model, test_images[0], 9, epsilon=8, steps=5)
    >>> fooled.dtype, fooled.shape
    (dtype('uint8'), (28, 28))
    """
    return pgd_batch(model, image, [label], epsilon, steps, step_size)[0, :, :, 0]


def smallest_flipping_epsilon(model: keras.Model, image, label: int, max_epsilon: int = MAX_EPSILON) -> int | None:
    """The smallest whole ε (1..``max_epsilon`` pixel levels) at which :func:`fgsm` changes the
    model's answer away from ``label``; ``None`` when none up to ``max_epsilon`` does.

    FGSM's direction does not depend on ε, so every ε is tried in one batch.

    Example:
    >>> smallest_flipping_epsilon(model, test_images[0], 9)
    3
    """
    picture = _pictures(image)
    signs = _loss_gradient_signs(model, picture.astype(np.float32), np.array([label], dtype=np.int64))
    epsilons = np.arange(1, max_epsilon + 1, dtype=np.float32)
    batch = np.clip(picture + epsilons[:, None, None, None] * signs, 0, 255).round().astype(np.uint8)
    answers = inference.predictor_for(model).batch_probabilities(batch).argmax(axis=1)
    flipped = np.flatnonzero(answers != label)
    return int(epsilons[flipped[0]]) if len(flipped) else None


def flip_share(model: keras.Model, images, labels, epsilons, steps: int = 0, progress=None) -> dict:
    """The share of the correctly answered pictures whose answer an attack of each ε changes.

    Args:
        epsilons: the ε values (pixel levels) to try.
        steps: 0 for FGSM, else the number of PGD steps.
        progress: called with ``(done, total)`` after each ε.

    Returns:
        ``{"epsilons": [...], "flipped": [share per ε], "correct": how many were right to start with}``.

    Example:
    >>> flip_share(model, test_images[:200], test_labels[:200], [2, 8])["flipped"]
    [0.2, 0.8]
    """
    pictures = _pictures(images)
    labels = np.asarray(labels, dtype=np.int64)
    predictor = inference.predictor_for(model)
    right = predictor.batch_probabilities(pictures).argmax(axis=1) == labels
    pictures, labels = pictures[right], labels[right]
    shares = []
    for done, epsilon in enumerate(epsilons, start=1):
        if not len(labels):
            shares.append(0.0)
        else:
            attacked = pgd_batch(model, pictures, labels, epsilon, steps) if steps else fgsm_batch(model, pictures, labels, epsilon)
            shares.append(float((predictor.batch_probabilities(attacked).argmax(axis=1) != labels).mean()))
        if progress is not None:
            progress(done, len(epsilons))
    return {"epsilons": [float(value) for value in epsilons], "flipped": shares, "correct": int(right.sum())}


def copy_model(model: keras.Model, trained: bool = True) -> keras.Model:
    """A separate copy of ``model``: with its weights, or freshly initialised (``trained=False``,
    the same network before any training).

    Example:
    >>> untrained = copy_model(model, trained=False)
    """
    copy = keras.models.clone_model(model)
    if trained:
        copy.set_weights(model.get_weights())
    return copy


def adversarial_batch(model: keras.Model, images, labels, epsilon: float) -> tuple[np.ndarray, np.ndarray]:
    """One step of adversarial training's data: the pictures and their FGSM versions against the
    model as it is now, with the labels for both.

    Example:
    >>> pictures, targets = adversarial_batch(model, images[:32], labels[:32], 8)
    >>> pictures.shape
    (64, 28, 28, 1)
    """
    pictures = _pictures(images)
    labels = np.asarray(labels, dtype=np.int64)
    return np.concatenate([pictures, fgsm_batch(model, pictures, labels, epsilon)]), np.concatenate([labels, labels])


def adversarial_training(model: keras.Model, images, labels, epsilon: float = 8, epochs: int = 2,
                         batch_size: int = 64, learning_rate: float = 5e-4, seed: int = 0,
                         callbacks=()) -> keras.Model:
    """Train a copy of ``model`` to resist FGSM: each epoch, every picture is trained on together
    with its FGSM version against the copy as it is at that epoch's start. ``model`` is unchanged.

    Example:
    >>> sturdier = adversarial_training(model, train_images[:2000], train_labels[:2000], epsilon=8)
    """
    keras.utils.set_random_seed(seed)
    sturdier = copy_model(model)
    sturdier.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy",
                     metrics=["accuracy"])
    for epoch in range(epochs):
        pictures, targets = adversarial_batch(sturdier, images, labels, epsilon)
        sturdier.fit(pictures, targets, batch_size=batch_size, epochs=epoch + 1, initial_epoch=epoch,
                     shuffle=True, verbose=0, callbacks=list(callbacks))
    return sturdier


# -------------------------------------------------------------------- what a unit wants to see
def _before_activation(model: keras.Model, layer_name: str) -> str:
    """Where a filter's response is read for feature visualisation: a convolution after its batch
    normalisation but before a separate ReLU (a ReLU at 0 on the gray start has no gradient)."""
    return _after_convolution(model, layer_name, keras.layers.BatchNormalization)


def _after_convolution(model: keras.Model, layer_name: str, following) -> str:
    """``layer_name``, or for a convolution the last of the layers of the kinds ``following`` that
    come straight after it (where its response is read).

    Raises:
        UserError: ``explain.err_no_layer`` for a name that is not one of the model's layers.
    """
    layers = _chain(model)
    names = [layer.name for layer in layers]
    if layer_name not in names:
        raise UserError("explain.err_no_layer", name=layer_name)
    index = names.index(layer_name)
    if isinstance(layers[index], keras.layers.Conv2D):
        while index + 1 < len(layers) and isinstance(layers[index + 1], following):
            index += 1
    return names[index]


def _objective_values(model: keras.Model, pixels: tf.Tensor, layer_name: str | None, units: np.ndarray) -> tf.Tensor:
    """Per picture ``i``: the mean response of channel ``units[i]`` of ``layer_name``
    (:func:`_before_activation`), or the logit of class ``units[i]`` when ``layer_name`` is ``None``."""
    captured_name = None if layer_name is None else _before_activation(model, layer_name)
    features, logits = forward(model, pixels, capture=captured_name)
    picked = tf.one_hot(units, (logits if layer_name is None else features).shape[-1])
    if layer_name is None:
        return tf.reduce_sum(logits * picked, axis=-1)
    return tf.reduce_sum(tf.reduce_mean(features, axis=(1, 2)) * picked, axis=-1)


def objective(model: keras.Model, images, layer_name: str | None, units) -> np.ndarray:
    """What :func:`feature_visualisation` raises, for each picture and its unit (see there).

    Example:
    >>> objective(model, np.full((1, 28, 28), 128, np.uint8), "block2_conv", [5])
    array([0.31], dtype=float32)
    """
    pixels = tf.constant(_pictures(images), dtype=tf.float32)
    return _objective_values(model, pixels, layer_name, np.asarray(units, dtype=np.int64)).numpy()


_BLUR = np.array([1.0, 2.0, 1.0]) / 4.0


def _blur(pictures: np.ndarray) -> np.ndarray:
    """A soft blur: half the picture, half its 3x3 blur (a [1 2 1] / 4 kernel each way, edges repeated)."""
    padded = np.pad(pictures, ((0, 0), (1, 1), (1, 1), (0, 0)), mode="edge")
    rows = _BLUR[0] * padded[:, :-2] + _BLUR[1] * padded[:, 1:-1] + _BLUR[2] * padded[:, 2:]
    blurred = _BLUR[0] * rows[:, :, :-2] + _BLUR[1] * rows[:, :, 1:-1] + _BLUR[2] * rows[:, :, 2:]
    return 0.5 * pictures + 0.5 * blurred


def feature_visualisation(model: keras.Model, layer_name: str | None, units, steps: int = FEATURE_STEPS,
                          seed: int = 0, progress=None) -> np.ndarray:
    """Grow a picture from gray noise that a filter (or a class) responds to as strongly as it can.

    Gradient ascent on the pixels, with the usual regularisers so the result is a picture and not
    noise: each step the picture is shifted by up to :data:`FEATURE_JITTER` pixels (jitter), it is
    softly blurred every :data:`FEATURE_BLUR_EVERY` steps, and a small L2 pull keeps it near gray.

    Args:
        layer_name: a convolution or pooling layer (a convolution's response is read after its
            batch normalisation, before a separate ReLU), or ``None`` for the output classes (their logits).
        units: the channels (or classes) to visualise; one picture each, grown side by side.
        steps: gradient steps.
        seed: the starting noise's and the jitter's seed.
        progress: called with ``(done, steps)`` now and then.

    Returns:
        ``(len(units), 28, 28)`` uint8 pictures.

    Example:
    >>> tshirt = feature_visualisation(model, None, [0])[0]     # "most T-shirt-like"
    >>> objective(model, tshirt, None, [0]) > objective(model, np.full((28, 28), 128, np.uint8), None, [0])
    array([ True])
    """
    units = np.asarray(units, dtype=np.int64)
    rng = np.random.default_rng(seed)
    pictures = (GRAY + rng.normal(0.0, FEATURE_NOISE, size=(len(units), 28, 28, 1))).astype(np.float32)
    for step in range(steps):
        shift = rng.integers(-FEATURE_JITTER, FEATURE_JITTER + 1, size=2)
        tensor = tf.constant(np.roll(pictures, shift, axis=(1, 2)), dtype=tf.float32)
        with tf.GradientTape() as tape:
            tape.watch(tensor)
            values = _objective_values(model, tensor, layer_name, units)
            pull = tf.reduce_mean(tf.square((tensor - GRAY) / GRAY), axis=(1, 2, 3))
            goal = tf.reduce_sum(values - FEATURE_L2 * pull)
        gradient = np.roll(tape.gradient(goal, tensor).numpy(), -shift, axis=(1, 2))
        scale = gradient.std(axis=(1, 2, 3), keepdims=True) + 1e-8
        pictures = np.clip(pictures + FEATURE_STEP * gradient / scale, 0, 255)
        if (step + 1) % FEATURE_BLUR_EVERY == 0:
            pictures = _blur(pictures)
        if progress is not None and ((step + 1) % 8 == 0 or step + 1 == steps):
            progress(step + 1, steps)
    return pictures.round().astype(np.uint8)[..., 0]


def channel_count(model: keras.Model, layer_name: str | None) -> int:
    """How many channels ``layer_name``'s block has (classes for ``None``)."""
    if layer_name is None:
        return int(model.outputs[0].shape[-1])
    return int(model.get_layer(_before_activation(model, layer_name)).output.shape[-1])


# ---------------------------------------------------------------------- the dense layer's map
_extractors_lock = threading.Lock()
_extractors: "weakref.WeakKeyDictionary[keras.Model, keras.Model]" = weakref.WeakKeyDictionary()


def penultimate_features(model: keras.Model, images, batch_size: int = 256) -> np.ndarray:
    """What the last layer reads: the activations just before the output layer, ``(N, units)``.

    Example:
    >>> penultimate_features(model, test_images[:5]).shape      # the shipped Fashion model
    (5, 256)
    """
    pictures = _pictures(images)
    with _extractors_lock:
        extractor = _extractors.get(model)
        if extractor is None:
            extractor = _extractors[model] = keras.Model(model.inputs[0], _chain(model)[-1].input)
    chunks = [np.asarray(extractor(pictures[start:start + batch_size], training=False))
              for start in range(0, len(pictures), batch_size)]
    return np.concatenate(chunks).astype(np.float32)


@dataclass(frozen=True)
class Projection:
    """A 2-D principal-component projection: ``(features - mean) @ axes.T``."""

    mean: np.ndarray           # (units,)
    axes: np.ndarray           # (2, units) unit-length directions of most spread
    explained: np.ndarray      # (2,) share of the total variance each axis keeps

    def project(self, features) -> np.ndarray:
        """``(N, 2)`` coordinates of ``(N, units)`` features (or ``(2,)`` for one)."""
        features = np.asarray(features, dtype=np.float64)
        return ((features - self.mean) @ self.axes.T).astype(np.float32)


def fit_pca(features) -> Projection:
    """The two directions along which ``features`` spread most (PCA by singular value
    decomposition in numpy); each axis's sign is fixed so its largest loading is positive.

    Example:
    >>> projection = fit_pca(penultimate_features(model, test_images[:2000]))
    >>> projection.project(penultimate_features(model, drawing)).shape
    (1, 2)
    """
    features = np.asarray(features, dtype=np.float64)
    mean = features.mean(axis=0)
    _, singular, axes = np.linalg.svd(features - mean, full_matrices=False)
    axes = axes[:2]
    axes = axes * np.sign(axes[np.arange(len(axes)), np.abs(axes).argmax(axis=1)])[:, None]
    variance = singular ** 2
    explained = variance[:2] / variance.sum() if variance.sum() > 0 else np.zeros(2)
    return Projection(mean=mean, axes=axes, explained=explained)


def dense_map(model: keras.Model, images) -> tuple[Projection, np.ndarray]:
    """``(projection, points)``: the PCA of the pictures' penultimate features and each picture's 2-D point.

    Example:
    >>> projection, points = dense_map(model, test_images[:2000])
    >>> points.shape
    (2000, 2)
    """
    features = penultimate_features(model, images)
    projection = fit_pca(features)
    return projection, projection.project(features)


def map_sample(labels, count: int = 2000, seed: int = 0) -> np.ndarray:
    """Indices of ``count`` test pictures for the map: a seeded random sample, sorted.

    Example:
    >>> map_sample(test_labels, 2000)[:3]
    array([ 1,  5,  9])
    """
    labels = np.asarray(labels)
    count = min(count, len(labels))
    rng = np.random.default_rng(seed)
    chosen = rng.permutation(len(labels))[:count]
    return np.sort(chosen)


# ------------------------------------------------------------------------ job-engine runners
# Each is a ``runner(spec, reporter) -> JobResult`` registered with ``cnn_core.jobs.register_runner``:
# it runs in a worker process, takes the model as ``.keras`` bytes and the pictures as arrays in ``spec.inputs``,
# and hands its arrays back in ``JobResult.meta``. Progress is counted in steps (``run_progress``).
FLIP_EPSILONS = (1, 2, 4, 8, 16, 32)


def _steps(reporter, total: int):
    """A ``progress(done, total)`` callback that reports finished steps as the job's batches."""
    reporter.info(total_epochs=1, steps_per_epoch=max(int(total), 1), batch_size=1)
    reporter.epoch_begin(1)
    reported = [0]

    def progress(done: int, _total: int) -> None:
        while reported[0] < done:
            reporter.batch_end(float("nan"), float("nan"))
            reported[0] += 1

    return progress


def _model_of(spec) -> keras.Model:
    from cnn_core import store

    return store.load_model_bytes(spec.inputs["model"], num_classes=None)[0]


@register_runner("explain_features")
def run_feature_gallery(spec, reporter):
    """Runner ``"explain_features"``: :func:`feature_visualisation` of ``inputs["units"]`` of
    ``inputs["layer"]`` (``None``: the classes); ``meta["pictures"]`` holds them."""
    model = _model_of(spec)
    steps = int(spec.inputs.get("steps", FEATURE_STEPS))
    pictures = feature_visualisation(model, spec.inputs["layer"], spec.inputs["units"], steps=steps,
                                     progress=_steps(reporter, steps))
    return JobResult(meta={"pictures": pictures, "layer": spec.inputs["layer"], "units": list(spec.inputs["units"])})


@register_runner("explain_flips")
def run_flip_share(spec, reporter):
    """Runner ``"explain_flips"``: :func:`flip_share` over ``inputs["images"]``/``["labels"]`` at
    ``inputs["epsilons"]`` (FGSM, or PGD with ``inputs["steps"]``); ``meta["flips"]``."""
    model = _model_of(spec)
    epsilons = list(spec.inputs.get("epsilons", FLIP_EPSILONS))
    flips = flip_share(model, spec.inputs["images"], spec.inputs["labels"], epsilons,
                       steps=int(spec.inputs.get("steps", 0)), progress=_steps(reporter, len(epsilons)))
    return JobResult(meta={"flips": flips})


@register_runner("explain_resist")
def run_adversarial_training(spec, reporter):
    """Runner ``"explain_resist"``: :func:`adversarial_training` on ``inputs["train_images"]`` at
    ``inputs["epsilon"]``; the sturdier model is the job's model, and ``meta["before"]`` /
    ``meta["after"]`` hold both models' :func:`flip_share` on ``inputs["images"]``."""
    from cnn_core import models

    model = _model_of(spec)
    images, labels = spec.inputs["train_images"], spec.inputs["train_labels"]
    epochs, batch_size = int(spec.inputs.get("epochs", 2)), int(spec.inputs.get("batch_size", 64))
    reporter.info(total_epochs=epochs, steps_per_epoch=-(-2 * len(labels) // batch_size),
                  train_images=2 * len(labels), batch_size=batch_size)
    sturdier = adversarial_training(model, images, labels, epsilon=float(spec.inputs.get("epsilon", 8)),
                                    epochs=epochs, batch_size=batch_size, callbacks=[reporter.keras_callback()])
    reporter.evaluating()
    epsilons = list(spec.inputs.get("epsilons", FLIP_EPSILONS))
    before = flip_share(model, spec.inputs["images"], spec.inputs["labels"], epsilons)
    after = flip_share(sturdier, spec.inputs["images"], spec.inputs["labels"], epsilons)
    clean = inference.evaluate(sturdier, spec.inputs["images"], spec.inputs["labels"]).accuracy
    return JobResult(model=sturdier, test_accuracy=clean,
                          meta={"before": before, "after": after, "params": models.count_params(sturdier),
                                "epsilon": float(spec.inputs.get("epsilon", 8))})


@register_runner("explain_map")
def run_dense_map(spec, reporter):
    """Runner ``"explain_map"``: :func:`dense_map` of ``inputs["images"]`` for the model and for an
    untrained copy of it (``inputs["untrained"]``'s bytes, else a fresh :func:`copy_model`);
    ``meta["trained"]`` / ``meta["untrained"]`` are ``(projection, points)``."""
    from cnn_core import store

    model = _model_of(spec)
    progress = _steps(reporter, 2)
    trained = dense_map(model, spec.inputs["images"])
    progress(1, 2)
    untrained_model = (store.load_model_bytes(spec.inputs["untrained"], num_classes=None)[0] if "untrained" in spec.inputs
                       else copy_model(model, trained=False))
    untrained = dense_map(untrained_model, spec.inputs["images"])
    progress(2, 2)
    return JobResult(meta={"trained": trained, "untrained": untrained})


@register_runner("explain_deletion")
def run_deletion_check(spec, reporter):
    """Runner ``"explain_deletion"``: :func:`deletion_check` of every map (Grad-CAM at
    ``inputs["layer"]``, saliency, SmoothGrad, occlusion with ``inputs["patch"]``, ``["stride"]``,
    ``["fill"]``) over ``inputs["images"]`` explained for their labels; ``meta["check"]``."""
    model = _model_of(spec)
    layer, patch, stride, fill = (spec.inputs.get(key) for key in ("layer", "patch", "stride", "fill"))
    methods = {"grad_cam": lambda m, image, label: grad_cam(m, image, label, layer),
               "saliency": saliency, "smoothgrad": smoothgrad,
               "occlusion": lambda m, image, label: occlusion(m, image, label, patch, stride, fill)}
    images, labels = _pictures(spec.inputs["images"]), np.asarray(spec.inputs["labels"])
    progress = _steps(reporter, len(labels))
    sums = None
    for done, (image, label) in enumerate(zip(images, labels), start=1):
        one = deletion_check(model, image[None], [label], methods)
        sums = one.curves if sums is None else {name: sums[name] + curve for name, curve in one.curves.items()}
        progress(done, len(labels))
    curves = {name: total / max(len(labels), 1) for name, total in (sums or {}).items()}
    return JobResult(meta={"check": DeletionCheck(DELETION_FRACTIONS, curves, len(labels))})
