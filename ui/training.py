"""The Train page's session plumbing: one training job per browser session.

``training_session()`` is a session-scoped resource: every rerun of every page in one browser tab
gets the same :class:`TrainingSession`, so leaving the Train page and coming back finds the run still
going (or finished). When the tab closes, Streamlit releases the resource and ``on_release`` stops
the job, so an abandoned run never keeps a training slot busy.

The job's own thread only updates the job; it never calls ``st.*``. The page reads
``snapshot()`` from a fragment that polls it.
"""

from __future__ import annotations

import threading

import numpy as np
import streamlit as st

from cnn_core import training
from cnn_core.figures.training import pick_examples

ACTIVE_STATES = ("idle", "queued", "running", "stopping")
FINISHED_STATES = ("done", "stopped", "failed")
PREDICTION_POOL = 500  # test images the sample predictions are chosen from


class TrainingSession:
    """One browser session's current training job, and what the page has already done with it."""

    def __init__(self):
        self._lock = threading.Lock()
        self.job: training.TrainingJob | None = None
        self.results_shown_for: training.TrainingJob | None = None
        self.activated_for: training.TrainingJob | None = None
        self.saved_run: tuple[training.TrainingJob, str] | None = None
        self.handled_upload: str | None = None
        self._predictions: tuple[training.TrainingJob, dict] | None = None

    def start(self, config: training.TrainConfig, dataset) -> training.TrainingJob:
        """Stop any run in progress and start a new one with ``config`` (returns at once)."""
        job = training.TrainingJob(config, dataset, slots=training.default_slots())
        with self._lock:
            previous, self.job = self.job, job
        if previous is not None:
            previous.stop()
        job.start()
        return job

    def stop(self) -> None:
        """Ask the current run to end after its current batch; the model keeps what it learned."""
        job = self.job
        if job is not None:
            job.stop()

    def snapshot(self):
        """The current job's snapshot, or ``None`` before the first run of this session."""
        job = self.job
        return None if job is None else job.snapshot()

    def is_active(self) -> bool:
        snapshot = self.snapshot()
        return snapshot is not None and snapshot.state in ACTIVE_STATES

    def needs_full_rerun(self, snapshot) -> bool:
        """True once the run has ended but no full page run has shown its results yet."""
        return (snapshot is not None and snapshot.state in FINISHED_STATES
                and self.results_shown_for is not self.job)

    def sample_predictions(self, dataset) -> dict:
        """Predictions of the finished model on a few test images (computed once per run)."""
        job = self.job
        cached = self._predictions
        if cached is not None and cached[0] is job:
            return cached[1]
        images = dataset.test_images[:PREDICTION_POOL]
        truth = np.asarray(dataset.test_labels[:PREDICTION_POOL])
        probabilities = np.asarray(job.model.predict(images, batch_size=250, verbose=0))
        guesses = probabilities.argmax(axis=1)
        chosen = pick_examples(truth, guesses, count=12, max_wrong=4)
        result = {"images": images[chosen], "truth": truth[chosen], "guesses": guesses[chosen],
                  "confidences": probabilities[chosen, guesses[chosen]]}
        self._predictions = (job, result)
        return result

    def release(self) -> None:
        """Called when the browser session ends: stop the run so it frees its slot."""
        self.stop()


def _release(session: TrainingSession) -> None:
    session.release()


@st.cache_resource(scope="session", on_release=_release, show_spinner=False)
def training_session() -> TrainingSession:
    """This browser session's :class:`TrainingSession` (the same object on every rerun and page)."""
    return TrainingSession()
