"""The child process that opens an uploaded ``.keras`` file, away from the server.

:func:`cnn_core.uploads.open_untrusted_model` starts ``python -m cnn_core.untrusted_model PATH
NUM_CLASSES MEMORY_BYTES OUT_PATH``: this process caps its own data memory, loads the file in Keras'
safe mode with the store's shape checks, saves it again and says on its last line, as JSON, how it
went and how much memory it took. It is its own module so that the checks (:mod:`cnn_core.uploads`)
need not import the store that uses them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from cnn_core.errors import UserError


def _peak_memory_bytes() -> int:
    """This process' peak resident memory (``VmHWM``), in bytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def _child_main(path: str, num_classes: str, memory_bytes: str, out_path: str) -> None:
    """The child's side (``python -m cnn_core.untrusted_model ...``): cap its own data memory, load the
    file in safe mode with every shape check, save it again to ``out_path``; the last line of
    stdout says how it went, as JSON."""
    import resource

    limit = int(memory_bytes)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
    try:
        from cnn_core import store

        model, _ = store.load_model_file(path, None if num_classes == "any" else int(num_classes))
        store.save_model_file(model, Path(out_path))
        answer = {"ok": True}
    except UserError as err:
        answer = {"key": err.key, "values": err.values}
    except MemoryError:
        answer = {"key": "store.err_model_memory", "values": {"megabytes": limit // 2**20}}
    except BaseException:  # anything else from a stranger's file: a damaged model
        answer = {"key": "store.err_corrupt", "values": {"file": Path(path).name}}
    answer["peak_bytes"] = _peak_memory_bytes()
    print("\n" + json.dumps(answer, default=str), flush=True)


if __name__ == "__main__":
    _child_main(*sys.argv[1:5])
