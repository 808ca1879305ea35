"""Strings about the number format training uses (cnn_core.precision)."""

STRINGS = {
    # ----- labels: what a run computes in, on which hardware -----
    "precision.cpu_amx": {
        "en": "bfloat16 on CPU (AMX)",
        "bn": "সিপিইউতে bfloat16 (AMX)",
    },
    "precision.cpu_avx512_bf16": {
        "en": "bfloat16 on CPU (AVX512-BF16)",
        "bn": "সিপিইউতে bfloat16 (AVX512-BF16)",
    },
    "precision.cpu_float32": {
        "en": "float32",
        "bn": "float32 (৩২-বিট দশমিক সংখ্যা)",
    },
    "precision.gpu_bf16": {
        "en": "GPU: {name}, bfloat16",
        "bn": "জিপিইউ: {name}, bfloat16",
    },
    "precision.gpu_float32": {
        "en": "GPU: {name}, float32",
        "bn": "জিপিইউ: {name}, float32",
    },
    # ----- the page: what it shows and the switch -----
    "precision.caption": {
        "en": "Number format: {label}",
        "bn": "সংখ্যার ধরন: {label}",
    },
    "precision.force_float32": {
        "en": "Force float32",
        "bn": "float32-ই ব্যবহার করুন",
    },
    "precision.force_help": {
        "en": "This computer can train in bfloat16: 16-bit numbers with float32's range, which its "
              "processor multiplies natively, about twice as fast. The weights stay float32, the last "
              "layer computes in float32, and the saved model is float32, so it runs on any computer. "
              "Tested on Fashion-MNIST: the same test accuracy either way. Tick this to train in "
              "float32 like the lesson.",
        "bn": "এই কম্পিউটার bfloat16-এ প্রশিক্ষণ দিতে পারে: ১৬-বিটের সংখ্যা, কিন্তু float32-এর সমান "
              "পরিসর; এর প্রসেসর এগুলো সরাসরি গুণ করে, প্রায় দ্বিগুণ দ্রুত। ওজনগুলো float32-ই থাকে, শেষ "
              "স্তরের হিসাব float32-এ হয়, আর সংরক্ষিত মডেলটি float32, তাই যেকোনো কম্পিউটারে চলে। "
              "Fashion-MNIST-এ পরীক্ষিত: দুই ভাবেই টেস্ট নির্ভুলতা সমান। পাঠের মতো float32-এ প্রশিক্ষণ "
              "দিতে এটি চিহ্নিত করুন।",
    },
    "precision.err_choice": {
        "en": "“{value}” is not a number format a run can ask for: use “auto” or “float32”.",
        "bn": "“{value}” এমন কোনো সংখ্যার ধরন নয় যা একটি রান চাইতে পারে: “auto” বা “float32” দিন।",
    },
}
