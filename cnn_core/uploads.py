"""Bounded work for every file a learner hands the app: checks that run *before* anything is decoded.

A small file can ask for a lot of work: a zip whose entries unpack to gigabytes, or whose thousand
entries all point at one big picture; a PNG that announces 20,000 x 20,000 pixels; JSON nested a
hundred thousand levels deep; a ``.keras`` file whose config asks for a billion weights. Each
check here reads only what a file *says* about itself (zip directory, picture header, JSON
brackets, model config) and refuses it with a ``UserError`` before the expensive step starts:

- :func:`open_zip` — bytes, member count (read from the zip's end record, before the directory is
  parsed), unpacked size, packing ratio, unsafe or repeated names, members that overlap each other.
- :func:`read_member` — one member, never more than a given number of bytes however it is labelled.
- :func:`parse_json` and :func:`require` — size, nesting depth and the type of every field read.
- :func:`model_size` — layers, parameters and activations of a ``.keras`` config, worked out layer
  by layer from the config alone (only layers this app knows; anything else is refused).
- :func:`open_untrusted_model` — opens an uploaded ``.keras`` file in a child process with a
  memory cap and a time limit, and hands back the model re-saved by that process: the server
  process itself never builds a model from a stranger's file.

Pictures' pixel limits live with the picture reader (:func:`cnn_core.preprocess.read_upload`).
"""

from __future__ import annotations

import io
import json
import math
import re
import struct
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import numpy as np

from cnn_core import model_checker
from cnn_core.errors import UserError

# ------------------------------------------------------------------------------------- zip files
_END_RECORD = b"PK\x05\x06"
_END_RECORD_SIZE = 22
_LOCAL_HEADER = struct.Struct("<4s5H3I2H")   # signature ... name length, extra length (30 bytes)


@dataclass(frozen=True)
class ZipLimits:
    """What a zip may hold. ``max_ratio`` is the most a member may unpack to per packed byte
    (ordinary files pack 2-10x; zip bombs 1000x and more); members under 64 KiB are not held to it."""

    max_bytes: int
    max_members: int
    max_unpacked: int
    max_member_unpacked: int
    max_ratio: float = 200.0


def _declared_member_count(data: bytes) -> int | None:
    """The member count the zip's end record announces, or ``None`` when there is no end record.
    Reading it first means a zip that claims a million members is refused before its directory is
    parsed (Python's ``zipfile`` parses every entry on open)."""
    start = data.rfind(_END_RECORD, max(0, len(data) - _END_RECORD_SIZE - 65_535))
    if start < 0 or len(data) - start < _END_RECORD_SIZE:
        return None
    (total,) = struct.unpack_from("<H", data, start + 10)
    return total


def _unsafe_name(name: str) -> bool:
    """Names that could point outside a folder if anyone ever extracted the zip: absolute paths,
    ``..`` parts, backslashes, drive letters, control characters."""
    if not name or "\\" in name or "\x00" in name or any(ord(char) < 32 for char in name):
        return True
    path = PurePosixPath(name)
    return path.is_absolute() or ".." in path.parts or (len(name) > 1 and name[1] == ":")


