"""Predict before reveal: question mode on the pages, and the class's answers on the Class view."""

STRINGS = {
    "questions.mode_on": {
        "en": "Question mode: make a guess first, then the answer shows.",
        "bn": "প্রশ্ন মোড: আগে অনুমান করো, তারপর উত্তর দেখা যাবে।"},
    "questions.your_guess": {"en": "Your guess", "bn": "তোমার অনুমান"},
    "questions.commit": {"en": "Lock in my guess", "bn": "আমার অনুমান জমা দাও"},
    "questions.right": {"en": "Right! You said {guess}; the answer is {truth}.",
                        "bn": "ঠিক! তুমি বলেছিলে {guess}; উত্তর {truth}।"},
    "questions.wrong": {"en": "Not this time: you said {guess}; the answer is {truth}.",
                        "bn": "এবার হয়নি: তুমি বলেছিলে {guess}; উত্তর {truth}।"},
    "questions.hidden": {"en": "The answer stays hidden until you lock in a guess.",
                         "bn": "অনুমান জমা না দেওয়া পর্যন্ত উত্তর লুকানো থাকবে।"},
    "questions.pick_one": {"en": "Choose one answer first.", "bn": "আগে একটি উত্তর বেছে নাও।"},
    "questions.bad_number": {
        "en": "“{text}” is not a number. Type a number such as 3 or -1.5.",
        "bn": "“{text}” কোনো সংখ্যা নয়। ৩ বা -১.৫ এর মতো একটি সংখ্যা লেখো।"},
    "questions.cell_prompt": {
        "en": "What number goes into the feature map at row {row}, column {col}? (within {tolerance} counts)",
        "bn": "ফিচার ম্যাপের সারি {row}, কলাম {col}-এ কোন সংখ্যা বসবে? ({tolerance} পর্যন্ত কম-বেশি চলবে)"},
    "questions.classify_prompt": {"en": "What will the model say this picture is?",
                                  "bn": "মডেল এই ছবিটিকে কী বলবে?"},
    "questions.title_cell": {
        "en": "Convolution lab: the feature map's cell at row {row}, column {col} (setup {setup})",
        "bn": "কনভলিউশন ল্যাব: ফিচার ম্যাপের সারি {row}, কলাম {col}-এর ঘর (সেটআপ {setup})"},
    "questions.title_classify": {
        "en": "Classify: what will {model} say for picture {picture}?",
        "bn": "শ্রেণিবিন্যাস: ছবি {picture}-কে {model} কী বলবে?"},
    "questions.direction_up": {"en": "up", "bn": "বাড়বে"},
    "questions.direction_down": {"en": "down", "bn": "কমবে"},
    "questions.winner_prompt": {
        "en": "{name}'s logit changes by {delta}. Which class will have the highest probability?",
        "bn": "{name}-এর লজিট {delta} বদলালে কোন শ্রেণির সম্ভাবনা সবচেয়ে বেশি হবে?"},
    "questions.title_winner": {
        "en": "Whole network: who wins when {name}'s logit changes by {delta}? (picture {setup})",
        "bn": "পুরো নেটওয়ার্ক: {name}-এর লজিট {delta} বদলালে কে জিতবে? (ছবি {setup})"},
    "questions.loss_prompt": {
        "en": "Before the step: will this picture's loss go up or down after it?",
        "bn": "ধাপ নেওয়ার আগে: এরপর এই ছবির লস বাড়বে না কমবে?"},
    "questions.title_loss": {
        "en": "Learn one step: does the loss go up or down with learning rate {lr}? (setup {setup})",
        "bn": "এক ধাপ শেখা: লার্নিং রেট {lr}-এ লস বাড়ে না কমে? (সেটআপ {setup})"},
    "questions.header": {"en": "Predict before reveal", "bn": "দেখার আগে অনুমান"},
    "questions.intro": {
        "en": "Add ask=1 to a lesson link and the page asks before it shows. Each learner's first guess "
              "counts (no names, only an anonymous session).",
        "bn": "পাঠ-লিংকে ask=1 যোগ করলে পাতাটি দেখানোর আগে প্রশ্ন করে। প্রত্যেক শিক্ষার্থীর প্রথম "
              "অনুমানটি গোনা হয় (কোনো নাম নয়, শুধু একটি নামহীন সেশন)।"},
    "questions.none": {"en": "No guesses yet.", "bn": "এখনো কোনো অনুমান আসেনি।"},
    "questions.summary": {"en": "{right} of {count} guesses right",
                          "bn": "{count}টি অনুমানের মধ্যে {right}টি ঠিক"},
    "questions.more": {"en": "Showing the newest {shown} of {total} questions.",
                       "bn": "{total}টি প্রশ্নের মধ্যে নতুন {shown}টি দেখানো হচ্ছে।"},
    "questions.fig_guesses": {"en": "Guesses", "bn": "অনুমান"},
    "questions.fig_truth": {"en": "Answers", "bn": "উত্তর"},
    "questions.fig_count": {"en": "Learners", "bn": "শিক্ষার্থী"},
    "questions.clear": {"en": "Clear the guesses", "bn": "অনুমানগুলো মুছে ফেলো"},
    "questions.cleared": {"en": "{count} guesses cleared.", "bn": "{count}টি অনুমান মুছে ফেলা হয়েছে।"},
}
