"""Figures of the Datasets page: the mosaic's layout and click mapping, zoom, balance, histogram."""

import numpy as np

from cnn_core.figures import datasets as figures


def test_mosaic_places_each_picture_and_its_caption():
    images = np.stack([np.full((28, 28, 1), value, np.uint8) for value in (10, 20, 30)])
    fig = figures.example_mosaic(images, ["a", "b", "c"], columns=2)
    canvas = np.array(fig.data[0].z, dtype=float)
    assert canvas.shape == (2 * figures.ROW_STEP, 2 * figures.COLUMN_STEP)
    assert canvas[0, 0] == 10 and canvas[0, figures.COLUMN_STEP] == 20 and canvas[figures.ROW_STEP, 0] == 30
    assert np.isnan(canvas[figures.TILE + 1, 0])                      # the caption strip is blank
    assert [a.text for a in fig.layout.annotations] == ["a", "b", "c"]
    # Each caption sits in its own strip, below its picture and above the next row.
    first_caption_y = fig.layout.annotations[0].y
    assert figures.TILE < first_caption_y < figures.ROW_STEP


def test_a_click_maps_back_to_its_picture():
    assert figures.tile_at(5, 5, count=3, columns=2) == 0
    assert figures.tile_at(figures.COLUMN_STEP + 5, 5, count=3, columns=2) == 1
    assert figures.tile_at(5, figures.ROW_STEP + 5, count=3, columns=2) == 2
    assert figures.tile_at(figures.COLUMN_STEP + 5, figures.ROW_STEP + 5, count=3, columns=2) is None  # empty slot
    assert figures.tile_at(5, figures.TILE + 2, count=3, columns=2) is None                             # a caption
    assert figures.mosaic_layout(24, 8) == (3, 8) and figures.mosaic_layout(3, 8) == (1, 3)


def test_zoom_balance_and_histogram():
    picture = np.arange(784, dtype=np.int64).reshape(28, 28) % 256
    zoom = figures.pixel_zoom(picture.astype(np.uint8), "title")
    assert np.allclose(np.array(zoom.data[0].customdata), picture / 255)
    balance = figures.class_balance({"train": np.array([3, 4]), "test": np.array([1, 2])}, ["x", "y"], "t")
    assert [bar.name for bar in balance.data] == ["train", "test"] and list(balance.data[1].y) == [1, 2]
    counts, edges = np.array([6, 2]), np.array([0, 128, 256])
    histogram = figures.intensity_histogram({"train": (counts, edges)}, "t", "x", "y")
    assert np.allclose(histogram.data[0].y, [0.75, 0.25])
