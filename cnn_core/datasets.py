"""Datasets through tensorflow-datasets (tfds), the source of truth, working with no network.

Where the data for a dataset comes from, first that works:

1. **prepared** — tfds already prepared it in our data dir: read it.
2. **shipped** — the original files ship in ``assets/data/<name>/`` (or sit in a folder named by
   ``FCL_MANUAL_DIR``): the real tfds builder prepares them offline with
   ``DownloadConfig(manual_dir=...)`` and checks their sizes and checksums.
3. **download** — tfds downloads them, but only after a quick probe (at most ~3 s) says the
   download host answers. Without that probe ``tfds.load`` on a dead network hangs for minutes.

Images come out exactly as tfds gives them: ``uint8`` arrays shaped ``(N, 28, 28, 1)``; labels are
``int64``. The arrays are read-only so one copy can be shared by every session of a server.

Damage heals by itself: a torn or foreign array cache (``_fcl_arrays/<name>-<version>.npz``, written
for fast later starts) is deleted and written again from tfds' records; a damaged tfds folder
(records cut short or missing, a torn ``dataset_info.json``) is deleted and prepared again from the
shipped originals. The :class:`Dataset` says what was repaired (``repairs``) so the app can tell.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import socket
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from cnn_core import library_patches
from cnn_core.errors import UserError

ASSETS_DATA = Path(__file__).resolve().parent.parent / "assets" / "data"
DOWNLOAD_HOST = ("storage.googleapis.com", 443)
IMAGE_SHAPE = (28, 28, 1)

SOURCE_PREPARED = "prepared"
SOURCE_SHIPPED = "shipped"
SOURCE_DOWNLOAD = "download"
REPAIRED_CACHE = "cache"     # the array cache was torn and has been written again
REPAIRED_FOLDER = "folder"   # tfds' prepared folder was damaged and has been prepared again
ARRAY_KEYS = ("train_images", "train_labels", "test_images", "test_labels")

ProgressCallback = Callable[[str], None]
StepCallback = Callable[[str, int, "int | None"], None]  # (tfds' step description, done, total)


@dataclass(frozen=True)
class Profile:
    """How a dataset's items sit in their 28x28 frame (the preprocessing copies it for new pictures)."""

    item_size: int   # longest side of the item's bounding box, in pixels
    centring: str    # "box": centre the bounding box; "mass": centre the centre of mass