def open_zip(data: bytes, filename: str, limits: ZipLimits, error_prefix: str) -> zipfile.ZipFile:
    """Open ``data`` as a zip after checking what it says about itself against ``limits``.

    Args:
        data: the file's bytes.
        filename: the learner's name for the file, for messages.
        limits: the bounds to hold it to.
        error_prefix: the i18n area of the messages (``"teach"`` -> ``teach.err_zip_not_zip``...).

    Returns:
        An open ``zipfile.ZipFile`` whose members all passed.

    Raises ``UserError``: ``<prefix>.err_zip_too_big`` (bytes, members or unpacked size),
    ``<prefix>.err_zip_not_zip``, ``uploads.err_zip_bomb`` (a member packed too tightly, or members
    overlapping one another), ``uploads.err_zip_name`` (an unsafe or repeated member name).

    Example:
        >>> archive = open_zip(Path("set.zip").read_bytes(), "set.zip", EXAMPLE_ZIP, "teach")
    """
    megabytes = round(len(data) / 2**20, 1)
    too_big = UserError(f"{error_prefix}.err_zip_too_big", name=filename, megabytes=megabytes,
                        limit=limits.max_bytes // 2**20)
    if len(data) > limits.max_bytes:
        raise too_big
    declared = _declared_member_count(data)
    if declared is None or not data.startswith(b"PK"):
        raise UserError(f"{error_prefix}.err_zip_not_zip", name=filename)
    if declared > limits.max_members:
        raise UserError("uploads.err_zip_members", name=filename, count=declared, limit=limits.max_members)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, struct.error) as exc:
        raise UserError(f"{error_prefix}.err_zip_not_zip", name=filename) from exc
    try:
        _check_members(data, members, filename, limits, too_big)
    except BaseException:
        archive.close()
        raise
    return archive


def _check_members(data: bytes, members: list[zipfile.ZipInfo], filename: str, limits: ZipLimits,
                   too_big: UserError) -> None:
    if len(members) > limits.max_members:
        raise UserError("uploads.err_zip_members", name=filename, count=len(members), limit=limits.max_members)
    if sum(info.file_size for info in members) > limits.max_unpacked:
        raise too_big
    seen: set[str] = set()
    for info in members:
        if _unsafe_name(info.filename) or info.filename in seen:
            raise UserError("uploads.err_zip_name", name=filename, member=info.filename[:80])
        seen.add(info.filename)
        if info.file_size > limits.max_member_unpacked:
            raise too_big
        if info.file_size > 65_536 and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise UserError("uploads.err_zip_bomb", name=filename)
    # Every member's bytes must lie apart: a zip whose directory points many entries at one
    # stretch of data makes a small file unpack into the same big thing over and over.
    spans = []
    for info in members:
        offset = info.header_offset
        if offset < 0 or offset + _LOCAL_HEADER.size > len(data):
            raise UserError("uploads.err_zip_bomb", name=filename)
        fields = _LOCAL_HEADER.unpack_from(data, offset)
        if fields[0] != b"PK\x03\x04":
            raise UserError("uploads.err_zip_bomb", name=filename)
        end = offset + _LOCAL_HEADER.size + fields[-2] + fields[-1] + info.compress_size
        spans.append((offset, end))
    spans.sort()
    for (_, end), (next_start, _) in zip(spans, spans[1:]):
        if next_start < end:
            raise UserError("uploads.err_zip_bomb", name=filename)


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, filename: str) -> bytes:
    """Read one member, at most ``limit`` bytes whatever its header says (``uploads.err_zip_bomb``
    past that; ``uploads.err_zip_broken`` for damaged data)."""
    try:
        with archive.open(info) as handle:
            data = handle.read(limit + 1)
    except Exception as exc:  # noqa: BLE001 - BadZipFile, zlib.error, EOFError, NotImplementedError...: damaged
        raise UserError("uploads.err_zip_broken", name=filename, member=info.filename[:80]) from exc
    if len(data) > limit:
        raise UserError("uploads.err_zip_bomb", name=filename)
    return data


# ------------------------------------------------------------------------------------------- JSON
MAX_JSON_DEPTH = 64
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_OPENERS = np.zeros(256, dtype=np.int8)
_OPENERS[[ord("["), ord("{")]] = 1
_OPENERS[[ord("]"), ord("}")]] = -1


def json_depth(data: bytes) -> int:
    """How deeply ``data``'s arrays and objects nest (brackets inside strings do not count),
    found without parsing: one pass over the bytes."""
    bare = _JSON_STRING.sub(b'""', data)
    steps = _OPENERS[np.frombuffer(bare, dtype=np.uint8)]
    return int(np.cumsum(steps, dtype=np.int64).max(initial=0))


