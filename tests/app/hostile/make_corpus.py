"""Make the hostile model files the sweep in ``tests/test_hostile_inputs.py`` uploads to the Train page.

Run ``python tests/app/hostile/make_corpus.py`` to (re)write them next to this script; they are small and
committed. (Hostile pictures come from the Classify engineer's ``tests/support/bad_inputs/`` corpus, and the
20000x20000 PNG bomb is built at test time by ``tests/support/bad_inputs/make_corpus.bomb_png``.)

``MODEL_FILES`` maps each file to the ``UserError`` key loading it must raise.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARKER_ENV = "FCL_HOSTILE_MARKER"  # the Lambda layer writes this file if its code ever runs

MODEL_FILES = {
    "not_a_zip.keras": "store.err_not_keras",          # a text file with the right name
    "truncated.keras": "store.err_corrupt",            # the first half of a real .keras file
    "zip_without_model.keras": "store.err_corrupt",    # a zip that holds no model
    "foreign_input.keras": "store.err_input_shape",    # a real model for 32x32 colour pictures
    "foreign_output.keras": "store.err_output_shape",  # a real 28x28x1 model with 3 classes
    "lambda_layer.keras": "store.err_unsafe",          # custom Python code inside: safe mode refuses it
}


def _tiny(input_shape, classes: int, with_lambda: bool = False):
    import keras

    inputs = keras.Input(input_shape)
    x = keras.layers.Flatten()(inputs)
    if with_lambda:
        # Harmless stand-in for hostile code: it leaves a marker file when it runs.
        x = keras.layers.Lambda(lambda t: (__import__("os").environ.get("FCL_HOSTILE_MARKER")
                                           and open(__import__("os").environ["FCL_HOSTILE_MARKER"], "w").close(),
                                           t)[1])(x)
    outputs = keras.layers.Dense(classes, activation="softmax")(x)
    return keras.Model(inputs, outputs)


def _saved(model) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.keras"
        model.save(path)
        return path.read_bytes()


def corpus() -> dict[str, bytes]:
    good_28 = _saved(_tiny((28, 28, 1), 10))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("readme.txt", "no model here")
    return {
        "not_a_zip.keras": b"this is plain text pretending to be a Keras model\n",
        "truncated.keras": good_28[: len(good_28) // 2],
        "zip_without_model.keras": archive.getvalue(),
        "foreign_input.keras": _saved(_tiny((32, 32, 3), 10)),
        "foreign_output.keras": _saved(_tiny((28, 28, 1), 3)),
        "lambda_layer.keras": _saved(_tiny((28, 28, 1), 10, with_lambda=True)),
    }


def write(folder: Path = HERE) -> list[Path]:
    written = []
    for name, data in corpus().items():
        (folder / name).write_bytes(data)
        written.append(folder / name)
    return written


if __name__ == "__main__":
    for path in write():
        print(path, path.stat().st_size)
