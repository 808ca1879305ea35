"""Shared steps of the Teach page's tests: a learner's example set and adding a class on the page."""

from __future__ import annotations

import numpy as np

from cnn_core import datasets
from cnn_core.examples import ExampleSet


def digits_set(names: tuple[str, str], per_class: int = 12) -> ExampleSet:
    """A learner's set: MNIST "0" and "1" under the learner's names, preprocessed as the page does."""
    mnist = datasets.read_original_files("mnist")
    own = ExampleSet()
    for digit, name in enumerate(names):
        class_id = own.add_class(name)
        for index in np.flatnonzero(mnist.train_labels == digit)[:per_class]:
            own.add_picture(class_id, mnist.train_images[index, :, :, 0], "draw")
    return own


def add_class(at, name: str):
    """Type a class name on the Teach page and add it; returns the rerun AppTest."""
    at.text_input(key="teach_new_class").input(name)
    at.button(key="teach_add_class").click()
    return at.run()
