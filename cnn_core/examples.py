"""A learner's own example set: 2 to 10 named classes and their pictures, ready to teach a model.

Every picture goes through :func:`cnn_core.preprocess.to_model_input` — the same path Classify
uses — and is kept only as the 28x28 ``uint8`` image a model sees (a camera photo would otherwise
weigh a megabyte). The set remembers which framing it used (its ``profile``) so a model taught on
it frames new pictures the same way.

Which framing: ``"fashion_mnist"`` (the item's box stretched to fill the frame). The model being
taught keeps the convolution layers of a network trained on Fashion-MNIST, whose filters learned
to read items that fill the 28x28 frame; a drawing or a photo framed the same way lights them up
as the clothes did. (MNIST's 20-pixel box would leave a border those filters never saw used.)

Class names are stored as typed (any script: বৃত্ত, Kreis, circle), after Unicode NFC
normalisation so that two ways of typing the same Bengali letters count as one name; names that
differ only in case or spacing are duplicates. Examples and classes carry ids that never change,
so a page can key its buttons by them. The last removal can be undone.

:meth:`ExampleSet.to_zip` writes ``labels.json`` plus one PNG per example;
:meth:`ExampleSet.from_zip` reads such a zip back (and, hostile input in mind, refuses anything
too big, too many, or not what ``labels.json`` promises) without ever writing to disk.

:class:`ExampleStore` keeps sets on this computer so that nothing a learner made is lost when the
tab closes or the server restarts: a folder (``$FCL_EXAMPLES_DIR``, else
``~/.fashion_cnn_lab/examples``) with, per set, the very zip :meth:`ExampleSet.to_zip` writes and a
small JSON of what a list shows (class names, counts, times). Both are written atomically.
"""

from __future__ import annotations

import io
import json
import os
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from PIL import Image

from cnn_core import datasets, preprocess, uploads
from cnn_core.errors import UserError
from cnn_core.store import _atomic_write, new_run_id

MIN_CLASSES = 2
MAX_CLASSES = 10
MAX_EXAMPLES = 1000           # in the whole set: 10 classes x 100 pictures
MAX_NAME_LENGTH = 40          # characters
FEW_EXAMPLES = 5              # a class with fewer gets a warning
MIN_TO_TRAIN = 2              # per class: one to learn from, one held out to check
UNBALANCED_RATIO = 3.0        # biggest class / smallest class above this gets a warning
DEFAULT_PROFILE = datasets.DEFAULT_DATASET

ZIP_FORMAT = "fashion-cnn-lab/examples"
ZIP_VERSION = 1
LABELS_FILE = "labels.json"
MAX_ZIP_BYTES = 20 * 1024 * 1024            # the uploaded zip itself
MAX_ZIP_UNPACKED = 100 * 1024 * 1024        # everything in it, unpacked (zip bombs are far bigger)
MAX_ZIP_MEMBERS = MAX_EXAMPLES + 10
MAX_LABELS_BYTES = 1024 * 1024              # labels.json: 1,000 entries take about 70 KB
MAX_MEMBER_PIXELS = 4_000_000               # one picture in the zip (2000 x 2000)
MAX_ZIP_PIXELS = 20_000_000                 # all its pictures together
EXAMPLE_ZIP = uploads.ZipLimits(max_bytes=MAX_ZIP_BYTES, max_members=MAX_ZIP_MEMBERS, max_unpacked=MAX_ZIP_UNPACKED,
                                max_member_unpacked=preprocess.MAX_UPLOAD_BYTES)

SOURCES = ("draw", "camera", "upload", "import")
TAUGHT = "taught"   # ``meta["kind"]`` of a model taught a learner's own classes (see model_class_names)


@dataclass(frozen=True)
class Example:
    """One picture of one class: ``image`` is the read-only 28x28 ``uint8`` model input."""

    id: int
    class_id: int
    image: np.ndarray = field(repr=False)
    source: str


@dataclass(frozen=True)
class LearnerClass:
    id: int
    name: str


def clean_name(name: str) -> str:
    """A class name as it is kept: NFC-normalised, control characters dropped, spaces collapsed."""
    text = unicodedata.normalize("NFC", str(name))
    text = "".join(char for char in text if unicodedata.category(char) not in ("Cc", "Cf")
                   or char in "\u200c\u200d")  # ZWNJ/ZWJ shape Bengali conjuncts: keep them
    return " ".join(text.split())


def _name_key(name: str) -> str:
    """What two names must differ in to be different classes (case and spacing do not count)."""
    return clean_name(name).casefold()


