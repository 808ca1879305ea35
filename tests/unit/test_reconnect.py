"""A session object Streamlit released when the tab's connection dropped waits for the tab to come
back: taken back, its run goes on; left, its runs stop (the tab has closed)."""

from __future__ import annotations

import time

import pytest

from ui import server_safety, training


class Holder:
    """A stand-in for a session's run holder: counts the stops it was asked for."""

    def __init__(self):
        self.stops = 0

    def stop(self):
        self.stops += 1


@pytest.fixture
def session(monkeypatch):
    monkeypatch.setattr(server_safety, "session_id", lambda: "tab-1")
    monkeypatch.setattr(training, "RECONNECT_GRACE_S", 0.3)
    yield
    training.stop_released_now()


def test_a_tab_that_reconnects_takes_its_object_back_and_its_run_goes_on(session):
    held = training.reclaimed(Holder)
    training.release_when_the_tab_closes(held)   # the connection dropped
    assert training.reclaimed(Holder) is held     # the tab's next run, within the grace
    time.sleep(0.5)
    assert held.stops == 0


def test_a_tab_that_never_comes_back_has_its_runs_stopped(session):
    held = training.reclaimed(Holder)
    training.release_when_the_tab_closes(held)
    assert held.stops == 0                        # not at once: it may only be a dropped connection
    time.sleep(0.6)
    assert held.stops == 1
    assert training.reclaimed(Holder) is not held  # a tab that opens later starts afresh


def test_objects_of_other_kinds_or_sessions_are_never_handed_over(session, monkeypatch):
    held = training.reclaimed(Holder)
    training.release_when_the_tab_closes(held)
    monkeypatch.setattr(server_safety, "session_id", lambda: "tab-2")
    assert training.reclaimed(Holder) is not held


def test_an_object_made_outside_a_session_stops_at_once():
    held = Holder()
    training.release_when_the_tab_closes(held)
    assert held.stops == 1
