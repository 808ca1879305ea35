"""Run the real app for tests and benchmarks: a local ``streamlit run app.py`` and Debian's Chromium.

Everything here talks to 127.0.0.1 only. ``start_server`` returns once Streamlit's health endpoint
answers; ``open_page`` loads a page in a Playwright page and waits until Streamlit has finished its
script run (the app root carries ``data-test-script-state``).
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

from cnn_core import i18n

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-dev-shm-usage"]
CLUSTER_AT_START_ENV = "FCL_CLUSTER_AT_START"  # ui.training.WARM_AT_START_ENV (not imported: no streamlit here)
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(extra_env: dict | None = None, port: int | None = None, health_timeout: float = 90):
    """Start ``streamlit run app.py`` on a free localhost port; returns ``(process, url)`` once healthy.

    The server starts its training cluster at once, as in real use, even where the test suite turned
    that off for in-process page tests (``extra_env`` may still set ``FCL_CLUSTER_AT_START``).
    """
    port = port or free_port()
    env = {name: value for name, value in os.environ.items() if name != CLUSTER_AT_START_ENV}
    env.update(extra_env or {})
    log = open(tempfile.mkstemp(prefix="fcl-server-", suffix=".log")[1], "w")
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.headless", "true"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    process.log_path = log.name  # the server's and its training workers' output, for a failing test to show
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + health_timeout
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


def stop_server(process) -> None:
    """Terminate a server from :func:`start_server` (and its worker processes) and wait for it."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def launch_chromium(playwright, **options):
    """Debian's Chromium under Playwright (never a downloaded browser build)."""
    args = [*CHROMIUM_ARGS, *options.pop("args", [])]
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=args, **options)


def wait_for_idle(page, timeout: float = 60_000) -> None:
    """Wait until Streamlit has finished the current script run and painted its result.

    The app root carries ``data-test-script-state``: ``initial`` before the first run, then
    ``running`` / ``notRunning``. A short settle lets a run that is just starting show up.
    """
    page.wait_for_selector(APP_IDLE, timeout=timeout)
    time.sleep(0.3)
    page.wait_for_selector(APP_IDLE, timeout=timeout)


def open_page(page, app_url: str, path: str = "", lang: str | None = None, timeout: float = 90_000) -> None:
    """Open ``app_url/path`` (a page's URL path, e.g. ``"datasets"``), switch language, wait for idle."""
    page.goto(f"{app_url}/{path}")
    page.wait_for_selector('[data-testid="stSidebar"] [role="radiogroup"]', timeout=timeout)
    wait_for_idle(page, timeout)
    if lang is not None and lang != i18n.DEFAULT_LANGUAGE:
        page.get_by_text(i18n.LANGUAGES[lang], exact=True).first.click()
        wait_for_idle(page)


SKETCHPAD_FRAME = 'iframe[title="ui.sketchpad.sketchpad"]'


def drawing_canvas(page, key: str | None = None):
    """The page's first drawing surface (a sketchpad's canvas, inside its frame, or a
    streamlit-drawable-canvas), or the one of the widget ``key``."""
    scope = page.locator(f".st-key-{key}") if key else page
    surface = scope.locator(f"{SKETCHPAD_FRAME}, canvas.upper-canvas").first
    surface.wait_for(state="visible")
    if surface.evaluate("element => element.tagName") == "IFRAME":
        return scope.frame_locator(SKETCHPAD_FRAME).first.locator("canvas#pad")
    return surface


def sketchpad_frame(page, key: str | None = None):
    """The frame of the page's first sketchpad (or of the widget ``key``): its answer is in there."""
    scope = page.locator(f".st-key-{key}") if key else page
    return scope.frame_locator(SKETCHPAD_FRAME).first


def draw_stroke(page, points, steps: int = 8, settle_ms: int = 400) -> None:
    """Drag the mouse along ``points`` (pixels from the drawing canvas's top-left corner) on the first
    drawing surface of the page, then wait for the script run the stroke starts."""
    canvas = drawing_canvas(page)
    canvas.wait_for(state="visible")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + points[0][0], box["y"] + points[0][1])
    page.mouse.down()
    for x, y in points[1:]:
        page.mouse.move(box["x"] + x, box["y"] + y, steps=steps)
    page.mouse.up()
    page.wait_for_timeout(settle_ms)
    wait_for_idle(page)