def _readonly(image: np.ndarray) -> np.ndarray:
    array = np.array(image, dtype=np.uint8, copy=True)
    array.flags.writeable = False
    return array


class ExampleSet:
    """Classes and their example pictures (see the module docstring). Not thread-safe: the page
    that owns it changes it; a training run gets a copy through :meth:`arrays`."""

    def __init__(self, profile: str = DEFAULT_PROFILE):
        if profile not in datasets.DATASETS:
            raise ValueError(f"unknown preprocessing profile {profile!r}")
        self.profile = profile
        self._classes: list[LearnerClass] = []
        self._examples: list[Example] = []
        self._next_id = 1
        self._undo: tuple[list[LearnerClass], list[Example]] | None = None
        self.version = 0  # grows with every change, so a page can cache what it derives from the set

    # ----------------------------------------------------------------------------- reading
    @property
    def classes(self) -> list[LearnerClass]:
        return list(self._classes)

    @property
    def class_names(self) -> list[str]:
        return [entry.name for entry in self._classes]

    def __len__(self) -> int:
        return len(self._examples)

    def index_of(self, class_id: int) -> int:
        """The class's position (its label number) in the current order."""
        for index, entry in enumerate(self._classes):
            if entry.id == class_id:
                return index
        raise KeyError(class_id)

    def examples(self, class_id: int | None = None) -> list[Example]:
        """All examples, or one class's, oldest first."""
        return [example for example in self._examples if class_id is None or example.class_id == class_id]

    def counts(self) -> list[int]:
        """Examples per class, in class order."""
        return [len(self.examples(entry.id)) for entry in self._classes]

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """``(images (N, 28, 28) uint8, labels (N,) int64)``; labels are class positions."""
        positions = {entry.id: index for index, entry in enumerate(self._classes)}
        if not self._examples:
            return np.zeros((0, preprocess.SIZE, preprocess.SIZE), np.uint8), np.zeros(0, np.int64)
        images = np.stack([example.image for example in self._examples])
        labels = np.array([positions[example.class_id] for example in self._examples], dtype=np.int64)
        return images, labels

    def as_dataset(self, name: str) -> datasets.Dataset:
        """The set as a :class:`cnn_core.datasets.Dataset` whose train and test splits both hold all
        the examples (``(N, 28, 28, 1)``), for pages made to show a dataset's test split.
        ``source_detail`` names the set's version, so a cache keyed by it sees every change."""
        images, labels = self.arrays()
        images = images[..., None]
        for array in (images, labels):
            array.flags.writeable = False
        return datasets.Dataset(name=name, info=None, class_names=self.class_names, source="examples",
                                source_detail=f"v{self.version}", data_dir=Path("."), train_images=images,
                                train_labels=labels, test_images=images, test_labels=labels, load_seconds=0.0)

    def warnings(self) -> list[tuple[str, dict]]:
        """What could make training go badly, as ``(i18n key, values)``: too few classes, empty or
        small classes, and classes much bigger than others."""
        found: list[tuple[str, dict]] = []
        if len(self._classes) < MIN_CLASSES:
            found.append(("teach.warn_need_classes", {"minimum": MIN_CLASSES}))
        counts = self.counts()
        for entry, count in zip(self._classes, counts):
            if count == 0:
                found.append(("teach.warn_empty", {"name": entry.name}))
            elif count < FEW_EXAMPLES:
                found.append(("teach.warn_few", {"name": entry.name, "count": count, "minimum": FEW_EXAMPLES}))
        filled = [(count, entry.name) for entry, count in zip(self._classes, counts) if count > 0]
        if len(filled) >= 2:
            (small, small_name), (big, big_name) = min(filled), max(filled)
            if big / small > UNBALANCED_RATIO:
                found.append(("teach.warn_unbalanced", {"big": big_name, "big_count": big,
                                                         "small": small_name, "small_count": small}))
        return found

    def check_trainable(self) -> None:
        """Raise ``UserError`` unless a model can be taught: at least two classes, and in each class
        at least :data:`MIN_TO_TRAIN` examples (one to learn from, one to check the model on)."""
        if len(self._classes) < MIN_CLASSES:
            raise UserError("teach.err_need_classes", minimum=MIN_CLASSES)
        for entry, count in zip(self._classes, self.counts()):
            if count < MIN_TO_TRAIN:
                raise UserError("teach.err_class_too_few", name=entry.name, count=count, minimum=MIN_TO_TRAIN)

    # ----------------------------------------------------------------------------- classes
    def _checked_name(self, name: str, ignore_id: int | None = None) -> str:
        cleaned = clean_name(name)
        if not cleaned:
            raise UserError("teach.err_name_empty")
        if len(cleaned) > MAX_NAME_LENGTH:
            raise UserError("teach.err_name_long", limit=MAX_NAME_LENGTH)
        key = _name_key(cleaned)
        if any(_name_key(entry.name) == key for entry in self._classes if entry.id != ignore_id):
            raise UserError("teach.err_name_duplicate", name=cleaned)
        return cleaned

    def _take_id(self) -> int:
        value = self._next_id
        self._next_id += 1
        return value

    def _changed(self) -> None:
        self.version += 1

    def add_class(self, name: str) -> int:
        """Add an empty class; returns its id. Refuses an empty, too long or duplicate name, and an
        eleventh class."""
        if len(self._classes) >= MAX_CLASSES:
            raise UserError("teach.err_too_many_classes", limit=MAX_CLASSES)
        entry = LearnerClass(self._take_id(), self._checked_name(name))
        self._classes.append(entry)
        self._changed()
        return entry.id

    def rename_class(self, class_id: int, name: str) -> None:
        index = self.index_of(class_id)
        self._classes[index] = LearnerClass(class_id, self._checked_name(name, ignore_id=class_id))
        self._changed()

    def remove_class(self, class_id: int) -> int:
        """Remove a class with its examples (undoable); returns how many examples went with it."""
        index = self.index_of(class_id)
        gone = self.examples(class_id)
        self._undo = ([self._classes[index]], gone)
        del self._classes[index]
        self._examples = [example for example in self._examples if example.class_id != class_id]
        self._changed()
        return len(gone)

    # ----------------------------------------------------------------------------- examples
    def _room_for(self, count: int) -> None:
        if len(self._examples) + count > MAX_EXAMPLES:
            raise UserError("teach.err_full", limit=MAX_EXAMPLES)

    def add_image28(self, class_id: int, image28: np.ndarray, source: str = "import") -> Example:
        """Add a picture that already is a 28x28 model input (from a zip, or a dataset)."""
        self.index_of(class_id)
        array = np.asarray(image28)
        if array.shape == (28, 28, 1):
            array = array[:, :, 0]
        if array.shape != (preprocess.SIZE, preprocess.SIZE):
            raise UserError("classify.err_shape", shape=str(tuple(array.shape)))
        self._room_for(1)
        example = Example(self._take_id(), class_id, _readonly(array), source if source in SOURCES else "import")
        self._examples.append(example)
        self._changed()
        return example

    def add_picture(self, class_id: int, picture, source: str) -> Example:
        """Add any picture (PIL image or array, e.g. the canvas' RGBA drawing): it is preprocessed
        exactly as Classify does it. A blank picture raises ``UserError("classify.err_blank")``."""
        self.index_of(class_id)
        self._room_for(1)
        return self.add_image28(class_id, preprocess.to_model_input(picture, self.profile), source)

    def add_upload(self, class_id: int, data: bytes, filename: str, source: str = "upload") -> Example:
        """Add an uploaded file (checked by :func:`cnn_core.preprocess.read_upload`)."""
        self.index_of(class_id)
        self._room_for(1)
        return self.add_picture(class_id, preprocess.read_upload(data, filename), source)

    def add_uploads(self, class_id: int, files) -> tuple[list[Example], list[UserError]]:
        """Add several ``(filename, bytes)`` files: the good ones go in, each bad one comes back as
        its ``UserError`` (the others are not held back by it). Stops at the size limit."""
        added, errors = [], []
        for filename, data in files:
            try:
                added.append(self.add_upload(class_id, data, filename))
            except UserError as err:
                errors.append(err)
                if err.key == "teach.err_full":
                    break
        return added, errors

    def remove(self, example_id: int) -> None:
        """Remove one example (undoable)."""
        for index, example in enumerate(self._examples):
            if example.id == example_id:
                self._undo = ([], [example])
                del self._examples[index]
                self._changed()
                return
        raise KeyError(example_id)

    def can_undo(self) -> bool:
        return self._undo is not None

    def undo(self) -> None:
        """Bring back what the last removal took (a class keeps its place at the end)."""
        if self._undo is None:
            return
        classes, examples = self._undo
        self._undo = None
        self._classes.extend(classes)
        known = {entry.id for entry in self._classes}
        self._examples.extend(example for example in examples if example.class_id in known)
        self._examples.sort(key=lambda example: example.id)
        self._changed()

    # ----------------------------------------------------------------------------- zip files
    def to_zip(self) -> bytes:
        """``labels.json`` (format, profile, class names, one entry per example) plus
        ``images/<class>/<n>.png``, 28x28 grayscale PNGs."""
        buffer = io.BytesIO()
        entries = []
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for position, entry in enumerate(self._classes):
                for number, example in enumerate(self.examples(entry.id), start=1):
                    name = f"images/{position:02d}/{number:04d}.png"
                    png = io.BytesIO()
                    Image.fromarray(example.image, mode="L").save(png, format="PNG")
                    archive.writestr(name, png.getvalue())
                    entries.append({"file": name, "class": position, "source": example.source})
            labels = {"format": ZIP_FORMAT, "version": ZIP_VERSION, "profile": self.profile,
                      "classes": self.class_names, "examples": entries}
            archive.writestr(LABELS_FILE, json.dumps(labels, ensure_ascii=False, indent=1))
        return buffer.getvalue()

    @classmethod
    def from_zip(cls, data: bytes, filename: str = "examples.zip") -> "ExampleSet":
        """The set saved by :meth:`to_zip`. Anything else raises ``UserError`` (``teach.err_zip_...``,
        ``uploads.err_...``); pictures that are not 28x28 grayscale are preprocessed like uploads.

        Everything is bounded before it is decoded (:data:`EXAMPLE_ZIP`, :func:`cnn_core.uploads.open_zip`):
        bytes, members, unpacked sizes, overlapping members, labels.json's size, depth and types,
        each picture listed once, and a pixel budget shared by all pictures (:data:`MAX_ZIP_PIXELS`)."""
        archive = uploads.open_zip(data, filename, EXAMPLE_ZIP, "teach")
        with archive:
            members = {info.filename: info for info in archive.infolist()}
            labels = _read_labels(archive, members, filename)
            examples = _labelled_files(labels, members, filename)
            loaded = cls(labels.get("profile", DEFAULT_PROFILE))
            ids = [loaded.add_class(name) for name in labels["classes"]]
            loaded._room_for(len(examples))
            pixels_left = MAX_ZIP_PIXELS
            for file_name, position, source in examples:
                picture = _read_member(archive, members[file_name], filename, pixels_left)
                pixels_left -= picture.width * picture.height
                if picture.size == (preprocess.SIZE, preprocess.SIZE) and picture.mode == "L":
                    loaded.add_image28(ids[position], np.asarray(picture), source)
                else:
                    loaded.add_picture(ids[position], picture, source)
        loaded._undo = None
        return loaded

    def merge(self, other: "ExampleSet") -> int:
        """Add ``other``'s classes and examples: a class with the same name as one here gets its
        examples added there, other classes are appended. All or nothing: a merge that would pass a
        limit changes nothing. Returns how many examples came in."""
        keys = {_name_key(entry.name): entry.id for entry in self._classes}
        new_names = [entry.name for entry in other.classes if _name_key(entry.name) not in keys]
        if len(self._classes) + len(new_names) > MAX_CLASSES:
            raise UserError("teach.err_too_many_classes", limit=MAX_CLASSES)
        self._room_for(len(other))
        for name in new_names:
            keys[_name_key(name)] = self.add_class(name)
        for entry in other.classes:
            for example in other.examples(entry.id):
                image = example.image
                if other.profile != self.profile:  # reframe: the 28x28 picture is itself a picture
                    image = preprocess.to_model_input(image, self.profile)
                self.add_image28(keys[_name_key(entry.name)], image, example.source)
        return len(other)


