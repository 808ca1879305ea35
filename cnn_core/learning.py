"""How a CNN learns, one gradient step written out: every number of the step is TensorFlow's own.

:func:`gradient_step` takes one 28x28 picture and its true class, runs it forward, and asks
``tf.GradientTape`` for the gradient of the loss ``L = -log p(true class)`` with respect to every
trainable weight *and* every layer's output (the layer's **delta**, ``dL/d(output)``). Then it
moves each weight against its gradient, ``w <- w - lr * g`` (plain SGD, or Adam's first step), and
runs the picture again to get the new loss. It works on a working copy (:class:`Learner`), so the
model it is given (the app's shared default, the session's model) never changes.

The step is computed in **inference mode** (``training=False``): dropout does nothing and
BatchNorm normalises with the mean and variance it learned, exactly as the app's other pages show
the forward pass. (``model.fit`` would use dropout and the batch's own statistics.)

The forward pass goes layer by layer so that the pieces a learner opens are separate tensors on the
tape: a convolution or dense layer is split into its weighted sum (``conv1``) and its activation
(``conv1:relu``), and the output layer into its **logits** and the softmax. Every other layer is
called as Keras calls it. The pieces written out on the page are computed from these tensors:

- :func:`dense_weight_gradient`: ``dL/dW[i, u] = input_i * delta_u`` (the unit's delta is
  ``p - y`` at the output layer);
- :func:`relu_routing`: the delta passes a ReLU where its input was above 0 and stops where it was not;
- :func:`pool_routing`: max pooling hands each window's delta to the one position that held the
  window's maximum; the other positions get 0;
- :func:`conv_weight_gradient`: one kernel weight's gradient is a sum over every output position of
  ``input value under that weight x delta at that position``, term by term;
- :func:`adam_first_step`: what Adam would do with the same gradient (its ``m``, ``v``, bias
  correction and step size);
- :func:`repeated_steps`: N steps on the one picture, its loss falling, and the loss and accuracy
  on other pictures moving (a taste of overfitting).

Example:

>>> step = gradient_step(model, picture, label=9, learning_rate=0.01)
>>> step.loss_before, step.loss_after          # the loss falls after a small step
>>> step.gradients["conv1/kernel"].shape       # (3, 3, 1, 32), like the weight
"""

from __future__ import annotations

from dataclasses import dataclass, field

import keras
import numpy as np
import tensorflow as tf

from cnn_core import ops
from cnn_core.errors import UserError

IMAGE_SHAPE = (28, 28, 1)
OPTIMIZERS = ("sgd", "adam")
MAX_LEARNING_RATE = 10.0
MAX_STEPS = 50
# Adam's settings as Keras' defaults have them.
ADAM_BETA_1, ADAM_BETA_2, ADAM_EPSILON = 0.9, 0.999, 1e-7


# ---------------------------------------------------------------- the step and its pieces

@dataclass(frozen=True)
class Node:
    """One tensor of the forward pass on the tape: what a layer (or half a layer) gave.

    ``name`` is the layer's name, or ``<layer>:<activation>`` for the activation of a conv or dense
    layer (``conv1:relu``); the output layer's weighted sum is its ``logits``. ``kind`` is ``input``,
    ``conv``, ``dense``, ``logits``, ``activation``, ``pool``, ``batchnorm``, ``flatten``,
    ``dropout`` or ``other``; ``activation`` names an activation node's function. ``values`` is
    the forward value and ``delta`` the gradient of the loss with respect to it (both without the
    batch axis; ``delta`` is ``None`` for the picture itself).
    """

    name: str
    layer: str
    kind: str
    values: np.ndarray
    delta: np.ndarray | None
    activation: str | None = None


