"""A torn array cache or a damaged tfds folder heals by itself (cnn_core.datasets.load): the data
comes back identical, the damaged file is rewritten, and the Dataset says what was repaired."""

from __future__ import annotations

import shutil
import zipfile

import numpy as np
import pytest

from cnn_core import datasets
from cnn_core.errors import UserError
from tests.conftest import TEST_DATA_DIR


@pytest.fixture
def copied(tmp_path, prepared_data):
    """A copy of the prepared MNIST (its tfds folder and its array cache) in a data dir of its own."""
    shutil.copytree(TEST_DATA_DIR / "mnist", tmp_path / "mnist")
    (tmp_path / "_fcl_arrays").mkdir()
    for cache in (TEST_DATA_DIR / "_fcl_arrays").glob("mnist-*.npz"):
        shutil.copy(cache, tmp_path / "_fcl_arrays" / cache.name)
    return tmp_path


def cache_of(data_dir):
    (cache,) = (data_dir / "_fcl_arrays").glob("mnist-*.npz")
    return cache


def same_data(loaded, reference) -> None:
    for key in datasets.ARRAY_KEYS:
        assert np.array_equal(getattr(loaded, key), getattr(reference, key)), key


@pytest.mark.parametrize("damage", ["truncated", "zeroed", "foreign"])
def test_a_torn_array_cache_is_rebuilt(copied, prepared_data, damage):
    cache = cache_of(copied)
    data = cache.read_bytes()
    if damage == "truncated":
        cache.write_bytes(data[: len(data) // 2])
    elif damage == "zeroed":
        cache.write_bytes(data[:1000] + bytes(len(data) - 1000))
    else:  # a valid .npz that holds something else
        np.savez(cache, train_images=np.zeros((3, 5)))
    loaded = datasets.load("mnist", data_dir=copied, probe=lambda: False)
    assert loaded.source == datasets.SOURCE_PREPARED
    assert loaded.repairs == (datasets.REPAIRED_CACHE,)
    same_data(loaded, prepared_data["mnist"])
    assert zipfile.is_zipfile(cache)                             # written again, whole
    again = datasets.load("mnist", data_dir=copied, probe=lambda: False)
    assert again.repairs == ()
    same_data(again, prepared_data["mnist"])


@pytest.mark.parametrize("damage", ["records cut short", "torn dataset_info.json"])
def test_a_damaged_tfds_folder_is_found_and_prepared_again(copied, prepared_data, monkeypatch, damage):
    """The damage must be read as such and the folder deleted and prepared again. The preparation
    itself is tfds' real build from the shipped originals, which the cold-start test runs
    (tests/data/test_datasets.py, half a minute); here a copy of the good folder stands in for it."""
    cache_of(copied).unlink()                                    # so the folder itself is read
    (version,) = (copied / "mnist").iterdir()
    if damage == "records cut short":
        (record,) = version.glob("mnist-train.tfrecord*")
        record.write_bytes(record.read_bytes()[:100_000])
    else:
        (version / "dataset_info.json").write_text("{torn")
    prepared_again = []
    real_load = datasets._load

    def stand_in_for_the_build(name, data_dir, *args):
        if not (data_dir / name).exists():                       # the damaged folder has been deleted
            prepared_again.append(name)
            shutil.copytree(TEST_DATA_DIR / name, data_dir / name)
        return real_load(name, data_dir, *args)

    monkeypatch.setattr(datasets, "_load", stand_in_for_the_build)
    loaded = datasets.load("mnist", data_dir=copied, probe=lambda: False)
    assert prepared_again == ["mnist"]
    assert datasets.REPAIRED_FOLDER in loaded.repairs
    same_data(loaded, prepared_data["mnist"])
    assert datasets.load("mnist", data_dir=copied, probe=lambda: False).repairs == ()


def test_a_damaged_folder_without_originals_is_a_clear_error(copied, monkeypatch):
    cache_of(copied).unlink()
    (version,) = (copied / "mnist").iterdir()
    (record,) = version.glob("mnist-test.tfrecord*")
    record.unlink()
    monkeypatch.setattr(datasets, "manual_dir_for", lambda name: None)
    with pytest.raises(UserError) as caught:
        datasets.load("mnist", data_dir=copied, probe=lambda: False)
    assert caught.value.key == "data.err_damaged"
    assert (copied / "mnist").is_dir()                          # nothing deleted that could not be rebuilt