def parse_json(data: bytes | str, what: str, max_bytes: int, max_depth: int = MAX_JSON_DEPTH):
    """Parse untrusted JSON within bounds.

    Args:
        data: the JSON text.
        what: the file's name, for messages.
        max_bytes: the most bytes it may have.
        max_depth: the deepest nesting allowed (Python's parser would otherwise recurse until a
            ``RecursionError``).

    Returns:
        The parsed value (check its shape with :func:`require`).

    Raises ``UserError``: ``uploads.err_json_big``, ``uploads.err_json_deep``, ``uploads.err_json_broken``.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > max_bytes:
        raise UserError("uploads.err_json_big", name=what, kilobytes=len(raw) // 1024, limit=max_bytes // 1024)
    if json_depth(raw) > max_depth:
        raise UserError("uploads.err_json_deep", name=what, limit=max_depth)
    try:
        return json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise UserError("uploads.err_json_broken", name=what) from exc


_KINDS = {"object": (dict,), "list": (list,), "text": (str,), "whole": (int,), "number": (int, float)}


def require(value, kind: str, what: str, field: str):
    """``value`` if it is of ``kind`` (``"object"``, ``"list"``, ``"text"``, ``"whole"``,
    ``"number"``; true/false never counts as a number), else ``UserError("uploads.err_json_type_<kind>")``
    naming the file and the field.

    Example:
        >>> classes = require(labels.get("classes"), "list", "labels.json", "classes")
    """
    if isinstance(value, bool) or not isinstance(value, _KINDS[kind]):
        raise UserError(f"uploads.err_json_type_{kind}", name=what, field=field[:80])
    return value


# ------------------------------------------------------------------------------------ .keras files
MAX_MODEL_BYTES = 40 * 2**20               # the shipped strong model is 1.6 MB
MAX_MODEL_LAYERS = 200
MAX_MODEL_PARAMS = 5_000_000               # the strong preset has about 400,000
MAX_LAYER_OUTPUT = 2_000_000               # values one layer makes per picture (28x28x256 is 200,000)
MAX_MODEL_CONFIG_BYTES = 2 * 2**20
MODEL_ZIP = ZipLimits(max_bytes=MAX_MODEL_BYTES, max_members=16, max_unpacked=MAX_MODEL_BYTES * 2,
                      max_member_unpacked=MAX_MODEL_BYTES * 2, max_ratio=50.0)
MODEL_MEMORY_BYTES = 1536 * 2**20          # the child's data segment (TensorFlow itself needs ~400 MB)
MODEL_SECONDS = 60.0                       # the child starts with TensorFlow imported (its template)


@dataclass(frozen=True)
class ModelSize:
    """What a model's config asks for: ``layers`` (nested models' layers counted), ``params``
    (weights, trainable or not) and ``largest_output`` (values of the biggest layer output per picture)."""

    layers: int
    params: int
    largest_output: int


# Layers whose output has their input's shape and that hold no weights.
_SAME_SHAPE = {
    "Rescaling", "Dropout", "SpatialDropout1D", "SpatialDropout2D", "GaussianNoise", "GaussianDropout",
    "AlphaDropout", "Activation", "ReLU", "LeakyReLU", "ELU", "Softmax", "ActivityRegularization", "Identity",
    "RandomFlip", "RandomRotation", "RandomTranslation", "RandomZoom", "RandomContrast", "RandomBrightness",
    "Masking",
}
_MERGE_SAME = {"Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"}
_UNSAFE = {"Lambda", "TFOpLambda", "TorchModuleWrapper", "JaxLayer", "FlaxLayer"}


def _pair(value, name: str) -> tuple[int, int]:
    if isinstance(value, int) and not isinstance(value, bool):
        return value, value
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) and not isinstance(v, bool)
                                                           for v in value):
        return value[0], value[1]
    raise UserError("store.err_model_config", field=name)


def _positive(value, name: str, limit: int = 1_000_000) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= limit:
        raise UserError("store.err_model_config", field=name)
    return value


def _window(size: int, kernel: int, stride: int, padding: str, dilation: int = 1) -> int:
    span = (kernel - 1) * dilation + 1
    if padding == "same":
        return math.ceil(size / stride)
    if padding == "valid":
        return (size - span) // stride + 1 if size >= span else 0
    raise UserError("store.err_model_config", field="padding")


def _conv_like(config: dict, shape: tuple, name: str, kernel_key: str = "kernel_size"):
    if len(shape) != 3:
        raise UserError("store.err_model_config", field=name)
    height, width, channels = shape
    kh, kw = _pair(config.get(kernel_key), name)
    sh, sw = _pair(config.get("strides", 1), name)
    dh, dw = _pair(config.get("dilation_rate", 1), name)
    for value in (kh, kw, sh, sw, dh, dw):
        _positive(value, name, 1024)
    padding = config.get("padding", "valid")
    return (_window(height, kh, sh, padding, dh), _window(width, kw, sw, padding, dw), channels), kh * kw


def _layer_output(class_name: str, config: dict, shapes: list[tuple], name: str) -> tuple[tuple, int]:
    """``(output shape without the batch axis, weights)`` of one layer called on ``shapes``."""
    if class_name in _UNSAFE:
        raise UserError("store.err_unsafe")
    if class_name in _MERGE_SAME | {"Concatenate"}:
        if len(shapes) < 2:
            raise UserError("store.err_model_config", field=name)
        if class_name == "Concatenate":
            axis = config.get("axis", -1)
            if axis not in (-1, len(shapes[0])):
                raise UserError("store.err_model_config", field=name)
            return shapes[0][:-1] + (sum(shape[-1] for shape in shapes),), 0
        return shapes[0], 0
    if len(shapes) != 1:
        raise UserError("store.err_model_config", field=name)
    shape = shapes[0]
    bias = 1 if config.get("use_bias", True) else 0
    if class_name in _SAME_SHAPE:
        return shape, 0
    if class_name == "PReLU":
        return shape, math.prod(shape)
    if class_name == "Dense":
        units = _positive(config.get("units"), name)
        return shape[:-1] + (units,), (shape[-1] + bias) * units
    if class_name == "Flatten":
        return (math.prod(shape),), 0
    if class_name == "Reshape":
        target = tuple(config.get("target_shape") or ())
        known = [size for size in target if size != -1]
        if (not target or target.count(-1) > 1 or any(isinstance(s, bool) or not isinstance(s, int) or s < 1
                                                       for s in known)):
            raise UserError("store.err_model_config", field=name)
        total = math.prod(shape)
        if -1 in target:
            missing, left = divmod(total, max(1, math.prod(known)))
            target = tuple(missing if size == -1 else size for size in target)
            if left:
                raise UserError("store.err_model_config", field=name)
        if math.prod(target) != total:
            raise UserError("store.err_model_config", field=name)
        return target, 0
    if class_name in ("Conv2D", "DepthwiseConv2D", "SeparableConv2D"):
        out, kernel_area = _conv_like(config, shape, name)
        channels = shape[-1]
        if class_name == "Conv2D":
            filters = _positive(config.get("filters"), name, 65_536)
            groups = _positive(config.get("groups", 1), name, 65_536)
            return out[:2] + (filters,), kernel_area * (channels // groups) * filters + bias * filters
        multiplier = _positive(config.get("depth_multiplier", 1), name, 1024)
        if class_name == "DepthwiseConv2D":
            return out[:2] + (channels * multiplier,), kernel_area * channels * multiplier + bias * channels * multiplier
        filters = _positive(config.get("filters"), name, 65_536)
        return (out[:2] + (filters,),
                kernel_area * channels * multiplier + channels * multiplier * filters + bias * filters)
    if class_name in ("MaxPooling2D", "AveragePooling2D"):
        pool = config.get("pool_size", 2)
        strides = config.get("strides") or pool
        out, _ = _conv_like({"kernel_size": pool, "strides": strides, "padding": config.get("padding", "valid")},
                            shape, name)
        return out, 0
    if class_name in ("GlobalAveragePooling2D", "GlobalMaxPooling2D"):
        if len(shape) != 3:
            raise UserError("store.err_model_config", field=name)
        return ((1, 1, shape[-1]) if config.get("keepdims") else (shape[-1],)), 0
    if class_name in ("BatchNormalization", "LayerNormalization"):
        return shape, (4 if class_name == "BatchNormalization" else 2) * shape[-1]
    if class_name == "ZeroPadding2D":
        padding = config.get("padding", 1)
        rows, cols = ((padding, padding), (padding, padding)) if isinstance(padding, int) else padding
        rows, cols = _pair(list(rows), name), _pair(list(cols), name)
        return (shape[0] + sum(rows), shape[1] + sum(cols), shape[2]), 0
    if class_name == "Cropping2D":
        cropping = config.get("cropping", 0)
        rows, cols = ((cropping, cropping), (cropping, cropping)) if isinstance(cropping, int) else cropping
        rows, cols = _pair(list(rows), name), _pair(list(cols), name)
        return (max(0, shape[0] - sum(rows)), max(0, shape[1] - sum(cols)), shape[2]), 0
    if class_name == "UpSampling2D":
        sh, sw = _pair(config.get("size", 2), name)
        return (shape[0] * _positive(sh, name, 64), shape[1] * _positive(sw, name, 64), shape[2]), 0
    raise UserError("store.err_unknown_layer", layer=str(class_name)[:60])


def _input_shape(config: dict, name: str) -> tuple:
    shape = config.get("batch_shape") or config.get("batch_input_shape")
    if not isinstance(shape, list) or len(shape) < 2:
        raise UserError("store.err_model_config", field=name)
    return tuple(_positive(size, name, 4096) for size in shape[1:])


class _Tally:
    def __init__(self):
        self.layers = 0
        self.params = 0
        self.largest = 0

    def add(self, shape: tuple, params: int) -> None:
        self.layers += 1
        self.params += params
        self.largest = max(self.largest, math.prod(shape))
        if self.layers > MAX_MODEL_LAYERS or self.params > MAX_MODEL_PARAMS or self.largest > MAX_LAYER_OUTPUT:
            raise UserError("store.err_model_too_big", layers=MAX_MODEL_LAYERS, params=f"{MAX_MODEL_PARAMS:,}")


def _history(arg, name: str) -> str:
    """The layer a ``__keras_tensor__`` argument comes from (single-output layers only)."""
    if not isinstance(arg, dict) or arg.get("class_name") != "__keras_tensor__":
        raise UserError("store.err_model_config", field=name)
    history = (arg.get("config") or {}).get("keras_history")
    if (not isinstance(history, list) or len(history) != 3 or not isinstance(history[0], str)
            or history[2] != 0):
        raise UserError("store.err_model_config", field=name)
    return history[0]


def _model_output(model: dict, inputs: list[tuple] | None, tally: _Tally) -> tuple:
    """Walk one model's config (``Functional`` or ``Sequential``), returning its output shape."""
    class_name, config = model.get("class_name"), model.get("config")
    if not isinstance(config, dict) or not isinstance(config.get("layers"), list):
        raise UserError("store.err_model_config", field="layers")
    layers = config["layers"]
    if class_name == "Sequential":
        shape = inputs[0] if inputs else None
        for layer in layers:
            shape = _call_layer(layer, [shape] if shape is not None else [], tally)
        if shape is None:
            raise UserError("store.err_model_config", field="input")
        return shape
    if class_name not in ("Functional", "Model"):
        raise UserError("store.err_unknown_layer", layer=str(class_name)[:60])
    outputs: dict[str, tuple] = {}
    given = list(inputs or [])
    for layer in layers:
        if not isinstance(layer, dict):
            raise UserError("store.err_model_config", field="layers")
        name = str(layer.get("name") or (layer.get("config") or {}).get("name"))
        nodes = layer.get("inbound_nodes") or []
        if layer.get("class_name") == "InputLayer":
            shape = given.pop(0) if given else _input_shape(layer.get("config") or {}, name)
            tally.add(shape, 0)
            outputs[name] = shape
            continue
        if not isinstance(nodes, list) or len(nodes) != 1 or not isinstance(nodes[0], dict):
            raise UserError("store.err_model_config", field=name)   # shared layers: not in this app
        args = nodes[0].get("args") or []
        flat = args[0] if len(args) == 1 and isinstance(args[0], list) else args
        sources = [_history(arg, name) for arg in flat]
        if any(source not in outputs for source in sources):
            raise UserError("store.err_model_config", field=name)
        outputs[name] = _call_layer(layer, [outputs[source] for source in sources], tally)
    ends = config.get("output_layers")
    if not isinstance(ends, list) or not ends:
        raise UserError("store.err_model_config", field="output_layers")
    end = ends[0] if isinstance(ends[0], list) else ends
    if not end or not isinstance(end[0], str) or end[0] not in outputs:
        raise UserError("store.err_model_config", field="output_layers")
    return outputs[end[0]]


