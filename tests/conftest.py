"""Shared set-up for every tier; fixtures that several tiers use.

The suite is split into tiers by folder, and each test gets its folder's marker:

- ``tests/unit``    — the library on synthetic or shipped arrays (no tfds preparation, no server);
- ``tests/data``    — tfds preparing the real files offline, as the app does on a first start;
- ``tests/app``     — every page under Streamlit's AppTest (no browser);
- ``tests/integration`` — real processes end to end: the job engine's Dask clusters (a killed
  worker, workers joining), the command line, two-worker training, the benchmark scripts;
- ``tests/browser`` — real Chromium against a live ``streamlit run app.py``;
- ``tests/load``    — a classroom of browser sessions against one server.

``-m fast`` selects unit + data + app (the developer loop: ``-n 2`` runs it in about five minutes
on 2 cores); a bare ``pytest`` runs everything. The README's command runs every tier but the load
tier on two pytest-xdist workers, then the load tier alone (it measures the server under a class,
so nothing else may share the machine). Every test session points ``FCL_DATA_DIR`` at one tfds data dir (default ``.data/tfds``
in the repo, override with ``FCL_TEST_DATA_DIR``) and ``FCL_MODELS_DIR`` and ``FCL_EXAMPLES_DIR`` at
fresh temporary folders, so tests never touch a user's data, saved models or saved example sets.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA_DIR = Path(os.environ.get("FCL_TEST_DATA_DIR", ROOT / ".data" / "tfds"))
os.environ["FCL_DATA_DIR"] = str(TEST_DATA_DIR)
os.environ.setdefault("FCL_MODELS_DIR", tempfile.mkdtemp(prefix="fcl-test-models-"))
os.environ.setdefault("FCL_EXAMPLES_DIR", tempfile.mkdtemp(prefix="fcl-test-examples-"))
os.environ.setdefault("FCL_PLANS_DIR", tempfile.mkdtemp(prefix="fcl-test-plans-"))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# One training slot (one ~1 GB worker process) for the app under test, whatever the machine's cores.
os.environ.setdefault("FCL_MAX_TRAINING_JOBS", "1")
# Page tests run app.py in this process: no training cluster at every page's start (a page that trains
# starts it). tools.app_server drops this for a real server, so browser tests see the real start.
os.environ["FCL_CLUSTER_AT_START"] = "0"
# AppTest shows the real exception text (the app itself redacts it for users).
os.environ["STREAMLIT_CLIENT_SHOW_ERROR_DETAILS"] = "full"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TIERS = ("unit", "data", "app", "integration", "browser", "load")
FAST_TIERS = ("unit", "data", "app")


def pytest_configure(config):
    """Under ``-n 2`` (pytest-xdist), prepare both datasets once before the workers start: they then
    only read the prepared folder instead of racing to write it. Each dataset is prepared by a process
    of its own, at the same time (tfds keeps one core busy per dataset: on 2 cores that halves the
    wait). A run in one process leaves it to the ``prepared_data`` fixture (only the tests that need
    the data pay for it)."""
    parallel = getattr(config.option, "numprocesses", None)
    if parallel and not hasattr(config, "workerinput") and not config.option.collectonly:
        import subprocess

        from cnn_core.datasets import DATASETS

        load = "import sys; from cnn_core import datasets; datasets.load(sys.argv[1], data_dir=sys.argv[2])"
        preparing = [subprocess.Popen([sys.executable, "-c", load, name, str(TEST_DATA_DIR)], cwd=ROOT)
                     for name in DATASETS]
        failed = [name for name, process in zip(DATASETS, preparing) if process.wait() != 0]
        if failed:
            raise pytest.UsageError(f"preparing the test data failed for {failed} (its error is above)")


# Tiers and modules whose tests share one costly fixture (a Dask cluster, a second Chromium, a
# trained model): with ``-n 2 --dist loadgroup`` each such module runs on one xdist worker, so the
# fixture starts once (tests/integration/test_jobs.py checks that the grouping takes effect).
GROUPED_TIERS = ("integration",)
GROUPED_MODULES = ("test_browser_teach", "test_browser_classify", "test_class_view")


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups (else no module is grouped)
def pytest_collection_modifyitems(config, items):
    """Mark each test with its tier (its folder under tests/) and ``fast`` for the developer loop."""
    for item in items:
        parts = Path(str(item.fspath)).relative_to(ROOT / "tests").parts
        tier = parts[0] if len(parts) > 1 else None
        if tier in TIERS:
            item.add_marker(getattr(pytest.mark, tier))
            if tier in FAST_TIERS:
                item.add_marker(pytest.mark.fast)
            module = Path(str(item.fspath)).stem
            if tier in GROUPED_TIERS or module in GROUPED_MODULES:
                item.add_marker(pytest.mark.xdist_group(module))


@pytest.fixture(scope="session")
def prepared_data():
    """Both datasets prepared by the real tfds builder in the test data dir, as the app reads them."""
    from cnn_core import datasets

    return {name: datasets.load(name, data_dir=TEST_DATA_DIR) for name in datasets.DATASETS}


@pytest.fixture(scope="session")
def fashion(prepared_data):
    """Real Fashion-MNIST as the app sees it (tfds-prepared; the unit tier reads the files directly)."""
    return prepared_data["fashion_mnist"]


@pytest.fixture(scope="session")
def mnist(prepared_data):
    """Real MNIST as the app sees it (tfds-prepared; the unit tier reads the files directly)."""
    return prepared_data["mnist"]