# ------------------------------------------------------------------------ sets kept on this computer
def default_examples_root() -> Path:
    """``$FCL_EXAMPLES_DIR``, else ``~/.fashion_cnn_lab/examples``."""
    configured = os.environ.get("FCL_EXAMPLES_DIR")
    return Path(configured).expanduser() if configured else Path.home() / ".fashion_cnn_lab" / "examples"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ExampleStore:
    """A folder of saved example sets, each ``<set_id>.zip`` (what :meth:`ExampleSet.to_zip`
    writes: the set itself) plus ``<set_id>.json`` (its metadata, so a list never opens the zips).

    Saving under an existing id replaces that entry (a page saves its set after every change under
    one id). Every save gets a fresh ``write`` token in the metadata: a page that remembers the
    token it wrote can tell whether someone else has saved over the entry since.
    """

    def __init__(self, root: Path | str | None = None):
        self.root = Path(root) if root is not None else default_examples_root()

    @staticmethod
    def _checked(set_id: str) -> str:
        """Set ids are plain file names: refuse paths so nothing outside the folder is touched."""
        if not isinstance(set_id, str) or not set_id or "/" in set_id or "\\" in set_id or set_id.startswith("."):
            raise UserError("teach.err_set_missing", set_id=str(set_id)[:40])
        return set_id

    def zip_path(self, set_id: str) -> Path:
        return self.root / f"{self._checked(set_id)}.zip"

    def meta_path(self, set_id: str) -> Path:
        return self.root / f"{self._checked(set_id)}.json"

    def save(self, example_set: ExampleSet, set_id: str | None = None, owner: str | None = None) -> str:
        """Write ``example_set`` under ``set_id`` (a new id when ``None``); returns the id.
        ``owner`` (a session id) is kept from the entry's first save: deleting a set that another
        session made needs the teacher's passcode (:func:`cnn_core.classroom.delete_rule`).
        ``UserError("teach.err_store_failed")`` when the disk refuses; the entry saved before, if
        any, is then left as it was."""
        set_id = self._checked(set_id) if set_id is not None else new_run_id()
        data = example_set.to_zip()
        previous, now = self.meta(set_id) or {}, _now()
        meta = {"id": set_id, "title": ", ".join(example_set.class_names), "class_names": example_set.class_names,
                "counts": example_set.counts(), "total": len(example_set), "profile": example_set.profile,
                "created": previous.get("created") or now, "updated": now, "write": secrets.token_hex(4),
                "owner": previous.get("owner") or owner}
        text = json.dumps(meta, ensure_ascii=False, indent=1)
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            _atomic_write(self.zip_path(set_id), lambda temp: temp.write_bytes(data))
            _atomic_write(self.meta_path(set_id), lambda temp: temp.write_text(text, encoding="utf-8"))
        except OSError as exc:
            raise UserError("teach.err_store_failed", reason=exc.strerror or str(exc)) from exc
        return set_id

    def meta(self, set_id: str) -> dict | None:
        """The saved metadata of one set, or ``None`` when there is none or it cannot be read."""
        try:
            meta = json.loads(self.meta_path(set_id).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return meta if isinstance(meta, dict) else None

    def list(self) -> list[dict]:
        """Every saved set's metadata, most recently changed first. A set whose files are missing or
        damaged comes as ``{"id", "broken": True, "error"}`` (its zip may still open)."""
        if not self.root.is_dir():
            return []
        set_ids = {path.stem for path in self.root.iterdir()
                   if path.suffix in (".zip", ".json") and not path.name.startswith(".")}
        entries = [self._entry(set_id) for set_id in set_ids]
        return sorted(entries, key=lambda entry: (str(entry.get("updated", "")), entry["id"]), reverse=True)

    def _entry(self, set_id: str) -> dict:
        zip_path = self.root / f"{set_id}.zip"
        if not zip_path.is_file():
            return {"id": set_id, "broken": True, "error": "examples zip missing"}
        if not zipfile.is_zipfile(zip_path):
            return {"id": set_id, "broken": True, "error": "examples zip damaged"}
        meta = self.meta(set_id)
        names, counts = (meta or {}).get("class_names"), (meta or {}).get("counts")
        if (meta is None or not isinstance(names, list) or not isinstance(counts, list) or len(names) != len(counts)
                or not all(isinstance(count, int) for count in counts)):
            return {"id": set_id, "broken": True, "error": "metadata missing or damaged"}
        return {**meta, "id": set_id, "class_names": [str(name) for name in names]}

    def load(self, set_id: str) -> ExampleSet:
        """The saved set; ``UserError`` when it is missing (``teach.err_set_missing``) or its zip
        cannot be read (``teach.err_zip_...``)."""
        try:
            data = self.zip_path(set_id).read_bytes()
        except OSError as exc:
            raise UserError("teach.err_set_missing", set_id=set_id) from exc
        return ExampleSet.from_zip(data, self.zip_path(set_id).name)

    def delete(self, set_id: str) -> None:
        for path in (self.zip_path(set_id), self.meta_path(set_id)):
            path.unlink(missing_ok=True)


# ------------------------------------------------------------------------ models taught on a set
def is_taught(meta: dict) -> bool:
    """Whether a model's metadata says it was taught a learner's own classes (not a dataset's)."""
    return meta.get("kind") == TAUGHT and bool(meta.get("class_names"))


def model_class_names(meta: dict, dataset: str, lang: str) -> list[str]:
    """What a model's outputs mean: a taught model's class names as the learner typed them (in any
    language), otherwise the dataset's class names in ``lang``."""
    if is_taught(meta):
        return [str(name) for name in meta["class_names"]]
    from cnn_core import i18n

    return i18n.class_names(dataset, lang)


def answer_names(meta: dict, dataset: str) -> list[str]:
    """Each class as an answer names it: in every language, joined by " — " (a name written the same in
    two languages shows once)."""
    from cnn_core import i18n

    per_language = [model_class_names(meta, dataset, code) for code in i18n.LANGUAGES]
    return [" — ".join(dict.fromkeys(names)) for names in zip(*per_language)]


def model_profile(meta: dict, dataset: str) -> str:
    """How new pictures must be framed for a model: its example set's profile, else its dataset's."""
    profile = meta.get("profile") if is_taught(meta) else None
    return profile if profile in datasets.DATASETS else dataset


def drawings_scope(meta: dict, dataset: str) -> str:
    """The key a page keeps a model's drawings under: a taught model's answers number its own
    classes, so its drawings never mix with the dataset's (or another taught set's)."""
    if not is_taught(meta):
        return dataset
    return f"{dataset}/{TAUGHT}/" + "|".join(str(name) for name in meta["class_names"])


def _read_labels(archive: zipfile.ZipFile, members: dict, filename: str) -> dict:
    info = members.get(LABELS_FILE)
    if info is None:
        raise UserError("teach.err_zip_no_labels", name=filename)
    text = uploads.read_member(archive, info, MAX_LABELS_BYTES, filename)
    labels = uploads.parse_json(text, LABELS_FILE, MAX_LABELS_BYTES)
    uploads.require(labels, "object", LABELS_FILE, "labels.json")
    if labels.get("format") != ZIP_FORMAT:
        raise UserError("teach.err_zip_bad_labels", reason="format")
    classes = uploads.require(labels.get("classes"), "list", LABELS_FILE, "classes")
    for number, name in enumerate(classes):
        uploads.require(name, "text", LABELS_FILE, f"classes[{number}]")
    profile = uploads.require(labels.get("profile", DEFAULT_PROFILE), "text", LABELS_FILE, "profile")
    if profile not in datasets.DATASETS:
        raise UserError("teach.err_zip_bad_labels", reason="profile")
    uploads.require(labels.get("examples"), "list", LABELS_FILE, "examples")
    return labels


def _labelled_files(labels: dict, members: dict, filename: str) -> list[tuple[str, int, str]]:
    """``(file, class position, source)`` per example entry, each checked against the zip; a file
    listed twice is refused (a small zip could otherwise make one big picture be read 1,000 times)."""
    found, seen = [], set()
    for number, entry in enumerate(labels["examples"]):
        uploads.require(entry, "object", LABELS_FILE, f"examples[{number}]")
        name = uploads.require(entry.get("file"), "text", LABELS_FILE, f"examples[{number}].file")
        position = uploads.require(entry.get("class"), "whole", LABELS_FILE, f"examples[{number}].class")
        if name not in members:
            raise UserError("teach.err_zip_missing", name=filename, file=name[:80])
        if name in seen:
            raise UserError("teach.err_zip_repeated", name=filename, file=name[:80])
        seen.add(name)
        if not 0 <= position < len(labels["classes"]):
            raise UserError("teach.err_zip_bad_labels", reason=f"class of {name[:80]}")
        source = entry.get("source", "import")
        found.append((name, position, source if isinstance(source, str) else "import"))
    return found


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, filename: str, pixels_left: int) -> Image.Image:
    """One picture of the zip, read within its byte limit and what is left of the pixel budget."""
    if info.file_size > preprocess.MAX_UPLOAD_BYTES:
        raise UserError("classify.err_too_big", name=info.filename, megabytes=f"{info.file_size / 2**20:.1f}",
                        limit=preprocess.MAX_UPLOAD_BYTES // 2**20)
    data = uploads.read_member(archive, info, preprocess.MAX_UPLOAD_BYTES, filename)
    try:
        return preprocess.read_upload(data, info.filename, max_pixels=min(MAX_MEMBER_PIXELS, pixels_left))
    except UserError as err:
        if err.key == "classify.err_too_many_pixels" and pixels_left < MAX_MEMBER_PIXELS:
            raise UserError("teach.err_zip_pixels", name=filename, limit=MAX_ZIP_PIXELS // 1_000_000) from err
        raise