def _call_layer(layer, shapes: list[tuple], tally: _Tally) -> tuple:
    if not isinstance(layer, dict):
        raise UserError("store.err_model_config", field="layers")
    class_name, config = layer.get("class_name"), layer.get("config") or {}
    if not isinstance(config, dict):
        raise UserError("store.err_model_config", field=str(class_name))
    name = str(config.get("name") or class_name)
    if class_name in ("Functional", "Sequential", "Model"):
        return _model_output(layer, shapes, tally)
    if class_name == "InputLayer":
        shape = _input_shape(config, name)
        tally.add(shape, 0)
        return shape
    if not shapes:   # the first layer of a Sequential model without an InputLayer
        build = (layer.get("build_config") or {}).get("input_shape")
        if not isinstance(build, list) or len(build) < 2:
            raise UserError("store.err_model_config", field="input")
        shapes = [tuple(_positive(size, name, 4096) for size in build[1:])]
    shape, params = _layer_output(str(class_name), config, shapes, name)
    tally.add(shape, params)
    return shape


def model_size(config: dict, filename: str = "model.keras") -> ModelSize:
    """What a ``.keras`` file's ``config.json`` asks for, worked out without building anything.

    Args:
        config: the parsed ``config.json`` (a ``Functional`` or ``Sequential`` model).
        filename: the file's name, for messages.

    Returns:
        A :class:`ModelSize`.

    Raises ``UserError``: ``store.err_unsafe`` (a layer that runs stored code),
    ``store.err_unknown_layer`` (a layer this app does not use), ``store.err_model_config``
    (a config that does not add up), ``store.err_model_too_big`` (past :data:`MAX_MODEL_LAYERS`,
    :data:`MAX_MODEL_PARAMS` or :data:`MAX_LAYER_OUTPUT`; the walk stops there).

    Example:
        >>> model_size(json.loads(zipfile.ZipFile("m.keras").read("config.json"))).params
        421642
    """
    tally = _Tally()
    try:
        if not isinstance(config, dict):
            raise UserError("store.err_model_config", field="config")
        _model_output(config, None, tally)
    except UserError as err:
        raise UserError(err.key, **{**err.values, "file": filename}) from None
    except (TypeError, ValueError, AttributeError, KeyError, OverflowError):  # a value of the wrong kind
        raise UserError("store.err_model_config", field="config", file=filename) from None
    return ModelSize(tally.layers, tally.params, tally.largest)