@dataclass(frozen=True)
class GradientStep:
    """One picture, one step. ``gradients`` maps every trainable weight's Keras ``path``
    (``"conv1/kernel"``) to ``dL/dw`` (same shape as the weight); ``weights_before`` and
    ``weights_after`` hold those weights around the update. ``nodes`` is the forward pass with each
    tensor's delta, in order (the picture first, the logits last)."""

    label: int
    learning_rate: float
    optimizer: str
    loss_before: float
    loss_after: float
    logits_before: np.ndarray
    logits_after: np.ndarray
    probabilities_before: np.ndarray
    probabilities_after: np.ndarray
    gradients: dict[str, np.ndarray]
    weights_before: dict[str, np.ndarray]
    weights_after: dict[str, np.ndarray]
    nodes: tuple[Node, ...]
    layer_paths: dict[str, dict[str, str]] = field(default_factory=dict)  # layer -> {"kernel": path, "bias": path}
    geometry: dict[str, dict] = field(default_factory=dict)  # conv/pool layer -> its size, strides, padding

    def node(self, name: str) -> Node:
        for node in self.nodes:
            if node.name == name:
                return node
        raise KeyError(name)

    def node_before(self, name: str) -> Node:
        """The node that fed ``name`` (the chain's previous tensor)."""
        for before, node in zip(self.nodes, self.nodes[1:]):
            if node.name == name:
                return before
        raise KeyError(name)

    def weight_path(self, layer: str, which: str = "kernel") -> str:
        """The ``path`` of a layer's trainable ``kernel`` / ``bias`` (``KeyError`` if it has none)."""
        return self.layer_paths[layer][which]

    @property
    def output_delta(self) -> np.ndarray:
        """``dL/dlogits`` as the tape gave it (equals :func:`output_delta`'s ``p - y``)."""
        return self.nodes[-1].delta

    @property
    def p_true_before(self) -> float:
        return float(self.probabilities_before[self.label])

    @property
    def p_true_after(self) -> float:
        return float(self.probabilities_after[self.label])


def output_delta(probabilities, label: int) -> np.ndarray:
    """``dL/dz = p - y`` for softmax + cross-entropy: each class's probability, minus 1 for the true class.

    Args:
        probabilities: the softmax output, shape ``(classes,)``.
        label: the true class index.
    Returns:
        ``(classes,)`` float64: ``p_i`` for every wrong class, ``p_true - 1`` for the true one.
    """
    delta = np.asarray(probabilities, dtype=np.float64).copy()
    delta[int(label)] -= 1.0
    return delta


# ---------------------------------------------------------------- the model, taken as a chain

def _activation_name(layer) -> str:
    function = getattr(layer, "activation", None)
    return getattr(function, "__name__", "linear") if function is not None else "linear"


def _kind(layer) -> str:
    kinds = ((keras.layers.Conv2D, "conv"), (keras.layers.Dense, "dense"),
             ((keras.layers.MaxPooling2D, keras.layers.AveragePooling2D), "pool"),
             (keras.layers.BatchNormalization, "batchnorm"),
             ((keras.layers.ReLU, keras.layers.Activation, keras.layers.LeakyReLU), "activation"),
             ((keras.layers.Flatten, keras.layers.GlobalAveragePooling2D, keras.layers.GlobalMaxPooling2D), "flatten"),
             (keras.layers.Dropout, "dropout"), (keras.layers.Rescaling, "rescale"))
    for classes, kind in kinds:
        if isinstance(layer, classes):
            return kind
    return "other"


def chain_layers(model: keras.Model) -> list[keras.layers.Layer]:
    """The model's layers after the input, checked to form one chain ending in a softmax Dense layer
    (every model the app builds, loads or teaches). Raises ``UserError`` otherwise."""
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    previous = model.inputs[0]
    for layer in layers:
        try:
            chained = layer.input is previous
        except (AttributeError, ValueError):
            chained = False
        if not chained:
            raise UserError("learn.err_not_a_chain", layer=layer.name)
        previous = layer.output
    if tuple(model.inputs[0].shape[1:]) != IMAGE_SHAPE:
        raise UserError("learn.err_input_shape", shape=str(tuple(model.inputs[0].shape[1:])))
    if not layers or not isinstance(layers[-1], keras.layers.Dense) or _activation_name(layers[-1]) != "softmax":
        raise UserError("learn.err_output", layer=layers[-1].name if layers else model.name)
    for layer in layers:
        if isinstance(layer, keras.layers.Conv2D) and (layer.groups != 1 or layer.data_format != "channels_last"):
            raise UserError("learn.err_conv_options", layer=layer.name)
    return layers


