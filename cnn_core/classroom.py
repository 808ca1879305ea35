"""The class view's rules, apart from Streamlit: what the class sees of the server's training runs.

The rows are :class:`cnn_core.jobs.JobSummary` lines (:meth:`cnn_core.jobs.JobService.jobs`, every
run of every session). On top of them a :class:`ClassBoard` (one per server) remembers two choices:
the runs their owners hid, and the finished runs the teacher cleared off the board. Nothing here
stores anything about a learner beyond the nickname they typed on the Train page.

The teacher's actions (cancel a run, clear the board) need the passcode in the environment variable
``FCL_TEACHER_CODE``; with no passcode set, the class view is read-only for everyone. Wrong
passcodes are rate-limited per browser session (:class:`PasscodeGate`). Deleting a saved model or
example set that another session made needs the passcode too (:func:`delete_rule`).
"""

from __future__ import annotations

import hmac
import os
import threading
import time
from collections.abc import Iterable, Mapping, Sequence

from cnn_core import i18n, jobs, models
from cnn_core.errors import UserError

TEACHER_CODE_ENV = "FCL_TEACHER_CODE"
NICKNAME_MAX = 24
RECIPE_KEYS = ("epochs", "batch_size", "optimizer", "learning_rate", "lr_schedule", "subset", "seed")
HISTORY_KEYS = ("loss", "accuracy", "val_loss", "val_accuracy")


def teacher_code(environ: Mapping[str, str] = os.environ) -> str | None:
    """The teacher's passcode, or ``None`` when none is set (the class view is then read-only).

    Args:
        environ: where to read ``$FCL_TEACHER_CODE`` (the process environment by default).

    Example:

    >>> teacher_code({"FCL_TEACHER_CODE": " owl-42 "}), teacher_code({})
    ('owl-42', None)
    """
    code = environ.get(TEACHER_CODE_ENV, "").strip()
    return code or None


def passcode_ok(given: str | None, expected: str | None) -> bool:
    """True only when a passcode is set and ``given`` matches it (compared in constant time).

    Args:
        given: what the teacher typed (spaces around it are ignored).
        expected: :func:`teacher_code`'s answer.

    Example:

    >>> passcode_ok(" owl-42", "owl-42"), passcode_ok("OWL-42", "owl-42"), passcode_ok("x", None)
    (True, False, False)
    """
    if not expected or not given:
        return False
    return hmac.compare_digest(given.strip().encode(), expected.encode())


PASSCODE_FREE_TRIES = 5            # wrong passcodes a session may type before it has to wait
PASSCODE_FIRST_WAIT = 30.0         # seconds after the last free try; doubled with each further wrong one
PASSCODE_LONGEST_WAIT = 15 * 60.0


class PasscodeGate:
    """One browser session's passcode tries, with a back-off after too many wrong ones.

    Each *new* text counts as one try (a page checks the same typed passcode on every rerun; that
    is not a new guess). After :data:`PASSCODE_FREE_TRIES` wrong tries the session must wait
    :data:`PASSCODE_FIRST_WAIT` seconds, twice as long after each further wrong try (at most
    :data:`PASSCODE_LONGEST_WAIT`); a right passcode starts the count again.

    Example:
        >>> gate = PasscodeGate()
        >>> gate.check("owl-41", "owl-42")
        False
    """

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self.wrong_tries = 0
        self._locked_until = 0.0
        self._last: tuple[str, str, bool] | None = None   # (given, expected, answer) of the last try

    def seconds_left(self) -> int:
        """Seconds until the next try is taken (0: now)."""
        return max(0, int(round(self._locked_until - self._clock() + 0.499)))

    def check(self, given: str | None, expected: str | None) -> bool:
        """Whether ``given`` is the passcode; ``UserError("class.err_passcode_wait", seconds=...)``
        for a new try while the session has to wait."""
        if not given or not expected:
            return False
        if self._last is not None and self._last[:2] == (given, expected):
            return self._last[2]
        waiting = self.seconds_left()
        if waiting:
            raise UserError("class.err_passcode_wait", seconds=waiting)
        right = passcode_ok(given, expected)
        self._last = (given, expected, right)
        if right:
            self.wrong_tries = 0
        else:
            self.wrong_tries += 1
            over = self.wrong_tries - PASSCODE_FREE_TRIES
            if over >= 0:
                self._locked_until = self._clock() + min(PASSCODE_LONGEST_WAIT, PASSCODE_FIRST_WAIT * 2 ** over)
        return right


DELETE_CONFIRM = "confirm"     # a confirmation step is enough
DELETE_PASSCODE = "passcode"   # the teacher's passcode is needed


def delete_rule(item_owner: str | None, viewer: str, code: str | None) -> str:
    """What deleting a saved model or example set asks of ``viewer`` (a session id).

    Their own (``item_owner == viewer``): :data:`DELETE_CONFIRM`. Someone else's, or one whose
    maker is unknown: :data:`DELETE_PASSCODE` when the class has a teacher passcode (``code``);
    without one the app serves one person's computer, where every saved thing is theirs, so a
    confirmation is enough.
    """
    if item_owner and item_owner == viewer:
        return DELETE_CONFIRM
    return DELETE_PASSCODE if code else DELETE_CONFIRM


def clean_nickname(text: str | None) -> str | None:
    """A nickname as the class view shows it: trimmed, one line, at most :data:`NICKNAME_MAX` characters.

    Args:
        text: what the learner typed.

    Returns:
        The nickname, or ``None`` for an empty one.

    Example:

    >>> clean_nickname("  Rina   the owl "), clean_nickname("   ")
    ('Rina the owl', None)
    """
    if not text:
        return None
    shown = " ".join(str(text).split())[:NICKNAME_MAX]
    return shown or None


