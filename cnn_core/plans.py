"""Lesson plans: a teacher's ordered steps through the app, saved on the server and shared as one link.

A plan is a title and a list of steps; each step is a lesson link (a page of this app and its
choices, e.g. ``/conv_lab?kernel=sobel_x&stride=2``), an optional question to think about, and one
line of instructions. Texts are either one string (shown in every language) or one text per
language (``{"en": ..., "bn": ...}``). A learner opens ``/<page>?<choices>&plan=<id>&part=<k>`` and
sees "Step k of n" with Back and Next on every page.

Plans travel as JSON (export / import) and are read strictly, as every upload is: a size limit, a
fixed shape, plain strings of bounded length, and links that stay inside this app (a relative path to
one of its pages, no scheme, no host). The page list is passed in (``page_urls``) so this module
never needs the app's page registry.

Example::

    plan = plans.parse_plan(json_text, page_urls={"conv_lab", "train"})
    plan_id = plans.PlanStore().save(plan)
    plans.step_query(plan.steps[0], plan_id, 1)   # {"kernel": "sobel_x", "plan": plan_id, "part": "1"}
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from cnn_core import i18n
from cnn_core.errors import UserError
from cnn_core.store import _atomic_write, new_run_id

FORMAT = "fashion-cnn-lab-plan"
VERSION = 1
MAX_BYTES = 64_000        # a plan file larger than this is refused before it is parsed
MAX_STEPS = 40
MAX_TEXT = 600            # characters in one title, question or instruction
MAX_LINK = 1_000          # characters in one step's link
PLAN_PARAM = "plan"       # the URL params a plan adds to a step's lesson link
PART_PARAM = "part"
_PLAN_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


@dataclass(frozen=True)
class PlanStep:
    """One step: ``page`` (a page's URL path), its ``query`` (the lesson link's choices, in order),
    and the optional ``question`` and ``instructions`` (a string or ``{language: text}``)."""

    page: str
    query: tuple[tuple[str, str], ...] = ()
    question: str | Mapping[str, str] | None = None
    instructions: str | Mapping[str, str] | None = None

    @property
    def link(self) -> str:
        """The step's lesson link as a relative URL (``/conv_lab?stride=2``)."""
        text = "&".join(f"{name}={value}" for name, value in self.query)
        return f"/{self.page}" + (f"?{text}" if text else "")


@dataclass(frozen=True)
class LessonPlan:
    """A titled, ordered list of :class:`PlanStep` (at least one)."""

    title: str | Mapping[str, str]
    steps: tuple[PlanStep, ...]

    def to_dict(self) -> dict:
        """The plan as its JSON document (what :func:`parse_plan` reads back)."""
        return {"format": FORMAT, "version": VERSION, "title": _plain(self.title),
                "steps": [{"link": step.link, **({"question": _plain(step.question)} if step.question else {}),
                           **({"instructions": _plain(step.instructions)} if step.instructions else {})}
                          for step in self.steps]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)


