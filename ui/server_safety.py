"""Keep Streamlit from wiping Keras' process-wide state while trainings run in other threads.

After every script run (fragment reruns included, several a second while a run is watched)
Streamlit calls ``keras.backend.clear_session()`` to tidy up single-user apps. On a shared server
that resets the global graph and kernel caches under the feet of the background training threads
and the other sessions' models: measured here, two trainings started together never finished their
first batch, and every prediction was retraced. The app never relies on that clean-up (models are
kept per session and dropped with it), so :func:`keep_keras_state` leaves Keras alone and keeps the
rest of Streamlit's clean-up (closing matplotlib figures).
"""

from __future__ import annotations

import sys

from streamlit.runtime.scriptrunner import script_runner


def _close_matplotlib_figures() -> None:
    """Streamlit's clean-up minus the Keras part: close figures left open by a script run."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        try:
            pyplot.close("all")
        except Exception:  # noqa: BLE001 - a clean-up must never break a script run
            pass


def keep_keras_state() -> None:
    """Replace Streamlit's after-run clean-up with one that never calls ``clear_session()``."""
    script_runner._clean_problem_modules = _close_matplotlib_figures


def keras_state_is_kept() -> bool:
    return script_runner._clean_problem_modules is _close_matplotlib_figures
