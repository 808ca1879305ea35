"""Waiting on an AppTest while a run goes on in a worker."""

from __future__ import annotations

import time


def rerun_until_metric(at, label: str, timeout: float, what: str):
    """Rerun the page every half second until a metric labelled ``label`` shows; fail with ``what`` and
    the page's info boxes (what state the run was in)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        time.sleep(0.5)
        at.run()
        assert not at.exception
        if any(metric.label == label for metric in at.metric):
            return at
    raise AssertionError(f"{what}: {[info.value for info in at.info]}")


def language_param(lang: str) -> dict[str, str]:
    """The ``lang`` a lesson link carries: none for the default language (a link leaves defaults out)."""
    from cnn_core import i18n

    return {} if lang == i18n.DEFAULT_LANGUAGE else {"lang": lang}


def codes(at) -> list[str]:
    """The text of every code block on the page (where pages write out their arithmetic)."""
    return [block.value for block in at.code]


def no_trouble(at) -> None:
    """The page ran without an exception and shows no error box."""
    assert not at.exception, [exception.value for exception in at.exception]
    assert not at.error, [error.value for error in at.error]