def _as_picture(image) -> np.ndarray:
    """The app's picture, ``(28, 28)`` or ``(28, 28, 1)`` uint8, as a ``(1, 28, 28, 1)`` batch."""
    array = np.asarray(image)
    if array.shape == IMAGE_SHAPE[:2]:
        array = array[:, :, None]
    if array.shape != IMAGE_SHAPE:
        raise UserError("learn.err_picture_shape", shape=str(array.shape))
    if array.dtype != np.uint8:
        raise UserError("learn.err_picture_type", dtype=str(array.dtype))
    return array[None]


def _forward(layers, picture: np.ndarray) -> list[tuple[str, str, str, str | None, tf.Tensor]]:
    """The forward pass, one tensor per node: ``(name, layer, kind, activation, tensor)``.

    The uint8 picture is cast to float first (a cast has no gradient, so the picture's own delta
    starts after it). Conv and dense layers are their weighted sum and their activation; the
    output layer stops at its logits."""
    x = tf.cast(tf.constant(picture), tf.float32)
    nodes = [("image", "image", "input", None, x)]
    for index, layer in enumerate(layers):
        kind = _kind(layer)
        if kind in ("conv", "dense"):
            if kind == "conv":
                z = layer.convolution_op(x, layer.kernel)
            else:
                z = keras.ops.matmul(x, layer.kernel)
            if layer.use_bias:
                z = z + layer.bias
            last = index == len(layers) - 1
            nodes.append((layer.name, layer.name, "logits" if last else kind, None, z))
            activation = _activation_name(layer)
            if last:
                break
            x = z
            if activation != "linear":
                x = layer.activation(z)
                nodes.append((f"{layer.name}:{activation}", layer.name, "activation", activation, x))
        else:
            x = layer(x, training=False)
            activation = (("relu" if isinstance(layer, keras.layers.ReLU) else _activation_name(layer))
                          if kind == "activation" else None)
            nodes.append((layer.name, layer.name, kind, activation, x))
    return nodes


def _loss(logits: tf.Tensor, label: int) -> tf.Tensor:
    return tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.constant([int(label)]), logits=logits)[0]


