"""The model checker's processes: a *template* that imported TensorFlow once, and one child forked
from it per uploaded ``.keras`` file.

``python -m cnn_core.untrusted_model`` is the template (:mod:`cnn_core.model_checker` starts it, once per
server, and talks to it over its stdin and stdout). It imports TensorFlow, Keras and the store, says
``ready``, and then only waits: for each request line it forks a child and answers with the child's
pid. The child already has all of that imported (starting Python and TensorFlow would take about five
seconds of a core); it caps its own data memory, loads the file in Keras' safe mode with the store's
shape checks, saves it again and writes how it went (and its peak memory) as JSON next to the file.
The template itself never opens a file, so every child starts from the same clean state.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

from cnn_core.errors import UserError
from cnn_core.model_checker import TEMPLATE_READY


# ------------------------------------------------------------------------------------ the child
def _peak_memory_bytes() -> int:
    """This process' peak resident memory (``VmHWM``), in bytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def _check_in_child(path: str, num_classes: int | None, memory_bytes: int, out_path: str, answer_path: str) -> None:
    """The forked child: cap its own data memory, load the file in safe mode with every shape check,
    save it again to ``out_path``; write the answer (JSON) to ``answer_path`` in one rename."""
    import resource

    resource.setrlimit(resource.RLIMIT_DATA, (memory_bytes, memory_bytes))
    try:
        from cnn_core import store

        model, _ = store.load_model_file(path, num_classes)
        store.save_model_file(model, Path(out_path))
        answer = {"ok": True}
    except UserError as err:
        answer = {"key": err.key, "values": err.values}
    except MemoryError:
        answer = {"key": "store.err_model_memory", "values": {"megabytes": memory_bytes // 2**20}}
    except BaseException:  # anything else from a stranger's file: a damaged model
        answer = {"key": "store.err_corrupt", "values": {"file": Path(path).name}}
    answer["peak_bytes"] = _peak_memory_bytes()
    written = Path(answer_path + ".part")
    written.write_text(json.dumps(answer, default=str), encoding="utf-8")
    written.rename(answer_path)


# --------------------------------------------------------------------------------- the template
def _serve_as_template() -> None:
    """The template's loop (``python -m cnn_core.untrusted_model``): import what a check needs, say
    ``ready``, then fork one child per request line on stdin and answer with its pid. Ends when the
    server closes the pipe (the server stopped)."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # ended children vanish by themselves (no zombies)
    import keras  # noqa: F401  (what every child would otherwise import again)
    import tensorflow  # noqa: F401

    from cnn_core import store  # noqa: F401

    print(TEMPLATE_READY, flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:  # the child: its stdout is the template's pipe to the server, so it writes nothing there
            os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            try:
                _check_in_child(**request)
            finally:
                os._exit(0)
        print(pid, flush=True)


if __name__ == "__main__":
    _serve_as_template()
