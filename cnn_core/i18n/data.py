"""Strings about a dataset's data: its name, where it comes from, its preparation and its errors."""

STRINGS = {
    "data.name.fashion_mnist": {"en": "Fashion-MNIST", "bn": "ফ্যাশন-MNIST"},
    "data.name.mnist": {"en": "MNIST (handwritten digits)", "bn": "MNIST (হাতে লেখা অঙ্ক)"},
    "data.source.prepared": {
        "en": "Data in use: real {name}, prepared by tensorflow-datasets in {detail}",
        "bn": "ব্যবহৃত ডেটা: আসল {name}, tensorflow-datasets তৈরি করে রেখেছে {detail} ফোল্ডারে",
    },
    "data.source.shipped": {
        "en": "Data in use: real {name}, prepared just now by tensorflow-datasets from the original files shipped in {detail}",
        "bn": "ব্যবহৃত ডেটা: আসল {name}, অ্যাপের সাথে আসা মূল ফাইল ({detail}) থেকে tensorflow-datasets এইমাত্র তৈরি করেছে",
    },
    "data.source.download": {
        "en": "Data in use: real {name}, downloaded by tensorflow-datasets from {detail}",
        "bn": "ব্যবহৃত ডেটা: আসল {name}, tensorflow-datasets {detail} থেকে ডাউনলোড করেছে",
    },
    "data.stage_preparing": {
        "en": "Preparing {name} from the shipped original files with tensorflow-datasets (first start only, about half a minute)…",
        "bn": "অ্যাপের সাথে আসা মূল ফাইল থেকে tensorflow-datasets দিয়ে {name} তৈরি হচ্ছে (শুধু প্রথমবার, আধা মিনিটের মতো)…",
    },
    "data.stage_downloading": {
        "en": "Downloading and preparing {name} with tensorflow-datasets…",
        "bn": "tensorflow-datasets দিয়ে {name} ডাউনলোড ও তৈরি হচ্ছে…",
    },
    "data.step_generating": {
        "en": "reading the {split} pictures: {count}",
        "bn": "{split} ছবিগুলো পড়া হচ্ছে: {count}টি",
    },
    "data.step_shuffling": {
        "en": "shuffling the {split} pictures: {count}",
        "bn": "{split} ছবিগুলো এলোমেলো করা হচ্ছে: {count}টি",
    },
    "data.being_prepared": {
        "en": "{name} is being prepared for its first use…",
        "bn": "প্রথম ব্যবহারের জন্য {name} তৈরি হচ্ছে…",
    },
    "data.err_offline": {
        "en": "“{name}” is not on this computer and the download server cannot be reached (no network). Pick Fashion-MNIST or MNIST, which ship with the app, or put the dataset's original files in a folder and set FCL_MANUAL_DIR to it.",
        "bn": "“{name}” এই কম্পিউটারে নেই, আর ডাউনলোড সার্ভারে পৌঁছানো যাচ্ছে না (নেটওয়ার্ক নেই)। অ্যাপের সাথেই আসে এমন Fashion-MNIST বা MNIST বেছে নিন, অথবা ডেটাসেটের মূল ফাইলগুলো একটা ফোল্ডারে রেখে FCL_MANUAL_DIR দিয়ে সেটা দেখিয়ে দিন।",
    },
    "data.err_unknown_dataset": {
        "en": "tensorflow-datasets has no dataset called “{name}”.",
        "bn": "tensorflow-datasets-এ “{name}” নামে কোনো ডেটাসেট নেই।",
    },
    "data.err_prepare_failed": {
        "en": "tensorflow-datasets could not prepare “{name}” from the files in {folder}: {reason}",
        "bn": "{folder} ফোল্ডারের ফাইল থেকে tensorflow-datasets “{name}” তৈরি করতে পারেনি: {reason}",
    },
    "data.err_download_failed": {
        "en": "Downloading “{name}” failed: {reason}",
        "bn": "“{name}” ডাউনলোড ব্যর্থ হয়েছে: {reason}",
    },
    "data.err_not_small_gray": {
        "en": "“{name}” has images shaped {shape}; this app's models take 28×28 grayscale images (28, 28, 1).",
        "bn": "“{name}”-এর ছবির আকার {shape}; এই অ্যাপের মডেল শুধু ২৮×২৮ সাদাকালো (28, 28, 1) ছবি নেয়।",
    },
    "data.err_damaged": {
        "en": "The prepared files of “{name}” in {folder} are damaged and there are no original files to prepare "
              "them again from: {reason}",
        "bn": "{folder} ফোল্ডারে “{name}”-এর তৈরি করা ফাইলগুলো নষ্ট, আর আবার তৈরি করার মতো মূল ফাইলও নেই: {reason}",
    },
    "data.repaired_cache": {
        "en": "The saved copy of {name}'s pictures was damaged; it has been written again from tensorflow-datasets.",
        "bn": "{name}-এর ছবির সংরক্ষিত কপিটি নষ্ট ছিল; tensorflow-datasets থেকে সেটি আবার লেখা হয়েছে।",
    },
    "data.repaired_folder": {
        "en": "The prepared files of {name} were damaged; they have been prepared again from the original files.",
        "bn": "{name}-এর তৈরি করা ফাইলগুলো নষ্ট ছিল; মূল ফাইল থেকে সেগুলো আবার তৈরি করা হয়েছে।",
    },
}
