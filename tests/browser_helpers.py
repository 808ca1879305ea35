"""Helpers for real-browser tests (Playwright pages against a live Streamlit server)."""

import time

APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


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
    if lang == "bn":
        page.get_by_text("বাংলা", exact=True).first.click()
        wait_for_idle(page)
