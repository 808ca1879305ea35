"""Lesson plans in the app: the learner's "Step k of n" panel on every page, and the teacher's builder
on the Class view (the rules and the store are in :mod:`cnn_core.plans`).

A plan's link is its first step's lesson link plus ``plan=<id>&part=1``; ``plan`` and ``part`` are
global link params (``ui.links.GLOBALS``), so they stay in the URL on every page. Back and Next open
the neighbouring step's lesson link (its page and its choices) in the same browser session.
"""

from __future__ import annotations

import json

import streamlit as st

from app_pages import PAGES, page
from cnn_core import plans
from cnn_core.errors import UserError
from ui import links
from ui.state import lang, show_user_error, tr

DRAFT_KEY = "class_plan_draft"   # the teacher's steps being assembled: a list of step dicts
_MARKDOWN_SPECIALS = set("\\`*_{}[]()#+-.!|<>~$&")


def page_urls() -> list[str]:
    return [spec.url for spec in PAGES]


def literal(text: str) -> str:
    """``text`` for ``st.markdown`` shown exactly as typed: Markdown and HTML characters escaped."""
    return "".join(f"\\{char}" if char in _MARKDOWN_SPECIALS else char for char in text).replace("\n", "  \n")


@st.cache_data(show_spinner=False, max_entries=64)
def _load(plan_id: str, root: str) -> plans.LessonPlan:
    """A saved plan (a saved plan never changes: every save gets a new id)."""
    return plans.PlanStore(root).load(plan_id, page_urls())


def load_plan(plan_id: str) -> plans.LessonPlan:
    return _load(plan_id, str(plans.default_plans_root()))


def plan_link(plan_id: str, plan: plans.LessonPlan, part: int = 1) -> str:
    """The relative link that opens step ``part`` of the plan."""
    step = plan.steps[part - 1]
    return links.view_link(None, step.page, plans.step_query(step, plan_id, part))


def _go(plan_id: str, plan: plans.LessonPlan, part: int) -> None:
    step = plan.steps[part - 1]
    st.switch_page(page(step.page).path, query_params=plans.step_query(step, plan_id, part))


def plan_panel() -> None:
    """The sidebar's "Step k of n" with the step's instructions and question, Back and Next (drawn
    only while the session follows a plan)."""
    plan_id = st.session_state.get(links.PLAN_KEY)
    if not plan_id:
        return
    try:
        plan = load_plan(plan_id)
    except UserError as err:
        with st.sidebar:
            show_user_error(err)
        return
    part = int(min(max(st.session_state.get(links.PLAN_PART_KEY) or 1, 1), len(plan.steps)))
    step, language = plan.steps[part - 1], lang()
    with st.sidebar.container(key="fcl_plan_panel", border=True):
        st.caption(tr("plans.panel_heading"))
        st.markdown(f"**{literal(plans.text_in(plan.title, language))}**")
        st.markdown(f"#### {tr('plans.step_of', k=part, n=len(plan.steps))}")
        if step.instructions:
            st.markdown(literal(plans.text_in(step.instructions, language)))
        if step.question:
            st.info(tr("plans.question", text=literal(plans.text_in(step.question, language))),
                    icon=":material/help:")
        columns = st.columns(2)
        if columns[0].button(tr("plans.back"), key="fcl_plan_back", icon=":material/chevron_left:",
                             disabled=part <= 1, width="stretch"):
            _go(plan_id, plan, part - 1)
        if columns[1].button(tr("plans.next"), key="fcl_plan_next", icon=":material/chevron_right:",
                             disabled=part >= len(plan.steps), width="stretch"):
            _go(plan_id, plan, part + 1)


# --- the teacher's builder (the Class view calls it only with the passcode) -------------------------

def _draft() -> list[dict]:
    return st.session_state.setdefault(DRAFT_KEY, [])


