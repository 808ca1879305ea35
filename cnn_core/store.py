"""Saved models: a ``.keras`` file plus a ``.json`` of metadata per run (and its replay, a
``.timeline.npz``, see :mod:`cnn_core.timeline`), and the pretrained defaults.

Writes are atomic: each file is written under a temporary name in the same folder and then moved
into place with ``os.replace``, which either happens completely or not at all, so a crash or a full
disk mid-save never leaves a half-written model under a real name.

Loading always uses Keras' ``safe_mode=True``: a ``.keras`` file can carry pickled Python code
(``Lambda`` layers), and safe mode refuses to run it. Before Keras sees a file, its zip and config
are checked without building anything (:func:`cnn_core.uploads.check_keras_file`: sizes, known
layers, at most so many weights). Every model is checked to take 28x28x1 pictures and to give one
output per class before the app uses it. A learner's upload is opened in a child process
(:func:`cnn_core.uploads.open_untrusted_model`), never in the server's.
"""

from __future__ import annotations

import json
import os
import secrets
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from cnn_core import uploads
from cnn_core.errors import UserError

ASSETS_MODELS = Path(__file__).resolve().parent.parent / "assets" / "models"
NUM_CLASSES = 10
_ZIP_MAGIC = b"PK"


def default_root() -> Path:
    """``$FCL_MODELS_DIR``, else ``~/.fashion_cnn_lab/models``."""
    configured = os.environ.get("FCL_MODELS_DIR")
    return Path(configured).expanduser() if configured else Path.home() / ".fashion_cnn_lab" / "models"


def new_run_id() -> str:
    """A sortable, unique name such as ``20261126-231502-3fa2c1``."""
    return f"{datetime.now(timezone.utc):%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"


def _atomic_write(path: Path, write) -> None:
    """Call ``write(temp_path)`` then move the result onto ``path`` in one step."""
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    os.close(handle)
    try:
        write(Path(temp_name))
        os.chmod(temp_name, 0o644)  # mkstemp makes files private; saved models are ordinary files
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def save_model_file(model, path: Path) -> None:
    """Save ``model`` to ``path`` atomically, weights and architecture only (no optimizer state:
    about a third of the size, and nothing a classifier needs)."""
    import keras

    clean = keras.Model.from_config(model.get_config())  # same layers, never compiled
    clean.set_weights(model.get_weights())
    _atomic_write(Path(path), lambda temp: clean.save(temp))


def model_to_bytes(model) -> bytes:
    """``model`` as the bytes of a ``.keras`` file (what :func:`save_model_file` writes): how a
    training worker hands its finished model back to the app."""
    with tempfile.TemporaryDirectory(prefix="fcl-model-") as folder:
        path = Path(folder) / "model.keras"
        save_model_file(model, path)
        return path.read_bytes()


def load_model_bytes(data: bytes, filename: str = "model.keras", num_classes: int | None = NUM_CLASSES):
    """``(model, meta)`` from the bytes of a ``.keras`` file, with every check of
    :func:`load_model_file` (safe mode, picture and class shape). ``filename`` names the file in
    error messages; ``num_classes=None`` accepts any number of classes."""
    with tempfile.TemporaryDirectory(prefix="fcl-model-") as folder:
        path = Path(folder) / (Path(filename).name or "model.keras")
        path.write_bytes(data)
        return load_model_file(path, num_classes)


def import_upload(data: bytes, filename: str, dataset: str, store: "ModelStore | None" = None,
                  owner: str | None = None):
    """Take an uploaded ``.keras`` file into the model store: ``(model, meta, run_id)``.

    The file is opened in a child process with a memory cap and a time limit
    (:func:`cnn_core.uploads.open_untrusted_model`); only the model that process saved again is
    loaded here (``UserError`` for a bad file; nothing saved before is touched). A bare file has no
    history; it is taken to be for ``dataset`` and named after the file. ``owner`` (the uploading
    session's id) goes into its metadata.
    """
    from cnn_core.models import UPLOADED_PRESET

    opened = uploads.open_untrusted_model(data, filename, NUM_CLASSES)
    model, meta = load_model_bytes(opened.data, filename)
    meta = {**meta, "name": meta.get("name") or Path(filename).stem, "dataset": meta.get("dataset") or dataset,
            "preset": meta.get("preset") or UPLOADED_PRESET, "owner": owner}
    run_id = (store or ModelStore()).save(model, meta)
    return model, {**meta, "run_id": run_id}, run_id


