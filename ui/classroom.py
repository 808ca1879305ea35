"""The server's class board (one for every session), and the class leaderboard as the pages show it."""

from __future__ import annotations

import streamlit as st

from cnn_core import classroom
from ui import training


@st.cache_resource(show_spinner=False)
def class_board() -> classroom.ClassBoard:
    """The server's one class board (runs hidden by their owners, runs the teacher cleared)."""
    return classroom.ClassBoard()


def public_leaderboard(lang: str) -> list[dict]:
    """The leaderboard everybody sees (hidden and cleared runs left out), as table text in ``lang``."""
    return classroom.leaderboard_rows(class_board().public(training.job_service().jobs()), lang)
