"""Keras callbacks that tests put into a job (``JobSpec.callbacks``).

They travel to the worker process by pickle, so they live in this importable module, and they talk
to the test through Dask events named by the test (the worker's client finds the scheduler).
"""

from __future__ import annotations

import threading

import keras

TIMEOUT_S = 120


class GateAtFirstBatch(keras.callbacks.Callback):
    """Holds training at the end of the run's first batch: sets the Dask event ``<name>-reached``,
    then waits for ``<name>-open``."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self.passed = False

    def on_train_batch_end(self, batch, logs=None):
        if self.passed:
            return
        self.passed = True
        from distributed import Event

        Event(f"{self.name}-reached").set()
        if not Event(f"{self.name}-open").wait(TIMEOUT_S):
            raise TimeoutError(f"gate {self.name} was never opened")


class HangOnceAtBatch(keras.callbacks.Callback):
    """A stuck op, once: at the end of the call that trains batch ``batch`` (0-based) of the first try
    (Keras trains several batches per call: :func:`cnn_core.training.steps_per_call`), sets the Dask event
    ``<name>-hung`` and never returns (deaf to stop requests too); a later try finds the event set and
    trains through."""

    def __init__(self, name: str, batch: int):
        super().__init__()
        self.name = name
        self.batch = batch

    def on_train_batch_end(self, batch, logs=None):  # batch: the call's last one
        if batch < self.batch:
            return
        from distributed import Event

        hung = Event(f"{self.name}-hung")
        if not hung.is_set():
            hung.set()
            threading.Event().wait()


class FailAtBatch(keras.callbacks.Callback):
    """Raises ``RuntimeError("sensor unplugged")`` at the end of the call that trains batch ``batch``
    (0-based) of an epoch."""

    def __init__(self, batch: int):
        super().__init__()
        self.batch = batch

    def on_train_batch_end(self, batch, logs=None):  # batch: the call's last one
        if batch >= self.batch:
            raise RuntimeError("sensor unplugged")


class AllocateAtBatch(keras.callbacks.Callback):
    """Fills ``megabytes`` of memory at the end of the call that trains batch ``batch`` and keeps it: a run that grows past
    its worker's memory limit (Dask's nanny then ends the worker)."""

    def __init__(self, batch: int, megabytes: int):
        super().__init__()
        self.batch = batch
        self.megabytes = megabytes
        self.kept = []

    def on_train_batch_end(self, batch, logs=None):  # batch: the call's last one
        if batch >= self.batch and not self.kept:
            import numpy as np
            import time

            for _ in range(self.megabytes // 64):
                self.kept.append(np.ones(64 * 2**20, np.uint8))  # touched pages count as used memory
                time.sleep(0.01)
            time.sleep(30)  # hold it while the nanny notices
