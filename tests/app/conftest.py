"""AppTest of any page: ``app_test("conv_lab", lang="bn")`` runs app.py, switches to the page, runs it."""

from __future__ import annotations

from pathlib import Path

import pytest

from app_pages import DEFAULT_PAGE, page as registered_page

ROOT = Path(__file__).resolve().parents[2]


def new_browser_session() -> None:
    """Forget the session-scoped resources (a training or teaching run in progress), as a new tab would.

    Every AppTest runs under the same session id, so without this a run started by an earlier test
    would still be this test's run (a released object waits for its session to take it back).
    Releasing them, then stopping what was released, stops their jobs, as closing a tab does.
    """
    from streamlit.testing.v1 import AppTest

    def forget():  # session-scoped caches can only be cleared from a script run
        from ui.explain import explain_session
        from ui.teach import teach_session
        from ui.training import stop_released_now, training_session

        training_session.clear()
        teach_session.clear()
        explain_session.clear()
        stop_released_now()

    # The first forget of a test process imports the training and teaching code (TensorFlow): give it
    # the time a busy machine needs instead of AppTest's 3-second default.
    AppTest.from_function(forget, default_timeout=120).run()


@pytest.fixture
def app_test(prepared_data):
    """Factory: an AppTest of ``app.py`` switched to the page registered under ``url``, run once, in a
    session of its own."""
    from streamlit.testing.v1 import AppTest

    def make(url: str, lang: str = "en", dataset: str = "fashion_mnist", timeout: float = 120,
             session_state: dict | None = None):
        new_browser_session()
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
