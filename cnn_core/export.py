"""Take a taught model elsewhere: a ``.keras`` file, a TensorFlow Lite file, the examples as a zip,
and for each a short Python program that loads it and classifies a picture.

* ``.keras`` (:func:`keras_bytes`) — Keras' own format: architecture and weights, no optimizer
  state (the same clean copy the model store saves). Opens with ``keras.models.load_model``.
* TensorFlow Lite (:func:`tflite_bytes`) — the format phones and small boards run, made by
  TensorFlow's own converter (``tf.lite.TFLiteConverter``). A conversion can change numbers, so
  :func:`check_tflite` runs both on the same pictures and counts where their top class agrees.
  Read back here with ``tf.lite.Interpreter`` (TensorFlow 2.21 warns it will move to the separate
  LiteRT package, ``ai_edge_litert``; it still works offline, and the snippet uses LiteRT when
  installed).
* the examples zip — :meth:`cnn_core.examples.ExampleSet.to_zip`.

:func:`snippet` writes the program for each. It repeats, in a few lines of numpy and Pillow, what
:mod:`cnn_core.preprocess` does to a picture (light item on black, cut to its box, resized,
centred in 28x28), because the model only knows pictures framed that way.
"""

from __future__ import annotations

import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from cnn_core import datasets, preprocess

KINDS = ("keras", "tflite", "examples")
FILE_NAMES = {"keras": "my_classes.keras", "tflite": "my_classes.tflite", "examples": "my_examples.zip"}
MIME_TYPES = {"keras": "application/octet-stream", "tflite": "application/octet-stream",
              "examples": "application/zip"}


def keras_bytes(model) -> bytes:
    """The model as a ``.keras`` file's bytes (weights and architecture, no optimizer state)."""
    from cnn_core.store import save_model_file

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.keras"
        save_model_file(model, path)
        return path.read_bytes()


def tflite_bytes(model) -> bytes:
    """The model converted by TensorFlow's own TFLite converter (float32 weights, no quantisation:
    the same answers as Keras, to rounding)."""
    import tensorflow as tf

    return tf.lite.TFLiteConverter.from_keras_model(model).convert()


def _interpreter(tflite: bytes):
    import tensorflow as tf

    with warnings.catch_warnings():  # "tf.lite.Interpreter is deprecated": still the offline reader here
        warnings.simplefilter("ignore")
        interpreter = tf.lite.Interpreter(model_content=tflite)
    return interpreter


def tflite_probabilities(tflite: bytes, images: np.ndarray) -> np.ndarray:
    """Class probabilities ``(N, classes)`` from a TFLite model, one picture at a time (the
    converted model has a fixed batch of one)."""
    interpreter = _interpreter(tflite)
    interpreter.allocate_tensors()
    entrance, exit_ = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
    batch = np.asarray(images)
    batch = batch[..., None] if batch.ndim == 3 else batch
    rows = []
    for picture in batch:
        interpreter.set_tensor(entrance["index"], picture[None].astype(entrance["dtype"]))
        interpreter.invoke()
        rows.append(np.array(interpreter.get_tensor(exit_["index"])[0], dtype=np.float32))
    return np.stack(rows) if rows else np.zeros((0, int(exit_["shape"][-1])), np.float32)


@dataclass(frozen=True)
class Parity:
    """How the TFLite file compares with the Keras model on the same pictures."""

    agree: int                 # pictures where both give the same top class
    total: int
    max_difference: float      # largest difference of any class probability

    @property
    def ok(self) -> bool:
        return self.agree == self.total


def check_tflite(model, tflite: bytes, images: np.ndarray) -> Parity:
    """Run the Keras model and the TFLite file on ``images`` and compare their answers."""
    from cnn_core import inference

    expected = inference.predictor_for(model).batch_probabilities(images)
    converted = tflite_probabilities(tflite, images)
    return Parity(agree=int((expected.argmax(axis=1) == converted.argmax(axis=1)).sum()), total=len(expected),
                  max_difference=float(np.abs(expected - converted).max()) if len(expected) else 0.0)


# ------------------------------------------------------------------------------------ snippets

_HEADER = '''# Classify a picture with the model you taught in Fashion CNN Lab.
# Needs: pip install {needs}
import numpy as np
from PIL import Image, ImageOps
{imports}
MODEL_FILE = "{model_file}"
PICTURE_FILE = "picture.png"
CLASS_NAMES = {class_names!r}
'''