def _add_step() -> None:
    link = st.session_state.get("class_plan_link", "")
    try:
        plans.parse_link(link, page_urls())
    except UserError as err:
        st.session_state["class_plan_notice"] = err
        return
    step = {"link": link.strip()}
    for field, key in (("question", "class_plan_question"), ("instructions", "class_plan_instructions")):
        text = (st.session_state.get(key) or "").strip()
        if text:
            step[field] = text
    try:
        plans.plan_from_dict({"format": plans.FORMAT, "version": plans.VERSION, "title": "-",
                              "steps": [*_draft(), step]}, page_urls())
    except UserError as err:
        st.session_state["class_plan_notice"] = err
        return
    _draft().append(step)
    for key in ("class_plan_link", "class_plan_question", "class_plan_instructions"):
        st.session_state[key] = ""


def draft_document(title: str) -> dict:
    return {"format": plans.FORMAT, "version": plans.VERSION, "title": title, "steps": list(_draft())}


def plan_builder(allowed) -> None:
    """Assemble, save, export and import a plan. ``allowed()`` re-checks the passcode on every action:
    without it nothing is saved."""
    st.header(tr("plans.builder_header"))
    st.caption(tr("plans.builder_intro"))
    store = plans.PlanStore()
    for plan_id in store.shipped_ids():
        try:
            example = load_plan(plan_id)
        except UserError:
            continue
        st.markdown(tr("plans.example", title=literal(plans.text_in(example.title, lang()))))
        st.code(plan_link(plan_id, example), language=None)
    if "class_plan_title_read" in st.session_state:  # an imported plan's title, before the box is drawn
        st.session_state["class_plan_title"] = st.session_state.pop("class_plan_title_read")
    title = st.text_input(tr("plans.title"), key="class_plan_title", max_chars=plans.MAX_TEXT)
    with st.form("class_plan_step", clear_on_submit=False):
        st.text_input(tr("plans.link"), key="class_plan_link", max_chars=plans.MAX_LINK)
        st.text_input(tr("plans.question_field"), key="class_plan_question", max_chars=plans.MAX_TEXT)
        st.text_input(tr("plans.instructions"), key="class_plan_instructions", max_chars=plans.MAX_TEXT)
        st.form_submit_button(tr("plans.add_step"), icon=":material/add:", on_click=_add_step)
    notice = st.session_state.pop("class_plan_notice", None)
    if notice is not None:
        show_user_error(notice)
    draft = _draft()
    if not draft:
        st.caption(tr("plans.draft_empty"))
    else:
        st.table({tr("plans.col_step"): list(range(1, len(draft) + 1)),
                  tr("plans.link"): [step["link"] for step in draft],
                  tr("plans.question_field"): [plans.text_in(step.get("question"), lang()) for step in draft],
                  tr("plans.instructions"): [plans.text_in(step.get("instructions"), lang()) for step in draft]}, hide_index=True)
        if st.button(tr("plans.remove_last"), key="class_plan_remove", icon=":material/undo:"):
            draft.pop()
            st.rerun()
    columns = st.columns(2)
    if columns[0].button(tr("plans.save"), key="class_plan_save", icon=":material/save:", type="primary",
                         disabled=not draft):
        if allowed():
            try:
                plan = plans.plan_from_dict(draft_document(title), page_urls())
                plan_id = store.save(plan)
                st.success(tr("plans.saved"), icon=":material/check:")
                st.code(plan_link(plan_id, plan), language=None)
            except UserError as err:
                show_user_error(err)
        else:
            st.error(tr("class.wrong_code"))
    if draft:
        columns[1].download_button(tr("plans.export"), json.dumps(draft_document(title), ensure_ascii=False, indent=1),
                                   file_name="lesson-plan.json", mime="application/json", key="class_plan_export",
                                   icon=":material/download:")
    uploaded = st.file_uploader(tr("plans.import"), type=["json"], key="class_plan_import")
    if uploaded is not None and st.session_state.get("class_plan_imported") != uploaded.file_id:
        st.session_state["class_plan_imported"] = uploaded.file_id
        try:
            plan = plans.parse_plan(uploaded.getvalue(), page_urls())
        except UserError as err:
            show_user_error(err)
        else:
            document = plan.to_dict()
            st.session_state[DRAFT_KEY] = document["steps"]
            st.session_state["class_plan_title_read"] = plans.text_in(plan.title, lang())
            st.success(tr("plans.imported", count=len(plan.steps)))
            st.rerun()
