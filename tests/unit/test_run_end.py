"""A page that looks at a run once a second waits for a run about to end, so "Finished" shows as soon
as the worker says so (:meth:`cnn_core.jobs.JobSnapshot.ends_within`, :meth:`ui.training.RunHolder.snapshot`)."""

from __future__ import annotations

import dataclasses

import pytest

from cnn_core import jobs
from cnn_core.jobs.progress import Progress
from ui.training import RunHolder


def snapshot(**fields) -> jobs.JobSnapshot:
    return dataclasses.replace(Progress(total_epochs=2).snapshot(), **fields)


@pytest.mark.parametrize("fields, about_to_end", [
    ({"state": jobs.RUNNING, "evaluating": True}, True),           # the test pass: a fraction of a second
    ({"state": jobs.STOPPING}, True),                              # a call of batches, then the test
    ({"state": jobs.RUNNING, "eta_s": 0.6}, True),
    ({"state": jobs.RUNNING, "eta_s": 30.0}, False),
    ({"state": jobs.RUNNING, "eta_s": None}, False),               # no speed measured yet
    ({"state": jobs.QUEUED, "evaluating": True}, False),
    ({"state": jobs.STARTING}, False),
    ({"state": jobs.DONE, "evaluating": True}, False),             # ended already
])
def test_a_run_is_about_to_end_while_it_tests_stops_or_has_under_the_wait_left(fields, about_to_end):
    assert snapshot(**fields).ends_within(1.0) is about_to_end


class EndingJob:
    """A job stand-in that ends during ``wait`` when ``ends`` is set."""

    def __init__(self, running: jobs.JobSnapshot, ends: bool):
        self.current, self.ends, self.waited = running, ends, []

    def poll(self):
        return []

    def snapshot(self):
        return self.current

    def wait(self, timeout):
        self.waited.append(timeout)
        if self.ends:
            self.current = snapshot(state=jobs.DONE, test_accuracy=0.9)
        return self.ends


@pytest.mark.parametrize("running, ends, waited, state", [
    (snapshot(state=jobs.RUNNING, evaluating=True), True, [1.0], jobs.DONE),
    (snapshot(state=jobs.RUNNING, evaluating=True), False, [1.0], jobs.RUNNING),  # still testing: look again later
    (snapshot(state=jobs.RUNNING, eta_s=30.0), True, [], jobs.RUNNING),         # far from the end: no wait
])
def test_the_page_waits_for_a_run_about_to_end_and_shows_its_end(running, ends, waited, state):
    holder = RunHolder()
    holder.job = EndingJob(running, ends)
    assert holder.snapshot(poll=True, wait_for_end=1.0).state == state
    assert holder.job.waited == waited
    assert holder.snapshot(poll=True).state == state  # without wait_for_end it never waits
    assert holder.job.waited == waited
