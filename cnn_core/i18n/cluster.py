"""Strings of the training cluster (``cnn_core.jobs.cluster``)."""

STRINGS = {
    "cluster.err_worker_without_app": {
        "en": "These training workers cannot import the app's code (the module cnn_core): {workers}. On each of "
              "those computers, install the app into the Python environment the worker runs in "
              "(from the app's folder: pip install .), then start the worker again.",
        "bn": "এই ট্রেনিং ওয়ার্কারগুলো অ্যাপের কোড (cnn_core মডিউল) ইমপোর্ট করতে পারছে না: {workers}। ওই প্রতিটি "
              "কম্পিউটারে, যে পাইথন এনভায়রনমেন্টে ওয়ার্কার চলে, সেখানে অ্যাপটি ইনস্টল করুন (অ্যাপের ফোল্ডার থেকে: "
              "pip install .), তারপর ওয়ার্কারটি আবার চালু করুন।",
    },
}
