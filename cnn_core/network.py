"""Follow one picture through every layer of a model, and open any step to see its arithmetic.

:func:`trace_network` runs the picture through the model once and keeps every layer's output: one
call of a cached multi-output copy of the model (a compiled ``tf.function``), so a whole network's
maps take a few milliseconds and can be redrawn while the learner draws. Nothing is assumed about
the model: each layer's *kind* is read from its class (:func:`layer_kind`), so the lesson network,
the "strong" preset with BatchNorm, a learner's custom build and an MNIST model are all traced the
same way. The layers are grouped into :class:`Stage` columns, left to right: the input, each
convolution (with the BatchNorm and activation that follow it), each pooling, the flatten, each
dense layer and the output.

Opening a step:

- :func:`explain_conv_map`: one output map of a convolution layer is C input channels, each
  convolved with its own slice of the filter (:func:`cnn_core.ops.convolve_channels`), added up,
  plus the bias; then BatchNorm (written out with its four learned numbers) and the activation.
  :meth:`ConvMapExplained.pixel` gives one output pixel's arithmetic: C sums of k x k products.
- :func:`explain_softmax`: the logits, ``exp`` of each, their sum and each probability, and
  :func:`explain_logit_change` for "what if this score were higher".
- :func:`explain_dense_unit`: ``weights x inputs`` of one dense unit, put back into the layout the
  flatten layer received (e.g. 7 x 7 x 64), so the learner sees that flatten keeps positions.

The model's last Dense layer has the softmax inside it, so the logits are computed here by applying
its kernel and bias to its input without the activation.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass, replace

import keras
import numpy as np
import tensorflow as tf

from cnn_core import ops
from cnn_core.errors import UserError

IMAGE_SHAPE = (28, 28, 1)
# Logits above this are shifted down by the largest one before exp (same probabilities, no overflow).
EXP_SHIFT_ABOVE = 30.0

# Layer kinds, read from the layer's class; the order matters (ReLU before the generic Activation).
_KINDS = (
    (keras.layers.InputLayer, "input"),
    (keras.layers.Rescaling, "rescale"),
    (keras.layers.Conv2D, "conv"),
    (keras.layers.BatchNormalization, "batchnorm"),
    ((keras.layers.ReLU, keras.layers.LeakyReLU, keras.layers.ELU, keras.layers.PReLU, keras.layers.Softmax,
      keras.layers.Activation), "activation"),
    ((keras.layers.MaxPooling2D, keras.layers.AveragePooling2D), "pool"),
    ((keras.layers.GlobalAveragePooling2D, keras.layers.GlobalMaxPooling2D, keras.layers.Flatten), "flatten"),
    (keras.layers.Dropout, "dropout"),
    (keras.layers.Dense, "dense"),
)
# A new column of the strip starts at each of these; every other layer joins the column before it.
STAGE_STARTS = ("conv", "pool", "flatten", "dense")


def layer_kind(layer: keras.layers.Layer) -> str:
    """What a layer does, from its class: ``input``, ``rescale``, ``conv``, ``batchnorm``,
    ``activation``, ``pool``, ``flatten``, ``dropout``, ``dense`` or ``other``.

    Example:

    >>> layer_kind(keras.layers.Conv2D(4, 3)), layer_kind(keras.layers.MaxPooling2D())
    ('conv', 'pool')
    """
    for classes, kind in _KINDS:
        if isinstance(layer, classes):
            return kind
    return "other"


def activation_name(layer: keras.layers.Layer) -> str:
    """The activation a layer applies: ``"relu"``, ``"softmax"``, ``"linear"`` (none) ..."""
    if isinstance(layer, keras.layers.ReLU):
        config = layer.get_config()
        plain = not config.get("negative_slope") and not config.get("threshold") and config.get("max_value") is None
        return "relu" if plain else "relu_variant"
    if isinstance(layer, keras.layers.LeakyReLU):
        return "leaky_relu"
    if isinstance(layer, keras.layers.Softmax):
        return "softmax"
    function = getattr(layer, "activation", None)
    return getattr(function, "__name__", "linear") if function is not None else "linear"


# ---------------------------------------------------------------- the forward trace

@dataclass(frozen=True)
class LayerResult:
    """One layer's output for the picture (no batch axis)."""

    name: str
    kind: str
    values: np.ndarray