# The original MNIST-style files: (split, images, labels), gzipped IDX as LeCun published them.
IDX_FILES = (("train", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
             ("test", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"))


@dataclass(frozen=True)
class DatasetSpec:
    """A dataset the app trains and classifies on: its tfds builder name and how its pictures look.

    Its display name is the i18n key ``data.name.<name>`` and its class names are the keys
    ``classes.<name>.0``, ``classes.<name>.1``, ... (``cnn_core/i18n/``); its original files go in
    ``assets/data/<name>/`` so that tfds can prepare it offline.

    Args:
        name: the tfds builder's name (``"fashion_mnist"``).
        profile: how its items sit in their frame (new pictures are framed the same way).
        files: ``(split, images file, labels file)`` for each split: the original gzipped IDX files
            in its ``assets/data/<name>/`` folder (:func:`read_original_files` reads them).
    """

    name: str
    profile: Profile
    files: tuple[tuple[str, str, str], ...] = IDX_FILES

    @property
    def name_key(self) -> str:
        return f"data.name.{self.name}"


DATASETS: dict[str, DatasetSpec] = {}
DEFAULT_DATASET = "fashion_mnist"  # the lesson's dataset: what every page, run and command uses unless told


def register_dataset(spec: DatasetSpec) -> DatasetSpec:
    """Add ``spec`` to the registry: the sidebar, the Train page, the CLI and preprocessing read it."""
    DATASETS[spec.name] = spec
    return spec


# Fashion-MNIST: each product was trimmed, its longest edge resized to 28 and the box centred.
register_dataset(DatasetSpec(DEFAULT_DATASET, Profile(item_size=28, centring="box")))
# MNIST: each digit fits a 20x20 box and its centre of mass sits at the frame's centre.
register_dataset(DatasetSpec("mnist", Profile(item_size=20, centring="mass")))


@dataclass(frozen=True)
class Dataset:
    """One dataset in memory, with its tfds metadata and where it came from."""

    name: str
    info: object  # tfds.core.DatasetInfo
    class_names: list[str]
    source: str
    source_detail: str
    data_dir: Path
    train_images: np.ndarray
    train_labels: np.ndarray
    test_images: np.ndarray
    test_labels: np.ndarray
    load_seconds: float
    repairs: tuple[str, ...] = ()   # what loading had to rebuild: REPAIRED_CACHE, REPAIRED_FOLDER

    @property
    def num_classes(self) -> int:
        return len(self.class_names)

    def split(self, split: str) -> tuple[np.ndarray, np.ndarray]:
        """``(images, labels)`` of ``"train"`` or ``"test"``."""
        if split == "train":
            return self.train_images, self.train_labels
        if split == "test":
            return self.test_images, self.test_labels
        raise ValueError(f"unknown split {split!r}")


def default_data_dir() -> Path:
    """Where tfds keeps prepared data: ``$FCL_DATA_DIR``, else ``~/.fashion_cnn_lab/tensorflow_datasets``."""
    configured = os.environ.get("FCL_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".fashion_cnn_lab" / "tensorflow_datasets"


def manual_dir_for(name: str) -> Path | None:
    """A folder holding the dataset's original files, if we have one (shipped or ``$FCL_MANUAL_DIR``)."""
    candidates = [ASSETS_DATA / name]
    if os.environ.get("FCL_MANUAL_DIR"):
        candidates.insert(0, Path(os.environ["FCL_MANUAL_DIR"]).expanduser() / name)
    for folder in candidates:
        if folder.is_dir() and any(folder.iterdir()):
            return folder
    return None


def network_reachable(host: tuple[str, int] = DOWNLOAD_HOST, timeout: float = 3.0) -> bool:
    """True when a TCP connection to the download host opens within ``timeout`` seconds."""
    try:
        with socket.create_connection(host, timeout=timeout):
            return True
    except OSError:
        return False


def _builder(name: str, data_dir: Path):
    tfds = library_patches.import_tfds()

    try:
        return tfds.builder(name, data_dir=str(data_dir))
    except Exception as exc:  # tfds raises its own DatasetNotFoundError and friends
        raise UserError("data.err_unknown_dataset", name=name) from exc


def plan_source(name: str, data_dir: Path | None = None,
                probe: Callable[[], bool] = network_reachable) -> tuple[str, str]:
    """Decide where ``name`` will come from: ``(source, detail)``, or raise ``UserError`` offline."""
    data_dir = Path(data_dir or default_data_dir())
    builder = _builder(name, data_dir)
    if builder.is_prepared():
        return SOURCE_PREPARED, str(Path(builder.data_dir))
    manual = manual_dir_for(name)
    if manual is not None:
        return SOURCE_SHIPPED, str(manual)
    if probe():
        return SOURCE_DOWNLOAD, f"{DOWNLOAD_HOST[0]}"
    raise UserError("data.err_offline", name=name)


def _arrays_cache(data_dir: Path, name: str, version: str) -> Path:
    return data_dir / "_fcl_arrays" / f"{name}-{version}.npz"


def _checked_arrays(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """``arrays`` if they are what a cache holds (uint8 28x28x1 images, integer labels, one per
    image), else ``ValueError``."""
    for split in ("train", "test"):
        images, labels = arrays[f"{split}_images"], arrays[f"{split}_labels"]
        if (images.dtype != np.uint8 or images.shape[1:] != IMAGE_SHAPE or labels.ndim != 1
                or not np.issubdtype(labels.dtype, np.integer) or len(images) != len(labels) or not len(labels)):
            raise ValueError(f"the cached {split} split is not a dataset's arrays")
    return arrays


def _cached_arrays(cache: Path) -> dict[str, np.ndarray] | None:
    """The arrays in ``cache``, or ``None`` when there is no cache. A torn or foreign cache file is
    deleted and ``None`` returned (it is then written again from tfds' records)."""
    if not cache.exists():
        return None
    try:
        with np.load(cache, allow_pickle=False) as stored:
            return _checked_arrays({key: stored[key] for key in ARRAY_KEYS})
    except Exception:  # noqa: BLE001 - BadZipFile, zlib.error, KeyError, ValueError, OSError: all mean torn
        cache.unlink(missing_ok=True)
        return None


def _read_arrays(builder, data_dir: Path) -> tuple[dict[str, np.ndarray], bool]:
    """Read both splits as numpy, caching them next to tfds' files for fast later starts.
    Returns ``(arrays, repaired)``: ``repaired`` when a torn cache file had to be written again."""
    tfds = library_patches.import_tfds()

    cache = _arrays_cache(data_dir, builder.name, str(builder.info.version))
    had_cache = cache.exists()
    arrays = _cached_arrays(cache)
    if arrays is not None:
        return arrays, False
    arrays = {}
    for split in ("train", "test"):
        images, labels = tfds.as_numpy(builder.as_dataset(split=split, batch_size=-1, as_supervised=True))
        arrays[f"{split}_images"] = images.astype(np.uint8, copy=False)
        arrays[f"{split}_labels"] = labels.astype(np.int64, copy=False)
    _checked_arrays(arrays)
    cache.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=cache.parent, suffix=".npz", delete=False) as handle:
        np.savez(handle, **arrays)
    os.replace(handle.name, cache)
    return arrays, had_cache


def load(name: str = DEFAULT_DATASET, data_dir: Path | str | None = None,
         progress: ProgressCallback | None = None,
         probe: Callable[[], bool] = network_reachable, steps: StepCallback | None = None) -> Dataset:
    """Load ``name`` through tfds, preparing it first if needed (see the module docstring).

    ``progress`` receives stage names: ``"checking"``, ``"preparing"`` (tfds builds its files from the
    originals, ~30 s for Fashion-MNIST on 2 cores), ``"downloading"``, ``"reading"``, ``"ready"``.
    ``steps`` receives tfds' own progress while it prepares: ``(description, done, total)``.

    A prepared folder that cannot be read (records cut short or missing, a torn ``dataset_info.json``)
    is deleted and prepared again from the original files when they are at hand; the result then
    lists :data:`REPAIRED_FOLDER` in ``repairs``. Without original files the failure is
    ``UserError("data.err_damaged")``.
    """
    data_dir = Path(data_dir or default_data_dir())
    prepared_folder = data_dir / name
    try:
        return _load(name, data_dir, progress, probe, steps)
    except UserError as err:
        if err.key in ("data.err_offline", "data.err_prepare_failed", "data.err_download_failed",
                       "data.err_not_small_gray") or not prepared_folder.is_dir():
            raise
        failure: Exception = err
    except Exception as exc:  # noqa: BLE001 - tfds' DataLossError, NotFoundError, KeyError...: a damaged folder
        if not prepared_folder.is_dir():
            raise
        failure = exc
    if name not in DATASETS or manual_dir_for(name) is None:
        raise UserError("data.err_damaged", name=name, folder=str(prepared_folder),
                        reason=str(failure)[:300]) from failure
    shutil.rmtree(prepared_folder, ignore_errors=True)
    for cache in (data_dir / "_fcl_arrays").glob(f"{name}-*.npz"):
        cache.unlink(missing_ok=True)
    repaired = _load(name, data_dir, progress, probe, steps)
    return dataclasses.replace(repaired, repairs=tuple(dict.fromkeys(repaired.repairs + (REPAIRED_FOLDER,))))


def _load(name: str, data_dir: Path, progress: ProgressCallback | None, probe: Callable[[], bool],
          steps: StepCallback | None) -> Dataset:
    tfds = library_patches.import_tfds()

    started = time.perf_counter()
    report = progress or (lambda stage: None)
    data_dir.mkdir(parents=True, exist_ok=True)
    report("checking")
    source, detail = plan_source(name, data_dir, probe=probe)
    builder = _builder(name, data_dir)
    # tfds names extracted manual files by file name alone, and MNIST and Fashion-MNIST share their
    # file names: one download folder per dataset keeps one from being read as the other.
    download_dir = data_dir / "downloads" / name
    if source == SOURCE_SHIPPED:
        report("preparing")
        try:
            with library_patches.tfds_progress_to(steps):
                builder.download_and_prepare(
                    download_dir=str(download_dir),
                    download_config=tfds.download.DownloadConfig(manual_dir=detail))
        except Exception as exc:  # wrong or damaged files fail tfds' checksum check
            raise UserError("data.err_prepare_failed", name=name, folder=detail, reason=str(exc)[:300]) from exc
        shutil.rmtree(download_dir, ignore_errors=True)  # the prepared records are all tfds reads later
    elif source == SOURCE_DOWNLOAD:
        report("downloading")
        try:
            with library_patches.tfds_progress_to(steps):
                builder.download_and_prepare(download_dir=str(download_dir))
        except Exception as exc:
            raise UserError("data.err_download_failed", name=name, reason=str(exc)[:300]) from exc
    check_image_shape(builder.info)
    report("reading")
    arrays, cache_repaired = _read_arrays(builder, data_dir)
    for array in arrays.values():
        array.flags.writeable = False
    report("ready")
    return Dataset(
        name=name,
        info=builder.info,
        class_names=list(builder.info.features["label"].names),
        source=source,
        source_detail=detail,
        data_dir=data_dir,
        load_seconds=time.perf_counter() - started,
        repairs=(REPAIRED_CACHE,) if cache_repaired else (),
        **arrays,
    )


def read_original_files(name: str, folder: Path | str | None = None, info=None) -> Dataset:
    """The dataset straight from its original IDX ``.gz`` files, without tfds (about half a second).

    Tests and worker processes use it where preparing with tfds would cost half a minute and give the
    same arrays: tfds reads these very files. ``info`` is ``None`` unless the caller passes one;
    class names are the catalog's English ones (``cnn_core.i18n``).
    """
    import gzip

    from cnn_core import i18n

    folder = Path(folder) if folder is not None else manual_dir_for(name)
    if folder is None:
        raise UserError("data.err_offline", name=name)
    started = time.perf_counter()
    arrays = {}
    for split, images_file, labels_file in DATASETS[name].files:
        with gzip.open(folder / images_file, "rb") as handle:
            images = np.frombuffer(handle.read(), dtype=np.uint8, offset=16)
        with gzip.open(folder / labels_file, "rb") as handle:
            labels = np.frombuffer(handle.read(), dtype=np.uint8, offset=8).astype(np.int64)
        arrays[f"{split}_images"] = images.reshape(-1, *IMAGE_SHAPE)
        arrays[f"{split}_labels"] = labels
        for array in (arrays[f"{split}_images"], arrays[f"{split}_labels"]):
            array.flags.writeable = False
    return Dataset(name=name, info=info, class_names=i18n.class_names(name, "en"), source=SOURCE_SHIPPED,
                   source_detail=str(folder), data_dir=folder, load_seconds=time.perf_counter() - started,
                   **arrays)


def check_image_shape(info) -> None:
    """Refuse datasets whose images are not 28x28 grayscale: the app's models expect that shape."""
    if image_shape(info) != IMAGE_SHAPE:
        raise UserError("data.err_not_small_gray", name=info.name, shape=str(image_shape(info)))


def image_shape(info) -> tuple | None:
    """The ``image`` feature's shape of a tfds ``DatasetInfo`` (``None`` when it has no such feature)."""
    try:
        return tuple(info.features["image"].shape)
    except (KeyError, TypeError, AttributeError):
        return None


def catalog() -> list[str]:
    """Every dataset name tfds knows about (no network needed)."""
    tfds = library_patches.import_tfds()

    return sorted(tfds.list_builders(with_community_datasets=False))


def builder_info(name: str, data_dir: Path | str | None = None):
    """tfds metadata of any dataset in the catalog, read without preparing or downloading it."""
    return _builder(name, Path(data_dir or default_data_dir())).info


def class_counts(labels: np.ndarray, num_classes: int) -> np.ndarray:
    """How many examples each class has."""
    return np.bincount(np.asarray(labels, dtype=np.int64), minlength=num_classes)


def pixel_histogram(images: np.ndarray, bins: int = 32) -> tuple[np.ndarray, np.ndarray]:
    """Counts of pixel intensities 0..255 in ``bins`` equal bins: ``(counts, bin_edges)``."""
    counts = np.bincount(np.asarray(images, dtype=np.uint8).ravel(), minlength=256)
    edges = np.linspace(0, 256, bins + 1)
    per_bin = np.add.reduceat(counts, edges[:-1].astype(int))
    return per_bin, edges


def example_indices(labels: np.ndarray, class_filter: int | None = None, seed: int | None = None) -> np.ndarray:
    """Indices of examples to show: all (or one class's), in order or shuffled with ``seed``."""
    indices = np.arange(len(labels)) if class_filter is None else np.flatnonzero(labels == class_filter)
    if seed is not None:
        indices = np.random.default_rng(seed).permutation(indices)
    return indices