class Learner:
    """A working copy of a model for gradient steps: the model it was made from never changes.

    Making the copy costs a clone of the model (tens of milliseconds); every step after that only
    resets the copy's weights to the original's first (:meth:`reset`). A page keeps one learner per
    model in its session.

    Args:
        model: any of the app's models (a chain ending in a softmax Dense layer).
    """

    def __init__(self, model: keras.Model):
        chain_layers(model)
        self.copy = keras.models.clone_model(model)
        for original, copied in zip(model.layers, self.copy.layers):
            copied.trainable = original.trainable
        self._original = [np.array(weight) for weight in model.get_weights()]
        self.copy.set_weights(self._original)
        self.layers = chain_layers(self.copy)
        self.variables = list(self.copy.trainable_variables)
        self.paths = [variable.path for variable in self.variables]
        self.layer_paths: dict[str, dict[str, str]] = {}
        self.geometry = {layer.name: {"size": tuple(layer.kernel_size if isinstance(layer, keras.layers.Conv2D)
                                                     else layer.pool_size),
                                      "strides": tuple(layer.strides), "padding": layer.padding,
                                      "max": isinstance(layer, keras.layers.MaxPooling2D)}
                         for layer in self.layers if _kind(layer) in ("conv", "pool")}
        for layer in self.layers:
            for variable in layer.trainable_variables:
                self.layer_paths.setdefault(layer.name, {})[variable.name] = variable.path

        spec = tf.TensorSpec((None,) + IMAGE_SHAPE, tf.uint8)
        self._logits = tf.function(lambda images: _logits_tensor(self, images), input_signature=[spec])
        self._weight_gradients = tf.function(self._loss_gradients, input_signature=[
            tf.TensorSpec((1,) + IMAGE_SHAPE, tf.uint8), tf.TensorSpec((), tf.int32)])

    def _loss_gradients(self, picture, label):
        with tf.GradientTape() as tape:
            logits = _logits_tensor(self, picture)
            loss = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=label[None], logits=logits)[0]
        return tape.gradient(loss, self.variables)

    def reset(self) -> None:
        """The copy's weights back to the original model's."""
        self.copy.set_weights(self._original)

    def forward(self, images: np.ndarray) -> np.ndarray:
        """Logits of a batch of uint8 pictures ``(N, 28, 28, 1)`` with the copy's current weights."""
        return np.asarray(self._logits(tf.constant(images, dtype=tf.uint8)), dtype=np.float64)

    def gradients(self, picture: np.ndarray, label: int):
        """``(loss, nodes, gradients)`` for one ``(1, 28, 28, 1)`` picture with the current weights."""
        with tf.GradientTape() as tape:
            nodes = _forward(self.layers, picture)
            loss = _loss(nodes[-1][4], label)
        tensors = [node[4] for node in nodes[1:]]
        answers = tape.gradient(loss, [*self.variables, *tensors])
        weight_grads = answers[:len(self.variables)]
        node_grads = [None, *answers[len(self.variables):]]
        gradients = {path: np.asarray(grad if grad is not None else tf.zeros_like(variable), dtype=np.float32)
                     for path, grad, variable in zip(self.paths, weight_grads, self.variables)}
        built = tuple(Node(name=name, layer=layer, kind=kind, activation=activation,
                           values=np.asarray(tensor)[0],
                           delta=None if grad is None else np.asarray(grad)[0])
                      for (name, layer, kind, activation, tensor), grad in zip(nodes, node_grads))
        return float(loss), built, gradients

    def apply(self, gradients: dict[str, np.ndarray], learning_rate: float, optimizer: str,
              adam_state: dict | None = None) -> None:
        """Move every trainable weight of the copy: ``w - lr * g`` (SGD) or Adam's next step."""
        for path, variable in zip(self.paths, self.variables):
            grad = gradients[path]
            if optimizer == "sgd":
                variable.assign(np.asarray(variable) - learning_rate * grad)
            else:
                state = adam_state.setdefault(path, AdamState())
                variable.assign(np.asarray(variable) - state.update(grad, learning_rate))

    def step(self, image, label: int, learning_rate: float, optimizer: str = "sgd") -> GradientStep:
        """One step from the original weights: see :func:`gradient_step`."""
        picture = _as_picture(image)
        label = _check_label(label, self.layers[-1].units)
        learning_rate = _check_learning_rate(learning_rate)
        if optimizer not in OPTIMIZERS:
            raise UserError("learn.err_optimizer", optimizer=optimizer)
        self.reset()
        loss_before, nodes, gradients = self.gradients(picture, label)
        before = {path: np.array(variable) for path, variable in zip(self.paths, self.variables)}
        self.apply(gradients, learning_rate, optimizer, {})
        after = {path: np.array(variable) for path, variable in zip(self.paths, self.variables)}
        logits_after = self.forward(picture)[0]
        logits_before = np.asarray(nodes[-1].values, dtype=np.float64)
        self.reset()
        return GradientStep(label=label, learning_rate=learning_rate, optimizer=optimizer,
                            loss_before=loss_before, loss_after=_loss_of(logits_after, label),
                            logits_before=logits_before, logits_after=logits_after,
                            probabilities_before=_softmax(logits_before), probabilities_after=_softmax(logits_after),
                            gradients=gradients, weights_before=before, weights_after=after, nodes=nodes,
                            layer_paths=self.layer_paths, geometry=self.geometry)


def _check_label(label, classes: int) -> int:
    if isinstance(label, bool) or not isinstance(label, (int, np.integer)) or not 0 <= int(label) < classes:
        raise UserError("learn.err_label", label=str(label), count=classes)
    return int(label)


def _check_learning_rate(learning_rate) -> float:
    value = float(learning_rate)
    if not np.isfinite(value) or not 0 < value <= MAX_LEARNING_RATE:
        raise UserError("learn.err_learning_rate", value=str(learning_rate), high=MAX_LEARNING_RATE)
    return value


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max())
    return shifted / shifted.sum()


