"""Fashion CNN Lab's library: data, numpy ops, models, training, inference, i18n, figures.

Nothing in this package imports streamlit, so every piece runs (and is tested) as plain Python.
"""
