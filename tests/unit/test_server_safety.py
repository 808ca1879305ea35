"""Guards for ui.server_safety: each private Streamlit internal the app relies on is still there and
still does what the patch assumes. A Streamlit upgrade that changes one fails here, loudly."""

from __future__ import annotations

import inspect
import re
from pathlib import Path
from unittest import mock

from ui import server_safety

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


def _read_widget_kinds():
    """A script run: draw a radio and a number input, then read their kinds the way keep_choices does."""
    import streamlit as st
    from streamlit.runtime.state.session_state_proxy import get_session_state

    st.radio("pick", ["a", "b"], key="choice")
    st.number_input("count", value=1, key="count")
    state = get_session_state()._state
    metadata = state._new_widget_state.widget_metadata
    st.session_state["kinds"] = {key: metadata[state._key_id_mapper.get_id_from_key(key, None)].value_type
                                 for key in ("choice", "count")}
    st.session_state["unknown_id"] = state._key_id_mapper.get_id_from_key("no such key", None)


def test_the_widget_metadata_keep_choices_reads_still_tells_choices_from_numbers():
    """keep_choices writes back only widgets whose metadata says they send labels (string values)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_read_widget_kinds).run()
    assert not at.exception, at.exception
    assert at.session_state["kinds"] == {"choice": "string_value", "count": "double_value"}
    assert at.session_state["unknown_id"] is None


def test_keep_choices_keeps_a_choice_and_leaves_buttons_alone():
    """As the language switch's callback: it reads the internals without raising, keeps the radio's
    choice, and does not write a button back (Streamlit refuses that with an exception)."""
    from streamlit.testing.v1 import AppTest

    def script():
        import streamlit as st

        from ui.server_safety import keep_choices

        st.toggle("switch", key="switch", on_change=keep_choices)
        st.radio("pick", ["a", "b"], key="choice")
        st.button("go", key="go")

    at = AppTest.from_function(script).run()
    at.radio(key="choice").set_value("b").run()
    at.toggle(key="switch").set_value(True).run()
    assert not at.exception, at.exception
    assert at.radio(key="choice").value == "b"


def test_session_id_names_the_running_session_and_is_none_outside_one():
    """A reconnecting tab is recognised by its session id: it must be there in a script run."""
    from streamlit.testing.v1 import AppTest

    def script():
        import streamlit as st

        from ui.server_safety import session_id

        st.session_state["id"] = session_id()

    at = AppTest.from_function(script).run()
    assert not at.exception, at.exception
    assert isinstance(at.session_state["id"], str) and at.session_state["id"]
    assert server_safety.session_id() is None


# Streamlit's public modules (everything else under streamlit.* is private).
PUBLIC_STREAMLIT = re.compile(r"streamlit\.(testing\.v1|components\.v1)\b")
STREAMLIT_SUBMODULE = re.compile(r"\bstreamlit\.[a-z_]+(\.[a-z_0-9]+)*")


def test_only_server_safety_reaches_into_streamlit_internals():
    """Every Python file of the project, in every folder (tests and tools too), this guard excepted."""
    offenders = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if any(part.startswith(".") or part == "__pycache__" for part in relative.parts):
            continue  # virtual environments, data and caches are not the project's code
        if relative.as_posix() in ("ui/server_safety.py", "tests/unit/test_server_safety.py"):
            continue
        names = [match.group() for match in STREAMLIT_SUBMODULE.finditer(path.read_text(encoding="utf-8"))]
        offenders += [(relative.as_posix(), name) for name in names if not PUBLIC_STREAMLIT.match(name)]
    assert offenders == []


def _queue_after_a_full_run_then_a_fragment_run_starts(clear_queue):
    """A browser queue holding a full run's unsent messages (one of them the fragment ``f``'s) when
    the fragment run of ``f`` starts and ``clear_queue`` (AppSession._clear_queue) tidies the queue."""
    from types import SimpleNamespace

    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime.forward_msg_queue import ForwardMsgQueue

    queue = ForwardMsgQueue()
    for index, fragment_id in enumerate(["", "f", ""]):  # a heading, the fragment's container, a heading
        delta = ForwardMsg()
        delta.metadata.delta_path[:] = [0, index]
        delta.delta.new_element.markdown.body = f"element {index}"
        delta.delta.fragment_id = fragment_id
        queue.enqueue(delta)
    finished = ForwardMsg()
    finished.script_finished = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
    queue.enqueue(finished)
    clear_queue(SimpleNamespace(_browser_queue=queue), fragment_ids_this_run=["f"])
    return [(list(msg.metadata.delta_path), msg.WhichOneof("type")) for msg in queue.flush()]


def test_a_starting_fragment_run_keeps_the_full_runs_unsent_messages():
    """Streamlit drops the queued messages of a fragment when its run starts, a full run's included
    (the blank tab of the load test); with the patch, all of the full run reaches the browser."""
    from streamlit.runtime.app_session import AppSession

    server_safety.keep_unsent_fragment_messages()
    server_safety.keep_unsent_fragment_messages()  # twice changes nothing
    patched = AppSession._clear_queue
    streamlit_own = patched.__closure__[0].cell_contents
    assert not getattr(streamlit_own, "keeps_fragment_messages", False)

    dropped = _queue_after_a_full_run_then_a_fragment_run_starts(streamlit_own)
    assert ([0, 1], "delta") not in dropped, "Streamlit keeps a full run's fragment messages now: drop the patch"
    kept = _queue_after_a_full_run_then_a_fragment_run_starts(patched)
    assert kept == [([0, 0], "delta"), ([0, 1], "delta"), ([0, 2], "delta"), ([], "script_finished")]
    assert "keep_unsent_fragment_messages()" in (ROOT / "app.py").read_text(encoding="utf-8")
