"""The training cluster starts with the server (app.py), except where the page tests turn it off."""

from __future__ import annotations

import pytest

from ui import training as ui_training


@pytest.fixture
def starts(monkeypatch):
    calls = []
    monkeypatch.setattr(ui_training.cluster, "start_in_background", lambda: calls.append(1))
    return calls


def test_the_server_starts_its_training_cluster_unless_told_not_to(monkeypatch, starts):
    monkeypatch.delenv(ui_training.WARM_AT_START_ENV, raising=False)
    ui_training.warm_up_with_server()
    assert starts == [1]
    monkeypatch.setenv(ui_training.WARM_AT_START_ENV, "0")
    ui_training.warm_up_with_server()
    assert starts == [1]


def test_app_py_asks_for_the_cluster_on_its_run(monkeypatch, starts):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    monkeypatch.setenv(ui_training.WARM_AT_START_ENV, "1")
    AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert starts, "app.py must start the training cluster when the server first runs it"


def test_a_real_server_for_browser_tests_starts_its_cluster(monkeypatch):
    """tools.app_server drops the page tests' "0", so browser tests meet the server as learners do."""
    from tools import app_server

    seen = {}

    class ExitsAtOnce:
        def __init__(self, command, env, **options):
            seen.update(env)

        def poll(self):
            return 1

    monkeypatch.setenv(ui_training.WARM_AT_START_ENV, "0")
    monkeypatch.setattr(app_server.subprocess, "Popen", ExitsAtOnce)
    with pytest.raises(RuntimeError, match="exited early"):
        app_server.start_server()
    assert ui_training.WARM_AT_START_ENV not in seen and seen["FCL_DATA_DIR"]
