"""The Examples in the public API's docstrings run and show what they say (the fast tier's doctests)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = (
    "cnn_core.i18n",
    "cnn_core.ops",
    "cnn_core.classroom",
    "cnn_core.inference",
    "cnn_core.augment",
    "cnn_core.models",
    "cnn_core.report",
    "cnn_core.training",
    "cnn_core.cli",
    "cnn_core.network",
    "cnn_core.figures",
    "cnn_core.figures.conv",
    "cnn_core.figures.datasets",
    "cnn_core.figures.inspect",
    "cnn_core.figures.network",
    "cnn_core.figures.ticks",
    "ui.theme",
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS, verbose=False)
    assert result.attempted > 0, f"{name} has no examples left: take it off this list or give it one"
    assert result.failed == 0
