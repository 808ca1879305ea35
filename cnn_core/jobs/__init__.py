"""The job engine: every training run is a job in a Dask worker process; the app watches small deltas.

One module per concern, each importing only the ones above it in this list (no cycle):

* :mod:`~cnn_core.jobs.spec` — what a job is: :class:`JobSpec`, :class:`JobResult`, the state
  names, and the runner registry (:func:`register_runner`, :data:`RUNNERS`);
* :mod:`~cnn_core.jobs.progress` — the reporter protocol runners use (:class:`Reporter`) and how the
  app folds deltas into a :class:`JobSnapshot` (:class:`Progress`, :class:`Curves`);
* :mod:`~cnn_core.jobs.worker` — the worker's side: the Dask task, the ``"train"`` runner, the stop
  watch, warm workers;
* :mod:`~cnn_core.jobs.cluster` — the Dask cluster: embedded on 127.0.0.1, or ``$FCL_DASK_SCHEDULER``'s;
  reconnects after a lost scheduler;
* :mod:`~cnn_core.jobs.handles` — what a page holds: :class:`Job` (the public base of every kind of
  handle), :class:`LocalJob`, :class:`JobHandle`;
* :mod:`~cnn_core.jobs.service` — the server's :class:`JobService`: the line in front of the slots.

A module that adds a kind of job (:mod:`cnn_core.transfer`, :mod:`cnn_core.multiworker`) imports
from here; nothing here imports it. Typical use in the app::

    service = JobService()
    handle = service.submit(JobSpec.training(config, data_dir), owner=session_id, nickname="Rina")
    handle.poll(); snap = handle.snapshot(); handle.stop(); handle.model
"""

from .cluster import get_client, shutdown, start_in_background
from .handles import Job, JobHandle, JobSummary, LocalJob, summarize
from .progress import Curves, JobSnapshot, Progress, ProgressReporter, Reporter
from .service import JobService
from .spec import (
    ACTIVE_STATES, DONE, FAILED, FINISHED_STATES, QUEUED, RUNNERS, RUNNING, STARTING, STATES, STOPPED, STOPPING,
    TRAIN_RESOURCE, JobResult, JobSpec, register_runner, runner_for,
)
from .worker import execute, prepared_here, worker_dataset

__all__ = [
    "ACTIVE_STATES", "DONE", "FAILED", "FINISHED_STATES", "QUEUED", "RUNNERS", "RUNNING", "STARTING", "STATES",
    "STOPPED", "STOPPING", "TRAIN_RESOURCE", "Curves", "Job", "JobHandle", "JobResult", "JobService", "JobSnapshot",
    "JobSpec", "JobSummary", "LocalJob", "Progress", "ProgressReporter", "Reporter", "execute", "get_client",
    "prepared_here", "register_runner", "runner_for", "shutdown", "start_in_background", "summarize",
    "worker_dataset",
]
