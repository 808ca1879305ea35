"""The server's side of the model checker: every uploaded ``.keras`` file is opened in a fresh child
process, never in the server.

The children come from a template process (:mod:`cnn_core.untrusted_model`) that imported TensorFlow
once: :func:`start_template` starts it (the server does as it starts), :func:`open_in_child` asks it for
one child per file and waits for that child's answer, killing it at its time limit. The server (a
threaded process, which must not fork) only talks to the template over a pipe, one request at a time;
a template that died is replaced at the next upload. :func:`cnn_core.uploads.open_untrusted_model`
calls :func:`open_in_child` after its own checks.
"""

from __future__ import annotations

import json
import logging
import os
import select
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

TEMPLATE_START_SECONDS = 120.0  # importing TensorFlow on a busy 2-core machine, with room to spare
ANSWER_POLL_SECONDS = 0.02
TEMPLATE_READY = "ready"  # the template's first line, once TensorFlow is imported (cnn_core.untrusted_model)


class _Template:
    """The server's handle on its template process: started on first use (or by
    :func:`start_template`), started again if it died; one request at a time goes over its pipe."""

    def __init__(self):
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None

    def _start(self) -> subprocess.Popen:
        root = Path(__file__).resolve().parent.parent
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(root), os.environ.get("PYTHONPATH")])),
               "TF_CPP_MIN_LOG_LEVEL": "2", "CUDA_VISIBLE_DEVICES": "-1", "MALLOC_ARENA_MAX": "2"}
        process = subprocess.Popen([sys.executable, "-m", "cnn_core.untrusted_model"], cwd=root, env=env,
                                   stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                   text=True, start_new_session=True)
        try:
            ready = _read_line(process, TEMPLATE_START_SECONDS) == TEMPLATE_READY
        except TimeoutError:
            ready = False
        if not ready:
            process.kill()
            process.wait()
            raise TimeoutError("the model checker did not start")
        return process

    def _running(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            self._process = self._start()
        return self._process

    def start(self) -> None:
        with self._lock:
            self._running()

    def fork(self, request: dict) -> int:
        """A child of the template checking ``request``; its pid. A template that died is replaced once."""
        with self._lock:
            try:
                return self._send(request)
            except (BrokenPipeError, ValueError, TimeoutError):  # died or hung: "" is no pid
                self._drop()
                return self._send(request)

    def _drop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None

    def _send(self, request: dict) -> int:
        process = self._running()
        process.stdin.write(json.dumps(request) + "\n")
        process.stdin.flush()
        return int(_read_line(process, TEMPLATE_START_SECONDS))


def _read_line(process: subprocess.Popen, seconds: float) -> str:
    """The template's next line, waiting at most ``seconds``; ``""`` if it ended."""
    ready, _, _ = select.select([process.stdout], [], [], seconds)
    if not ready:
        raise TimeoutError("the model checker did not answer")
    return process.stdout.readline().strip()


_template = _Template()


def start_template() -> None:
    """Start the template now (it imports TensorFlow: about five seconds of one core) so that the
    first upload need not wait for it. Returns once it is ready; nothing happens if it already is."""
    _template.start()


def start_template_in_background() -> None:
    """:func:`start_template` in a thread of its own, once per process (a server calls this as it
    starts; a failure only means the first upload starts the template itself)."""
    global _background_start
    with _background_lock:
        if _background_start is None:
            _background_start = threading.Thread(target=_start_quietly, name="fcl-model-checker", daemon=True)
            _background_start.start()


def _start_quietly() -> None:
    try:
        start_template()
    except Exception:  # noqa: BLE001 - the first upload tries again and reports its own error
        logging.getLogger(__name__).warning("the model checker could not start ahead of the first upload")


_background_lock = threading.Lock()
_background_start: threading.Thread | None = None


def open_in_child(path: Path, num_classes: int | None, memory_bytes: int, out_path: Path,
                  seconds: float) -> dict | None:
    """Check the ``.keras`` file at ``path`` in a fresh child forked from the template.

    Args:
        path: the uploaded file (in a private temporary folder: the answer is written beside it).
        num_classes: outputs the model must have (``None``: any).
        memory_bytes: the child's data-memory cap.
        out_path: where the child saves the model again.
        seconds: the child's time limit, from the moment it exists.

    Returns:
        The child's answer: ``{"ok": True, "peak_bytes": N}`` or ``{"key": ..., "values": ...,
        "peak_bytes": N}`` (a :class:`UserError`'s); ``None`` when it ended without one (killed at its
        memory cap, or crashed in native code).

    Raises:
        TimeoutError: the child ran past ``seconds`` (it has been killed).
    """
    answer_path = path.with_name(path.name + ".answer.json")
    pid = _template.fork({"path": str(path), "num_classes": num_classes, "memory_bytes": memory_bytes,
                          "out_path": str(out_path), "answer_path": str(answer_path)})
    deadline = time.monotonic() + seconds
    while True:
        alive = _alive(pid)  # looked at before the answer: one written just before the end still counts
        if answer_path.exists():
            return json.loads(answer_path.read_text(encoding="utf-8"))
        if not alive:
            return None
        if time.monotonic() > deadline:
            _kill(pid)
            raise TimeoutError(f"the model check ran past {seconds} s")
        time.sleep(ANSWER_POLL_SECONDS)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass

