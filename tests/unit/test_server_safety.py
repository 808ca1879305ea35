"""Guards for ui.server_safety: each private Streamlit internal the app relies on is still there and
still does what the patch assumes. A Streamlit upgrade that changes one fails here, loudly."""

from __future__ import annotations

import inspect
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parents[2]


def test_streamlit_still_clears_keras_after_runs_and_the_app_turns_it_off():
    import keras
    from streamlit.runtime.scriptrunner import script_runner

    from ui.server_safety import keep_keras_state, keras_state_is_kept

    original = script_runner._clean_problem_modules
    # Read Streamlit's own source (the function may already be swapped in this process).
    assert "clear_session" in inspect.getsource(script_runner), "Streamlit no longer clears Keras: drop the patch"
    try:
        keep_keras_state()
        assert keras_state_is_kept()
        with mock.patch.object(keras.backend, "clear_session") as clear_session:
            script_runner._clean_problem_modules()
        clear_session.assert_not_called()
    finally:
        script_runner._clean_problem_modules = original
    assert "keep_keras_state()" in (ROOT / "app.py").read_text(encoding="utf-8")


def test_the_widget_metadata_keep_choices_reads_is_still_there():
    from streamlit.runtime.state.session_state import SessionState, WidgetMetadata
    from streamlit.runtime.state.session_state_proxy import get_session_state

    assert callable(get_session_state)
    state = SessionState()
    assert hasattr(state._new_widget_state, "widget_metadata")
    assert state._key_id_mapper.get_id_from_key("no such key", None) is None
    assert "value_type" in inspect.signature(WidgetMetadata).parameters


def test_only_server_safety_reaches_into_streamlit_internals():
    offenders = []
    for path in [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]:
        if path.name != "server_safety.py" and "streamlit.runtime" in path.read_text(encoding="utf-8"):
            offenders.append(path.name)
    assert offenders == []