def _loss_of(logits: np.ndarray, label: int) -> float:
    """``-log softmax(z)[label]`` in float64, written as ``logsumexp(z) - z[label]`` (no overflow)."""
    peak = float(logits.max())
    return float(peak + np.log(np.exp(logits - peak).sum()) - logits[label])


def gradient_step(model: keras.Model, image, label: int, learning_rate: float, optimizer: str = "sgd") -> GradientStep:
    """One gradient step of ``model`` on one picture, on a copy: ``model`` is left unchanged.

    Args:
        model: one of the app's models (uint8 28x28x1 in, a softmax Dense layer out).
        image: the picture as the app keeps it, uint8 ``(28, 28)`` or ``(28, 28, 1)``.
        label: its true class index.
        learning_rate: ``lr`` in ``w <- w - lr * g``.
        optimizer: ``"sgd"`` (the written case) or ``"adam"`` (Adam's first step from fresh state).
    Returns:
        A :class:`GradientStep`: the loss and probabilities before and after, and ``gradients``, a
        dict from each trainable weight's ``path`` to its gradient.

    Example:

    >>> step = gradient_step(model, dataset.test_images[0], int(dataset.test_labels[0]), 0.01)
    >>> step.loss_after < step.loss_before
    True
    """
    return Learner(model).step(image, label, learning_rate, optimizer)


# ---------------------------------------------------------------- the written-out pieces

@dataclass(frozen=True)
class DenseWeightGradient:
    """``dL/dW[i, u] = input_i * delta_u`` for one weight of a dense layer, and TensorFlow's number."""

    layer: str
    input_index: int
    unit: int
    input_value: float
    delta: float
    weight: float
    tf_gradient: float

    @property
    def gradient(self) -> float:
        return self.input_value * self.delta


def dense_weight_gradient(step: GradientStep, layer: str, input_index: int, unit: int) -> DenseWeightGradient:
    """The gradient of dense weight ``W[input_index, unit]`` of ``layer`` as input times the unit's delta.

    The unit's delta is ``dL/dz_u`` of its weighted sum ``z_u`` (``p - y`` at the output layer)."""
    node = _node_of_kind(step, layer, ("dense", "logits"))
    inputs = step.node_before(layer).values.reshape(-1)
    if not 0 <= input_index < inputs.size or not 0 <= unit < node.values.size:
        raise UserError("learn.err_weight_index", layer=layer)
    path = step.weight_path(layer)
    return DenseWeightGradient(layer=layer, input_index=input_index, unit=unit,
                               input_value=float(inputs[input_index]), delta=float(node.delta[unit]),
                               weight=float(step.weights_before[path][input_index, unit]),
                               tf_gradient=float(step.gradients[path][input_index, unit]))


def _node_of_kind(step: GradientStep, name: str, kinds: tuple[str, ...]) -> Node:
    try:
        node = step.node(name)
    except KeyError:
        raise UserError("learn.err_layer", layer=name) from None
    if node.kind not in kinds:
        raise UserError("learn.err_layer", layer=name)
    return node


@dataclass(frozen=True)
class ReluRouting:
    """A ReLU's delta rule: ``delta_in = delta_out`` where the input was above 0, ``0`` elsewhere.

    ``inputs`` (what the ReLU received), ``delta_out`` (the delta arriving from above),
    ``delta_in`` (TensorFlow's delta below the ReLU) and ``by_rule`` (the rule applied here)."""

    node: str
    inputs: np.ndarray
    delta_out: np.ndarray
    delta_in: np.ndarray
    by_rule: np.ndarray

    @property
    def open(self) -> np.ndarray:
        """Where gradient passes (the input was above 0)."""
        return self.inputs > 0


def relu_routing(step: GradientStep, node_name: str) -> ReluRouting:
    """Take the ReLU node ``node_name`` (``"conv1:relu"`` or a ReLU layer) apart."""
    node = _node_of_kind(step, node_name, ("activation",))
    if node.activation != "relu":
        raise UserError("learn.err_layer", layer=node_name)
    below = step.node_before(node_name)
    inputs = np.asarray(below.values)
    return ReluRouting(node=node_name, inputs=inputs, delta_out=node.delta, delta_in=below.delta,
                       by_rule=np.where(inputs > 0, node.delta, 0.0).astype(np.float32))