@dataclass(frozen=True)
class Stage:
    """One column of the network strip: a layer that makes new numbers (conv, pool, flatten, dense)
    and the layers after it that only change them in place (BatchNorm, activation, dropout).

    ``kind`` is ``input``, ``conv``, ``pool``, ``flatten``, ``dense`` or ``output`` (the last dense);
    ``values`` is what the next column receives.
    """

    kind: str
    name: str
    layers: tuple[str, ...]
    extras: tuple[str, ...]   # the folded-in steps as short names: "BN", "ReLU", "dropout", ...
    values: np.ndarray


@dataclass(frozen=True)
class NetworkTrace:
    """Every layer's output for one picture, grouped into the strip's stages."""

    image28: np.ndarray              # (28, 28) uint8, the model's input
    layers: tuple[LayerResult, ...]  # in order, the input layer first
    stages: tuple[Stage, ...]
    logits: np.ndarray               # (classes,) the output layer before its softmax
    probabilities: np.ndarray        # (classes,) the model's own output

    def layer(self, name: str) -> LayerResult:
        for result in self.layers:
            if result.name == name:
                return result
        raise KeyError(name)

    def input_of(self, name: str) -> np.ndarray:
        """What layer ``name`` received: the output of the layer before it (the model is a chain)."""
        for before, result in zip(self.layers, self.layers[1:]):
            if result.name == name:
                return before.values
        raise KeyError(name)

    def stage_of(self, name: str) -> Stage:
        """The stage (strip column) that layer ``name`` belongs to."""
        for stage in self.stages:
            if name in stage.layers:
                return stage
        raise KeyError(name)

    @property
    def predicted(self) -> int:
        return int(np.argmax(self.probabilities))


_EXTRA_NAMES = {"batchnorm": "BN", "dropout": "dropout", "rescale": "÷255"}


def _extra_name(layer: keras.layers.Layer, kind: str) -> str:
    if kind == "activation":
        name = activation_name(layer)
        return "ReLU" if name == "relu" else name
    return _EXTRA_NAMES.get(kind, layer.name)


@dataclass(frozen=True)
class StripColumn:
    """One column of the network strip, read from the model alone (nothing is run): its ``kind``
    (as :class:`Stage`), the layer that names it, every layer it holds, the folded-in steps and the
    shape of what the next column receives (no batch axis)."""

    kind: str
    name: str
    layers: tuple[str, ...]
    extras: tuple[str, ...]
    shape: tuple[int, ...]


