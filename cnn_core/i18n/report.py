"""Strings of the lesson report (the HTML file a learner downloads) and its Home-page section."""

STRINGS = {
    # Home-page section
    "report.heading": {"en": "Your lesson report", "bn": "আপনার পাঠের রিপোর্ট"},
    "report.explain": {
        "en": "Save what you did in this session as one HTML file that opens in any browser, even "
              "without internet: your training run, its curves, the confusion matrix of your model "
              "and your drawings with the model's answers.",
        "bn": "এই সেশনে যা করলেন তা একটা HTML ফাইলে রেখে দিন, যেটা ইন্টারনেট ছাড়াই যেকোনো ব্রাউজারে "
              "খোলে: আপনার ট্রেনিং রান, তার গ্রাফ, আপনার মডেলের কনফিউশন ম্যাট্রিক্স (confusion matrix) "
              "আর আপনার আঁকা ছবি ও সেগুলো নিয়ে মডেলের উত্তর।",
    },
    "report.prepare": {"en": "Prepare report", "bn": "রিপোর্ট তৈরি করুন"},
    "report.preparing": {"en": "Putting the report together (the model is checked on the test pictures)…",
                         "bn": "রিপোর্ট তৈরি হচ্ছে (টেস্ট ছবিগুলোতে মডেল যাচাই করা হচ্ছে)…"},
    "report.ready": {"en": "The report is ready.", "bn": "রিপোর্ট তৈরি।"},
    "report.download": {"en": "Download report (HTML)", "bn": "রিপোর্ট ডাউনলোড করুন (HTML)"},
    "report.server_jobs": {
        "en": "Trainings running on this server: {running} · waiting for a free slot: {queued}",
        "bn": "এই সার্ভারে এখন চলছে এমন ট্রেনিং: {running} · খালি জায়গার অপেক্ষায়: {queued}",
    },
    # The report itself
    "report.title": {"en": "Fashion CNN Lab: lesson report", "bn": "ফ্যাশন সিএনএন ল্যাব: পাঠের রিপোর্ট"},
    "report.created": {"en": "Made on {when} · dataset: {dataset}",
                       "bn": "তৈরির সময় {when} · ডেটাসেট: {dataset}"},
    "report.run_heading": {"en": "1. Your training run", "bn": "১. আপনার ট্রেনিং রান"},
    "report.no_run": {
        "en": "No training run in this session yet. Train a model on the Train page (or load a saved "
              "one) and prepare the report again.",
        "bn": "এই সেশনে এখনো কোনো ট্রেনিং রান হয়নি। Train পাতায় একটা মডেল ট্রেইন করুন (বা সংরক্ষিত "
              "একটা লোড করুন), তারপর আবার রিপোর্ট তৈরি করুন।",
    },
    "report.run_name": {"en": "Run", "bn": "রান"},
    "report.hyper_heading": {"en": "Settings (hyperparameters)", "bn": "সেটিং (হাইপারপ্যারামিটার)"},
    "report.setting": {"en": "Setting", "bn": "সেটিং"},
    "report.value": {"en": "Value", "bn": "মান"},
    "report.preset": {"en": "Model", "bn": "মডেল"},
    "report.epochs": {"en": "Epochs", "bn": "ইপক (epochs)"},
    "report.batch_size": {"en": "Batch size", "bn": "ব্যাচের আকার (batch size)"},
    "report.optimizer": {"en": "Optimizer", "bn": "অপটিমাইজার"},
    "report.learning_rate": {"en": "Learning rate", "bn": "লার্নিং রেট"},
    "report.subset": {"en": "Training pictures used", "bn": "ট্রেনিংয়ে ব্যবহৃত ছবি"},
    "report.all_pictures": {"en": "all", "bn": "সব"},
    "report.validation_split": {"en": "Validation share", "bn": "ভ্যালিডেশনের ভাগ"},
    "report.seed": {"en": "Random seed", "bn": "র‍্যান্ডম সিড (seed)"},
    "report.params": {"en": "Trainable numbers (parameters)", "bn": "শেখার মতো সংখ্যা (প্যারামিটার)"},
    "report.test_accuracy": {"en": "Test accuracy", "bn": "টেস্ট অ্যাকুরেসি"},
    "report.test_loss": {"en": "Test loss", "bn": "টেস্ট লস"},
    "report.unknown": {"en": "not measured", "bn": "মাপা হয়নি"},
    "report.curves_heading": {"en": "Loss and accuracy, epoch by epoch",
                              "bn": "প্রতি ইপকে লস আর অ্যাকুরেসি"},
    "report.no_curves": {"en": "This model came without a training history, so there are no curves.",
                         "bn": "এই মডেলের সঙ্গে ট্রেনিংয়ের ইতিহাস নেই, তাই গ্রাফ দেখানো গেল না।"},
    "report.confusion_heading": {"en": "2. Where your model gets confused", "bn": "২. আপনার মডেল কোথায় গুলিয়ে ফেলে"},
    "report.confusion_explain": {
        "en": "Model: {name}. Rows are the true classes of the {total} test pictures, columns what "
              "the model answered; it got {right} right ({accuracy}).",
        "bn": "মডেল: {name}। সারিগুলো {total}টি টেস্ট ছবির আসল ক্লাস, কলামগুলো মডেলের উত্তর; "
              "সে {right}টি ঠিক বলেছে ({accuracy})।",
    },
    "report.no_model": {"en": "No model was available to check on the test pictures.",
                        "bn": "টেস্ট ছবিতে যাচাই করার মতো কোনো মডেল ছিল না।"},
    "report.drawings_heading": {"en": "3. Your drawings and what the model said",
                                "bn": "৩. আপনার আঁকা ছবি আর মডেলের উত্তর"},
    "report.drawings_explain": {
        "en": "Each picture is the 28×28 input the model saw after your drawing was prepared.",
        "bn": "প্রতিটা ছবি হলো আপনার আঁকা ছবিকে প্রস্তুত করার পর মডেল যে ২৮×২৮ ইনপুট দেখেছে।",
    },
    "report.no_drawings": {"en": "No drawings in this session yet: draw something on the Classify page.",
                           "bn": "এই সেশনে এখনো কিছু আঁকা হয়নি: Classify পাতায় কিছু একটা আঁকুন।"},
    "report.drawing_caption": {"en": "{name} ({percent})", "bn": "{name} ({percent})"},
    "report.drawing_alt": {"en": "Drawing {number}: the model said {name}",
                           "bn": "আঁকা ছবি {number}: মডেল বলেছে {name}"},
    "report.footer": {"en": "Made with Fashion CNN Lab. Works offline: everything it needs is inside this file.",
                      "bn": "ফ্যাশন সিএনএন ল্যাব দিয়ে তৈরি। ইন্টারনেট ছাড়াই চলে: যা দরকার সব এই ফাইলের ভেতরেই আছে।"},
}