@dataclass(frozen=True)
class PoolWindow:
    """One max-pooling window: its inputs, where its maximum sat, the delta arriving at its output
    and the deltas TensorFlow put on the window's positions (all but the maximum's are 0)."""

    layer: str
    row: int
    col: int
    channel: int
    top: int
    left: int
    values: np.ndarray          # (size, size) the window's inputs
    winner: tuple[int, int]     # the maximum's place in the window (the first one, in reading order)
    delta_out: float
    delta_in: np.ndarray        # (size, size) TensorFlow's delta on the window's inputs

    @property
    def by_rule(self) -> np.ndarray:
        routed = np.zeros_like(self.values, dtype=np.float64)
        routed[self.winner] = self.delta_out
        return routed


def pool_routing(step: GradientStep, layer: str, row: int, col: int, channel: int) -> PoolWindow:
    """Max pooling's window feeding output ``(row, col)`` of ``channel`` (0-based), with its deltas.

    Only windows that do not overlap (stride = pool size, as in all the app's models) can be
    read one at a time like this."""
    node = _node_of_kind(step, layer, ("pool",))
    below = step.node_before(layer)
    rows, cols, channels = node.values.shape
    if not (0 <= row < rows and 0 <= col < cols and 0 <= channel < channels):
        raise UserError("learn.err_position", row=row + 1, col=col + 1, rows=rows, cols=cols)
    geometry = step.geometry[layer]
    if not geometry["max"]:
        raise UserError("learn.err_layer", layer=layer)
    size, stride = geometry["size"], geometry["strides"]
    if geometry["padding"] != "valid" or size != stride:
        raise UserError("learn.err_pool_overlap", layer=layer)
    top, left = row * stride[0], col * stride[1]
    values = below.values[top:top + size[0], left:left + size[1], channel]
    winner = np.unravel_index(int(np.argmax(values)), values.shape)
    return PoolWindow(layer=layer, row=row, col=col, channel=channel, top=top, left=left,
                      values=np.asarray(values, dtype=np.float64), winner=(int(winner[0]), int(winner[1])),
                      delta_out=float(node.delta[row, col, channel]),
                      delta_in=np.asarray(below.delta[top:top + size[0], left:left + size[1], channel], dtype=np.float64))


@dataclass(frozen=True)
class ConvWeightGradient:
    """One kernel weight ``K[ky, kx, c_in, c_out]`` of a convolution and its gradient as a sum.

    The weight multiplies, at every output position ``(i, j)``, the input value it lies on,
    ``x[i*stride + ky - pad_top, j*stride + kx - pad_left, c_in]`` (0 in the padding), so its gradient
    adds ``that input x delta[i, j, c_out]`` over every output position: ``inputs`` and ``deltas``
    are those two ``(rows, cols)`` maps, ``products`` their product. ``tf_gradient`` is TensorFlow's.
    """

    layer: str
    ky: int
    kx: int
    in_channel: int
    out_channel: int
    weight: float
    inputs: np.ndarray
    deltas: np.ndarray
    tf_gradient: float

    @property
    def products(self) -> np.ndarray:
        return self.inputs * self.deltas

    @property
    def gradient(self) -> float:
        """The sum written out here (float64)."""
        return float(self.products.sum())

    def terms(self) -> list[tuple[int, int, float, float, float]]:
        """``(row, col, input, delta, product)`` of every output position whose product is not 0,
        in reading order (the others add nothing: the delta or the input is 0 there)."""
        rows, cols = np.nonzero(self.products)
        return [(int(r), int(c), float(self.inputs[r, c]), float(self.deltas[r, c]), float(self.products[r, c]))
                for r, c in zip(rows, cols)]

    @property
    def zero_delta_count(self) -> int:
        return int(np.count_nonzero(self.deltas == 0))

    @property
    def zero_input_count(self) -> int:
        """Positions where the delta is not 0 but the input under the weight is (dark pixels, padding)."""
        return int(np.count_nonzero((self.inputs == 0) & (self.deltas != 0)))


