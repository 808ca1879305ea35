"""How a training worker sizes TensorFlow's thread pools for its share of the cores."""

from __future__ import annotations

import pytest

from cnn_core.jobs import worker


@pytest.mark.parametrize("cores, pools", [(1, (1, 2)), (2, (2, 2)), (8, (8, 8))])
def test_kernels_get_the_cores_and_the_op_pool_never_has_a_single_thread(cores, pools):
    # A single inter-op thread can deadlock a run that waits for its input pipeline (TensorFlow #48418):
    # a 1-core slot (two runs on a 2-core computer) must still get two.
    assert worker.thread_pool_sizes(cores) == pools