def write_meta(meta: dict, path: Path) -> None:
    text = json.dumps(meta, ensure_ascii=False, indent=2, default=float)
    _atomic_write(Path(path), lambda temp: temp.write_text(text, encoding="utf-8"))


def load_model_file(path, num_classes: int | None = NUM_CLASSES):
    """``(model, meta)`` from any ``.keras`` file, with its sibling ``.json`` as meta when there is one.

    Raises ``UserError``: ``store.err_not_found`` (no file), ``store.err_not_keras`` (not a zip),
    ``store.err_corrupt`` (damaged or cut short), ``store.err_unsafe`` (custom code refused by safe
    mode), ``store.err_input_shape`` / ``store.err_output_shape`` (a model for other pictures), and
    those of :func:`cnn_core.uploads.check_keras_file` (too big, unknown layers).
    """
    import keras

    path = Path(path)
    if not path.is_file():
        raise UserError("store.err_not_found", run_id=path.stem)
    with path.open("rb") as handle:
        if handle.read(2) != _ZIP_MAGIC:
            raise UserError("store.err_not_keras", file=path.name)
    if path.stat().st_size > uploads.MAX_MODEL_BYTES:
        raise UserError("store.err_zip_too_big", name=path.name, megabytes=round(path.stat().st_size / 2**20, 1),
                        limit=uploads.MAX_MODEL_BYTES // 2**20)
    uploads.check_keras_file(path.read_bytes(), path.name)   # nothing is built from a file that fails
    try:
        model = keras.models.load_model(path, compile=False, safe_mode=True)
    except Exception as exc:  # Keras raises many kinds for damaged archives
        if "safe_mode" in str(exc) or "unsafe" in str(exc).lower():
            raise UserError("store.err_unsafe", file=path.name) from exc
        raise UserError("store.err_corrupt", file=path.name) from exc
    check_model_shape(model, num_classes)
    return model, _read_meta(path.with_suffix(".json"), model, path)


def check_model_shape(model, num_classes: int | None = NUM_CLASSES) -> None:
    """Refuse a model unless it takes ``(28, 28, 1)`` pictures and gives ``num_classes`` outputs
    (any number of classes for ``None``)."""
    inputs, outputs = getattr(model, "inputs", None), getattr(model, "outputs", None)
    if not inputs or not outputs or len(inputs) != 1 or len(outputs) != 1:
        raise UserError("store.err_input_shape", shape="?")
    input_shape = tuple(inputs[0].shape[1:])
    if input_shape != (28, 28, 1):
        raise UserError("store.err_input_shape", shape="×".join(str(size) for size in input_shape))
    output_shape = tuple(outputs[0].shape[1:])
    if len(output_shape) != 1 or (num_classes is not None and output_shape != (num_classes,)):
        raise UserError("store.err_output_shape", got="×".join(str(size) for size in output_shape),
                        expected=num_classes)


def _read_meta(json_path: Path, model, model_path: Path) -> dict:
    """The sibling metadata, or a minimal one for a bare ``.keras`` file."""
    from cnn_core.models import count_params

    meta = {}
    if json_path.is_file():
        try:
            loaded = json.loads(json_path.read_text(encoding="utf-8"))
            meta = loaded if isinstance(loaded, dict) else {}
        except (OSError, ValueError):
            meta = {}
    meta.setdefault("name", None)
    meta.setdefault("params", count_params(model))
    meta.setdefault("created", datetime.fromtimestamp(model_path.stat().st_mtime, timezone.utc)
                    .isoformat(timespec="seconds"))
    return meta


class ModelStore:
    """A folder of saved runs, each ``<run_id>.keras`` + ``<run_id>.json`` (+ ``<run_id>.timeline.npz``
    for a run that recorded its replay)."""

    def __init__(self, root: Path | str | None = None):
        self.root = Path(root) if root is not None else default_root()

    def model_path(self, run_id: str) -> Path:
        return self.root / f"{self._checked(run_id)}.keras"

    def meta_path(self, run_id: str) -> Path:
        return self.root / f"{self._checked(run_id)}.json"

    def timeline_path(self, run_id: str) -> Path:
        return self.root / f"{self._checked(run_id)}.timeline.npz"

    @staticmethod
    def _checked(run_id: str) -> str:
        """Run ids are plain file names: refuse paths so nothing outside the folder is touched."""
        if not run_id or "/" in run_id or "\\" in run_id or run_id.startswith("."):
            raise UserError("store.err_not_found", run_id=run_id)
        return run_id

    def save(self, model, meta: dict, timeline=None) -> str:
        """Save ``model`` with ``meta`` (``run_id`` and ``created`` are filled in) and, when given, the
        run's ``timeline`` (a :class:`cnn_core.timeline.Timeline` with frames; ``meta["timeline_frames"]``
        says how many); returns the run id. Each file is written atomically; the timeline before the
        metadata, so a run listed with ``timeline_frames`` has its replay."""
        self.root.mkdir(parents=True, exist_ok=True)
        run_id = new_run_id()
        meta = {**meta, "run_id": run_id}
        meta.setdefault("created", datetime.now(timezone.utc).isoformat(timespec="seconds"))
        if timeline is not None and timeline.frames:
            meta["timeline_frames"] = len(timeline.frames)
        try:
            save_model_file(model, self.model_path(run_id))
            if timeline is not None and timeline.frames:
                data = timeline.to_bytes()
                _atomic_write(self.timeline_path(run_id), lambda temp: temp.write_bytes(data))
            write_meta(meta, self.meta_path(run_id))
        except OSError as exc:
            self.model_path(run_id).unlink(missing_ok=True)
            self.timeline_path(run_id).unlink(missing_ok=True)
            raise UserError("store.err_save_failed", reason=exc.strerror or str(exc)) from exc
        return run_id

    def list(self) -> list[dict]:
        """Metas of every saved run, newest first; unreadable runs come as ``{run_id, broken, error}``."""
        if not self.root.is_dir():
            return []
        run_ids = {path.stem for path in self.root.iterdir()
                   if path.suffix in (".keras", ".json") and not path.name.startswith(".")}
        entries = []
        for run_id in run_ids:
            meta_path, model_path = self.root / f"{run_id}.json", self.root / f"{run_id}.keras"
            if not model_path.is_file():
                entries.append({"run_id": run_id, "broken": True, "error": "model file missing"})
                continue
            try:
                meta = json.loads(meta_path.read_text(encoding="utf-8"))
                if not isinstance(meta, dict):
                    raise ValueError("metadata is not a JSON object")
            except (OSError, ValueError) as exc:
                entries.append({"run_id": run_id, "broken": True, "error": f"{type(exc).__name__}: {exc}"[:200]})
                continue
            entries.append({**meta, "run_id": run_id})
        return sorted(entries, key=lambda entry: (str(entry.get("created", "")), entry["run_id"]), reverse=True)

    def load(self, run_id: str):
        """``(model, meta)`` of a saved run; ``UserError`` if it is missing or unreadable. A run whose
        metadata says it was taught a learner's own classes (``kind: "taught"``) has as many outputs
        as it names classes; every other run has the dataset's ten."""
        try:
            saved = json.loads(self.meta_path(run_id).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = {}
        taught = isinstance(saved, dict) and saved.get("kind") == "taught" and isinstance(saved.get("class_names"), list)
        model, meta = load_model_file(self.model_path(run_id), len(saved["class_names"]) if taught else NUM_CLASSES)
        return model, {**meta, "run_id": run_id}

    def load_timeline(self, run_id: str):
        """The saved run's replay (a :class:`cnn_core.timeline.Timeline`), or ``None`` when it has none
        (saved before replays, or uploaded). ``UserError("store.err_timeline_corrupt")`` for a damaged file."""
        from cnn_core.timeline import Timeline

        path = self.timeline_path(run_id)
        if not path.is_file():
            return None
        try:
            return Timeline.from_bytes(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise UserError("store.err_timeline_corrupt", file=path.name) from exc

    def delete(self, run_id: str) -> None:
        for path in (self.model_path(run_id), self.meta_path(run_id), self.timeline_path(run_id)):
            path.unlink(missing_ok=True)


def pretrained(dataset: str):
    """``(model, meta)`` of the default model shipped in ``assets/models/<dataset>.keras``."""
    path = ASSETS_MODELS / f"{dataset}.keras"
    if not path.is_file():
        raise UserError("store.err_no_pretrained", dataset=dataset)
    model, meta = load_model_file(path)
    return model, {**meta, "run_id": f"pretrained-{dataset}", "pretrained": True}
