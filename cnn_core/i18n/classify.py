"""Strings of the Classify page, the preprocessing steps and the upload errors."""

STRINGS = {
    # Page header and model choice
    "classify.title": {"en": "Classify your own picture", "bn": "নিজের ছবি চিনিয়ে দেখি (ক্লাসিফাই)"},
    "classify.intro": {
        "en": "Draw an item or upload a photo. The app turns it into the small 28×28 gray picture the "
              "model was trained on, step by step, and the model says what it thinks it is.",
        "bn": "কিছু একটা আঁকুন বা একটা ছবি আপলোড করুন। অ্যাপটা ধাপে ধাপে সেটাকে ২৮×২৮ মাপের ছোট ধূসর "
              "ছবিতে বদলে নেয় — ঠিক যেমন ছবি দিয়ে মডেলটা শিখেছিল — তারপর মডেল বলে এটা কী মনে হচ্ছে।"},
    "classify.model_in_use": {
        "en": "Model in use: **{name}** ({dataset}), test accuracy {accuracy}",
        "bn": "এখন ব্যবহৃত মডেল: **{name}** ({dataset}), টেস্ট অ্যাকুরেসি (accuracy) {accuracy}"},
    "classify.accuracy_unknown": {"en": "not measured", "bn": "মাপা হয়নি"},
    "classify.switch_model": {"en": "Use another model", "bn": "অন্য মডেল ব্যবহার করি"},
    "classify.switch_help": {
        "en": "Models for the dataset chosen in the sidebar: the app's pretrained one, the one you "
              "trained in this session, and the saved ones.",
        "bn": "সাইডবারে বাছা ডেটাসেটের মডেলগুলো: অ্যাপের আগে থেকে ট্রেইন করা মডেল, এই সেশনে আপনার "
              "ট্রেইন করা মডেল, আর সেভ করা মডেলগুলো।"},
    "classify.option_pretrained": {"en": "Pretrained default", "bn": "আগে থেকে ট্রেইন করা (ডিফল্ট)"},
    "classify.pretrained_name": {"en": "{kind} (pretrained)", "bn": "{kind} (আগে থেকে ট্রেইন করা)"},
    "classify.option_session": {"en": "Trained in this session: {name}", "bn": "এই সেশনে ট্রেইন করা: {name}"},
    "classify.option_saved": {"en": "Saved: {name} ({created})", "bn": "সেভ করা: {name} ({created})"},
    "classify.no_model": {
        "en": "No model is in use for this dataset. Train one on the Train page, or pick a saved one "
              "if any is listed here.",
        "bn": "এই ডেটাসেটের জন্য কোনো মডেল ব্যবহার হচ্ছে না। ট্রেনিং পাতায় একটা মডেল ট্রেইন করুন, বা "
              "এখানে সেভ করা কোনো মডেল থাকলে সেটা বেছে নিন।"},

    # Input tabs
    "classify.tab_draw": {"en": "Draw", "bn": "আঁকি"},
    "classify.tab_upload": {"en": "Upload a picture", "bn": "ছবি আপলোড করি"},
    "classify.draw_help": {
        "en": "Draw one item with a thick white line, as big as the box. The prediction updates every "
              "time you lift the mouse. The toolbar under the canvas undoes a stroke or clears it.",
        "bn": "মোটা সাদা দাগে একটা জিনিস আঁকুন, বাক্সের প্রায় সমান বড় করে। মাউস ছাড়লেই অনুমান "
              "(prediction) বদলে যায়। ক্যানভাসের নিচের টুলবার দিয়ে শেষ দাগ মুছে ফেলা (undo) বা পুরোটা "
              "পরিষ্কার করা যায়।"},
    "classify.brush": {"en": "Brush size", "bn": "তুলির মাপ"},
    "classify.draw_something": {
        "en": "The canvas is empty: draw something and the model will guess.",
        "bn": "ক্যানভাস খালি: কিছু একটা আঁকুন, মডেল অনুমান করবে।"},
    "classify.upload_label": {
        "en": "A picture of one item (PNG, JPG, GIF, BMP, WebP or TIFF, up to 10 MB)",
        "bn": "একটা জিনিসের ছবি (PNG, JPG, GIF, BMP, WebP বা TIFF, ১০ MB পর্যন্ত)"},
    "classify.upload_tip": {
        "en": "Works best with one item on a plain background, photographed from the front.",
        "bn": "সাদামাটা পটভূমিতে সামনে থেকে তোলা একটা জিনিসের ছবিতে সবচেয়ে ভালো কাজ করে।"},

    # Preprocessing steps
    "classify.steps_header": {"en": "What the model sees, step by step", "bn": "মডেল কী দেখে, ধাপে ধাপে"},
    "classify.step_input": {"en": "1 · Your picture", "bn": "১ · আপনার ছবি"},
    "classify.step_grayscale": {"en": "2 · Gray", "bn": "২ · ধূসর (grayscale)"},
    "classify.step_light_on_dark": {"en": "3 · Light on black", "bn": "৩ · কালোর ওপর উজ্জ্বল"},
    "classify.step_cropped": {"en": "4 · Cropped to the item", "bn": "৪ · জিনিসটুকু কেটে নেওয়া"},
    "classify.step_scaled": {"en": "5 · Resized", "bn": "৫ · মাপ বদলানো"},
    "classify.step_centred": {"en": "6 · Centred on 28×28", "bn": "৬ · ২৮×২৮-এর মাঝখানে"},
    "classify.steps_explain": {
        "en": "The training pictures show a light item on a black background, filling the frame and "
              "centred, so your picture is brought into the same form: gray, light on dark (inverted "
              "if the border is light), cut to the item, resized and centred on 28×28 pixels.",
        "bn": "ট্রেনিংয়ের ছবিগুলোতে কালো পটভূমিতে উজ্জ্বল জিনিস থাকে, ফ্রেম ভরে আর মাঝখানে বসানো। তাই "
              "আপনার ছবিকেও সেই রূপে আনা হয়: ধূসর, কালোর ওপর উজ্জ্বল (কিনারা উজ্জ্বল হলে রং উল্টে), "
              "জিনিসটুকু কেটে, মাপ বদলে ২৮×২৮ পিক্সেলের মাঝখানে বসানো।"},
    "classify.input_header": {"en": "The 28×28 input (hover for pixel values)",
                              "bn": "২৮×২৮ ইনপুট (মাউস রাখলে পিক্সেলের মান দেখায়)"},
    "classify.pixel_hover": {"en": "row {row}, column {col}: {value}", "bn": "সারি {row}, কলাম {col}: {value}"},

    # Prediction
    "classify.probabilities_header": {"en": "How sure the model is about each class",
                                      "bn": "প্রতিটা ক্লাস (class) নিয়ে মডেল কতটা নিশ্চিত"},
    "classify.probability_axis": {"en": "Probability", "bn": "সম্ভাবনা (probability)"},
    "classify.top_prediction": {"en": "The model says: {name}", "bn": "মডেল বলছে: {name}"},
    "classify.top_probability": {"en": "with probability {percent}", "bn": "সম্ভাবনা {percent}"},
    "classify.low_confidence": {
        "en": "The model is not sure (its best guess has only {percent}). Its answer is always one of "
              "the {count} classes it knows, even for things it has never seen.",
        "bn": "মডেল নিশ্চিত নয় (সবচেয়ে ভালো অনুমানেও মাত্র {percent})। মডেল সবসময় তার জানা {count}টা "
              "ক্লাসের একটাই বলে, এমন জিনিসের বেলাতেও যা সে কখনো দেখেনি।"},
    "classify.unlike_data": {
        "en": "This input looks unlike the training pictures ({reason}), so treat the answer with "
              "care.",
        "bn": "এই ইনপুট ট্রেনিংয়ের ছবিগুলোর মতো দেখাচ্ছে না ({reason}), তাই উত্তরটা সাবধানে নিন।"},
    "classify.reason_too_little_ink": {
        "en": "far less of the frame is lit than in any training picture",
        "bn": "যেকোনো ট্রেনিং ছবির চেয়ে ফ্রেমের অনেক কম অংশ উজ্জ্বল"},
    "classify.reason_too_much_ink": {
        "en": "far more of the frame is lit than in any training picture",
        "bn": "যেকোনো ট্রেনিং ছবির চেয়ে ফ্রেমের অনেক বেশি অংশ উজ্জ্বল"},
    "classify.reason_too_dark": {"en": "it is much dimmer than the training pictures",
                                 "bn": "ট্রেনিং ছবিগুলোর চেয়ে এটা অনেক বেশি অনুজ্জ্বল"},
    "classify.reason_too_bright": {"en": "it is much brighter than the training pictures",
                                   "bn": "ট্রেনিং ছবিগুলোর চেয়ে এটা অনেক বেশি উজ্জ্বল"},
    "classify.history_header": {"en": "Your drawings in this session", "bn": "এই সেশনে আপনার আঁকা ছবি"},

    # Errors a user can cause
    "classify.err_empty": {
        "en": "“{name}” is empty (0 bytes). Pick the picture file again.",
        "bn": "“{name}” ফাইলটা খালি (০ বাইট)। ছবির ফাইলটা আবার বেছে নিন।"},
    "classify.err_too_big": {
        "en": "“{name}” is {megabytes} MB; pictures up to {limit} MB are accepted. Save a smaller copy "
              "(the model only uses 28×28 pixels anyway).",
        "bn": "“{name}” ফাইলটা {megabytes} MB; {limit} MB পর্যন্ত ছবি নেওয়া হয়। ছোট একটা কপি সেভ করে "
              "দিন (মডেল তো শেষে মাত্র ২৮×২৮ পিক্সেলই দেখে)।"},
    "classify.err_not_image": {
        "en": "“{name}” is not a picture this app can read. Upload a PNG, JPG, GIF, BMP, WebP or TIFF "
              "file.",
        "bn": "“{name}” এমন কোনো ছবি নয় যা এই অ্যাপ পড়তে পারে। PNG, JPG, GIF, BMP, WebP বা TIFF ফাইল "
              "আপলোড করুন।"},
    "classify.err_vector": {
        "en": "“{name}” is an SVG drawing (made of lines, not pixels). Export it as PNG and upload that.",
        "bn": "“{name}” একটা SVG আঁকা (পিক্সেল নয়, রেখা দিয়ে তৈরি)। এটাকে PNG হিসেবে এক্সপোর্ট করে "
              "সেটা আপলোড করুন।"},
    "classify.err_format": {
        "en": "“{name}” is a {format} file; this app takes {formats}.",
        "bn": "“{name}” একটা {format} ফাইল; এই অ্যাপ নেয় {formats}।"},
    "classify.err_too_many_pixels": {
        "en": "“{name}” claims to have more than {limit} pixels — too many to open safely. Use a "
              "smaller picture.",
        "bn": "“{name}” ফাইলে {limit}টির বেশি পিক্সেল আছে বলে দাবি করা হচ্ছে — নিরাপদে খোলার জন্য "
              "অনেক বেশি। ছোট একটা ছবি দিন।"},
    "classify.err_broken": {
        "en": "“{name}” is damaged or cut off, so its pixels cannot be read. Save or download it again.",
        "bn": "“{name}” ফাইলটা নষ্ট বা অসম্পূর্ণ, তাই এর পিক্সেল পড়া যাচ্ছে না। আবার সেভ বা ডাউনলোড "
              "করে দিন।"},
    "classify.err_metadata": {
        "en": "The picture's hidden information (EXIF metadata) is oversized or broken. Save it again "
              "without metadata, for example as a PNG screenshot.",
        "bn": "ছবির ভেতরের লুকানো তথ্য (EXIF মেটাডেটা) অস্বাভাবিক বড় বা নষ্ট। মেটাডেটা ছাড়া আবার সেভ "
              "করুন, যেমন PNG স্ক্রিনশট হিসেবে।"},
    "classify.err_blank": {
        "en": "The picture is blank: there is nothing on it that stands out from the background.",
        "bn": "ছবিটা ফাঁকা: পটভূমি থেকে আলাদা করে চোখে পড়ে এমন কিছু এতে নেই।"},
    "classify.err_shape": {
        "en": "A picture must be a 2-D gray, RGB or RGBA array; this one has shape {shape}.",
        "bn": "ছবি হতে হবে ধূসর, RGB বা RGBA দুই-মাত্রার (2-D) অ্যারে; এটার আকার {shape}।"},
}
