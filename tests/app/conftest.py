"""AppTest of any page: ``app_test("conv_lab", lang="bn")`` runs app.py, switches to the page, runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app_pages import DEFAULT_PAGE, page as registered_page

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app_test(prepared_data):
    """Factory: an AppTest of ``app.py`` switched to the page registered under ``url``, run once."""
    from streamlit.testing.v1 import AppTest

    def make(url: str, lang: str = "en", dataset: str = "fashion_mnist", timeout: float = 120,
             session_state: dict | None = None):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
        at.session_state["lang"] = lang
        at.session_state["dataset"] = dataset
        for key, value in (session_state or {}).items():
            at.session_state[key] = value
        at.run()
        if url != DEFAULT_PAGE.url:
            at.switch_page(registered_page(url).path)
            at.run()
        return at

    return make
