"""Strings of the Datasets page."""

STRINGS = {
    "datasets.title": {"en": "Datasets", "bn": "ডেটাসেট"},
    "datasets.intro": {
        "en": "Every picture here comes through **tensorflow-datasets (tfds)**: a library that knows "
              "hundreds of research datasets, downloads and prepares them once, and then hands them out "
              "as tensors together with their metadata (`builder.info`).",
        "bn": "এখানকার প্রতিটা ছবি আসে **tensorflow-datasets (tfds)** দিয়ে: এই লাইব্রেরি শত শত গবেষণার "
              "ডেটাসেট চেনে, একবার ডাউনলোড করে গুছিয়ে রাখে, তারপর মেটাডেটাসহ (`builder.info`) টেনসর "
              "হিসেবে দেয়।",
    },
    "datasets.catalog_heading": {"en": "The tfds catalog (tfds.list_builders())", "bn": "tfds-এর ক্যাটালগ (tfds.list_builders())"},
    "datasets.search": {"en": "Search the catalog", "bn": "ক্যাটালগে খুঁজুন"},
    "datasets.search_placeholder": {"en": "e.g. mnist", "bn": "যেমন mnist"},
    "datasets.catalog_count": {"en": "{shown} of {total} datasets", "bn": "{total}টা ডেটাসেটের মধ্যে {shown}টা"},
    "datasets.catalog_pick": {"en": "Dataset", "bn": "ডেটাসেট"},
    "datasets.catalog_none": {"en": "No dataset name contains “{query}”.", "bn": "কোনো ডেটাসেটের নামে “{query}” নেই।"},
    "datasets.catalog_no_info": {
        "en": "tfds cannot describe “{name}” on this computer: {reason}",
        "bn": "এই কম্পিউটারে tfds “{name}”-এর বিবরণ দিতে পারছে না: {reason}",
    },
    "datasets.catalog_offline": {
        "en": "“{name}” ships with this app: it works with no network. Choose it in the sidebar.",
        "bn": "“{name}” অ্যাপের সাথেই আছে: নেটওয়ার্ক ছাড়াই চলে। বাঁ পাশের মেনু থেকে বেছে নিন।",
    },
    "datasets.catalog_wrong_shape": {
        "en": "Its images are shaped {shape}; the models here take 28×28 grayscale images, so it is for browsing only.",
        "bn": "এর ছবির আকার {shape}; এখানকার মডেল ২৮×২৮ সাদাকালো ছবি নেয়, তাই এটা শুধু দেখার জন্য।",
    },
    "datasets.catalog_try_download": {
        "en": "Download “{name}” (needs a network)",
        "bn": "“{name}” ডাউনলোড করুন (নেটওয়ার্ক লাগবে)",
    },
    "datasets.info_heading": {"en": "{name}: what tfds says about it", "bn": "{name}: tfds এর সম্পর্কে কী বলে"},
    "datasets.version": {"en": "Version", "bn": "ভার্সন"},
    "datasets.total": {"en": "Examples", "bn": "মোট উদাহরণ"},
    "datasets.classes": {"en": "Classes", "bn": "ক্লাস"},
    "datasets.image_shape": {"en": "Image shape", "bn": "ছবির আকার"},
    "datasets.splits": {"en": "Splits", "bn": "ভাগ (split)"},
    "datasets.split": {"en": "Split", "bn": "ভাগ"},
    "datasets.split_train": {"en": "train", "bn": "ট্রেনিং (train)"},
    "datasets.split_test": {"en": "test", "bn": "টেস্ট (test)"},
    "datasets.examples": {"en": "Examples", "bn": "উদাহরণ"},
    "datasets.features": {"en": "Features", "bn": "ফিচার"},
    "datasets.class_names": {"en": "Class names", "bn": "ক্লাসের নাম"},
    "datasets.in_your_language": {"en": "In English", "bn": "বাংলায়"},
    "datasets.citation": {"en": "Citation and homepage", "bn": "সাইটেশন ও হোমপেজ"},
    "datasets.examples_heading": {"en": "Examples", "bn": "উদাহরণ"},
    "datasets.filter_class": {"en": "Show class", "bn": "কোন ক্লাস দেখাবে"},
    "datasets.all_classes": {"en": "All classes", "bn": "সব ক্লাস"},
    "datasets.shuffle": {"en": "Shuffle", "bn": "এলোমেলো করুন"},
    "datasets.seed": {"en": "Seed", "bn": "সিড (seed)"},
    "datasets.previous": {"en": "◀ Previous", "bn": "◀ আগের"},
    "datasets.next": {"en": "Next ▶", "bn": "পরের ▶"},
    "datasets.page_of": {"en": "Page {page} of {pages}", "bn": "{pages} পাতার মধ্যে {page} নম্বর"},
    "datasets.pixel_value": {"en": "Pixel value", "bn": "পিক্সেলের মান"},
    "datasets.normalized": {"en": "Normalized (÷255)", "bn": "নর্মালাইজড (÷২৫৫)"},
    "datasets.row": {"en": "row", "bn": "সারি"},
    "datasets.col": {"en": "column", "bn": "কলাম"},
    "datasets.click_hint": {
        "en": "Click a picture to zoom in on it, or pick it below.",
        "bn": "কোনো ছবিতে ক্লিক করলে সেটা বড় করে দেখাবে, অথবা নিচ থেকে বেছে নিন।",
    },
    "datasets.zoom_pick": {"en": "Zoom in on", "bn": "বড় করে দেখুন"},
    "datasets.zoom_title": {"en": "Example #{index}: {label}", "bn": "উদাহরণ #{index}: {label}"},
    "datasets.normalize_explained": {
        "en": "Each pixel is a number from 0 (black) to 255 (white). Before training we **normalize**: "
              "divide by 255 so every value lies between 0 and 1, which suits the network's arithmetic. "
              "Hover over a pixel to see both numbers. In this app the division happens inside the "
              "model (a `Rescaling` layer), so training and predicting use exactly the same step.",
        "bn": "প্রতিটা পিক্সেল ০ (কালো) থেকে ২৫৫ (সাদা) পর্যন্ত একটা সংখ্যা। ট্রেনিংয়ের আগে আমরা **নর্মালাইজ** "
              "করি: ২৫৫ দিয়ে ভাগ করি, যাতে সব মান ০ আর ১-এর মধ্যে থাকে — নেটওয়ার্কের হিসাবের জন্য সুবিধা। "
              "কোনো পিক্সেলের ওপর মাউস রাখলে দুটো সংখ্যাই দেখবেন। এই অ্যাপে ভাগটা হয় মডেলের ভেতরেই "
              "(`Rescaling` লেয়ার), তাই ট্রেনিং আর প্রেডিকশনে হুবহু একই ধাপ চলে।",
    },
    "datasets.zoom_stats": {
        "en": "Darkest {low}, brightest {high}, mean {mean} (normalized {mean01}); {ink} of the pixels are not black.",
        "bn": "সবচেয়ে গাঢ় {low}, সবচেয়ে উজ্জ্বল {high}, গড় {mean} (নর্মালাইজড {mean01}); {ink} পিক্সেল কালো নয়।",
    },
    "datasets.balance_heading": {"en": "Balance and intensities", "bn": "ভারসাম্য ও উজ্জ্বলতা"},
    "datasets.balance_title": {"en": "Examples per class", "bn": "প্রতি ক্লাসে উদাহরণ"},
    "datasets.balance_note": {
        "en": "The biggest and smallest class of a split differ by {spread} examples. A balanced dataset means "
              "plain accuracy is a fair score: no class can win by sheer numbers.",
        "bn": "একই ভাগে সবচেয়ে বড় আর সবচেয়ে ছোট ক্লাসের পার্থক্য {spread}টা উদাহরণ। ডেটাসেট ভারসাম্যপূর্ণ "
              "হলে সাধারণ অ্যাকুরেসিই ন্যায্য মাপকাঠি: কোনো ক্লাস শুধু সংখ্যায় বেশি বলে জিততে পারে না।",
    },
    "datasets.histogram_title": {"en": "How bright the pixels are", "bn": "পিক্সেলগুলো কতটা উজ্জ্বল"},
    "datasets.share_of_pixels": {"en": "Share of pixels (log scale)", "bn": "পিক্সেলের অনুপাত (লগ স্কেল)"},
    "datasets.histogram_note": {
        "en": "Most pixels are the black background; the item itself is light on dark. Drawings and photos "
              "you give the model are turned into the same light-on-dark style first.",
        "bn": "বেশিরভাগ পিক্সেল কালো পটভূমি; জিনিসটা নিজে কালোর ওপর হালকা রঙে। আপনার আঁকা ছবি বা ফটোও মডেলকে "
              "দেওয়ার আগে একই রকম কালোর ওপর হালকা করে নেওয়া হয়।",
    },
}
