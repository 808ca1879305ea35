"""Strings of multi-machine training (cnn_core.multiworker, the command line's --workers)."""

STRINGS = {
    "multiworker.err_too_few_workers": {
        "en": "Training on {wanted} machines needs {wanted} Dask workers with a free training slot; "
              "the cluster has {available}.",
        "bn": "{wanted}টি মেশিনে প্রশিক্ষণের জন্য খালি প্রশিক্ষণ-স্লটসহ {wanted}টি Dask ওয়ার্কার লাগে; "
              "ক্লাস্টারে আছে {available}টি।",
    },
    "multiworker.err_failed": {
        "en": "Training on several machines failed: {reason}",
        "bn": "একাধিক মেশিনে প্রশিক্ষণ ব্যর্থ হয়েছে: {reason}",
    },
    "multiworker.err_options": {
        "en": "--workers cannot be combined with --max-minutes (the machines would have to agree on "
              "when to stop) or with --strategy mirrored (the machines already train as one).",
        "bn": "--workers-এর সাথে --max-minutes চলে না (কখন থামবে তাতে সব মেশিনকে একমত হতে হতো), "
              "--strategy mirrored-ও না (মেশিনগুলো এমনিতেই একসাথে একটি মডেল প্রশিক্ষণ দেয়)।",
    },
}
