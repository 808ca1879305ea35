"""Strings of the model presets and their errors (``cnn_core.models``)."""

STRINGS = {
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
    "models.err_option_steps": {
        "en": "{option} must be one of {steps} (got {value}).",
        "bn": "{option}-এর মান {steps}-এর যেকোনো একটি হতে হবে (দেওয়া হয়েছে {value})।",
    },
    "models.preset_best": {
        "en": "The strong network's shape, normalised after each pooling so it trains about 1.7 times "
              "as fast, and trained on mirror images too, with its own recipe (15 epochs of every picture, "
              "batch 128, a gliding learning rate): it aims at 93.5% or more on new pictures in no more "
              "time than the lesson's 10 epochs take on this computer.",
        "bn": "শক্তিশালী নেটওয়ার্কের গঠনই, তবে প্রতিটি পুলিংয়ের পরে নর্মালাইজ করা হয় বলে প্রায় ১.৭ গুণ দ্রুত শেখে, "
              "আর ছবির আয়না-উল্টো রূপ দিয়েও শেখে, নিজের রেসিপিতে (সব ছবি দিয়ে ১৫ ইপক, ব্যাচ ১২৮, ধীরে ধীরে "
              "কমে আসা লার্নিং রেট): এই কম্পিউটারে পাঠের ১০ ইপকে যতটা সময় লাগে, তার বেশি সময় না নিয়ে নতুন "
              "ছবিতে ৯৩.৫% বা তার বেশি নির্ভুলতা এর লক্ষ্য।",
    },
}
