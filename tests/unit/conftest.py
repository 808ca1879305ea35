"""The unit tier never prepares data with tfds: it reads the shipped original files (~0.3 s each)."""

import pytest


@pytest.fixture(scope="session")
def fashion():
    """Real Fashion-MNIST arrays straight from the shipped IDX files (tfds' order may differ)."""
    from cnn_core import datasets

    return datasets.read_original_files("fashion_mnist")


@pytest.fixture(scope="session")
def mnist():
    """Real MNIST arrays straight from the shipped IDX files."""
    from cnn_core import datasets

    return datasets.read_original_files("mnist")