def conv_weight_gradient(step: GradientStep, layer: str, ky: int, kx: int, in_channel: int,
                         out_channel: int) -> ConvWeightGradient:
    """Kernel weight ``[ky, kx, in_channel, out_channel]`` (0-based) of convolution ``layer``: its
    gradient as the sum over every output position of input x delta."""
    node = _node_of_kind(step, layer, ("conv",))
    inputs = np.asarray(step.node_before(layer).values, dtype=np.float64)
    geometry = step.geometry[layer]
    k_rows, k_cols = geometry["size"]
    s_rows, s_cols = geometry["strides"]
    out_rows, out_cols, filters = node.delta.shape
    if not (0 <= ky < k_rows and 0 <= kx < k_cols and 0 <= in_channel < inputs.shape[2] and 0 <= out_channel < filters):
        raise UserError("learn.err_weight_index", layer=layer)
    top = left = 0
    if geometry["padding"] == "same":
        top = ops.same_padding(inputs.shape[0], k_rows, s_rows)[0]
        left = ops.same_padding(inputs.shape[1], k_cols, s_cols)[0]
    under = np.zeros((out_rows, out_cols))
    for i in range(out_rows):
        r = i * s_rows + ky - top
        if not 0 <= r < inputs.shape[0]:
            continue
        cols = np.arange(out_cols) * s_cols + kx - left
        inside = (cols >= 0) & (cols < inputs.shape[1])
        under[i, inside] = inputs[r, cols[inside], in_channel]
    path = step.weight_path(layer)
    return ConvWeightGradient(layer=layer, ky=ky, kx=kx, in_channel=in_channel, out_channel=out_channel,
                              weight=float(step.weights_before[path][ky, kx, in_channel, out_channel]),
                              inputs=under, deltas=np.asarray(node.delta[:, :, out_channel], dtype=np.float64),
                              tf_gradient=float(step.gradients[path][ky, kx, in_channel, out_channel]))


# ---------------------------------------------------------------- Adam, for the same gradient

class AdamState:
    """Adam's memory for one weight tensor, updated the way ``keras.optimizers.Adam`` does it."""

    def __init__(self, beta_1: float = ADAM_BETA_1, beta_2: float = ADAM_BETA_2, epsilon: float = ADAM_EPSILON):
        self.beta_1, self.beta_2, self.epsilon = beta_1, beta_2, epsilon
        self.m = self.v = 0.0
        self.t = 0

    def update(self, grad: np.ndarray, learning_rate: float) -> np.ndarray:
        """The amount to subtract from the weight this step."""
        self.t += 1
        self.m = self.m + (grad - self.m) * (1 - self.beta_1)
        self.v = self.v + (grad * grad - self.v) * (1 - self.beta_2)
        alpha = learning_rate * np.sqrt(1 - self.beta_2 ** self.t) / (1 - self.beta_1 ** self.t)
        return alpha * self.m / (np.sqrt(self.v) + self.epsilon)


@dataclass(frozen=True)
class AdamFirstStep:
    """Adam's first step for one weight with gradient ``g``, every number of it.

    ``m = (1 - beta_1) g`` (momentum: a running mean of gradients) and ``v = (1 - beta_2) g^2`` (a
    running mean of squared gradients, the per-weight scale) start at 0, so both are corrected for
    that start: ``m_hat = m / (1 - beta_1)`` and ``v_hat = v / (1 - beta_2)``. The step is
    ``lr * m_hat / (sqrt(v_hat) + eps_hat)``, with Keras' ``eps_hat = eps / sqrt(1 - beta_2)``:
    on the first step about ``lr`` times the gradient's sign, whatever the gradient's size.
    """

    gradient: float
    learning_rate: float
    m: float
    v: float
    m_hat: float
    v_hat: float
    epsilon_hat: float
    step: float
    beta_1: float = ADAM_BETA_1
    beta_2: float = ADAM_BETA_2
    epsilon: float = ADAM_EPSILON


