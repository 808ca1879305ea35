"""A torn array cache does not break the app: every page opens, the data is rebuilt once, and the
sidebar tells the learner what was repaired, in their language."""

from __future__ import annotations

import shutil

import pytest

from cnn_core import datasets
from cnn_core.i18n import t
from tests.conftest import TEST_DATA_DIR


@pytest.fixture
def torn_cache_data_dir(tmp_path, monkeypatch, prepared_data):
    """A data dir holding prepared Fashion-MNIST whose array cache was cut in half mid-write."""
    shutil.copytree(TEST_DATA_DIR / "fashion_mnist", tmp_path / "fashion_mnist")
    (tmp_path / "_fcl_arrays").mkdir()
    for cache in (TEST_DATA_DIR / "_fcl_arrays").glob("fashion_mnist-*.npz"):
        data = cache.read_bytes()
        (tmp_path / "_fcl_arrays" / cache.name).write_bytes(data[: len(data) // 2])
    monkeypatch.setenv("FCL_DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("lang", ["en", "bn"])
def test_pages_open_over_a_torn_cache_and_the_sidebar_says_it_was_rebuilt(app_test, torn_cache_data_dir, lang):
    import ui.state

    ui.state._load_dataset.clear()
    ui.state._ready.clear()
    note = t("data.repaired_cache", lang, name=t("data.name.fashion_mnist", lang))
    for page in ("home", "datasets", "classify"):
        at = app_test(page, lang=lang)
        assert not at.exception, (page, [error.value for error in at.exception])
        assert note in [caption.value for caption in at.sidebar.caption], page
    loaded = ui.state._load_dataset("fashion_mnist", str(torn_cache_data_dir))
    assert loaded.repairs == (datasets.REPAIRED_CACHE,)
    assert loaded.train_images.shape == (60000, 28, 28, 1)
