"""Strings of the training engine: model presets, training errors and model-store errors."""

STRINGS = {
    # ----- model presets (cnn_core.models.PRESETS) -----
    "models.preset_seed": {
        "en": "The lesson's network: two convolution + max-pool pairs (32 and 64 filters), then 128 "
              "dense units. 421,642 trainable parameters.",
        "bn": "পাঠের নেটওয়ার্ক: দুই জোড়া কনভল্যুশন + ম্যাক্স-পুল (৩২ ও ৬৪টি ফিল্টার), তারপর ১২৮টি "
              "ডেন্স ইউনিট। শেখার মতো প্যারামিটার ৪,২১,৬৪২টি।",
    },
    "models.preset_small": {
        "en": "A smaller copy of the lesson's network (16 and 32 filters, 64 dense units): about four "
              "times less work per image, for quick experiments.",
        "bn": "পাঠের নেটওয়ার্কের ছোট সংস্করণ (১৬ ও ৩২টি ফিল্টার, ৬৪টি ডেন্স ইউনিট): প্রতিটি ছবিতে প্রায় "
              "চার গুণ কম কাজ, দ্রুত পরীক্ষার জন্য।",
    },
    "models.preset_strong": {
        "en": "Three convolution blocks with batch normalization and dropout: slower per epoch, but "
              "more accurate on new pictures.",
        "bn": "তিনটি কনভল্যুশন ব্লক, সাথে ব্যাচ নরমালাইজেশন (batch normalization) আর ড্রপআউট (dropout): "
              "প্রতি ইপকে ধীর, কিন্তু নতুন ছবিতে বেশি নির্ভুল।",
    },
    "models.preset_custom": {
        "en": "Build your own: choose the number of convolution blocks, filters, kernel size, dense "
              "units and dropout.",
        "bn": "নিজের নেটওয়ার্ক বানান: কনভল্যুশন ব্লকের সংখ্যা, ফিল্টার, কার্নেলের মাপ, ডেন্স ইউনিট আর "
              "ড্রপআউট (dropout) বেছে নিন।",
    },
    "models.err_unknown_preset": {
        "en": "There is no model preset called “{preset}”.",
        "bn": "“{preset}” নামে কোনো মডেল প্রিসেট নেই।",
    },
    "models.err_options_custom_only": {
        "en": "Only the custom preset takes layer options; “{preset}” has a fixed shape.",
        "bn": "শুধু কাস্টম প্রিসেটে লেয়ারের অপশন বদলানো যায়; “{preset}”-এর গঠন নির্দিষ্ট।",
    },
    "models.err_unknown_option": {
        "en": "Unknown model option: {option}.",
        "bn": "অজানা মডেল অপশন: {option}।",
    },
    "models.err_option_range": {
        "en": "{option} must be between {low} and {high} (got {value}).",
        "bn": "{option}-এর মান {low} থেকে {high}-এর মধ্যে হতে হবে (দেওয়া হয়েছে {value})।",
    },
    "models.err_kernel_size": {
        "en": "The kernel size must be 3 or 5 (got {value}).",
        "bn": "কার্নেলের মাপ ৩ অথবা ৫ হতে হবে (দেওয়া হয়েছে {value})।",
    },
    # ----- training configuration and runs (cnn_core.training) -----
    "train.err_epochs": {
        "en": "Epochs must be a whole number from 1 to {high} (got {value}).",
        "bn": "ইপকের সংখ্যা ১ থেকে {high}-এর মধ্যে একটি পূর্ণসংখ্যা হতে হবে (দেওয়া হয়েছে {value})।",
    },
    "train.err_batch_size": {
        "en": "The batch size must be a whole number from 1 to {high} (got {value}).",
        "bn": "ব্যাচের আকার ১ থেকে {high}-এর মধ্যে একটি পূর্ণসংখ্যা হতে হবে (দেওয়া হয়েছে {value})।",
    },
    "train.err_batch_too_big": {
        "en": "The batch size ({batch}) is larger than the number of training images ({images}). "
              "Use a smaller batch or more images.",
        "bn": "ব্যাচের আকার ({batch}) ট্রেনিংয়ের ছবির সংখ্যার ({images}) চেয়ে বড়। ছোট ব্যাচ নিন অথবা "
              "আরও ছবি দিন।",
    },
    "train.err_optimizer": {
        "en": "Unknown optimizer “{value}”: choose adam or sgd.",
        "bn": "অজানা অপটিমাইজার “{value}”: adam অথবা sgd বেছে নিন।",
    },
    "train.err_learning_rate": {
        "en": "The learning rate must be above 0 and at most 1 (got {value}).",
        "bn": "লার্নিং রেট ০-এর বেশি এবং সর্বোচ্চ ১ হতে হবে (দেওয়া হয়েছে {value})।",
    },
    "train.err_lr_schedule": {
        "en": "Unknown learning-rate schedule “{value}”: choose constant or cosine.",
        "bn": "অজানা লার্নিং রেট সূচি “{value}”: constant অথবা cosine বেছে নিন।",
    },
    "train.err_validation_split": {
        "en": "The validation share must be between 0 and 0.5 (got {value}).",
        "bn": "ভ্যালিডেশনের ভাগ ০ থেকে ০.৫-এর মধ্যে হতে হবে (দেওয়া হয়েছে {value})।",
    },
    "train.err_seed": {
        "en": "The seed must be a whole number (got {value}).",
        "bn": "সিড (seed) একটি পূর্ণসংখ্যা হতে হবে (দেওয়া হয়েছে {value})।",
    },
    "train.err_subset": {
        "en": "The number of training images must be a whole number of at least 2 (got {value}).",
        "bn": "ট্রেনিংয়ের ছবির সংখ্যা অন্তত ২ এমন পূর্ণসংখ্যা হতে হবে (দেওয়া হয়েছে {value})।",
    },
    "train.err_subset_too_big": {
        "en": "You asked for {value} training images, but the dataset has only {available}.",
        "bn": "আপনি {value}টি ট্রেনিং ছবি চেয়েছেন, কিন্তু ডেটাসেটে আছে মাত্র {available}টি।",
    },
    "train.err_failed_at": {
        "en": "Training stopped with an error in epoch {epoch}, after batch {batch}: {reason}",
        "bn": "ইপক {epoch}-এ, ব্যাচ {batch}-এর পর একটি সমস্যার কারণে ট্রেনিং থেমে গেছে: {reason}",
    },
    "train.err_failed_before": {
        "en": "Training stopped with an error before the first batch: {reason}",
        "bn": "প্রথম ব্যাচের আগেই একটি সমস্যার কারণে ট্রেনিং থেমে গেছে: {reason}",
    },
    "train.err_worker_lost": {
        "en": "The worker process that ran this training stopped unexpectedly (it may have run out of "
            "memory or been shut down), so the run is lost. A fresh worker has taken its place: press "
            "“Start training” to run it again.",
        "bn": "যে ওয়ার্কার প্রসেসে (worker process) এই ট্রেনিং চলছিল, সেটি হঠাৎ বন্ধ হয়ে গেছে (হয়তো মেমরি "
              "ফুরিয়েছে বা বন্ধ করে দেওয়া হয়েছে), তাই রানটি হারিয়ে গেছে। তার জায়গায় নতুন ওয়ার্কার চালু হয়েছে: "
              "আবার চালাতে “ট্রেনিং শুরু করি” চাপুন।",
    },
    "train.err_cluster": {
        "en": "The training workers could not be reached, so the run did not start: {reason}",
        "bn": "ট্রেনিংয়ের ওয়ার্কারদের (workers) সাথে যোগাযোগ করা গেল না, তাই রানটি শুরু হয়নি: {reason}",
    },
    "train.err_cluster_lost": {
        "en": "The training cluster could not be reached for a while (its scheduler or this run's worker "
              "went away), so this run has ended. What it reported before is kept on this page. The app "
              "connects again by itself: press “Start training” to run it again.",
        "bn": "কিছুক্ষণ ধরে ট্রেনিং ক্লাস্টারের (cluster) সাথে যোগাযোগ করা যায়নি (তার শিডিউলার বা এই রানের "
              "ওয়ার্কার বন্ধ হয়ে গেছে), তাই রানটি শেষ হয়ে গেছে। এর আগে যা জানা গিয়েছিল, তা এই পাতায় রাখা আছে। "
              "অ্যাপ নিজেই আবার যোগাযোগ করবে: আবার চালাতে “ট্রেনিং শুরু করি” চাপুন।",
    },
    "cluster.err_worker_without_app": {
        "en": "These training workers cannot import the app's code (the module cnn_core): {workers}. On each of "
              "those computers, install the app into the Python environment the worker runs in "
              "(from the app's folder: pip install .), then start the worker again.",
        "bn": "এই ট্রেনিং ওয়ার্কারগুলো অ্যাপের কোড (cnn_core মডিউল) ইমপোর্ট করতে পারছে না: {workers}। ওই প্রতিটি "
              "কম্পিউটারে, যে পাইথন এনভায়রনমেন্টে ওয়ার্কার চলে, সেখানে অ্যাপটি ইনস্টল করুন (অ্যাপের ফোল্ডার থেকে: "
              "pip install .), তারপর ওয়ার্কারটি আবার চালু করুন।",
    },
    "train.err_unknown_job": {
        "en": "There is no kind of job called “{kind}”.",
        "bn": "“{kind}” নামে কোনো ধরনের কাজ নেই।",
    },
    # ----- saved models (cnn_core.store) -----
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
    "store.err_timeline_corrupt": {
        "en": "The replay of this run (“{file}”) could not be read; it may be damaged. The model itself is fine.",
        "bn": "এই রানের রিপ্লে (“{file}”) পড়া গেল না; ফাইলটি হয়তো নষ্ট। মডেলটি নিজে ঠিক আছে।",
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
}
