"""Strings of the Inside-the-model page and its figures."""

STRINGS = {
    "inside.title": {"en": "Inside the model", "bn": "মডেলের ভেতরে"},
    "inside.intro": {
        "en": "How good is the model, where does it go wrong, and what does it look at? Everything "
              "here is measured on the test pictures, which the model never saw while learning.",
        "bn": "মডেলটা কতটা ভালো, কোথায় ভুল করে, আর ছবির কোন অংশ দেখে সিদ্ধান্ত নেয়? এখানে সবকিছু মাপা "
              "হয়েছে টেস্ট ছবি দিয়ে, যেগুলো মডেল শেখার সময় কখনো দেখেনি।"},
    "inside.model_in_use": {"en": "Model: **{name}** ({dataset})", "bn": "মডেল: **{name}** ({dataset})"},
    "inside.evaluating": {"en": "Checking the model on {count} test pictures…",
                          "bn": "{count}টি টেস্ট ছবিতে মডেলটা যাচাই করা হচ্ছে…"},
    "inside.no_model": {
        "en": "There is no model for this dataset yet. Train one on the Train page first.",
        "bn": "এই ডেটাসেটের জন্য এখনো কোনো মডেল নেই। আগে ট্রেনিং পাতায় একটা মডেল ট্রেইন করুন।"},

    # Scores
    "inside.scores_header": {"en": "1 · How often is it right?", "bn": "১ · কতবার ঠিক বলে?"},
    "inside.accuracy": {"en": "Test accuracy", "bn": "টেস্ট অ্যাকুরেসি (accuracy)"},
    "inside.right_of": {"en": "{right} of {total} right", "bn": "{total}টির মধ্যে {right}টি ঠিক"},
    "inside.eval_seconds": {"en": "Checked in", "bn": "যাচাইয়ে সময়"},
    "inside.seconds": {"en": "{seconds} s", "bn": "{seconds} সেকেন্ড"},
    "inside.per_class_header": {"en": "Accuracy for each class", "bn": "প্রতিটা ক্লাসে অ্যাকুরেসি"},
    "inside.axis_accuracy": {"en": "Accuracy", "bn": "অ্যাকুরেসি"},

    # Confusion matrix
    "inside.confusion_header": {"en": "2 · What gets mixed up with what?", "bn": "২ · কোনটাকে কোনটা ভাবে?"},
    "inside.confusion_explain": {
        "en": "Each row is the true class, each column what the model said. The diagonal holds the "
              "right answers; every other cell counts one kind of mistake. Click a cell, or pick the "
              "two classes below, to see those pictures.",
        "bn": "প্রতিটা সারি আসল ক্লাস, প্রতিটা কলাম মডেল যা বলেছে। কোনাকুনি ঘরগুলোতে ঠিক উত্তর; বাকি "
              "প্রতিটা ঘর এক রকম ভুল গোনে। কোনো ঘরে ক্লিক করুন, বা নিচে দুটো ক্লাস বেছে নিন — সেই ছবিগুলো "
              "দেখা যাবে।"},
    "inside.axis_true": {"en": "True class", "bn": "আসল ক্লাস"},
    "inside.axis_predicted": {"en": "Model said", "bn": "মডেল বলেছে"},
    "inside.confusion_hover": {"en": "true {true}, said {predicted}: {count}",
                               "bn": "আসল {true}, বলেছে {predicted}: {count}"},
    "inside.pick_true": {"en": "True class", "bn": "আসল ক্লাস"},
    "inside.pick_predicted": {"en": "Model said", "bn": "মডেল বলেছে"},
    "inside.cell_examples": {
        "en": "{count} test pictures of “{true}” that the model called “{predicted}”",
        "bn": "“{true}”-এর {count}টি টেস্ট ছবিকে মডেল “{predicted}” বলেছে"},
    "inside.cell_empty": {"en": "No test picture falls in this cell.", "bn": "এই ঘরে কোনো টেস্ট ছবি নেই।"},

    # Mistakes
    "inside.mistakes_header": {"en": "3 · The mistakes it was surest of",
                               "bn": "৩ · যে ভুলগুলোতে মডেল সবচেয়ে নিশ্চিত ছিল"},
    "inside.mistakes_explain": {
        "en": "Wrong answers given with high probability. Some are honest look-alikes (a shirt and a "
              "T-shirt), some have arguably wrong labels.",
        "bn": "উঁচু সম্ভাবনা নিয়ে দেওয়া ভুল উত্তর। কিছু সত্যিই দেখতে একই রকম (শার্ট আর টি-শার্ট), কিছু "
              "ছবির লেবেলই হয়তো ভুল।"},
    "inside.mistake_caption": {"en": "#{index}: {true} → {predicted} ({percent})",
                               "bn": "#{index}: {true} → {predicted} ({percent})"},
    "inside.no_mistakes": {"en": "No mistakes at all on the test set.", "bn": "টেস্ট সেটে একটাও ভুল নেই।"},

    # One picture
    "inside.look_header": {"en": "4 · Follow one picture through the network",
                           "bn": "৪ · একটা ছবিকে নেটওয়ার্কের ভেতর দিয়ে অনুসরণ করি"},
    "inside.source": {"en": "Picture", "bn": "ছবি"},
    "inside.source_test": {"en": "A test picture", "bn": "একটা টেস্ট ছবি"},
    "inside.source_drawing": {"en": "My last drawing (from Classify)", "bn": "আমার শেষ আঁকা ছবি (ক্লাসিফাই থেকে)"},
    "inside.test_index": {"en": "Test picture number (0–{last})", "bn": "টেস্ট ছবির নম্বর (০–{last})"},
    "inside.chosen_caption": {"en": "True: {true} · model: {predicted} ({percent})",
                              "bn": "আসল: {true} · মডেল: {predicted} ({percent})"},
    "inside.drawing_caption": {"en": "Your drawing · model: {predicted} ({percent})",
                               "bn": "আপনার আঁকা · মডেল: {predicted} ({percent})"},
    "inside.saliency_header": {"en": "Where does it look? (saliency)", "bn": "কোথায় তাকায়? (স্যালিয়েন্সি)"},
    "inside.saliency_class": {"en": "Explain the score of", "bn": "কোন ক্লাসের স্কোর ব্যাখ্যা করব"},
    "inside.saliency_explain": {
        "en": "Bright spots are pixels where a small change would move this class's probability the "
              "most: the gradient of the class score with respect to each input pixel.",
        "bn": "উজ্জ্বল জায়গাগুলো সেই পিক্সেল, যেখানে সামান্য বদলালেই এই ক্লাসের সম্ভাবনা সবচেয়ে বেশি "
              "বদলায়: প্রতিটা ইনপুট পিক্সেলের সাপেক্ষে ক্লাস-স্কোরের গ্রেডিয়েন্ট (gradient)।"},
    "inside.saliency_hover": {"en": "row {row}, column {col}: {value}", "bn": "সারি {row}, কলাম {col}: {value}"},
    "inside.activations_header": {"en": "What each layer makes of it (activation maps)",
                                  "bn": "প্রতিটা লেয়ার এটাকে কী বানায় (অ্যাক্টিভেশন ম্যাপ)"},
    "inside.activations_explain": {
        "en": "Every small square is one channel: the picture after one filter. Convolution layers "
              "light up where their pattern appears; pooling layers keep the strongest value of each "
              "2×2 patch, halving the size.",
        "bn": "প্রতিটা ছোট বর্গ একটা চ্যানেল: একটা ফিল্টারের পরের ছবি। কনভলিউশন লেয়ার যেখানে তার "
              "প্যাটার্ন পায় সেখানে জ্বলে ওঠে; পুলিং লেয়ার প্রতিটা ২×২ টুকরোর সবচেয়ে বড় মানটা রাখে, তাই "
              "মাপ অর্ধেক হয়ে যায়।"},
    "inside.layer_shape": {"en": "{layer}: {height}×{width}, {channels} channels",
                           "bn": "{layer}: {height}×{width}, {channels}টি চ্যানেল"},
    "inside.channels_shown": {"en": "Showing the first {shown} of {channels} channels.",
                              "bn": "{channels}টি চ্যানেলের প্রথম {shown}টি দেখানো হচ্ছে।"},
    "inside.channel_hover": {"en": "channel {channel}: {value}", "bn": "চ্যানেল {channel}: {value}"},
    "inside.filters_header": {"en": "The first layer's learned filters", "bn": "প্রথম লেয়ারের শেখা ফিল্টার"},
    "inside.filters_explain": {
        "en": "Each {size}×{size} square is one filter the model learned. Blue weights add brightness, "
              "red ones subtract it: many turn out to be edge detectors, like the ones in the "
              "Convolution lab.",
        "bn": "প্রতিটা {size}×{size} বর্গ মডেলের শেখা একটা ফিল্টার। নীল ওয়েট উজ্জ্বলতা যোগ করে, লাল "
              "বিয়োগ করে: অনেকগুলোই আসলে কিনারা খোঁজার (edge detector) ফিল্টার, কনভলিউশন ল্যাবের মতো।"},
}