def _chain(model: keras.Model) -> list[keras.layers.Layer]:
    """The model's layers after its input, checked to be a plain chain that takes a 28x28 picture."""
    layers = [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    previous = model.inputs[0]
    for layer in layers:
        try:
            chained = layer.input is previous
        except (AttributeError, ValueError):   # a layer called more than once has no single input
            chained = False
        if not chained:
            raise UserError("network.err_not_a_chain", layer=layer.name)
        previous = layer.output
    if previous is not model.outputs[0]:
        raise UserError("network.err_not_a_chain", layer=model.name)
    if tuple(model.inputs[0].shape[1:]) != IMAGE_SHAPE:
        raise UserError("network.err_input_shape", shape=str(tuple(model.inputs[0].shape[1:])))
    if not any(layer_kind(layer) == "dense" for layer in layers):
        raise UserError("network.err_no_dense")
    return layers


def _grouped(kinds: list[str]) -> list[tuple[str, list[int]]]:
    """``(kind, layer indices)`` per strip column; index 0 is the input."""
    groups: list[tuple[str, list[int]]] = [("input", [0])]
    for index, kind in enumerate(kinds[1:], start=1):
        if kind in STAGE_STARTS:
            groups.append((kind, [index]))
        else:
            groups[-1][1].append(index)
    last_kind, last_indices = groups[-1]
    if last_kind == "dense":
        groups[-1] = ("output", last_indices)
    return groups


def strip_columns(model: keras.Model) -> tuple[StripColumn, ...]:
    """The strip's columns for ``model``, left to right (the same grouping :func:`trace_network`
    gives its stages); raises ``UserError`` for a model the strip cannot follow."""
    return _columns(model, _chain(model))


def _columns(model: keras.Model, layers: list[keras.layers.Layer]) -> tuple[StripColumn, ...]:
    """:func:`strip_columns` of ``model`` whose chain (:func:`_chain`) is ``layers``."""
    input_name = next((layer.name for layer in model.layers if isinstance(layer, keras.layers.InputLayer)), "input")
    names = [input_name, *(layer.name for layer in layers)]
    kinds = ["input", *(layer_kind(layer) for layer in layers)]
    shapes = [IMAGE_SHAPE[:2], *(tuple(int(n) for n in layer.output.shape[1:]) for layer in layers)]
    columns = []
    for kind, indices in _grouped(kinds):
        main = indices[0]
        extras = tuple(_extra_name(layers[index - 1], kinds[index]) for index in indices[1:])
        if kind in ("conv", "dense", "output"):
            own = activation_name(layers[main - 1])
            if own not in ("linear", "softmax"):
                extras = ("ReLU" if own == "relu" else own, *extras)
        columns.append(StripColumn(kind=kind, name=names[main], layers=tuple(names[index] for index in indices),
                                   extras=extras, shape=shapes[indices[-1]]))
    return tuple(columns)


class _Plan:
    """What :func:`trace_network` needs of one model, worked out once: its layers in chain order,
    their kinds, the strip's columns and one compiled call that returns every layer's output.

    It holds the layers but not the model object, so caching it never keeps a model alive.
    """

    def __init__(self, model: keras.Model):
        layers = _chain(model)
        self.columns = _columns(model, layers)
        input_name = self.columns[0].name
        self.names = [input_name, *(layer.name for layer in layers)]
        self.kinds = ["input", *(layer_kind(layer) for layer in layers)]
        self.layers = {layer.name: layer for layer in layers}
        self.output_dense = [layer for layer in layers if layer_kind(layer) == "dense"][-1].name
        self.input_dtype = tf.as_dtype(model.inputs[0].dtype)
        extractor = keras.Model(model.inputs[0], [layer.output for layer in layers])
        spec = tf.TensorSpec((1,) + IMAGE_SHAPE, self.input_dtype)
        self.forward = tf.function(tf.autograph.experimental.do_not_convert(
            lambda images: extractor(images, training=False)), input_signature=[spec])


_plans: "weakref.WeakKeyDictionary[keras.Model, _Plan]" = weakref.WeakKeyDictionary()
_plans_lock = threading.Lock()


def _plan_for(model: keras.Model) -> _Plan:
    with _plans_lock:
        plan = _plans.get(model)
        if plan is None:
            plan = _plans[model] = _Plan(model)
        return plan


def _as_image(image28) -> np.ndarray:
    array = np.asarray(image28)
    if array.shape == IMAGE_SHAPE:
        array = array[:, :, 0]
    if array.shape != IMAGE_SHAPE[:2]:
        raise UserError("network.err_input_shape", shape=str(array.shape))
    return np.ascontiguousarray(array, dtype=np.uint8)


def trace_network(model: keras.Model, image28: np.ndarray) -> NetworkTrace:
    """Run one 28x28 ``uint8`` picture through ``model`` and keep every layer's output.

    One compiled call returns all of them (the model's own arithmetic, ``training=False``, so
    dropout does nothing); the logits are the output Dense layer's ``inputs @ kernel + bias``.

    Args:
        model: a model taking ``uint8 (N, 28, 28, 1)`` pictures (any preset, or a loaded file).
        image28: the picture, ``(28, 28)`` or ``(28, 28, 1)`` ``uint8``.

    Returns:
        A :class:`NetworkTrace`: one stage per layer, the logits and the probabilities.
    """
    plan = _plan_for(model)
    image = _as_image(image28)
    outputs = plan.forward(tf.constant(image[None, :, :, None], dtype=plan.input_dtype))
    arrays = [image.astype(np.float32)] + [np.asarray(output, dtype=np.float32)[0] for output in outputs]
    results = tuple(LayerResult(name, kind, values) for name, kind, values in zip(plan.names, plan.kinds, arrays))
    stages = tuple(Stage(kind=column.kind, name=column.name, layers=column.layers, extras=column.extras,
                         values=arrays[plan.names.index(column.layers[-1])]) for column in plan.columns)
    dense_index = plan.names.index(plan.output_dense)
    logits = _pre_activation(plan.layers[plan.output_dense], arrays[dense_index - 1])
    return NetworkTrace(image28=image, layers=results, stages=stages, logits=logits,
                        probabilities=arrays[-1].astype(np.float64))


def _pre_activation(dense: keras.layers.Dense, inputs: np.ndarray) -> np.ndarray:
    """A Dense layer's ``inputs @ kernel + bias``, before its activation (float64)."""
    kernel = np.asarray(keras.ops.convert_to_numpy(dense.kernel), dtype=np.float64)
    total = np.asarray(inputs, dtype=np.float64).reshape(-1) @ kernel
    if dense.use_bias:
        total = total + np.asarray(keras.ops.convert_to_numpy(dense.bias), dtype=np.float64)
    return total


def _apply(function, values: np.ndarray, name: str) -> np.ndarray:
    """Run activation ``name`` (a Keras activation function or layer) on a numpy array, as float64;
    plain ReLU in numpy, the rest through Keras itself."""
    if name == "relu":
        return np.maximum(values, 0.0)
    result = function(np.asarray(values, dtype=np.float32)[None])
    return np.asarray(keras.ops.convert_to_numpy(result), dtype=np.float64)[0]


def conv_layers(model: keras.Model) -> list[str]:
    """Names of the model's convolution layers, in order."""
    return [layer.name for layer in model.layers if layer_kind(layer) == "conv"]


def dense_layers(model: keras.Model) -> list[str]:
    """Names of the model's dense layers, in order (the last one is the output)."""
    return [layer.name for layer in model.layers if layer_kind(layer) == "dense"]


# ---------------------------------------------------------------- one convolution map, opened

@dataclass(frozen=True)
class AfterConv:
    """Something done to the convolution's sum before the next layer sees it.

    ``kind`` is ``"batchnorm"`` (then ``mean``, ``variance``, ``gamma``, ``beta``, ``epsilon`` are
    this channel's learned numbers and ``scale``/``shift`` fold them: ``out = in * scale + shift``)
    or ``"activation"`` (``activation`` names it). ``output`` is the map after this step.
    """

    kind: str
    layer: str
    output: np.ndarray
    activation: str | None = None
    mean: float = 0.0
    variance: float = 1.0
    gamma: float = 1.0
    beta: float = 0.0
    epsilon: float = 0.0

    @property
    def scale(self) -> float:
        return self.gamma / float(np.sqrt(self.variance + self.epsilon))

    @property
    def shift(self) -> float:
        return self.beta - self.mean * self.scale


@dataclass(frozen=True)
class PixelArithmetic:
    """One output pixel of a convolution map, every number of it."""

    row: int
    col: int
    step: ops.ChannelConvStep    # the C windows, products and per-channel sums
    kernels: np.ndarray          # (C, k_rows, k_cols) the filter's slices
    bias: float
    total: float                 # the sum of the channel sums plus the bias
    after: tuple[tuple[AfterConv, float, float], ...]   # (step, value in, value out)
    value: float                 # what the next layer sees at this pixel


@dataclass(frozen=True)
class ConvMapExplained:
    """Output map ``channel`` of convolution layer ``layer`` taken apart."""

    layer: str
    channel: int                 # 0-based: which filter
    trace: ops.ChannelConvTrace  # the input stack, the slices, the per-channel maps and the sum + bias
    after: tuple[AfterConv, ...]
    model_map: np.ndarray        # the same map as the model itself computed it (what the strip shows)

    @property
    def result(self) -> np.ndarray:
        """The map after every step, computed here from the parts."""
        return self.after[-1].output if self.after else self.trace.output

    @property
    def matches_model(self) -> bool:
        """Whether the parts add up to what the model computed (float32 rounding allowed)."""
        reach = max(1.0, float(np.max(np.abs(self.model_map))))
        return bool(np.allclose(self.result, self.model_map, rtol=1e-4, atol=1e-4 * reach))

    def pixel(self, row: int, col: int) -> PixelArithmetic:
        """The arithmetic of output pixel ``(row, col)`` (0-based)."""
        rows, cols = self.trace.shape
        if not (0 <= row < rows and 0 <= col < cols):
            raise UserError("network.err_pixel", row=row + 1, col=col + 1, rows=rows, cols=cols)
        step = self.trace.step(row * cols + col)
        value = step.value
        after = []
        for change in self.after:
            new_value = float(change.output[row, col])
            after.append((change, value, new_value))
            value = new_value
        return PixelArithmetic(row=row, col=col, step=step, kernels=np.moveaxis(self.trace.kernels, -1, 0),
                               bias=self.trace.bias, total=step.value, after=tuple(after), value=value)


def explain_conv_map(model: keras.Model, trace: NetworkTrace, layer_name: str, channel: int) -> ConvMapExplained:
    """Take map ``channel`` (0-based) of convolution ``layer_name`` apart for the picture in ``trace``.

    Returns:
        A :class:`ConvMapExplained`: the per-channel maps and their sum plus the bias (``trace``),
        the map after each following step (normalisation, activation) and the model's own map.
    """
    plan = _plan_for(model)
    layer = plan.layers.get(layer_name)
    if layer is None or layer_kind(layer) != "conv":
        raise UserError("network.err_not_conv", layer=layer_name)
    filters = int(layer.filters)
    if not 0 <= channel < filters:
        raise UserError("network.err_channel", channel=channel + 1, count=filters)
    if getattr(layer, "groups", 1) != 1 or tuple(layer.dilation_rate) != (1, 1):
        raise UserError("network.err_conv_options", layer=layer_name)
    kernel = np.asarray(keras.ops.convert_to_numpy(layer.kernel), dtype=np.float64)[:, :, :, channel]
    bias = float(keras.ops.convert_to_numpy(layer.bias)[channel]) if layer.use_bias else 0.0
    conv = ops.convolve_channels(trace.input_of(layer_name), kernel, bias=bias, stride=tuple(layer.strides),
                                 padding=layer.padding)
    after: list[AfterConv] = []
    values = conv.output
    if activation_name(layer) != "linear":
        values = _apply(layer.activation, values, activation_name(layer))
        after.append(AfterConv("activation", layer_name, values, activation=activation_name(layer)))
    stage = trace.stage_of(layer_name)
    for name in stage.layers[1:]:
        following = plan.layers[name]
        kind = layer_kind(following)
        if kind == "batchnorm":
            numbers = AfterConv("batchnorm", name, values, **_batchnorm_numbers(following, channel))
            values = values * numbers.scale + numbers.shift
            after.append(replace(numbers, output=values))
        elif kind == "activation":
            values = _apply(following, values, activation_name(following))
            after.append(AfterConv("activation", name, values, activation=activation_name(following)))
    return ConvMapExplained(layer=layer_name, channel=channel, trace=conv, after=tuple(after),
                            model_map=np.asarray(stage.values[:, :, channel], dtype=np.float64))


def _batchnorm_numbers(layer: keras.layers.BatchNormalization, channel: int) -> dict:
    """One channel's four learned BatchNorm numbers and epsilon (gamma 1 / beta 0 when switched off)."""
    def read(weight, default):
        return float(keras.ops.convert_to_numpy(weight)[channel]) if weight is not None else default

    return {"mean": read(layer.moving_mean, 0.0), "variance": read(layer.moving_variance, 1.0),
            "gamma": read(layer.gamma, 1.0), "beta": read(layer.beta, 0.0), "epsilon": float(layer.epsilon)}


# ---------------------------------------------------------------- softmax, written out

@dataclass(frozen=True)
class SoftmaxExplained:
    """``p_i = exp(z_i) / sum_j exp(z_j)`` with every number kept.

    When the logits are big, every one is lowered by the largest (``shift``) before ``exp``: the
    probabilities are exactly the same, and no number overflows.
    """

    logits: np.ndarray
    shift: float
    exps: np.ndarray
    total: float
    probabilities: np.ndarray


def explain_softmax(logits: np.ndarray | list[float]) -> SoftmaxExplained:
    """Softmax of ``logits`` with its parts: each ``exp``, their sum, each share of the sum.

    Args:
        logits: the output layer's scores before softmax, one per class.

    Returns:
        A :class:`SoftmaxExplained` with every number kept.

    Example:

    >>> parts = explain_softmax([2.0, 1.0, 0.0])
    >>> parts.exps.round(3), round(parts.total, 3)
    (array([7.389, 2.718, 1.   ]), 11.107)
    >>> parts.probabilities.round(3)   # each exp's share of the sum
    array([0.665, 0.245, 0.09 ])
    """
    logits = np.asarray(logits, dtype=np.float64).reshape(-1)
    if logits.size == 0 or not np.all(np.isfinite(logits)):
        raise UserError("network.err_logits")
    peak = float(logits.max())
    shift = peak if peak > EXP_SHIFT_ABOVE else 0.0
    exps = np.exp(logits - shift)
    total = float(exps.sum())
    return SoftmaxExplained(logits=logits, shift=shift, exps=exps, total=total, probabilities=exps / total)


def change_logit(logits: np.ndarray | list[float], index: int, delta: float) -> np.ndarray:
    """The logits with ``logits[index]`` raised by ``delta`` (lowered when negative).

    Example:

    >>> change_logit([2.0, 1.0, 0.0], 2, 3.0)
    array([2., 1., 3.])
    """
    changed = np.asarray(logits, dtype=np.float64).copy()
    if not 0 <= index < changed.size:
        raise UserError("network.err_class", index=index + 1, count=changed.size)
    changed[index] += float(delta)
    return changed


@dataclass(frozen=True)
class LogitChange:
    """What raising logit ``index`` by ``delta`` does to the softmax.

    Its ``exp`` is multiplied by ``factor = e**delta``, so the sum grows by ``p * (factor - 1)`` of
    itself (``p`` its probability before) and every *other* probability is multiplied by
    ``others_factor = 1 / (1 + p * (factor - 1))``: the others keep their ratios to each other.
    """

    index: int
    delta: float
    before: SoftmaxExplained
    after: SoftmaxExplained

    @property
    def factor(self) -> float:
        return float(np.exp(self.delta))

    @property
    def others_factor(self) -> float:
        return float(1.0 / (1.0 + self.before.probabilities[self.index] * np.expm1(self.delta)))


def explain_logit_change(logits: np.ndarray | list[float], index: int, delta: float) -> LogitChange:
    """The softmax before and after logit ``index`` (0-based) is raised by ``delta``.

    Example:

    Raising the last logit by 3 multiplies its ``exp`` by e**3; every other probability shrinks by the
    same factor, so the others keep their ratios:

    >>> change = explain_logit_change([2.0, 1.0, 0.0], 2, 3.0)
    >>> round(change.factor, 2), round(change.others_factor, 4)
    (20.09, 0.3679)
    >>> change.after.probabilities.round(3)
    array([0.245, 0.09 , 0.665])
    """
    return LogitChange(index=index, delta=float(delta), before=explain_softmax(logits),
                       after=explain_softmax(change_logit(logits, index, delta)))


# ---------------------------------------------------------------- one dense unit, opened

@dataclass(frozen=True)
class DenseUnitExplained:
    """Unit ``unit`` of dense layer ``layer``: ``sum(weights * inputs) + bias``, then its activation.

    ``inputs``, ``weights`` and ``contributions`` (their product) have the *layout* of the numbers
    before the flatten layer (e.g. ``7 x 7 x 64``) when the dense layer reads a flatten: entry
    ``[row, col, channel]`` is the weight on that pixel of that channel, because flatten only lines
    the numbers up, it does not mix them. Otherwise they are 1-D.
    """

    layer: str
    unit: int
    inputs: np.ndarray
    weights: np.ndarray
    contributions: np.ndarray
    bias: float
    total: float               # the contributions' sum plus the bias
    activation: str
    value: float               # after the activation (the logit itself for a softmax output)
    model_value: float         # what the model computed for this unit (the logit for the output)
    flatten_layer: str | None  # the flatten whose input gave the layout

    def strongest(self, count: int = 5) -> tuple[list[tuple[tuple[int, ...], float]], list[tuple[tuple[int, ...], float]]]:
        """The ``count`` inputs that push the unit up most and down most: ``(position, contribution)``."""
        flat = self.contributions.reshape(-1)
        order = np.argsort(flat, kind="stable")
        up = [index for index in order[::-1][:count] if flat[index] > 0]
        down = [index for index in order[:count] if flat[index] < 0]

        def place(index):
            return tuple(int(i) for i in np.unravel_index(index, self.contributions.shape))

        return ([(place(i), float(flat[i])) for i in up], [(place(i), float(flat[i])) for i in down])


def explain_dense_unit(model: keras.Model, trace: NetworkTrace, layer_name: str, unit: int) -> DenseUnitExplained:
    """Take unit ``unit`` (0-based) of dense layer ``layer_name`` apart for the picture in ``trace``.

    Returns:
        A :class:`DenseUnitExplained`: every input, its weight and their product (``contributions``),
        the bias, the total and the activation applied to it.
    """
    plan = _plan_for(model)
    layer = plan.layers.get(layer_name)
    if layer is None or layer_kind(layer) != "dense":
        raise UserError("network.err_not_dense", layer=layer_name)
    units = int(layer.units)
    if not 0 <= unit < units:
        raise UserError("network.err_unit", unit=unit + 1, count=units)
    inputs = np.asarray(trace.input_of(layer_name), dtype=np.float64).reshape(-1)
    weights = np.asarray(keras.ops.convert_to_numpy(layer.kernel), dtype=np.float64)[:, unit]
    bias = float(keras.ops.convert_to_numpy(layer.bias)[unit]) if layer.use_bias else 0.0
    flatten_layer, shape = _layout_before(plan, layer_name, trace)
    contributions = weights * inputs
    total = float(contributions.sum() + bias)
    activation = activation_name(layer)
    if activation in ("linear", "softmax"):
        value = total
        model_value = (float(trace.logits[unit]) if layer_name == plan.output_dense
                       else float(trace.layer(layer_name).values[unit]))
    else:
        value = float(_apply(layer.activation, np.array([total]), activation)[0])
        model_value = float(trace.layer(layer_name).values[unit])
    return DenseUnitExplained(layer=layer_name, unit=unit, inputs=inputs.reshape(shape),
                              weights=weights.reshape(shape), contributions=contributions.reshape(shape),
                              bias=bias, total=total, activation=activation, value=value,
                              model_value=model_value, flatten_layer=flatten_layer)


def _layout_before(plan: _Plan, layer_name: str, trace: NetworkTrace) -> tuple[str | None, tuple[int, ...]]:
    """The flatten layer feeding ``layer_name`` (through dropout only) and the shape it flattened."""
    index = plan.names.index(layer_name) - 1
    while plan.kinds[index] == "dropout":
        index -= 1
    layer = plan.layers.get(plan.names[index])
    if isinstance(layer, keras.layers.Flatten):
        return layer.name, tuple(trace.layers[index - 1].values.shape)
    return None, tuple(trace.layers[plan.names.index(layer_name) - 1].values.shape)