def adam_first_step(gradient: float, learning_rate: float) -> AdamFirstStep:
    """What Adam (Keras' defaults) does to a weight whose first gradient is ``gradient``."""
    g = float(gradient)
    state = AdamState()
    step = float(state.update(np.float64(g), float(learning_rate)))
    m_hat, v_hat = state.m / (1 - ADAM_BETA_1), state.v / (1 - ADAM_BETA_2)
    return AdamFirstStep(gradient=g, learning_rate=float(learning_rate), m=float(state.m), v=float(state.v),
                         m_hat=float(m_hat), v_hat=float(v_hat),
                         epsilon_hat=ADAM_EPSILON / float(np.sqrt(1 - ADAM_BETA_2)), step=step)


# ---------------------------------------------------------------- N steps on one picture

@dataclass(frozen=True)
class StepsHistory:
    """``steps`` steps on one picture: entry 0 is before any step, entry k after k steps.

    ``losses`` / ``p_true`` are the picture's loss and probability of its true class;
    ``other_losses`` / ``other_accuracy`` the mean loss and the accuracy on the other pictures."""

    optimizer: str
    learning_rate: float
    losses: tuple[float, ...]
    p_true: tuple[float, ...]
    other_losses: tuple[float, ...]
    other_accuracy: tuple[float, ...]


def repeated_steps(learner: Learner, image, label: int, learning_rate: float, steps: int,
                   other_images: np.ndarray, other_labels: np.ndarray, optimizer: str = "sgd") -> StepsHistory:
    """Take ``steps`` steps on one picture with ``learner``'s copy (reset first and after), watching
    the picture's loss fall and the other pictures' loss and accuracy move.

    Args:
        learner: a :class:`Learner` (its original model is not touched).
        image, label: the one picture (uint8 ``(28, 28)`` or ``(28, 28, 1)``) and its class.
        learning_rate, optimizer: as for :func:`gradient_step`.
        steps: how many steps, 1 to :data:`MAX_STEPS`.
        other_images, other_labels: a few other pictures ``(N, 28, 28, 1)`` uint8 and their classes.
    """
    picture = _as_picture(image)
    label = _check_label(label, learner.layers[-1].units)
    learning_rate = _check_learning_rate(learning_rate)
    if optimizer not in OPTIMIZERS:
        raise UserError("learn.err_optimizer", optimizer=optimizer)
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or not 1 <= steps <= MAX_STEPS:
        raise UserError("learn.err_steps", steps=str(steps), high=MAX_STEPS)
    others = np.asarray(other_images, dtype=np.uint8)
    other_labels = np.asarray(other_labels, dtype=np.int64)
    learner.reset()
    losses, p_true, other_losses, other_accuracy = [], [], [], []

    def measure() -> None:
        logits = learner.forward(np.concatenate([picture, others]))
        losses.append(_loss_of(logits[0], label))
        p_true.append(float(_softmax(logits[0])[label]))
        rest = logits[1:]
        if len(rest):
            peak = rest.max(axis=1, keepdims=True)
            log_total = peak[:, 0] + np.log(np.exp(rest - peak).sum(axis=1))
            other_losses.append(float(np.mean(log_total - rest[np.arange(len(rest)), other_labels])))
            other_accuracy.append(float(np.mean(rest.argmax(axis=1) == other_labels)))

    adam: dict = {}
    measure()
    for _ in range(int(steps)):
        grads = learner._weight_gradients(tf.constant(picture), tf.constant(label, tf.int32))
        gradients = {path: np.asarray(grad if grad is not None else tf.zeros_like(variable))
                     for path, grad, variable in zip(learner.paths, grads, learner.variables)}
        learner.apply(gradients, learning_rate, optimizer, adam)
        measure()
    learner.reset()
    return StepsHistory(optimizer=optimizer, learning_rate=learning_rate, losses=tuple(losses), p_true=tuple(p_true),
                        other_losses=tuple(other_losses), other_accuracy=tuple(other_accuracy))


def _logits_tensor(learner: Learner, images) -> tf.Tensor:
    """The copy's logits for a uint8 batch, as one tensor (what the tape differentiates in N steps)."""
    x = tf.cast(images, tf.float32)
    for layer in learner.layers[:-1]:
        x = layer(x, training=False)
    last = learner.layers[-1]
    z = keras.ops.matmul(x, last.kernel)
    return z + last.bias if last.use_bias else z
