"""Strings of multi-machine training (cnn_core.multiworker, the command line's --workers)."""

STRINGS = {
    "multiworker.err_too_few_workers": {
        "en": "Training on {wanted} machines needs {wanted} Dask workers with a free training slot; "
              "the cluster has {available}.",
        "bn": "{wanted}টি মেশিনে প্রশিক্ষণের জন্য খালি প্রশিক্ষণ-স্লটসহ {wanted}টি Dask ওয়ার্কার লাগে; "
              "ক্লাস্টারে আছে {available}টি।",
    },
}
