"""Augmentation: shapes and types kept, changes small and seeded, stroke width really changes."""

from __future__ import annotations

import numpy as np
import pytest

from cnn_core import augment


@pytest.fixture(scope="module")
def digits(mnist):
    return np.asarray(mnist.train_images[:32, :, :, 0])


def test_shapes_and_dtype_are_kept(digits):
    for batch in (digits, digits[..., None], digits[0]):
        out = augment.augment_batch(batch, seed=1)
        assert out.shape == batch.shape and out.dtype == np.uint8
    assert augment.augment_batch(digits[:0], seed=1).shape == (0, 28, 28)
    with pytest.raises(ValueError):
        augment.augment_batch(np.zeros((3, 32, 32), np.uint8))


def test_same_seed_same_copies_other_seed_other_copies(digits):
    first = augment.augment_batch(digits, seed=7)
    assert np.array_equal(first, augment.augment_batch(digits, seed=7))
    assert not np.array_equal(first, augment.augment_batch(digits, seed=8))
    assert not np.array_equal(first, digits)


def test_changes_stay_small(digits):
    """Shifts up to 10%, turns up to 10 degrees, 10% zoom: the ink's centre moves a few pixels at
    most, and the amount of ink stays within a factor of two and a half (thin strokes lose most
    to erosion)."""
    before = digits.astype(np.float64)
    out = augment.augment_batch(digits, seed=3).astype(np.float64)
    rows = np.arange(28)[None, :, None]
    centre_before = (before * rows).sum(axis=(1, 2)) / before.sum(axis=(1, 2))
    centre_after = (out * rows).sum(axis=(1, 2)) / out.sum(axis=(1, 2))
    assert np.abs(centre_after - centre_before).max() < 5.5
    ink_ratio = out.sum(axis=(1, 2)) / before.sum(axis=(1, 2))
    assert ink_ratio.min() > 0.4 and ink_ratio.max() < 2.5


def test_turned_off_changes_nothing(digits):
    nothing = augment.Settings(shift=0, rotation=0, zoom=0, stroke=0)
    assert np.array_equal(augment.augment_batch(digits, seed=1, settings=nothing), digits)


def test_stroke_width_thickens_and_thins():
    """A 2-pixel line: dilation towards +1 makes it wider, erosion towards -1 thinner; the blend
    never leaves the picture's range."""
    import keras

    picture = np.zeros((1, 28, 28, 1), np.float32)
    picture[0, 6:22, 13:15, 0] = 255.0
    amounts = []
    for seed in range(12):
        layer = augment.RandomStrokeWidth(strength=1.0, seed=seed)
        out = keras.ops.convert_to_numpy(layer(picture, training=True))
        assert out.min() >= 0 and out.max() <= 255
        amounts.append(out.sum() / picture.sum())
    assert max(amounts) > 1.3 and min(amounts) < 0.7
    assert np.array_equal(keras.ops.convert_to_numpy(layer(picture, training=False)), picture)


def test_grid_starts_with_the_example(digits):
    grid = augment.augmented_grid(digits[5], n=9, seed=2)
    assert grid.shape == (9, 28, 28) and grid.dtype == np.uint8
    assert np.array_equal(grid[0], digits[5])
    assert len({copy.tobytes() for copy in grid}) == 9
    assert np.array_equal(grid, augment.augmented_grid(digits[5], n=9, seed=2))


def test_epochs_get_fresh_copies(digits):
    epochs = augment.augmented_epochs(digits[:4], 3, seed=0)
    assert epochs.shape == (3, 4, 28, 28)
    assert not np.array_equal(epochs[0], epochs[1])


def test_works_in_a_tf_data_map(digits):
    import tensorflow as tf

    layer = augment.augmenter(seed=1)
    data = (tf.data.Dataset.from_tensor_slices(digits[..., None].astype(np.float32)).batch(8)
            .map(lambda batch: layer(batch, training=True)))
    shapes = [tuple(batch.shape) for batch in data]
    assert shapes == [(8, 28, 28, 1)] * 4
