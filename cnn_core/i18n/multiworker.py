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
    "multiworker.err_untrusted_network": {
        "en": "Training one model on several workers opens TensorFlow's own network ports, without a password "
              "or encryption, on every network interface of each machine while the run lasts (TensorFlow "
              "cannot limit them to one address). Do this only on a network you trust, and say so by "
              "setting {variable}=1 before starting.",
        "bn": "কয়েকটি ওয়ার্কারে একটি মডেল প্রশিক্ষণ দিলে রান চলাকালীন প্রতিটি মেশিনের প্রতিটি নেটওয়ার্ক "
              "ইন্টারফেসে TensorFlow-এর নিজস্ব নেটওয়ার্ক পোর্ট খোলে, পাসওয়ার্ড বা এনক্রিপশন ছাড়া (TensorFlow "
              "সেগুলোকে একটি ঠিকানায় সীমিত করতে পারে না)। কেবল বিশ্বস্ত নেটওয়ার্কে এটি করুন, এবং শুরু করার আগে "
              "{variable}=1 সেট করে তা জানান।",
    },
    "multiworker.err_options": {
        "en": "--workers cannot be combined with --max-minutes (the machines would have to agree on "
              "when to stop) or with --strategy mirrored (the machines already train as one).",
        "bn": "--workers-এর সাথে --max-minutes চলে না (কখন থামবে তাতে সব মেশিনকে একমত হতে হতো), "
              "--strategy mirrored-ও না (মেশিনগুলো এমনিতেই একসাথে একটি মডেল প্রশিক্ষণ দেয়)।",
    },
}