_PREPARE = '''

def to_model_input(path, item_size={item_size}, centring="{centring}"):
    """A picture as the model's 28x28 input: a light item on black, cut to its box, resized, centred."""
    picture = ImageOps.exif_transpose(Image.open(path)).convert("L")
    picture.thumbnail(({work_size}, {work_size}), Image.Resampling.BOX)
    gray = np.asarray(picture, dtype=np.float32)
    ring = max(1, round(0.02 * min(gray.shape)))
    edge = lambda a: np.concatenate([a[:ring].ravel(), a[-ring:].ravel(), a[:, :ring].ravel(), a[:, -ring:].ravel()])
    if np.median(edge(gray)) > 127.5:  # a dark item on a light background: invert
        gray = 255 - gray
    border = edge(gray)
    floor = min(np.median(border) + 3 * 1.4826 * np.median(np.abs(border - np.median(border))), 254)
    gray = np.clip((gray - floor) * 255 / (255 - floor), 0, 255).round()
    ink = gray >= max(1, {ink_threshold} * gray.max())
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    item = gray[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1].astype(np.uint8)
    scale = item_size / max(item.shape)
    size = (max(1, round(item.shape[1] * scale)), max(1, round(item.shape[0] * scale)))
    item = np.asarray(Image.fromarray(item).resize(size, Image.Resampling.LANCZOS))
    height, width = item.shape
    top, left = (28 - height + 1) // 2, (28 - width + 1) // 2
    if centring == "mass":  # centre of mass in the middle, as MNIST's digits
        mass = item.astype(np.float64) / item.sum()
        top = min(max(round(14 - (mass.sum(axis=1) * np.arange(height)).sum()), 0), 28 - height)
        left = min(max(round(14 - (mass.sum(axis=0) * np.arange(width)).sum()), 0), 28 - width)
    frame = np.zeros((28, 28), dtype=np.uint8)
    frame[top:top + height, left:left + width] = item
    return frame[None, :, :, None]  # a batch of one picture, one channel


'''

_RUN = {
    "keras": '''model = keras.models.load_model(MODEL_FILE)
probabilities = model.predict(to_model_input(PICTURE_FILE), verbose=0)[0]
best = int(np.argmax(probabilities))
print(f"{CLASS_NAMES[best]}: {probabilities[best]:.0%}")
''',
    "tflite": '''interpreter = Interpreter(model_path=MODEL_FILE)
interpreter.allocate_tensors()
entrance, exit_ = interpreter.get_input_details()[0], interpreter.get_output_details()[0]
interpreter.set_tensor(entrance["index"], to_model_input(PICTURE_FILE))
interpreter.invoke()
probabilities = interpreter.get_tensor(exit_["index"])[0]
best = int(np.argmax(probabilities))
print(f"{CLASS_NAMES[best]}: {probabilities[best]:.0%}")
''',
}

_TFLITE_IMPORT = '''try:
    from ai_edge_litert.interpreter import Interpreter  # LiteRT, TensorFlow Lite's new home
except ImportError:
    import tensorflow as tf
    Interpreter = tf.lite.Interpreter
'''

_EXAMPLES = '''# Your examples from Fashion CNN Lab: 28x28 pictures and their classes, as numpy arrays,
# and how well the model you taught (its .keras file) knows them.
# Needs: pip install keras tensorflow pillow numpy
import io
import json
import zipfile

import keras
import numpy as np
from PIL import Image

EXAMPLES_FILE = "{examples_file}"
MODEL_FILE = "{model_file}"

with zipfile.ZipFile(EXAMPLES_FILE) as archive:
    labels = json.loads(archive.read("labels.json"))
    images = np.stack([np.asarray(Image.open(io.BytesIO(archive.read(entry["file"]))))
                       for entry in labels["examples"]])
    classes = np.array([entry["class"] for entry in labels["examples"]])
for number, name in enumerate(labels["classes"]):
    print(name, int((classes == number).sum()), "examples")

model = keras.models.load_model(MODEL_FILE)
guesses = model.predict(images[:, :, :, None], verbose=0).argmax(axis=1)
print(f"the model knows {{(guesses == classes).mean():.0%}} of them")
'''


def snippet(kind: str, class_names: list[str], profile: str = datasets.DEFAULT_DATASET) -> str:
    """A short, plain Python program that loads the ``kind`` export (``"keras"``, ``"tflite"``
    or ``"examples"``) under its :data:`FILE_NAMES` name and classifies a picture with it."""
    if kind == "examples":
        return _EXAMPLES.format(examples_file=FILE_NAMES["examples"], model_file=FILE_NAMES["keras"])
    if kind not in _RUN:
        raise ValueError(f"unknown export kind {kind!r}")
    settings = datasets.DATASETS[profile].profile
    header = _HEADER.format(
        needs="keras tensorflow pillow numpy" if kind == "keras" else "ai-edge-litert pillow numpy  (or tensorflow)",
        imports="import keras\n" if kind == "keras" else _TFLITE_IMPORT,
        model_file=FILE_NAMES[kind], class_names=[str(name) for name in class_names])
    prepare = _PREPARE.format(item_size=settings.item_size, centring=settings.centring,
                              work_size=preprocess.WORK_SIZE, ink_threshold=preprocess.INK_THRESHOLD)
    return header + prepare + _RUN[kind]
