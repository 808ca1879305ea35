"""A worker's progress reporter keeps what the scheduler could not take and delivers it at the end."""

from __future__ import annotations

import threading

from cnn_core.jobs import worker


class FlakyQueue:
    """A Dask ``Queue`` stand-in whose first ``failures`` puts time out, as under a busy scheduler."""

    def __init__(self, failures: int):
        self.failures = failures
        self.items: list[dict] = []

    def put(self, item, callback_timeout=None):
        if self.failures:
            self.failures -= 1
            raise TimeoutError("scheduler busy")
        self.items.append(item)


def test_the_last_epoch_reaches_the_app_even_when_a_send_failed_just_before_the_end(monkeypatch):
    monkeypatch.setattr(worker, "SEND_TIMEOUT_SECONDS", 0.01)
    queue = FlakyQueue(failures=2)
    reporter = worker.QueueReporter(queue, threading.Event())
    reporter.send({"fields": {"epoch": 1}})   # fails: kept, and the next sends wait for the retry pause
    reporter.send({"fields": {"epoch": 3}})   # inside the pause: only kept
    assert queue.items == []
    assert reporter.deliver(within=5.0)
    assert queue.items == [{"fields": {"epoch": 1}}, {"fields": {"epoch": 3}}]


def test_delivery_gives_up_after_its_time_when_the_scheduler_stays_away(monkeypatch):
    monkeypatch.setattr(worker, "SEND_TIMEOUT_SECONDS", 0.01)
    queue = FlakyQueue(failures=10**6)
    reporter = worker.QueueReporter(queue, threading.Event())
    reporter.send({"fields": {"epoch": 2}})
    assert not reporter.deliver(within=0.05)
    assert queue.items == []
