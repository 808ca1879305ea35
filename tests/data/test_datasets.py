"""cnn_core.datasets on the real shipped files, offline."""

import numpy as np
import pytest

from cnn_core import datasets
from cnn_core.errors import UserError


def test_fashion_mnist_is_the_real_dataset(fashion):
    assert fashion.train_images.shape == (60000, 28, 28, 1)
    assert fashion.test_images.shape == (10000, 28, 28, 1)
    assert fashion.train_images.dtype == np.uint8 and fashion.train_labels.dtype == np.int64
    assert fashion.class_names[0] == "T-shirt/top" and fashion.class_names[9] == "Ankle boot"
    # Figures from the data README: 6000 train and 1000 test images per class, mean 0.2860 / 0.2868.
    assert (datasets.class_counts(fashion.train_labels, 10) == 6000).all()
    assert (datasets.class_counts(fashion.test_labels, 10) == 1000).all()
    assert fashion.train_images.mean() / 255 == pytest.approx(0.2860, abs=5e-4)
    assert fashion.test_images.mean() / 255 == pytest.approx(0.2868, abs=5e-4)
    assert str(fashion.info.version) and fashion.info.splits["train"].num_examples == 60000


def test_mnist_is_not_confused_with_fashion_mnist(fashion, mnist):
    """Both datasets share file names; each must come from its own files (pixel means 0.1307 vs 0.2860)."""
    assert mnist.train_images.mean() / 255 == pytest.approx(0.1307, abs=5e-4)
    assert mnist.test_images.mean() / 255 == pytest.approx(0.1325, abs=5e-4)
    assert list(datasets.class_counts(mnist.test_labels, 10)) == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]
    assert mnist.class_names == [str(i) for i in range(10)]


def test_arrays_are_read_only(fashion):
    with pytest.raises(ValueError):
        fashion.train_images[0, 0, 0, 0] = 1


def test_cold_start_prepares_shipped_files_with_the_real_builder(tmp_path):
    """A fresh data dir: tfds prepares MNIST from assets/, then a second load reads it back prepared."""
    stages = []
    first = datasets.load("mnist", data_dir=tmp_path, progress=stages.append, probe=lambda: False)
    assert first.source == datasets.SOURCE_SHIPPED
    assert stages == ["checking", "preparing", "reading", "ready"]
    assert (tmp_path / "mnist").is_dir() and not (tmp_path / "downloads" / "mnist").exists()
    again = datasets.load("mnist", data_dir=tmp_path, probe=lambda: False)
    assert again.source == datasets.SOURCE_PREPARED
    assert np.array_equal(first.test_labels, again.test_labels)


def test_offline_without_files_fails_fast_with_a_clear_error(tmp_path):
    """No prepared data, no shipped files, no network: a UserError at once, never a long hang."""
    with pytest.raises(UserError) as caught:
        datasets.plan_source("kmnist", tmp_path, probe=lambda: False)
    assert caught.value.key == "data.err_offline"


def test_network_probe_asks_for_a_bounded_connection_and_reads_any_failure_as_offline(monkeypatch):
    """The probe hands its timeout to the socket (so it cannot hang) and a refused, unreachable or
    timed-out connection all mean "offline"."""
    import socket

    asked = []

    def refuse(address, timeout=None):
        asked.append((address, timeout))
        raise TimeoutError("timed out")  # an OSError, as socket raises it

    monkeypatch.setattr(socket, "create_connection", refuse)
    assert datasets.network_reachable(("192.0.2.1", 443), timeout=0.5) is False
    assert asked == [(("192.0.2.1", 443), 0.5)]


def test_unknown_dataset_is_a_user_error(tmp_path):
    with pytest.raises(UserError) as caught:
        datasets.plan_source("no_such_dataset_anywhere", tmp_path, probe=lambda: False)
    assert caught.value.key == "data.err_unknown_dataset"


def test_catalog_lists_tfds_builders_offline():
    names = datasets.catalog()
    assert {"fashion_mnist", "mnist", "kmnist", "cifar10"} <= set(names)


def test_wrong_shape_dataset_is_refused():
    info = datasets.builder_info("cifar10")
    with pytest.raises(UserError) as caught:
        datasets.check_image_shape(info)
    assert caught.value.key == "data.err_not_small_gray"


def test_helpers_count_filter_and_shuffle():
    labels = np.array([0, 1, 1, 2, 1])
    assert list(datasets.class_counts(labels, 4)) == [1, 3, 1, 0]
    assert list(datasets.example_indices(labels, 1)) == [1, 2, 4]
    shuffled = datasets.example_indices(labels, None, seed=3)
    assert sorted(shuffled) == [0, 1, 2, 3, 4]
    assert list(shuffled) == list(datasets.example_indices(labels, None, seed=3))
    counts, edges = datasets.pixel_histogram(np.array([0, 0, 255], dtype=np.uint8), bins=4)
    assert list(counts) == [2, 0, 0, 1] and edges[0] == 0 and edges[-1] == 256


@pytest.mark.parametrize("name", datasets.DATASETS)
def test_reading_the_original_files_gives_the_same_pictures_as_tfds(prepared_data, name):
    """The unit tier's fast reader and tfds agree picture for picture (tfds may store them in another order)."""
    direct = datasets.read_original_files(name)
    prepared = prepared_data[name]
    for split in ("train", "test"):
        (a_images, a_labels), (b_images, b_labels) = direct.split(split), prepared.split(split)
        assert a_images.shape == b_images.shape and a_images.dtype == b_images.dtype

        def rows(images, labels):
            flat = np.concatenate([images.reshape(len(images), -1), labels[:, None].astype(np.uint8)], axis=1)
            return flat[np.lexsort(flat.T[::-1])]

        assert np.array_equal(rows(a_images, a_labels), rows(b_images, b_labels))
    assert direct.class_names == prepared.class_names
