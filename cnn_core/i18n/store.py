"""Strings of the model store (``cnn_core.store``)."""

STRINGS = {
    "store.err_not_found": {
        "en": "No saved model called “{run_id}” was found.",
        "bn": "“{run_id}” নামে কোনো সংরক্ষিত মডেল পাওয়া যায়নি।",
    },
    "store.err_not_keras": {
        "en": "“{file}” is not a Keras model file (a .keras file is a zip archive).",
        "bn": "“{file}” কোনো কেরাস (Keras) মডেল ফাইল নয় (.keras ফাইল আসলে একটি zip আর্কাইভ)।",
    },
    "store.err_corrupt": {
        "en": "“{file}” looks like a Keras file but could not be read; it may be damaged or cut short.",
        "bn": "“{file}” দেখতে কেরাস (Keras) ফাইলের মতো, কিন্তু পড়া গেল না; ফাইলটি হয়তো নষ্ট বা অসম্পূর্ণ।",
    },
    "store.err_unsafe": {
        "en": "“{file}” contains custom code (for example a Lambda layer), which the app does not run "
              "for safety.",
        "bn": "“{file}”-এ নিজস্ব কোড আছে (যেমন Lambda লেয়ার); নিরাপত্তার জন্য অ্যাপ সেটি চালায় না।",
    },
    "store.err_input_shape": {
        "en": "This model expects input shaped {shape}, but the app's pictures are 28×28 with one "
              "channel.",
        "bn": "এই মডেল {shape} আকারের ইনপুট চায়, কিন্তু অ্যাপের ছবি ২৮×২৮, একটি চ্যানেল।",
    },
    "store.err_output_shape": {
        "en": "This model gives {got} outputs, but the dataset has {expected} classes.",
        "bn": "এই মডেল {got}টি আউটপুট দেয়, কিন্তু ডেটাসেটে ক্লাস {expected}টি।",
    },
    "store.err_no_pretrained": {
        "en": "No pretrained model ships for “{dataset}”. Train one on the Train page.",
        "bn": "“{dataset}”-এর জন্য কোনো আগে থেকে ট্রেন করা মডেল নেই। ট্রেন পাতায় একটি ট্রেন করুন।",
    },
    "store.err_save_failed": {
        "en": "The model could not be saved: {reason}",
        "bn": "মডেলটি সংরক্ষণ করা গেল না: {reason}",
    },
    "store.broken_entry": {
        "en": "This saved run could not be read: {error}",
        "bn": "এই সংরক্ষিত রানটি পড়া গেল না: {error}",
    },
    "store.err_model_config": {
        "en": "“{file}” describes its model in a way that does not add up (at {field}), so it was not opened.",
        "bn": "“{file}” তার মডেলের যে বর্ণনা দেয় তা মেলে না ({field}-এ), তাই এটি খোলা হয়নি।",
    },
    "store.err_model_memory": {
        "en": "Opening “{file}” needed more than {megabytes} MB of memory, so it was stopped.",
        "bn": "“{file}” খুলতে {megabytes} মেগাবাইটের বেশি মেমরি লাগছিল, তাই থামিয়ে দেওয়া হয়েছে।",
    },
    "store.err_model_slow": {
        "en": "Opening “{file}” took longer than {seconds} seconds, so it was stopped.",
        "bn": "“{file}” খুলতে {seconds} সেকেন্ডের বেশি লাগছিল, তাই থামিয়ে দেওয়া হয়েছে।",
    },
    "store.err_model_too_big": {
        "en": "“{file}” asks for a model bigger than this app opens (at most {layers} layers and {params} "
              "weights), so nothing was built.",
        "bn": "“{file}” এই অ্যাপের খোলার সীমার চেয়ে বড় মডেল চায় (সর্বোচ্চ {layers}টি লেয়ার ও {params}টি "
              "ওয়েট), তাই কিছুই তৈরি করা হয়নি।",
    },
    "store.err_unknown_layer": {
        "en": "“{file}” uses a layer this app does not know ({layer}); it takes convolution, pooling, "
              "dense and similar standard layers.",
        "bn": "“{file}” এমন একটি লেয়ার ব্যবহার করে যা এই অ্যাপ চেনে না ({layer}); অ্যাপটি কনভলিউশন, পুলিং, "
              "ডেন্স ও এ রকম সাধারণ লেয়ার নেয়।",
    },
    "store.err_zip_too_big": {
        "en": "“{name}” is too big ({megabytes} MB, or too much inside it); a model file may have {limit} MB.",
        "bn": "“{name}” অনেক বড় ({megabytes} মেগাবাইট, বা ভেতরে অনেক বেশি কিছু); মডেল ফাইল সর্বোচ্চ "
              "{limit} মেগাবাইট হতে পারে।",
    },
    "store.err_zip_not_zip": {"en": "“{name}” is not a zip file, so it cannot be a .keras model.",
                              "bn": "“{name}” কোনো জিপ ফাইল নয়, তাই এটি .keras মডেল হতে পারে না।"},
    "store.err_timeline_corrupt": {
        "en": "The replay of this run (“{file}”) could not be read; it may be damaged. The model itself is fine.",
        "bn": "এই রানের রিপ্লে (“{file}”) পড়া গেল না; ফাইলটি হয়তো নষ্ট। মডেলটি নিজে ঠিক আছে।",
    },
}
