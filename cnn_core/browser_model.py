"""A trained model as plain numbers a web page can run: the answer to a drawing within a frame.

A stroke's answer that travels to the server and back waits for the network, the server's turn
and the page's redraw (hundreds of milliseconds on a laptop serving a class, more while runs
train). Harley's and CNN Explainer's pages answer at once because the network runs in the
browser. :func:`export` writes a model the same way: its layers as a short list of steps (what
kind, which shapes, where its numbers are) and every weight as one ``float32`` array, packed in
one file the page fetches once and keeps (the file is named by its content).

Only plain chains of the layers this app builds are exported (Rescaling, Conv2D, BatchNorm, ReLU
and Activation, max/average pooling, Flatten, global pooling, Dense, and Dropout or RandomFlip,
which do nothing when the model answers); any other model returns ``None`` and the page answers
from the server as before. BatchNorm is folded into one scale and shift per channel, as it acts
when the model answers.

The page's code is ``ui/sketchpad/frontend/sketchpad_core.js``; ``tests/unit/test_browser_model.py``
runs it (Node.js) on the same pictures as TensorFlow and compares the answers.

File layout (little-endian): 4 bytes = length N of a UTF-8 JSON header, the header padded with
spaces to a multiple of 4 bytes, then the ``float32`` weights. The header is
``{"format": 1, "input": [28, 28, 1], "layers": [...], "classes": K}``; each layer names its
weights by ``[offset, count]`` in floats.
"""

from __future__ import annotations

import hashlib
import json
import struct
from dataclasses import dataclass

import keras
import numpy as np

FORMAT = 1
ACTIVATIONS = ("linear", "relu", "softmax")


@dataclass(frozen=True)
class BrowserModel:
    """A model packed for the page: ``data`` is the whole file, ``name`` its content's digest."""

    data: bytes
    name: str
    layers: tuple[dict, ...]


class _Weights:
    """Collects float32 arrays into one buffer and says where each one lies."""

    def __init__(self):
        self.parts: list[np.ndarray] = []
        self.size = 0

    def add(self, values) -> list[int]:
        array = np.ascontiguousarray(np.asarray(values, dtype=np.float32).ravel())
        self.parts.append(array)
        self.size += array.size
        return [self.size - array.size, int(array.size)]

    def tobytes(self) -> bytes:
        return b"".join(part.astype("<f4").tobytes() for part in self.parts)


def _activation(function) -> str | None:
    name = getattr(function, "__name__", None)
    return name if name in ACTIVATIONS else None


def _pair(value) -> list[int]:
    return [int(v) for v in value] if isinstance(value, (tuple, list)) else [int(value), int(value)]


def _step(layer, weights: _Weights) -> dict | None:
    """One layer as a step of the page's forward pass, or None when the page cannot run it."""
    if isinstance(layer, (keras.layers.InputLayer, keras.layers.Dropout, keras.layers.RandomFlip)):
        return {"kind": "identity"}
    if isinstance(layer, keras.layers.Rescaling):
        if np.ndim(layer.scale) or np.ndim(layer.offset):
            return None
        return {"kind": "rescale", "scale": float(layer.scale), "offset": float(layer.offset)}
    if isinstance(layer, keras.layers.Conv2D) and type(layer) is keras.layers.Conv2D:
        activation = _activation(layer.activation)
        if activation is None or layer.groups != 1 or tuple(layer.dilation_rate) != (1, 1) \
                or layer.data_format != "channels_last":
            return None
        kernel = np.asarray(layer.kernel)  # (rows, cols, in, out)
        step = {"kind": "conv", "kernel_shape": list(kernel.shape), "strides": _pair(layer.strides),
                "padding": layer.padding, "activation": activation, "kernel": weights.add(kernel)}
        step["bias"] = weights.add(layer.bias) if layer.use_bias else None
        return step
    if isinstance(layer, keras.layers.BatchNormalization):
        if layer.axis not in (-1, 3, [-1], [3]):
            return None
        variance = np.asarray(layer.moving_variance, dtype=np.float64)
        scale = 1.0 / np.sqrt(variance + layer.epsilon)
        if layer.scale:
            scale = scale * np.asarray(layer.gamma, dtype=np.float64)
        shift = -np.asarray(layer.moving_mean, dtype=np.float64) * scale
        if layer.center:
            shift = shift + np.asarray(layer.beta, dtype=np.float64)
        return {"kind": "scale_shift", "scale": weights.add(scale), "shift": weights.add(shift)}
    if isinstance(layer, keras.layers.ReLU):
        plain = layer.max_value is None and not float(layer.negative_slope) and not float(layer.threshold)
        return {"kind": "activation", "activation": "relu"} if plain else None
    if isinstance(layer, keras.layers.Activation):
        activation = _activation(layer.activation)
        return None if activation is None else {"kind": "activation", "activation": activation}
    if isinstance(layer, (keras.layers.MaxPooling2D, keras.layers.AveragePooling2D)):
        if layer.data_format != "channels_last":
            return None
        return {"kind": "pool", "mode": "max" if isinstance(layer, keras.layers.MaxPooling2D) else "average",
                "size": _pair(layer.pool_size), "strides": _pair(layer.strides), "padding": layer.padding}
    if isinstance(layer, (keras.layers.GlobalAveragePooling2D, keras.layers.GlobalMaxPooling2D)):
        if layer.data_format != "channels_last" or layer.keepdims:
            return None
        return {"kind": "global_pool",
                "mode": "max" if isinstance(layer, keras.layers.GlobalMaxPooling2D) else "average"}
    if isinstance(layer, keras.layers.Flatten):
        return {"kind": "flatten"}
    if isinstance(layer, keras.layers.Dense) and type(layer) is keras.layers.Dense:
        activation = _activation(layer.activation)
        if activation is None:
            return None
        kernel = np.asarray(layer.kernel)  # (in, out)
        return {"kind": "dense", "units": int(kernel.shape[1]), "activation": activation,
                "kernel": weights.add(kernel), "bias": weights.add(layer.bias) if layer.use_bias else None}
    return None


def _is_chain(model: keras.Model) -> bool:
    """Whether each layer takes exactly the previous layer's output (no branches, no shared layers)."""
    layers = model.layers
    try:
        return all(layer.input is before.output for before, layer in zip(layers, layers[1:]))
    except (AttributeError, ValueError):
        return False


def export(model: keras.Model) -> BrowserModel | None:
    """``model`` packed for the page, or None when it has a layer or a shape the page cannot run."""
    if not isinstance(model, keras.Model) or len(model.inputs) != 1 or len(model.outputs) != 1:
        return None
    if tuple(model.inputs[0].shape[1:]) != (28, 28, 1) or len(model.outputs[0].shape) != 2 or not _is_chain(model):
        return None
    weights = _Weights()
    layers = []
    for layer in model.layers:
        step = _step(layer, weights)
        if step is None:
            return None
        if step["kind"] != "identity":
            layers.append({"name": layer.name, **step})
    if not layers or layers[-1].get("activation") != "softmax":
        return None
    header = json.dumps({"format": FORMAT, "input": [28, 28, 1], "layers": layers,
                         "classes": int(model.outputs[0].shape[-1])}, separators=(",", ":")).encode()
    header += b" " * (-len(header) % 4)
    data = struct.pack("<I", len(header)) + header + weights.tobytes()
    return BrowserModel(data=data, name=hashlib.sha256(data).hexdigest()[:24], layers=tuple(layers))