class ClassBoard:
    """The server's class board: which runs are hidden by their owners or cleared by the teacher.

    Thread-safe (every session's script thread reads it); one instance serves the whole server.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._hidden: set[str] = set()
        self._cleared: set[str] = set()

    def set_hidden(self, row, owner: str, hidden: bool) -> bool:
        """Hide (or show again) ``row`` on the class view; only its ``owner`` may. Returns whether
        anything changed."""
        if not owner or row.owner != owner:
            return False
        with self._lock:
            before = row.id in self._hidden
            (self._hidden.add if hidden else self._hidden.discard)(row.id)
            return before != hidden

    def is_hidden(self, row) -> bool:
        with self._lock:
            return row.id in self._hidden

    def clear(self, rows: Iterable) -> int:
        """Take every finished run in ``rows`` off the board (runs in progress stay); returns how many."""
        finished = {row.id for row in rows if row.state in jobs.FINISHED_STATES}
        with self._lock:
            new = finished - self._cleared
            self._cleared |= finished
        return len(new)

    def visible(self, rows: Iterable, viewer: str | None = None) -> list:
        """The rows the class sees, newest first: not cleared, and not hidden unless ``viewer`` owns them."""
        with self._lock:
            hidden, cleared = set(self._hidden), set(self._cleared)
        return [row for row in rows if row.id not in cleared
                and (row.id not in hidden or (viewer and row.owner == viewer))]

    def public(self, rows: Iterable) -> list:
        """The rows everybody sees (hidden runs left out even for their owners): the leaderboard's."""
        with self._lock:
            hidden, cleared = set(self._hidden), set(self._cleared)
        return [row for row in rows if row.id not in hidden and row.id not in cleared]


def leaderboard(rows: Iterable[jobs.JobSummary]) -> list[jobs.JobSummary]:
    """Finished training runs with a test accuracy, best first (an earlier run wins a tie).

    Args:
        rows: the job service's job list (:class:`cnn_core.jobs.JobSummary`); runs still going,
            failed ones and Teach-it heads are left out.
    """
    done = [row for row in rows if row.state == jobs.DONE and row.kind == "train" and row.test_accuracy is not None]
    return sorted(done, key=lambda row: (-row.test_accuracy, row.created))


def recipe(row: jobs.JobSummary) -> dict:
    """The settings that made a run: its preset and the :data:`RECIPE_KEYS` of its ``config``
    (``None`` for a setting the run does not record).
    """
    config = row.config or {}
    values = {"preset": row.preset or config.get("preset")}
    values.update({key: config.get(key) for key in RECIPE_KEYS})
    return values


def display_name(row: jobs.JobSummary, lang: str) -> str:
    """A run's name on the board: its nickname, else "Learner" and the start of its id."""
    return row.nickname or i18n.t("class.anonymous", lang, tag=row.id[:4])


def model_text(row: jobs.JobSummary, lang: str) -> str:
    """A run's model: the preset's name, or what kind of job it is (a Teach-it head)."""
    if row.kind == "transfer":
        return i18n.t("class.kind_transfer", lang)
    return models.preset_label(row.preset, lang) if row.preset else str(row.kind)


def recipe_text(row: jobs.JobSummary, lang: str) -> str:
    """The recipe in one line, in ``lang``: ``3 epochs · batch 64 · Adam at 0.002 · 6,000 pictures``.

    Returns:
        The line, or ``"—"`` for a run that records no recipe.
    """
    values = recipe(row)
    if values["epochs"] is None:
        return "—"
    optimizer = str(values["optimizer"] or "?")
    return i18n.t("class.recipe", lang, epochs=values["epochs"], batch=values["batch_size"],
                  optimizer=optimizer.upper() if optimizer == "sgd" else optimizer.capitalize(),
                  lr=i18n.number(values["learning_rate"], lang, "g"),
                  pictures=i18n.t("class.all_pictures", lang) if values["subset"] is None
                  else i18n.number(values["subset"], lang))


def percent_text(fraction: float | None, lang: str) -> str:
    """A share as a percentage with one decimal in ``lang``'s digits; ``"—"`` when unknown.

    Example:

    >>> percent_text(0.9134, "en"), percent_text(0.9134, "bn"), percent_text(None, "en")
    ('91.3%', '৯১.৩%', '—')
    """
    return "—" if fraction is None else f"{i18n.number(100 * fraction, lang, '.1f')}%"


def leaderboard_rows(rows: Iterable[jobs.JobSummary], lang: str) -> list[dict]:
    """The leaderboard as text in ``lang``, ready for a table.

    Returns:
        One dict per ranked run: ``rank``, ``name``, ``accuracy``, ``model`` and ``recipe``.
    """
    return [{"rank": i18n.number(rank, lang), "name": display_name(row, lang),
             "accuracy": percent_text(row.test_accuracy, lang), "model": model_text(row, lang),
             "recipe": recipe_text(row, lang)}
            for rank, row in enumerate(leaderboard(rows), start=1)]


def curves(rows: Sequence[jobs.JobSummary], names: Mapping[str, str]) -> list[dict]:
    """Runs as ``{"name", "history"}`` for :func:`cnn_core.figures.training.compare_figure`.

    Args:
        rows: the runs to draw.
        names: a run's id -> the name its curves carry (a run left out keeps its id).
    """
    return [{"name": names.get(row.id, row.id), "history": {key: list((row.history or {}).get(key) or [])
                                                             for key in HISTORY_KEYS}}
            for row in rows]


def has_curves(row: jobs.JobSummary) -> bool:
    """Whether a run has at least one finished epoch to draw."""
    return any(value is not None for key in HISTORY_KEYS for value in (row.history or {}).get(key) or [])
