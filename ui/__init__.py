"""App-side helpers shared by the pages (these may import streamlit; cnn_core never does)."""

from ui.state import (active_model, dataset_name, get_data, lang, model_name, projector, set_active_model,
                      show_user_error, tr)
from ui.theme import plot

__all__ = ["active_model", "dataset_name", "get_data", "lang", "model_name", "plot", "projector",
           "set_active_model", "show_user_error", "tr"]
