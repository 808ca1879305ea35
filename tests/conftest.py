"""Shared fixtures: real data prepared once, AppTest of any page, a live server and a browser.

Every test session points ``FCL_DATA_DIR`` at one tfds data dir (default ``.data/tfds`` in the repo,
override with ``FCL_TEST_DATA_DIR``) and ``FCL_MODELS_DIR`` at a fresh temporary folder, so tests
never touch a user's data or saved models. The first session on a clean machine prepares the real
Fashion-MNIST and MNIST files there with the real tfds builder (about 30 s each).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA_DIR = Path(os.environ.get("FCL_TEST_DATA_DIR", ROOT / ".data" / "tfds"))
os.environ["FCL_DATA_DIR"] = str(TEST_DATA_DIR)
os.environ.setdefault("FCL_MODELS_DIR", tempfile.mkdtemp(prefix="fcl-test-models-"))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# AppTest shows the real exception text (the app itself redacts it for users).
os.environ["STREAMLIT_CLIENT_SHOW_ERROR_DETAILS"] = "full"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def fashion():
    """Real Fashion-MNIST, prepared offline from the shipped original files by tfds."""
    from cnn_core import datasets

    return datasets.load("fashion_mnist", data_dir=TEST_DATA_DIR)


@pytest.fixture(scope="session")
def mnist():
    """Real MNIST, prepared offline from the shipped original files by tfds."""
    from cnn_core import datasets

    return datasets.load("mnist", data_dir=TEST_DATA_DIR)


@pytest.fixture
def app_test(fashion):
    """Factory: ``app_test("conv_lab", lang="bn")`` -> an AppTest switched to that page and run once."""
    from streamlit.testing.v1 import AppTest

    def make(page: str, lang: str = "en", dataset: str = "fashion_mnist", timeout: float = 120,
             session_state: dict | None = None):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
        at.session_state["lang"] = lang
        at.session_state["dataset"] = dataset
        for key, value in (session_state or {}).items():
            at.session_state[key] = value
        at.run()
        if page != "home":
            at.switch_page(f"app_pages/{page}.py")
            at.run()
        return at

    return make


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(extra_env: dict | None = None, port: int | None = None):
    """Start ``streamlit run app.py`` on a free localhost port; returns ``(process, url)`` once healthy."""
    port = port or _free_port()
    env = {**os.environ, **(extra_env or {})}
    log = open(tempfile.mkstemp(prefix="fcl-server-", suffix=".log")[1], "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early; see {log.name}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except OSError:
            time.sleep(0.5)
    process.kill()
    raise RuntimeError(f"streamlit did not become healthy; see {log.name}")


@pytest.fixture(scope="session")
def app_url(fashion):
    """One live app server for the whole test session."""
    process, url = start_server()
    yield url
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (never a downloaded browser build)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page (its own Streamlit session) per test."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(60_000)
    yield context.new_page()
    context.close()