def check_keras_file(data: bytes, filename: str) -> ModelSize:
    """Everything that can be checked about a ``.keras`` file without building it: a zip within
    :data:`MODEL_ZIP`, a bounded ``config.json`` and the model size it asks for.
    Raises ``UserError`` (``store.err_not_keras``, ``store.err_corrupt``, and those of
    :func:`open_zip`, :func:`parse_json` and :func:`model_size`)."""
    if len(data) > MAX_MODEL_BYTES:
        raise UserError("store.err_zip_too_big", name=filename, megabytes=round(len(data) / 2**20, 1),
                        limit=MAX_MODEL_BYTES // 2**20)
    if not data.startswith(b"PK"):
        raise UserError("store.err_not_keras", file=filename)
    try:
        archive = open_zip(data, filename, MODEL_ZIP, "store")
    except UserError as err:
        if err.key == "store.err_zip_not_zip":
            raise UserError("store.err_corrupt", file=filename) from err
        raise
    with archive:
        info = next((member for member in archive.infolist() if member.filename == "config.json"), None)
        if info is None:
            raise UserError("store.err_corrupt", file=filename)
        text = read_member(archive, info, MAX_MODEL_CONFIG_BYTES, filename)
    try:
        config = parse_json(text, f"{filename}/config.json", MAX_MODEL_CONFIG_BYTES)
    except UserError as err:
        if err.key == "uploads.err_json_broken":
            raise UserError("store.err_corrupt", file=filename) from err
        raise
    return model_size(config, filename)


# --------------------------------------------------------------------- .keras files in a child process
@dataclass(frozen=True)
class OpenedModel:
    """An uploaded model after the child process checked it: ``data`` is the ``.keras`` file that
    process saved (Keras' own layers and weights only), ``size`` what its config asked for and
    ``child_peak_bytes`` the most memory the child used."""

    data: bytes
    size: ModelSize
    child_peak_bytes: int


def open_untrusted_model(data: bytes, filename: str, num_classes: int | None = 10,
                         memory_bytes: int = MODEL_MEMORY_BYTES, seconds: float = MODEL_SECONDS) -> OpenedModel:
    """Check an uploaded ``.keras`` file and open it in a child process, never in this one.

    First :func:`check_keras_file` (nothing built). Then a fresh child process with at most
    ``memory_bytes`` of data memory (forked from a template that has TensorFlow imported, see
    :mod:`cnn_core.model_checker`) loads it in Keras' safe mode, checks its picture and class
    shape, and saves it again; it is killed after ``seconds``. What comes back is that re-saved file.

    Args:
        data: the uploaded bytes.
        filename: the learner's name for the file, for messages.
        num_classes: outputs the model must have (``None``: any).
        memory_bytes: the child's memory cap.
        seconds: the child's time limit.

    Returns:
        An :class:`OpenedModel`.

    Raises ``UserError`` for anything wrong: the keys of :func:`check_keras_file` and of
    :func:`cnn_core.store.load_model_file`, ``store.err_model_memory`` (the cap was reached) and
    ``store.err_model_slow`` (the time limit).

    Example:
        >>> opened = open_untrusted_model(upload.getvalue(), upload.name)
        >>> model, meta = store.load_model_bytes(opened.data, upload.name)
    """
    name = Path(filename).name or "model.keras"
    size = check_keras_file(data, name)
    with tempfile.TemporaryDirectory(prefix="fcl-upload-") as folder:
        path, out_path = Path(folder) / name, Path(folder) / "checked.keras"
        path.write_bytes(data)
        try:
            answer = model_checker.open_in_child(path, num_classes, memory_bytes, out_path, seconds)
        except TimeoutError as exc:
            raise UserError("store.err_model_slow", file=name, seconds=round(seconds)) from exc
        if answer is None:   # ended without a word: killed for memory, or crashed in native code
            raise UserError("store.err_model_memory", file=name, megabytes=memory_bytes // 2**20)
        if "key" in answer:
            values = {**answer.get("values", {}), "file": name}
            raise UserError(answer["key"], **values)
        return OpenedModel(out_path.read_bytes(), size, int(answer.get("peak_bytes", 0)))


__all__ = ["ZipLimits", "open_zip", "read_member", "json_depth", "parse_json", "require", "ModelSize",
           "model_size", "check_keras_file", "OpenedModel", "open_untrusted_model", "MAX_JSON_DEPTH",
           "MAX_MODEL_BYTES", "MAX_MODEL_LAYERS", "MAX_MODEL_PARAMS", "MAX_LAYER_OUTPUT", "MODEL_ZIP"]
