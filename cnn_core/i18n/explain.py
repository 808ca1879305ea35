"""Strings of the "Why it decided" page: explanation maps, the deletion check, fooling the model,
feature visualisation and the dense layer's map."""

STRINGS = {
    "explain.title": {"en": "Why it decided", "bn": "কেন এই সিদ্ধান্ত"},
    "explain.intro": {
        "en": "Why did the model say that? Here are several honest answers side by side: maps of what "
              "it looked at, a check of whether those maps are right, pictures changed on purpose to fool "
              "it, what its filters and classes \"want to see\", and a map of how its last layer sorts "
              "the test pictures.",
        "bn": "মডেলটা এমন বলল কেন? এখানে পাশাপাশি কয়েকটা সৎ উত্তর: মডেল ছবির কোথায় তাকিয়েছে তার ম্যাপ, সেই "
              "ম্যাপগুলো ঠিক কি না তার যাচাই, মডেলকে ধোঁকা দিতে ইচ্ছে করে বদলানো ছবি, তার ফিল্টার আর ক্লাসগুলো "
              "কী \"দেখতে চায়\", আর শেষ লেয়ার টেস্ট ছবিগুলোকে কীভাবে সাজায় তার একটা মানচিত্র।"},
    "explain.no_model": {
        "en": "There is no model for this dataset yet. Train one on the Train page first.",
        "bn": "এই ডেটাসেটের জন্য এখনো কোনো মডেল নেই। আগে ট্রেনিং পাতায় একটা মডেল ট্রেইন করুন।"},
    "explain.model_in_use": {"en": "Model: **{name}** ({dataset})", "bn": "মডেল: **{name}** ({dataset})"},
    "explain.part": {"en": "Show", "bn": "দেখাও"},
    "explain.part_maps": {"en": "What it looked at", "bn": "কোথায় তাকিয়েছে"},
    "explain.part_fool": {"en": "Fool it", "bn": "ধোঁকা দাও"},
    "explain.part_features": {"en": "What it wants to see", "bn": "কী দেখতে চায়"},
    "explain.part_map": {"en": "Map of the dense layer", "bn": "ডেন্স লেয়ারের মানচিত্র"},

    # The picture
    "explain.source": {"en": "Picture", "bn": "ছবি"},
    "explain.source_draw": {"en": "Draw", "bn": "আঁকুন"},
    "explain.source_classify": {"en": "Classify drawing", "bn": "ক্লাসিফাই পাতার আঁকা"},
    "explain.source_test": {"en": "Test picture", "bn": "টেস্ট ছবি"},
    "explain.source_upload": {"en": "Upload", "bn": "আপলোড"},
    "explain.draw_help": {"en": "Draw in white on black; everything below follows your drawing as you draw.",
                          "bn": "কালোর ওপর সাদা দিয়ে আঁকুন; নিচের সবকিছু আঁকার সাথে সাথে বদলায়।"},
    "explain.nothing_drawn": {"en": "Nothing drawn yet: showing test picture 0 ({label}).",
                              "bn": "এখনো কিছু আঁকা হয়নি: টেস্ট ছবি ০ ({label}) দেখানো হচ্ছে।"},
    "explain.no_classify_drawing": {
        "en": "No drawing from the Classify page yet: showing test picture 0 ({label}).",
        "bn": "ক্লাসিফাই পাতায় এখনো কিছু আঁকা হয়নি: টেস্ট ছবি ০ ({label}) দেখানো হচ্ছে।"},
    "explain.classify_drawing": {"en": "Your newest drawing from the Classify page (of {count}).",
                                 "bn": "ক্লাসিফাই পাতায় আপনার সবশেষ আঁকা ({count}টির মধ্যে)।"},
    "explain.test_index": {"en": "Test picture number (0–{last})", "bn": "টেস্ট ছবির নম্বর (০–{last})"},
    "explain.test_caption": {"en": "Test picture {index}: really a {label}.",
                             "bn": "টেস্ট ছবি {index}: আসলে {label}।"},
    "explain.upload_label": {"en": "A picture of one piece of clothing (or a digit)",
                             "bn": "একটা পোশাকের (বা একটা অঙ্কের) ছবি"},
    "explain.upload_none": {"en": "No picture uploaded yet: showing test picture 0 ({label}).",
                            "bn": "এখনো কোনো ছবি আপলোড হয়নি: টেস্ট ছবি ০ ({label}) দেখানো হচ্ছে।"},
    "explain.model_input": {"en": "What the model sees (28×28)", "bn": "মডেল যা দেখে (২৮×২৮)"},
    "explain.answer": {"en": "The model says **{name}** ({percent}).", "bn": "মডেল বলছে **{name}** ({percent})।"},
    "explain.pixel_hover": {"en": "row {row}, column {col}: {value}", "bn": "সারি {row}, কলাম {col}: {value}"},

    # 1 · maps
    "explain.maps_header": {"en": "What did it look at?", "bn": "মডেল কোথায় তাকিয়েছে?"},
    "explain.maps_intro": {
        "en": "Four ways to ask which parts of the picture made the model say a class. They often "
              "disagree: each answers a slightly different question.",
        "bn": "ছবির কোন অংশের জন্য মডেল একটা ক্লাস বলল, সেটা জানার চারটা উপায়। এরা প্রায়ই একমত হয় না: "
              "প্রতিটা একটু আলাদা প্রশ্নের উত্তর দেয়।"},
    "explain.class": {"en": "Explain the class", "bn": "যে ক্লাসের ব্যাখ্যা চাই"},
    "explain.class_top": {"en": "The model's answer ({name})", "bn": "মডেলের উত্তর ({name})"},
    "explain.layer": {"en": "Grad-CAM layer", "bn": "Grad-CAM-এর লেয়ার"},
    "explain.layer_option": {"en": "{name} ({grid} grid)", "bn": "{name} ({grid} গ্রিড)"},
    "explain.patch": {"en": "Occlusion patch (pixels)", "bn": "ঢাকনার মাপ (পিক্সেল)"},
    "explain.stride": {"en": "Occlusion step (pixels)", "bn": "ঢাকনা সরানোর ধাপ (পিক্সেল)"},
    "explain.fill": {"en": "Patch colour", "bn": "ঢাকনার রং"},
    "explain.fill_gray": {"en": "Gray", "bn": "ধূসর"},
    "explain.fill_black": {"en": "Black (background)", "bn": "কালো (পটভূমি)"},
    "explain.map_hover": {"en": "row {row}, column {col}: {value}", "bn": "সারি {row}, কলাম {col}: {value}"},
    "explain.method_grad_cam": {"en": "Grad-CAM", "bn": "Grad-CAM"},
    "explain.method_saliency": {"en": "Saliency", "bn": "স্যালিয়েন্সি (saliency)"},
    "explain.method_smoothgrad": {"en": "SmoothGrad", "bn": "SmoothGrad"},
    "explain.method_occlusion": {"en": "Occlusion", "bn": "ঢেকে দেখা (occlusion)"},
    "explain.method_random": {"en": "Random pixels", "bn": "এলোমেলো পিক্সেল"},
    "explain.about_grad_cam": {
        "en": "Which regions the chosen layer's feature maps point to for the class: each channel weighted "
              "by how much the class's score rises with it. Only as sharp as that layer's grid.",
        "bn": "বেছে নেওয়া লেয়ারের ফিচার ম্যাপগুলো ক্লাসটার জন্য কোন অঞ্চল দেখায়: প্রতিটা চ্যানেলকে ওজন দেওয়া হয় "
              "সেটা বাড়লে ক্লাসের স্কোর কতটা বাড়ে সেই হিসেবে। লেয়ারের গ্রিড যতটা সূক্ষ্ম, ম্যাপও ততটাই।"},
    "explain.about_saliency": {
        "en": "How much the class's score would change if one pixel changed a little (the gradient). Sharp "
              "but speckled.",
        "bn": "একটা পিক্সেল একটু বদলালে ক্লাসের স্কোর কতটা বদলাত (গ্রেডিয়েন্ট)। সূক্ষ্ম, কিন্তু ছিটছিটে।"},
    "explain.about_smoothgrad": {
        "en": "The saliency map averaged over noisy copies of the picture: what stays is what the model "
              "reads in the whole neighbourhood of the picture.",
        "bn": "ছবির অনেকগুলো নয়েজ-মেশানো কপির স্যালিয়েন্সি ম্যাপের গড়: যা টিকে থাকে, মডেল ছবির আশেপাশের "
              "সব রূপেই সেটা পড়ে।"},
    "explain.about_occlusion": {
        "en": "Cover a patch, watch the class's probability: red where covering it costs the class, blue "
              "where covering it helps. No gradients, works on any model.",
        "bn": "একটা অংশ ঢেকে দিয়ে ক্লাসের সম্ভাবনা দেখা: লাল যেখানে ঢাকলে ক্লাসের ক্ষতি হয়, নীল যেখানে ঢাকলে "
              "লাভ হয়। কোনো গ্রেডিয়েন্ট লাগে না, যেকোনো মডেলে চলে।"},

    # The deletion check
    "explain.deletion_header": {"en": "Is the map right? The deletion check", "bn": "ম্যাপটা কি ঠিক? মুছে ফেলার পরীক্ষা"},
    "explain.deletion_explain": {
        "en": "A map says \"these pixels matter most\". Test it: delete (set to black) the map's top pixels "
              "first and watch the class's probability. If the map is right, it falls faster than when "
              "the same number of random pixels is deleted.",
        "bn": "ম্যাপ বলে \"এই পিক্সেলগুলোই সবচেয়ে জরুরি\"। যাচাই করুন: ম্যাপের সবচেয়ে উজ্জ্বল পিক্সেলগুলো আগে "
              "মুছে (কালো করে) ক্লাসের সম্ভাবনা দেখুন। ম্যাপ ঠিক হলে সম্ভাবনা একই সংখ্যক এলোমেলো পিক্সেল মোছার "
              "চেয়ে দ্রুত কমবে।"},
    "explain.deletion_run": {"en": "Run the deletion check", "bn": "মুছে ফেলার পরীক্ষা চালাও"},
    "explain.deleted_axis": {"en": "Share of pixels deleted", "bn": "মুছে ফেলা পিক্সেলের অংশ"},
    "explain.probability_axis": {"en": "Probability of {name}", "bn": "{name}-এর সম্ভাবনা"},
    "explain.mean_probability_axis": {"en": "Mean probability of the true class",
                                      "bn": "আসল ক্লাসের গড় সম্ভাবনা"},
    "explain.deletion_numbers": {
        "en": "Fall after deleting 15% of the pixels — Grad-CAM: {grad_cam}, saliency: {saliency}, "
              "SmoothGrad: {smoothgrad}, occlusion: {occlusion}, random pixels: {random}.",
        "bn": "১৫% পিক্সেল মোছার পর কমেছে — Grad-CAM: {grad_cam}, স্যালিয়েন্সি: {saliency}, "
              "SmoothGrad: {smoothgrad}, ঢেকে দেখা: {occlusion}, এলোমেলো পিক্সেল: {random}।"},
    "explain.deletion_many": {
        "en": "One picture can be luck. The same check over the first {count} test pictures, each explained "
              "for its true class, with the settings above:",
        "bn": "একটা ছবিতে ভাগ্যও হতে পারে। ওপরের সেটিং দিয়ে প্রথম {count}টি টেস্ট ছবিতে একই পরীক্ষা, প্রতিটা "
              "তার আসল ক্লাসের জন্য:"},
    "explain.deletion_start": {"en": "Check over many pictures", "bn": "অনেক ছবিতে যাচাই করো"},
    "explain.deletion_lesson": {
        "en": "Read the curves as they are, whatever they say. A map from a coarse layer (a 3×3 grid) can "
              "only point at a ninth of the picture, so its \"top pixels\" include background and do no "
              "better than random. Occlusion with a black patch removes pixels exactly the way this check "
              "does, so it usually wins; with a gray patch it answers a different question.",
        "bn": "বক্ররেখাগুলো যা বলে, ঠিক তেমনই পড়ুন। মোটা দানার লেয়ারের (৩×৩ গ্রিড) ম্যাপ কেবল ছবির নয় ভাগের "
              "এক ভাগ দেখাতে পারে, তাই তার \"সেরা পিক্সেলের\" মধ্যে পটভূমিও থাকে, আর সেটা এলোমেলোর চেয়ে ভালো "
              "করে না। কালো ঢাকনা দিয়ে ঢেকে দেখা ঠিক এই পরীক্ষার মতো করেই পিক্সেল মোছে, তাই সাধারণত সেটাই "
              "জেতে; ধূসর ঢাকনা একটা আলাদা প্রশ্নের উত্তর দেয়।"},

    # 2 · fool it
    "explain.fool_header": {"en": "Fool it on purpose", "bn": "ইচ্ছে করে ধোঁকা দাও"},
    "explain.fool_intro": {
        "en": "Change every pixel by at most ε levels (of 255), each in the direction that hurts the right "
              "answer most (FGSM: one step; PGD: several smaller steps). A change you can barely see can "
              "change the answer: the model did not learn what a person sees.",
        "bn": "প্রতিটা পিক্সেল সর্বোচ্চ ε ধাপ (২৫৫-এর মধ্যে) বদলান, প্রত্যেকটা সেই দিকে যেদিকে ঠিক উত্তরের সবচেয়ে "
              "ক্ষতি হয় (FGSM: এক ধাপে; PGD: কয়েকটা ছোট ধাপে)। চোখে প্রায় ধরা পড়ে না এমন বদলেও উত্তর বদলে "
              "যেতে পারে: মানুষ যা দেখে, মডেল তা শেখেনি।"},
    "explain.fool_target": {"en": "Attacking the true class: {name}.", "bn": "আসল ক্লাসের ওপর আক্রমণ: {name}।"},
    "explain.fool_target_answer": {"en": "Attacking the model's answer: {name}.",
                                   "bn": "মডেলের উত্তরের ওপর আক্রমণ: {name}।"},
    "explain.epsilon": {"en": "ε (pixel levels)", "bn": "ε (পিক্সেলের ধাপ)"},
    "explain.epsilon_help": {"en": "How far any pixel may move, out of 0–255.",
                             "bn": "কোনো পিক্সেল সর্বোচ্চ কতটা সরতে পারে, ০–২৫৫-এর মধ্যে।"},
    "explain.attack": {"en": "Attack", "bn": "আক্রমণ"},
    "explain.attack_fgsm": {"en": "FGSM (one step)", "bn": "FGSM (এক ধাপ)"},
    "explain.attack_pgd": {"en": "PGD (5 steps)", "bn": "PGD (৫ ধাপ)"},
    "explain.original": {"en": "Original", "bn": "আসল ছবি"},
    "explain.perturbation": {"en": "The change, amplified (at most {most} levels)",
                             "bn": "বদলটা, বড় করে দেখানো (সর্বোচ্চ {most} ধাপ)"},
    "explain.fooled_picture": {"en": "The changed picture", "bn": "বদলানো ছবি"},
    "explain.flipped": {"en": "Fooled: the model now says **{new}** ({percent}) instead of {old}.",
                        "bn": "ধোঁকা খেয়েছে: মডেল এখন {old}-এর বদলে **{new}** বলছে ({percent})।"},
    "explain.not_flipped": {"en": "Not fooled: the model still says **{name}** ({percent}).",
                            "bn": "ধোঁকা খায়নি: মডেল এখনো **{name}** বলছে ({percent})।"},
    "explain.before": {"en": "Before", "bn": "আগে"},
    "explain.after": {"en": "After", "bn": "পরে"},
    "explain.smallest": {"en": "The smallest ε that changes the answer (FGSM): **{epsilon}** levels.",
                         "bn": "উত্তর বদলে দেওয়ার সবচেয়ে ছোট ε (FGSM): **{epsilon}** ধাপ।"},
    "explain.smallest_none": {"en": "No ε up to {most} levels changes the answer (FGSM).",
                              "bn": "{most} ধাপ পর্যন্ত কোনো ε-তেই উত্তর বদলায় না (FGSM)।"},
    "explain.flips_header": {"en": "How often does it work?", "bn": "কতবার কাজ করে?"},
    "explain.flips_explain": {
        "en": "The share of the first {count} test pictures the model gets right whose answer FGSM changes, "
              "at each ε.",
        "bn": "প্রথম {count}টি টেস্ট ছবির মধ্যে যেগুলো মডেল ঠিক বলে, তাদের কত অংশের উত্তর প্রতিটা ε-তে FGSM "
              "বদলে দেয়।"},
    "explain.flips_start": {"en": "Measure it on the test pictures", "bn": "টেস্ট ছবিতে মাপো"},
    "explain.epsilon_axis": {"en": "ε (pixel levels)", "bn": "ε (পিক্সেলের ধাপ)"},
    "explain.flipped_axis": {"en": "Answers changed", "bn": "বদলে যাওয়া উত্তর"},
    "explain.flips_numbers": {"en": "Answers changed: {values}", "bn": "বদলে যাওয়া উত্তর: {values}"},
    "explain.this_model": {"en": "This model", "bn": "এই মডেল"},
    "explain.sturdier_model": {"en": "Trained to resist", "bn": "ঠেকাতে শেখানো মডেল"},
    "explain.resist_header": {"en": "Train it to resist", "bn": "ঠেকাতে শেখাও"},
    "explain.resist_explain": {
        "en": "A short adversarial-training run on a worker: a copy of the model trains for two rounds on "
              "{count} training pictures together with their FGSM versions, then both models are attacked.",
        "bn": "একটা ওয়ার্কারে ছোট্ট অ্যাডভারসারিয়াল ট্রেনিং: মডেলের একটা কপি {count}টি ট্রেনিং ছবি আর তাদের FGSM "
              "রূপ মিলিয়ে দুই দফা শেখে, তারপর দুটো মডেলকেই আক্রমণ করা হয়।"},
    "explain.resist_epsilon": {"en": "ε to train against", "bn": "যে ε ঠেকাতে শেখাবে"},
    "explain.resist_start": {"en": "Train it to resist", "bn": "ঠেকাতে শেখাও"},
    "explain.resist_done": {
        "en": "Done. The trained-to-resist copy gets {accuracy} of the first {count} test pictures right "
              "without any attack.",
        "bn": "শেষ। ঠেকাতে শেখানো কপি কোনো আক্রমণ ছাড়া প্রথম {count}টি টেস্ট ছবির {accuracy} ঠিক বলে।"},
    "explain.use_sturdier": {"en": "Use the trained-to-resist model", "bn": "ঠেকাতে শেখানো মডেল ব্যবহার করো"},
    "explain.sturdier_name": {"en": "{name}, trained to resist ε={epsilon}",
                              "bn": "{name}, ε={epsilon} ঠেকাতে শেখানো"},

    # 3 · what it wants to see
    "explain.features_header": {"en": "What does it want to see?", "bn": "মডেল কী দেখতে চায়?"},
    "explain.features_intro": {
        "en": "Start from gray noise and change the picture, step by step, so that one filter (or one "
              "class's score) rises as high as it can. Small random shifts, a soft blur and a pull back to "
              "gray keep it a picture rather than noise. It runs on a worker and is kept for this model.",
        "bn": "ধূসর নয়েজ থেকে শুরু করে ছবিটা ধাপে ধাপে এমনভাবে বদলানো হয় যাতে একটা ফিল্টার (বা একটা ক্লাসের "
              "স্কোর) যত বেশি সম্ভব বাড়ে। ছোট এলোমেলো সরানো, হালকা ঝাপসা করা আর ধূসরের দিকে একটু টান ছবিটাকে "
              "নয়েজ হতে দেয় না। এটা একটা ওয়ার্কারে চলে আর এই মডেলের জন্য রেখে দেওয়া হয়।"},
    "explain.gallery_layer": {"en": "Gallery of", "bn": "যার গ্যালারি"},
    "explain.gallery_classes": {"en": "the classes", "bn": "ক্লাসগুলো"},
    "explain.gallery_capped": {"en": "The first {shown} of its {total} filters.",
                               "bn": "এর {total}টি ফিল্টারের প্রথম {shown}টি।"},
    "explain.features_start": {"en": "Make the gallery", "bn": "গ্যালারি বানাও"},
    "explain.filter_caption": {"en": "filter {number}", "bn": "ফিল্টার {number}"},
    "explain.feature_alt": {"en": "The picture that excites {what} most",
                            "bn": "যে ছবি {what}-কে সবচেয়ে বেশি উত্তেজিত করে"},
    "explain.features_explain": {
        "en": "Early filters want edges and stripes; a class's picture shows the strokes that push its "
              "score up, not a photo of the thing.",
        "bn": "শুরুর দিকের ফিল্টার চায় কিনারা আর ডোরা; একটা ক্লাসের ছবি দেখায় কোন টান তার স্কোর বাড়ায়, "
              "জিনিসটার ছবি নয়।"},

    # 4 · the dense layer's map
    "explain.map_header": {"en": "Map of the dense layer", "bn": "ডেন্স লেয়ারের মানচিত্র"},
    "explain.map_intro": {
        "en": "What the last layer reads, for {count} test pictures, squeezed from many numbers to two "
              "(principal component analysis). Pictures the model finds alike land close together. Your "
              "picture is the star; it moves as you draw. Click a point to see its picture.",
        "bn": "{count}টি টেস্ট ছবির জন্য শেষ লেয়ার যা পড়ে, অনেকগুলো সংখ্যা থেকে দুটোতে নামিয়ে আনা (প্রিন্সিপাল "
              "কম্পোনেন্ট অ্যানালাইসিস)। মডেলের চোখে যে ছবিগুলো একরকম, সেগুলো কাছাকাছি বসে। তারাটা আপনার ছবি; "
              "আঁকার সাথে সাথে সরে। কোনো বিন্দুতে ক্লিক করলে তার ছবি দেখা যাবে।"},
    "explain.map_start": {"en": "Make the map", "bn": "মানচিত্র বানাও"},
    "explain.map_trained": {"en": "The trained model", "bn": "ট্রেইন করা মডেল"},
    "explain.map_untrained": {"en": "The same network before training", "bn": "ট্রেনিংয়ের আগে একই নেটওয়ার্ক"},
    "explain.map_point_hover": {"en": "{name} · test picture {index}", "bn": "{name} · টেস্ট ছবি {index}"},
    "explain.your_picture": {"en": "Your picture", "bn": "আপনার ছবি"},
    "explain.dot_at": {"en": "Your picture sits at ({x}, {y}).", "bn": "আপনার ছবি আছে ({x}, {y}) বিন্দুতে।"},
    "explain.map_explain": {
        "en": "The two axes keep {kept} of the trained layer's spread and {raw} of the untrained one's. "
              "Before training the classes overlap; training pulls them apart.",
        "bn": "দুটো অক্ষ ট্রেইন করা লেয়ারের ছড়ানোর {kept} আর ট্রেইন না করাটার {raw} ধরে রাখে। ট্রেনিংয়ের "
              "আগে ক্লাসগুলো মিশে থাকে; ট্রেনিং তাদের আলাদা করে।"},
    "explain.picked": {"en": "Test picture {index}: {label}", "bn": "টেস্ট ছবি {index}: {label}"},
    "explain.open_in_network": {"en": "[Open this picture in the Whole network view]({link})",
                                "bn": "[এই ছবিটা পুরো নেটওয়ার্ক পাতায় খুলুন]({link})"},

    # Jobs
    "explain.job_queued": {"en": "Waiting for a free worker (number {position} in line).",
                           "bn": "খালি ওয়ার্কারের অপেক্ষা (লাইনে {position} নম্বর)।"},
    "explain.job_running": {"en": "Working on a worker… {percent}", "bn": "ওয়ার্কারে কাজ চলছে… {percent}"},
    "explain.job_started": {"en": "Started on a worker: its progress shows at the top of this part.",
                            "bn": "একটা ওয়ার্কারে শুরু হয়েছে: এর অগ্রগতি এই অংশের ওপরে দেখা যাবে।"},
    "explain.job_failed": {"en": "It did not finish: {reason}", "bn": "এটা শেষ হয়নি: {reason}"},

    # Errors a learner can cause
    "explain.err_no_layer": {"en": "This model has no layer named {name}.",
                             "bn": "এই মডেলে {name} নামে কোনো লেয়ার নেই।"},
    "explain.err_no_conv": {"en": "This model has no convolution layer, so Grad-CAM has nothing to look at.",
                            "bn": "এই মডেলে কোনো কনভলিউশন লেয়ার নেই, তাই Grad-CAM-এর দেখার কিছু নেই।"},
    "explain.err_patch": {
        "en": "An occlusion patch of {patch} pixels moved {stride} at a time does not fit a {size}-pixel picture.",
        "bn": "{patch} পিক্সেলের ঢাকনা {stride} পিক্সেল করে সরালে {size} পিক্সেলের ছবিতে আঁটে না।"},
}
