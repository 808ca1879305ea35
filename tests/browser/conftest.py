"""A live app server for the browser tier and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import pytest

from tools.app_server import launch_chromium, start_server, stop_server


@pytest.fixture(scope="session")
def app_url(prepared_data):
    """One live app server for the whole browser tier."""
    process, url = start_server()
    yield url
    stop_server(process)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium driven by Playwright (never a downloaded browser build)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page (its own Streamlit session) per test."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(60_000)
    yield context.new_page()
    context.close()