def text_in(text: str | Mapping[str, str] | None, lang: str) -> str:
    """A plan text in ``lang``: the string itself, or the language's text (else English, else any)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get(i18n.DEFAULT_LANGUAGE) or next(iter(text.values()), "")


def _plain(text):
    return text if isinstance(text, str) or text is None else dict(text)


# --- reading a plan strictly -----------------------------------------------------------------------

def _text(value, where: str, required: bool) -> str | dict | None:
    """A plan text: a string, or ``{language: string}`` over known languages; bounded length."""
    if value is None or value == "" or value == {}:
        if required:
            raise UserError("plans.err_missing", field=where)
        return None
    if isinstance(value, str):
        texts = {"": value}
    elif isinstance(value, dict) and all(isinstance(key, str) for key in value):
        unknown = [key for key in value if key not in i18n.LANGUAGES]
        if unknown:
            raise UserError("plans.err_language", field=where, code=str(unknown[0])[:20])
        texts = value
    else:
        raise UserError("plans.err_type", field=where)
    for text in texts.values():
        if not isinstance(text, str):
            raise UserError("plans.err_type", field=where)
        if len(text) > MAX_TEXT:
            raise UserError("plans.err_too_long", field=where, limit=MAX_TEXT)
    cleaned = {key: text.strip() for key, text in texts.items() if text.strip()}
    if not cleaned:
        if required:
            raise UserError("plans.err_missing", field=where)
        return None
    return cleaned[""] if "" in cleaned else cleaned


def parse_link(link, page_urls: Iterable[str], where: str = "link") -> tuple[str, tuple[tuple[str, str], ...]]:
    """``(page, query)`` of a same-app lesson link: ``/page?a=1`` or ``page?a=1`` (or this app's full
    address when ``link`` is one the sidebar copied, ``http://host/page?a=1``: the host is dropped).

    Raises:
        UserError: ``plans.err_link`` when it is not a string, too long, or names no page of this app.
    """
    if not isinstance(link, str) or not link.strip() or len(link) > MAX_LINK:
        raise UserError("plans.err_link", field=where)
    parts = urlsplit(link.strip())
    if parts.scheme not in ("", "http", "https") or parts.fragment:
        raise UserError("plans.err_link", field=where)
    page = parts.path.strip("/")
    if page not in set(page_urls):
        raise UserError("plans.err_link", field=where)
    query = tuple((name, value) for name, value in parse_qsl(parts.query, keep_blank_values=False)
                  if name not in (PLAN_PARAM, PART_PARAM))
    if any(not re.fullmatch(r"[A-Za-z0-9_]{1,30}", name) or len(value) > 200 for name, value in query):
        raise UserError("plans.err_link", field=where)
    return page, query


def plan_from_dict(data, page_urls: Iterable[str]) -> LessonPlan:
    """A :class:`LessonPlan` from its JSON document, checked field by field.

    Raises:
        UserError: a ``plans.err_*`` key naming the field that does not fit.
    """
    urls = set(page_urls)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise UserError("plans.err_format")
    if data.get("version") != VERSION:
        raise UserError("plans.err_version", version=str(data.get("version"))[:20])
    extra = set(data) - {"format", "version", "title", "steps"}
    if extra:
        raise UserError("plans.err_field", field=sorted(map(str, extra))[0][:40])
    title = _text(data.get("title"), "title", required=True)
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        raise UserError("plans.err_steps", limit=MAX_STEPS)
    if len(steps) > MAX_STEPS:
        raise UserError("plans.err_steps", limit=MAX_STEPS)
    parsed = []
    for number, step in enumerate(steps, 1):
        where = f"steps[{number}]"
        if not isinstance(step, dict):
            raise UserError("plans.err_type", field=where)
        extra = set(step) - {"link", "question", "instructions"}
        if extra:
            raise UserError("plans.err_field", field=f"{where}.{sorted(map(str, extra))[0][:40]}")
        page, query = parse_link(step.get("link"), urls, f"{where}.link")
        parsed.append(PlanStep(page, query, _text(step.get("question"), f"{where}.question", False),
                               _text(step.get("instructions"), f"{where}.instructions", False)))
    return LessonPlan(title, tuple(parsed))


def parse_plan(raw: bytes | str, page_urls: Iterable[str]) -> LessonPlan:
    """Read an uploaded plan file (bytes or text) strictly: size first, then JSON, then its shape.

    Raises:
        UserError: ``plans.err_size``, ``plans.err_json`` or one of :func:`plan_from_dict`'s.
    """
    size = len(raw.encode("utf-8") if isinstance(raw, str) else raw)
    if size > MAX_BYTES:
        raise UserError("plans.err_size", limit=MAX_BYTES // 1000)
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise UserError("plans.err_json") from None
    return plan_from_dict(data, page_urls)


def step_query(step: PlanStep, plan_id: str, part: int) -> dict[str, str]:
    """The query params that open ``step`` (number ``part``, from 1) inside plan ``plan_id``."""
    return {**dict(step.query), PLAN_PARAM: plan_id, PART_PARAM: str(part)}


def checked_id(plan_id) -> str:
    """A plan id as files and links use it (letters, digits, ``-`` and ``_``).

    Raises:
        UserError: ``plans.err_missing_plan`` for anything else.
    """
    if not isinstance(plan_id, str) or not _PLAN_ID.match(plan_id):
        raise UserError("plans.err_missing_plan", plan=str(plan_id)[:40])
    return plan_id


# --- the server's plans ----------------------------------------------------------------------------

def default_plans_root() -> Path:
    """``$FCL_PLANS_DIR``, else ``~/.fashion_cnn_lab/plans``."""
    configured = os.environ.get("FCL_PLANS_DIR")
    return Path(configured) if configured else Path.home() / ".fashion_cnn_lab" / "plans"


SHIPPED_ROOT = Path(__file__).resolve().parent.parent / "assets" / "plans"


class PlanStore:
    """Saved plans, one ``<id>.json`` each (written atomically), plus the plans shipped with the app
    in ``assets/plans/`` (read-only; a saved plan never replaces one of them)."""

    def __init__(self, root: Path | str | None = None, shipped: Path | str | None = SHIPPED_ROOT):
        self.root = Path(root) if root is not None else default_plans_root()
        self.shipped = Path(shipped) if shipped is not None else None

    def save(self, plan: LessonPlan) -> str:
        """Write ``plan`` under a new id; returns the id.

        Raises:
            UserError: ``plans.err_store`` when the disk refuses.
        """
        plan_id = new_run_id()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            _atomic_write(self.root / f"{plan_id}.json", lambda temp: temp.write_text(plan.to_json(), encoding="utf-8"))
        except OSError as exc:
            raise UserError("plans.err_store", reason=exc.strerror or str(exc)) from exc
        return plan_id

    def load(self, plan_id: str, page_urls: Iterable[str]) -> LessonPlan:
        """The plan saved (or shipped) under ``plan_id``, read as strictly as an upload.

        Raises:
            UserError: ``plans.err_missing_plan`` when there is none.
        """
        checked_id(plan_id)
        for folder in (self.root, self.shipped):
            path = folder / f"{plan_id}.json" if folder is not None else None
            if path is not None and path.is_file():
                return parse_plan(path.read_bytes(), page_urls)
        raise UserError("plans.err_missing_plan", plan=plan_id)

    def shipped_ids(self) -> list[str]:
        """The ids of the plans that come with the app."""
        if self.shipped is None or not self.shipped.is_dir():
            return []
        return sorted(path.stem for path in self.shipped.glob("*.json"))
