"""Hostile upload files, made on the fly (nothing big is committed): each builder returns the bytes
a learner could hand the app. Tests (``tests/unit/test_uploads.py``, ``tests/app/test_hostile_uploads.py``)
and ``bench/hostile_uploads.py`` share them.

Every file is small; what makes it hostile is the work it asks for once opened.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SHIPPED_MODEL = ROOT / "assets" / "models" / "fashion_mnist.keras"
EXAMPLES_FORMAT = {"format": "fashion-cnn-lab/examples", "version": 1, "profile": "fashion_mnist"}


def png(width: int, height: int, value: int = 0) -> bytes:
    """A grey PNG of the given size (flat pictures pack very small)."""
    buffer = io.BytesIO()
    Image.fromarray(np.full((height, width), value, dtype=np.uint8)).save(buffer, "PNG")
    return buffer.getvalue()


def block_png(width: int, height: int) -> bytes:
    """A black picture with a light block in its middle (something to classify)."""
    picture = np.zeros((height, width), dtype=np.uint8)
    picture[height // 4: 3 * height // 4, width // 3: 2 * width // 3] = 230
    buffer = io.BytesIO()
    Image.fromarray(picture).save(buffer, "PNG")
    return buffer.getvalue()


def drawing_png() -> bytes:
    """A 28x28 picture with something drawn on it (a bright block)."""
    picture = np.zeros((28, 28), dtype=np.uint8)
    picture[6:22, 9:19] = 220
    buffer = io.BytesIO()
    Image.fromarray(picture).save(buffer, "PNG")
    return buffer.getvalue()


def examples_zip(labels, files: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    """An examples zip with ``labels`` (a dict, or raw text/bytes for labels.json) and ``files``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        text = labels if isinstance(labels, (str, bytes)) else json.dumps(labels)
        archive.writestr("labels.json", text)
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def good_examples_zip() -> bytes:
    files = {f"images/{c:02d}/{n:04d}.png": drawing_png() for c in range(2) for n in range(1, 3)}
    entries = [{"file": name, "class": int(name.split("/")[1]), "source": "draw"} for name in files]
    return examples_zip({**EXAMPLES_FORMAT, "classes": ["a", "b"], "examples": entries}, files)


def repeated_reference_zip(times: int = 1000, side: int = 2000) -> bytes:
    """labels.json lists one big picture ``times`` times: under 100 KB that asks for ``times``
    decodes of a ``side`` x ``side`` picture (the 82-second stall)."""
    entries = [{"file": "images/big.png", "class": index % 2} for index in range(times)]
    return examples_zip({**EXAMPLES_FORMAT, "classes": ["a", "b"], "examples": entries},
                        {"images/big.png": block_png(side, side)})


def overlapping_zip(copies: int = 1000, side: int = 2000) -> bytes:
    """A zip whose directory has ``copies`` entries, all pointing at the bytes of one big picture
    (a "quoted-overlap" zip bomb: every entry unpacks the same data)."""
    picture = block_png(side, side)
    names = [f"images/00/{index:04d}.png" for index in range(copies)]
    entries = [{"file": name, "class": 0} for name in names]
    labels = json.dumps({**EXAMPLES_FORMAT, "classes": ["a", "b"], "examples": entries}).encode()
    body = io.BytesIO()
    directory = io.BytesIO()

    def local(name: bytes, data: bytes, crc: int) -> int:
        offset = body.tell()
        body.write(struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 0, 0, 0, crc, len(data), len(data),
                               len(name), 0) + name + data)
        return offset

    def central(name: bytes, size: int, crc: int, offset: int) -> None:
        directory.write(struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, crc, size, size,
                                    len(name), 0, 0, 0, 0, 0, offset) + name)

    import zlib

    labels_crc, picture_crc = zlib.crc32(labels), zlib.crc32(picture)
    labels_at = local(b"labels.json", labels, labels_crc)
    picture_at = local(names[0].encode(), picture, picture_crc)
    central(b"labels.json", len(labels), labels_crc, labels_at)
    for name in names:
        central(name.encode(), len(picture), picture_crc, picture_at)
    start, size = body.tell(), directory.tell()
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, copies + 1, copies + 1, size, start, 0)
    return body.getvalue() + directory.getvalue() + end


def deflate_bomb_zip(megabytes: int = 8) -> bytes:
    """One member of ``megabytes`` of zeros, deflated to a few hundred KB (ratio about 1000)."""
    import zlib

    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = bytes(2**20)
    packed = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    size, crc = megabytes * 2**20, 0
    for _ in range(megabytes):
        crc = zlib.crc32(chunk, crc)
    name = b"images/00/0001.png"
    local = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(packed), size, len(name), 0)
    central = struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(packed), size, len(name),
                          0, 0, 0, 0, 0, 0)
    body = local + name + packed
    directory = central + name
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), len(body), 0)
    return body + directory + end


def many_members_zip(count: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for index in range(count):
            archive.writestr(f"m/{index}", b"")
    return buffer.getvalue()


def claimed_members_zip(claimed: int = 65_000) -> bytes:
    """A tiny zip whose end record claims ``claimed`` members."""
    data = bytearray(many_members_zip(1))
    start = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, start + 8, claimed, claimed)
    return bytes(data)


def deep_json(depth: int = 100_000) -> bytes:
    return b"[" * depth + b"]" * depth


def shipped_config() -> dict:
    with zipfile.ZipFile(SHIPPED_MODEL) as archive:
        return json.loads(archive.read("config.json"))


def keras_file(config, weights: bytes = b"", metadata: dict | None = None) -> bytes:
    """A ``.keras`` zip holding ``config`` (a dict, or raw bytes for config.json)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("metadata.json", json.dumps(metadata or {"keras_version": "3.15.1"}))
        archive.writestr("config.json", config if isinstance(config, bytes) else json.dumps(config))
        archive.writestr("model.weights.h5", weights)
    return buffer.getvalue()


def _layer(config: dict, name: str) -> dict:
    return next(layer for layer in config["config"]["layers"] if layer["name"] == name)


def config_bomb(units: int = 100_000) -> bytes:
    """The shipped model's config with its first dense layer widened to ``units``: a file of a few KB
    whose model would hold hundreds of millions of weights (gigabytes once built)."""
    config = shipped_config()
    dense = next(layer for layer in config["config"]["layers"] if layer["class_name"] == "Dense")
    dense["config"]["units"] = units
    return keras_file(config)


def activation_bomb() -> bytes:
    """A config whose UpSampling2D layers blow one picture up to 28*64 x 28*64 x 32 values."""
    config = shipped_config()
    conv = next(layer for layer in config["config"]["layers"] if layer["class_name"] == "Conv2D")
    conv.update({"class_name": "UpSampling2D", "module": "keras.layers"})
    conv["config"] = {"name": conv["config"]["name"], "size": [64, 64]}
    return keras_file(config)


def relabelled_layer(class_name: str, module: str = "keras.layers") -> bytes:
    """The shipped config with its first dense layer turned into ``class_name``."""
    config = shipped_config()
    dense = next(layer for layer in config["config"]["layers"] if layer["class_name"] == "Dense")
    dense.update({"class_name": class_name, "module": module})
    return keras_file(config)


def wrong_type_config() -> bytes:
    config = shipped_config()
    dense = next(layer for layer in config["config"]["layers"] if layer["class_name"] == "Dense")
    dense["config"]["units"] = "128"
    return keras_file(config)


def deep_config() -> bytes:
    return keras_file(b"{\"class_name\": \"Functional\", \"config\": " + deep_json(20_000) + b"}")
