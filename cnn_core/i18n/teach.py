"""Strings of the Teach page: the learner's own classes, examples, augmentation, transfer learning, export."""

STRINGS = {

    # Page header
    "teach.title": {"en": "Teach it your own classes", "bn": "নিজের ক্লাস শেখাই"},
    "teach.intro": {
        "en": "The network that learned clothes has, in its convolution layers, learned to find edges, "
              "curves and corners — things every picture has. Keep those layers, give it a new last "
              "layer for **your** classes, and a few examples of each are enough to teach it: this "
              "is **transfer learning**. Name 2 to 10 classes, add examples by drawing, with the camera "
              "or from files, then train.",
        "bn": "যে নেটওয়ার্ক পোশাক চিনতে শিখেছে, তার কনভলিউশন লেয়ারগুলো ধার, বাঁক আর কোণা খুঁজে পেতে শিখেছে — "
              "যা সব ছবিতেই থাকে। সেই লেয়ারগুলো রেখে **আপনার** ক্লাসগুলোর জন্য একটা নতুন শেষ লেয়ার দিন, "
              "তাহলে প্রতিটার অল্প কয়েকটা উদাহরণই শেখানোর জন্য যথেষ্ট: একে বলে **ট্রান্সফার লার্নিং**। "
              "২ থেকে ১০টা ক্লাসের নাম দিন, এঁকে, ক্যামেরা দিয়ে বা ফাইল থেকে উদাহরণ যোগ করুন, তারপর ট্রেইন করুন।"},

    # Example sets kept on this computer
    "teach.kept_here": {
        "en": "Your classes and examples are saved on this computer as you go, so closing the tab loses "
              "nothing: continue them here another day.",
        "bn": "আপনার ক্লাস আর উদাহরণগুলো কাজ করতে করতেই এই কম্পিউটারে সেভ হয়ে যায়, তাই ট্যাব বন্ধ করলেও কিছু "
              "হারায় না: অন্য দিন এখান থেকেই আবার শুরু করুন।"},
    "teach.continue_header": {"en": "Continue an earlier example set", "bn": "আগের একটা উদাহরণ-সংগ্রহ নিয়ে আবার শুরু করি"},
    "teach.continue_label": {"en": "Example sets saved on this computer", "bn": "এই কম্পিউটারে সেভ করা উদাহরণ-সংগ্রহ"},
    "teach.continue_option": {"en": "{classes} — {total} examples, saved {when}",
                              "bn": "{classes} — {total}টা উদাহরণ, সেভ হয়েছে {when}"},
    "teach.continue_class": {"en": "{name} ({count})", "bn": "{name} ({count})"},
    "teach.continue_no_classes": {"en": "(no classes)", "bn": "(কোনো ক্লাস নেই)"},
    "teach.continue_broken": {"en": "Damaged file {set_id} — try to open it, or delete it",
                              "bn": "নষ্ট ফাইল {set_id} — খুলে দেখুন, নয়তো মুছে দিন"},
    "teach.continue_explain": {
        "en": "Opening a set puts it in place of the one on this page; that one stays saved and shows up in this list.",
        "bn": "একটা সংগ্রহ খুললে সেটা এই পাতার বর্তমান সংগ্রহের জায়গায় আসে; বর্তমানটা সেভ করা থাকে আর এই তালিকায় দেখা যায়।"},
    "teach.open_set": {"en": "Open", "bn": "খুলি"},
    "teach.opened": {"en": "Opened the example set “{title}” ({count} examples).",
                     "bn": "“{title}” উদাহরণ-সংগ্রহটা খোলা হয়েছে ({count}টা উদাহরণ)।"},
    "teach.delete_set": {"en": "Delete", "bn": "মুছি"},
    "teach.delete_set_question": {
        "en": "Delete “{title}” and its {count} examples from this computer for good?",
        "bn": "“{title}” আর এর {count}টা উদাহরণ এই কম্পিউটার থেকে চিরতরে মুছে ফেলবেন?"},
    "teach.delete_broken_question": {"en": "Delete this damaged file from this computer for good?",
                                     "bn": "এই নষ্ট ফাইলটা এই কম্পিউটার থেকে চিরতরে মুছে ফেলবেন?"},
    "teach.deleted_set": {"en": "The example set “{title}” was deleted.", "bn": "“{title}” উদাহরণ-সংগ্রহটা মুছে ফেলা হয়েছে।"},
    "teach.untitled_set": {"en": "a damaged set", "bn": "একটা নষ্ট সংগ্রহ"},
    "teach.saved_as_copy": {
        "en": "This example set was also changed in another tab, so your changes are saved as a separate copy: "
              "nothing from either tab is lost.",
        "bn": "এই উদাহরণ-সংগ্রহটা অন্য একটা ট্যাবেও বদলানো হয়েছে, তাই আপনার বদলগুলো আলাদা একটা কপি হিসেবে সেভ "
              "হয়েছে: কোনো ট্যাবের কিছুই হারায়নি।"},
    "teach.err_store_failed": {
        "en": "Your examples could not be saved on this computer ({reason}). They are still here in this tab: "
              "download the examples zip (section 6) to keep them.",
        "bn": "আপনার উদাহরণগুলো এই কম্পিউটারে সেভ করা গেল না ({reason})। এগুলো এখনো এই ট্যাবে আছে: রেখে দিতে "
              "উদাহরণের জিপ ফাইলটা ডাউনলোড করুন (৬ নম্বর অংশ)।"},
    "teach.err_set_missing": {"en": "That example set is no longer saved on this computer ({set_id}).",
                              "bn": "ওই উদাহরণ-সংগ্রহটা আর এই কম্পিউটারে সেভ করা নেই ({set_id})।"},

    # 1. Classes
    "teach.section": {"en": "{number}. {title}", "bn": "{number}. {title}"},  # a numbered section header
    "teach.classes_header": {"en": "Your classes", "bn": "আপনার ক্লাসগুলো"},
    "teach.class_name": {"en": "Name of a new class", "bn": "নতুন ক্লাসের নাম"},
    "teach.class_name_placeholder": {"en": "e.g. circle, triangle, star", "bn": "যেমন: বৃত্ত, ত্রিভুজ, তারা"},
    "teach.add_class": {"en": "Add class", "bn": "ক্লাস যোগ করি"},
    "teach.class_added": {"en": "Class “{name}” added.", "bn": "“{name}” ক্লাস যোগ হয়েছে।"},
    "teach.no_classes": {
        "en": "No classes yet. Type a name above — in any language — and add at least two.",
        "bn": "এখনো কোনো ক্লাস নেই। ওপরে একটা নাম লিখুন — যেকোনো ভাষায় — আর অন্তত দুটো ক্লাস যোগ করুন।"},

    # 2. Adding examples
    "teach.add_header": {"en": "Add examples", "bn": "উদাহরণ যোগ করি"},
    "teach.target": {"en": "Add examples to", "bn": "উদাহরণ যোগ হবে এই ক্লাসে"},
    "teach.tab_draw": {"en": "Draw", "bn": "আঁকি"},
    "teach.tab_camera": {"en": "Camera", "bn": "ক্যামেরা"},
    "teach.tab_upload": {"en": "Picture files", "bn": "ছবি ফাইল"},
    "teach.draw_help": {
        "en": "Draw one example with a thick line, filling most of the box, then add it. The canvas "
              "clears for the next one.",
        "bn": "মোটা দাগে একটা উদাহরণ আঁকুন, বাক্সের বেশিরভাগ জুড়ে, তারপর যোগ করুন। পরেরটার জন্য ক্যানভাস "
              "আবার ফাঁকা হয়ে যাবে।"},
    "teach.add_drawing": {"en": "Add this drawing to “{name}”", "bn": "এই আঁকাটা “{name}”-এ যোগ করি"},
    "teach.camera_on": {"en": "Use the camera", "bn": "ক্যামেরা ব্যবহার করি"},
    "teach.camera_help": {
        "en": "The browser asks for permission to use the camera. Hold one object in front of a plain, "
              "light wall, take a photo, add it. No camera, or permission refused? Draw or use picture "
              "files instead — everything else works the same.",
        "bn": "ক্যামেরা ব্যবহারের অনুমতি ব্রাউজার চাইবে। সাদামাটা, হালকা রঙের দেয়ালের সামনে একটা জিনিস ধরুন, "
              "ছবি তুলুন, যোগ করুন। ক্যামেরা নেই, বা অনুমতি দেননি? তাহলে এঁকে বা ছবি ফাইল দিয়ে যোগ করুন — "
              "বাকি সব একইভাবে চলবে।"},
    "teach.camera_label": {"en": "Take a photo", "bn": "ছবি তুলি"},
    "teach.add_photo": {"en": "Add this photo to “{name}”", "bn": "এই ছবিটা “{name}”-এ যোগ করি"},
    "teach.upload_label": {"en": "Pictures (several at once)", "bn": "ছবি (একসাথে কয়েকটা)"},
    "teach.upload_help": {
        "en": "PNG, JPEG, GIF, BMP, WebP or TIFF, up to {limit} MB each. Each one becomes a 28×28 "
              "example the same way a picture on the Classify page does.",
        "bn": "PNG, JPEG, GIF, BMP, WebP বা TIFF, প্রতিটা {limit} মেগাবাইট পর্যন্ত। প্রতিটা ছবি ক্লাসিফাই "
              "পাতার মতো একইভাবে ২৮×২৮ মাপের উদাহরণ হয়ে যাবে।"},
    "teach.add_uploads": {"en": "Add {count} pictures to “{name}”", "bn": "{count}টা ছবি “{name}”-এ যোগ করি"},
    "teach.added": {"en": "{count} example(s) added to “{name}”.", "bn": "“{name}”-এ {count}টা উদাহরণ যোগ হয়েছে।"},

    # 3. The examples
    "teach.examples_header": {"en": "Your examples", "bn": "আপনার উদাহরণগুলো"},
    "teach.examples_explain": {
        "en": "Each example as the model sees it: 28×28 gray pixels, made by the same steps as on the "
              "Classify page. ✕ removes one.",
        "bn": "প্রতিটা উদাহরণ মডেল যেভাবে দেখে: ২৮×২৮ ধূসর পিক্সেল, ক্লাসিফাই পাতার মতো একই ধাপে তৈরি। "
              "✕ চাপলে একটা মুছে যায়।"},
    "teach.class_count": {"en": "{count} examples", "bn": "{count}টা উদাহরণ"},
    "teach.class_empty": {"en": "No examples yet.", "bn": "এখনো কোনো উদাহরণ নেই।"},
    "teach.shown_newest": {"en": "The newest {shown} of {count} are shown.", "bn": "{count}টার মধ্যে সবচেয়ে নতুন {shown}টা দেখানো হচ্ছে।"},
    "teach.example_alt": {"en": "An example of “{name}”, 28×28 pixels", "bn": "“{name}”-এর একটা উদাহরণ, ২৮×২৮ পিক্সেল"},
    "teach.copy_alt": {"en": "A randomly changed copy of the example of “{name}”",
                       "bn": "“{name}”-এর উদাহরণের এলোমেলোভাবে বদলানো একটা কপি"},
    "teach.remove_example": {"en": "Remove this example", "bn": "এই উদাহরণটা মুছি"},
    "teach.class_menu": {"en": "Rename or remove", "bn": "নাম বদলাই বা মুছি"},
    "teach.rename": {"en": "New name", "bn": "নতুন নাম"},
    "teach.rename_button": {"en": "Rename", "bn": "নাম বদলাই"},
    "teach.remove_class": {"en": "Remove the class and its examples", "bn": "ক্লাসটা আর এর উদাহরণগুলো মুছি"},
    "teach.removed_class": {"en": "Class “{name}” removed ({count} examples).",
                            "bn": "“{name}” ক্লাস মুছে ফেলা হয়েছে ({count}টা উদাহরণসহ)।"},
    "teach.undo": {"en": "Undo the last removal", "bn": "শেষ মুছে ফেলাটা ফিরিয়ে আনি"},
    "teach.total": {"en": "{count} of at most {limit} examples", "bn": "সর্বোচ্চ {limit}টার মধ্যে {count}টা উদাহরণ"},

    # Warnings about the examples
    "teach.warn_need_classes": {"en": "Add at least {minimum} classes: a model needs something to tell apart.",
                                "bn": "অন্তত {minimum}টা ক্লাস যোগ করুন: মডেলকে তো কিছু একটা আলাদা করে চিনতে হবে।"},
    "teach.warn_empty": {"en": "“{name}” has no examples yet.", "bn": "“{name}”-এ এখনো কোনো উদাহরণ নেই।"},
    "teach.warn_few": {
        "en": "“{name}” has only {count} example(s). With fewer than {minimum} the model can hardly learn "
              "what the class has in common — and there is little left to check it on.",
        "bn": "“{name}”-এ মাত্র {count}টা উদাহরণ। {minimum}টার কম হলে ক্লাসটার সবগুলোর মধ্যে মিল কোথায়, তা "
              "মডেল প্রায় শিখতেই পারে না — আর যাচাই করার জন্যও তেমন কিছু থাকে না।"},
    "teach.warn_unbalanced": {
        "en": "The classes are unbalanced: “{big}” has {big_count} examples, “{small}” only {small_count}. "
              "A model learns to say the big class more often; add examples to the small one.",
        "bn": "ক্লাসগুলোর মধ্যে ভারসাম্য নেই: “{big}”-এ {big_count}টা উদাহরণ, “{small}”-এ মাত্র {small_count}টা। "
              "মডেল তখন বড় ক্লাসটাই বেশি বলতে শেখে; ছোট ক্লাসটায় আরও উদাহরণ যোগ করুন।"},

    # Errors a learner can cause
    "teach.err_name_empty": {"en": "Type a name for the class first.", "bn": "আগে ক্লাসের একটা নাম লিখুন।"},
    "teach.err_name_long": {"en": "Class names can have at most {limit} characters.",
                            "bn": "ক্লাসের নাম সর্বোচ্চ {limit} অক্ষরের হতে পারে।"},
    "teach.err_name_duplicate": {"en": "There already is a class called “{name}”. Pick another name.",
                                 "bn": "“{name}” নামে একটা ক্লাস আগেই আছে। অন্য একটা নাম দিন।"},
    "teach.err_too_many_classes": {"en": "At most {limit} classes: remove one before adding another.",
                                   "bn": "সর্বোচ্চ {limit}টা ক্লাস রাখা যায়: নতুন যোগ করার আগে একটা মুছুন।"},
    "teach.err_full": {
        "en": "The example set is full ({limit} examples). Remove some, or save the zip and start a new set.",
        "bn": "উদাহরণের সংগ্রহ ভরে গেছে ({limit}টা উদাহরণ)। কয়েকটা মুছুন, অথবা জিপ ফাইলটা সেভ করে নতুন সংগ্রহ শুরু করুন।"},
    "teach.err_need_classes": {"en": "Training needs at least {minimum} classes with examples.",
                               "bn": "ট্রেনিংয়ের জন্য উদাহরণসহ অন্তত {minimum}টা ক্লাস লাগবে।"},
    "teach.err_class_too_few": {
        "en": "“{name}” has {count} example(s); every class needs at least {minimum} — one to learn from and "
              "one to check the model on.",
        "bn": "“{name}”-এ {count}টা উদাহরণ আছে; প্রতিটা ক্লাসে অন্তত {minimum}টা লাগবে — একটা শেখার জন্য, "
              "আর একটা মডেলকে যাচাই করার জন্য।"},
    "teach.err_base_unusable": {
        "en": "The model “{name}” cannot be a base: it needs convolution layers in one chain, then the dense layers.",
        "bn": "“{name}” মডেলটা ভিত্তি হিসেবে চলবে না: এর কনভলিউশন লেয়ারগুলো একটার পর একটা সাজানো থাকতে "
              "হবে, তারপর ডেন্স লেয়ার।"},
    "teach.err_zip_not_zip": {"en": "“{name}” is not a zip file.", "bn": "“{name}” কোনো জিপ ফাইল নয়।"},
    "teach.err_zip_too_big": {
        "en": "“{name}” is too big ({megabytes} MB, or too much inside it); an examples zip may have {limit} MB.",
        "bn": "“{name}” অনেক বড় ({megabytes} মেগাবাইট, বা ভেতরে অনেক বেশি কিছু); উদাহরণের জিপ সর্বোচ্চ "
              "{limit} মেগাবাইট হতে পারে।"},
    "teach.err_zip_no_labels": {
        "en": "“{name}” has no labels.json: it is not an examples zip saved by this page.",
        "bn": "“{name}”-এ labels.json নেই: এটা এই পাতা থেকে সেভ করা উদাহরণের জিপ নয়।"},
    "teach.err_zip_bad_labels": {
        "en": "The labels.json in this zip cannot be read ({reason}).",
        "bn": "এই জিপের labels.json পড়া যাচ্ছে না ({reason})।"},
    "teach.err_zip_missing": {"en": "“{name}” names a picture it does not contain: {file}.",
                              "bn": "“{name}”-এ এমন একটা ছবির নাম আছে যা এর ভেতরে নেই: {file}।"},

    # 4. Augmentation
    "teach.augment_header": {"en": "Augmentation", "bn": "অগমেন্টেশন (augmentation)"},
    "teach.augment_explain": {
        "en": "With a few examples a model can learn them by heart — this exact drawing in this exact "
              "place. Augmentation shows it a slightly shifted, turned, resized, thicker- or thinner-lined "
              "copy each time, so it learns what stays the same: the shape.",
        "bn": "অল্প উদাহরণ থাকলে মডেল সেগুলো মুখস্থ করে ফেলতে পারে — ঠিক এই আঁকাটা, ঠিক এই জায়গায়। "
              "অগমেন্টেশন প্রতিবার মডেলকে একটু সরানো, ঘোরানো, ছোট-বড় করা, মোটা বা সরু দাগের একটা কপি দেখায়, "
              "তাই মডেল শেখে কোনটা বদলায় না: আকারটা।"},
    "teach.augment_toggle": {"en": "Augment the examples while training", "bn": "ট্রেনিংয়ের সময় উদাহরণগুলো অগমেন্ট করি"},
    "teach.augment_preview": {
        "en": "The first picture is your newest example of “{name}”; the others are copies the model might see instead.",
        "bn": "প্রথম ছবিটা “{name}”-এর আপনার সবচেয়ে নতুন উদাহরণ; বাকিগুলো এমন কপি, যা মডেল তার বদলে দেখতে পারে।"},
    "teach.augment_again": {"en": "Other random copies", "bn": "অন্য এলোমেলো কপি দেখি"},
    "teach.augment_nothing": {"en": "Add an example to see its augmented copies.",
                              "bn": "অগমেন্ট করা কপি দেখতে একটা উদাহরণ যোগ করুন।"},

    # 5. Training
    "teach.train_header": {"en": "Teach the model", "bn": "মডেলকে শেখাই"},
    "teach.base_label": {"en": "Start from", "bn": "কোন মডেল থেকে শুরু"},
    "teach.base_help": {
        "en": "Its convolution layers are kept, frozen; only a new head learns your classes. Models "
              "of the dataset chosen in the sidebar are offered.",
        "bn": "এর কনভলিউশন লেয়ারগুলো রেখে দেওয়া হয়, জমিয়ে (ফ্রিজ করে); কেবল একটা নতুন শেষ অংশ আপনার ক্লাসগুলো "
              "শেখে। সাইডবারে বাছা ডেটাসেটের মডেলগুলো এখানে দেখানো হয়।"},
    "teach.base_pretrained": {"en": "{name} — the app's default", "bn": "{name} — অ্যাপের ডিফল্ট"},
    "teach.base_saved": {"en": "Saved: {name}", "bn": "সেভ করা: {name}"},
    "teach.no_base": {
        "en": "No trained model for this dataset to start from: train one on the Train page first.",
        "bn": "এই ডেটাসেটে শুরু করার মতো কোনো ট্রেইন করা মডেল নেই: আগে ট্রেনিং পাতায় একটা ট্রেইন করুন।"},
    "teach.scratch_toggle": {"en": "Train from scratch instead (to compare)", "bn": "বরং একদম শুরু থেকে ট্রেইন করি (তুলনার জন্য)"},
    "teach.scratch_help": {
        "en": "The same network with untrained weights, all of it learning from your examples only. "
              "Try both and compare the held-out accuracy.",
        "bn": "একই নেটওয়ার্ক, কিন্তু শেখেনি এমন ওয়েট নিয়ে; পুরোটা কেবল আপনার উদাহরণ থেকে শেখে। দুটোই চালিয়ে "
              "আলাদা রাখা উদাহরণে অ্যাকুরেসি তুলনা করুন।"},
    "teach.epochs": {"en": "Epochs", "bn": "ইপক (epoch)"},
    "teach.epochs_help": {"en": "How many times the model sees every training example.",
                          "bn": "মডেল প্রতিটা ট্রেনিং উদাহরণ কতবার দেখবে।"},
    "teach.start": {"en": "Teach it", "bn": "শেখাই"},
    "teach.stop": {"en": "Stop", "bn": "থামাই"},
    "teach.not_ready": {"en": "Not ready to train yet:", "bn": "এখনো ট্রেইন করা যাবে না:"},
    "teach.state_queued": {"en": "Waiting for a free training slot (number {position} in line)…",
                           "bn": "ট্রেনিংয়ের একটা খালি জায়গার অপেক্ষায় (লাইনে {position} নম্বর)…"},
    "teach.state_starting": {"en": "Starting…", "bn": "শুরু হচ্ছে…"},
    "teach.state_running": {"en": "Learning your classes…", "bn": "আপনার ক্লাসগুলো শিখছে…"},
    "teach.state_stopping": {"en": "Stopping after this step…", "bn": "এই ধাপের পরে থামছে…"},
    "teach.state_done": {"en": "Done.", "bn": "শেষ।"},
    "teach.state_stopped": {"en": "Stopped; the model keeps what it learned so far.",
                            "bn": "থামানো হয়েছে; মডেল এতক্ষণ যা শিখেছে তা রেখে দিয়েছে।"},
    "teach.state_failed": {"en": "Training failed:", "bn": "ট্রেনিং ব্যর্থ হয়েছে:"},
    "teach.epoch_progress": {"en": "Epoch {epoch} of {total}", "bn": "{total}টার মধ্যে {epoch} নম্বর ইপক"},
    "teach.chart_title": {"en": "Accuracy per epoch", "bn": "প্রতি ইপকে অ্যাকুরেসি"},
    "teach.chart_epoch": {"en": "epoch", "bn": "ইপক"},
    "teach.chart_train": {"en": "training examples", "bn": "ট্রেনিংয়ের উদাহরণ"},
    "teach.chart_holdout": {"en": "held-out examples", "bn": "আলাদা রাখা উদাহরণ"},

    # Results
    "teach.results_header": {"en": "What it learned", "bn": "মডেল কী শিখল"},
    "teach.holdout_accuracy": {"en": "Accuracy on held-out examples", "bn": "আলাদা রাখা উদাহরণে অ্যাকুরেসি"},
    "teach.holdout_explain": {
        "en": "{count} of your examples (about a quarter of each class) were kept aside: the model never "
              "trained on them, so this is an honest score. With so few it moves in big steps.",
        "bn": "আপনার {count}টা উদাহরণ (প্রতিটা ক্লাসের প্রায় চার ভাগের এক ভাগ) আলাদা রাখা হয়েছিল: মডেল "
              "এগুলো দিয়ে কখনো শেখেনি, তাই এই নম্বরটা সৎ। এত কম উদাহরণে এটা বড় বড় ধাপে ওঠানামা করে।"},
    "teach.per_class": {"en": "Held-out accuracy per class", "bn": "প্রতিটা ক্লাসে আলাদা রাখা উদাহরণের অ্যাকুরেসি"},
    "teach.train_seconds": {"en": "Training time", "bn": "ট্রেনিংয়ের সময়"},
    "teach.seconds": {"en": "{seconds} s", "bn": "{seconds} সেকেন্ড"},
    "teach.compare_header": {"en": "Your runs, compared", "bn": "আপনার রানগুলোর তুলনা"},
    "teach.col_start": {"en": "Start", "bn": "শুরু"},
    "teach.col_augment": {"en": "Augmented", "bn": "অগমেন্টেড"},
    "teach.col_epochs": {"en": "Epochs", "bn": "ইপক"},
    "teach.col_accuracy": {"en": "Held-out accuracy", "bn": "আলাদা রাখা উদাহরণে অ্যাকুরেসি"},
    "teach.col_seconds": {"en": "Seconds", "bn": "সেকেন্ড"},
    "teach.mode_transfer": {"en": "borrowed features (transfer)", "bn": "ধার করা ফিচার (ট্রান্সফার)"},
    "teach.mode_scratch": {"en": "from scratch", "bn": "একদম শুরু থেকে"},
    "teach.yes": {"en": "yes", "bn": "হ্যাঁ"},
    "teach.no": {"en": "no", "bn": "না"},
    "teach.model_name": {"en": "My classes: {classes}", "bn": "আমার ক্লাস: {classes}"},
    "teach.active_now": {
        "en": "This model is now in use on the Classify and Inside the model pages: draw something there "
              "and see which of your classes it picks.",
        "bn": "এই মডেলটাই এখন ক্লাসিফাই আর মডেলের ভেতরে পাতায় ব্যবহার হচ্ছে: সেখানে কিছু এঁকে দেখুন "
              "আপনার কোন ক্লাসটা এটা বেছে নেয়।"},
    "teach.saved": {"en": "Saved in the model store as “{name}”.", "bn": "মডেল সংগ্রহে “{name}” নামে সেভ হয়েছে।"},


    # A taught model on the Inside the model page
    "teach.inside_examples": {"en": "your own examples", "bn": "আপনার নিজের উদাহরণ"},
    "teach.inside_explain": {
        "en": "This model was taught your own classes, so your examples stand in for the test set here. It "
              "learned from most of them, so these scores look better than it is; the honest score is the "
              "held-out accuracy on the Teach it page.",
        "bn": "এই মডেলকে আপনার নিজের ক্লাস শেখানো হয়েছে, তাই এখানে টেস্ট সেটের জায়গায় আপনার উদাহরণগুলো দেখানো "
              "হচ্ছে। এগুলোর বেশিরভাগ দিয়েই মডেল শিখেছে, তাই এই নম্বরগুলো আসলের চেয়ে ভালো দেখায়; সৎ নম্বরটা হলো "
              "‘শেখাই’ পাতায় আলাদা রাখা উদাহরণের অ্যাকুরেসি।"},
    "teach.inside_no_examples": {
        "en": "This model was taught classes whose examples are not in this session. On the Teach it page, "
              "continue its example set (or load its examples zip) to look inside it with them.",
        "bn": "এই মডেলকে এমন ক্লাস শেখানো হয়েছে যার উদাহরণগুলো এই সেশনে নেই। ‘শেখাই’ পাতায় এর উদাহরণ-সংগ্রহটা "
              "আবার খুলুন (বা উদাহরণের জিপ ফাইলটা আনুন), তারপর সেগুলো দিয়ে মডেলের ভেতরটা দেখুন।"},

    # 6. Export and import
    "teach.export_header": {"en": "Take it with you", "bn": "সাথে নিয়ে যাই"},
    "teach.export_explain": {
        "en": "Download the model to use it in your own Python program or on a phone, and your examples "
              "to go on another day. Each comes with a short program that uses it.",
        "bn": "মডেলটা ডাউনলোড করে নিজের পাইথন প্রোগ্রামে বা ফোনে ব্যবহার করুন, আর উদাহরণগুলো ডাউনলোড করে "
              "অন্য দিন আবার শুরু করুন। প্রতিটার সাথে সেটা ব্যবহারের একটা ছোট প্রোগ্রাম আছে।"},
    "teach.download_keras": {"en": "Model (.keras)", "bn": "মডেল (.keras)"},
    "teach.download_tflite": {"en": "Model for phones (.tflite)", "bn": "ফোনের জন্য মডেল (.tflite)"},
    "teach.download_examples": {"en": "Examples (.zip)", "bn": "উদাহরণগুলো (.zip)"},
    "teach.file_size": {"en": "{size} KB", "bn": "{size} কিলোবাইট"},
    "teach.no_model_yet": {"en": "Teach a model first; then it can be downloaded here.",
                           "bn": "আগে একটা মডেল শেখান; তারপর এখান থেকে ডাউনলোড করা যাবে।"},
    "teach.snippet_title": {"en": "How to use it in Python", "bn": "পাইথনে কীভাবে ব্যবহার করবেন"},
    "teach.snippet_keras": {
        "en": "Put the file next to this program with a picture called picture.png, then run it. It "
              "prepares the picture the way this app does (light on dark, cut to the item, 28×28) and "
              "prints the class the model picks.",
        "bn": "ফাইলটা এই প্রোগ্রামের পাশে রাখুন, সাথে picture.png নামে একটা ছবি, তারপর চালান। প্রোগ্রামটা "
              "ছবিটাকে এই অ্যাপের মতো করে সাজায় (কালোর ওপর উজ্জ্বল, জিনিসটুকু কেটে নেওয়া, ২৮×২৮) আর মডেল কোন "
              "ক্লাস বেছে নিল তা লেখে।"},
    "teach.snippet_tflite": {
        "en": "The same for the TensorFlow Lite file, which phones and small boards run. It needs only "
              "the small LiteRT package (or TensorFlow).",
        "bn": "একই কাজ, TensorFlow Lite ফাইল দিয়ে — ফোন আর ছোট বোর্ড এই ফাইল চালাতে পারে। এর জন্য শুধু ছোট "
              "LiteRT প্যাকেজ (বা TensorFlow) লাগে।"},
    "teach.snippet_examples": {
        "en": "Reads the zip into numpy arrays (pictures and class numbers) and checks how many of them "
              "the downloaded .keras model gets right.",
        "bn": "জিপটা numpy অ্যারেতে (ছবি আর ক্লাস নম্বর) পড়ে, আর ডাউনলোড করা .keras মডেল কয়টা ঠিক বলে তা দেখে।"},
    "teach.parity_ok": {
        "en": "Checked: the .tflite file picks the same class as the Keras model for all {total} of your examples.",
        "bn": "যাচাই করা হয়েছে: আপনার {total}টা উদাহরণের সবগুলোতেই .tflite ফাইল Keras মডেলের মতো একই ক্লাস বেছে নেয়।"},
    "teach.parity_off": {
        "en": "Careful: the .tflite file agrees with the Keras model on only {agree} of {total} examples.",
        "bn": "সাবধান: আপনার {total}টা উদাহরণের মধ্যে মাত্র {agree}টাতে .tflite ফাইল Keras মডেলের সাথে মেলে।"},
    "teach.import_label": {"en": "Continue with a saved examples zip", "bn": "সেভ করা উদাহরণের জিপ দিয়ে আবার শুরু করি"},
    "teach.import_help": {
        "en": "Its classes are added to yours; a class with the same name gets the zip's examples added.",
        "bn": "জিপের ক্লাসগুলো আপনার ক্লাসগুলোর সাথে যোগ হবে; একই নামের ক্লাস থাকলে জিপের উদাহরণগুলো সেটাতে যোগ হবে।"},
    "teach.imported": {"en": "{count} examples imported from “{name}”.", "bn": "“{name}” থেকে {count}টা উদাহরণ আনা হয়েছে।"},
    "teach.err_zip_pixels": {
        "en": "The pictures in “{name}” hold too many pixels together (at most {limit} million).",
        "bn": "“{name}”-এর ছবিগুলোতে মোট পিক্সেল অনেক বেশি (সর্বোচ্চ {limit} মিলিয়ন)।",
    },
    "teach.err_zip_repeated": {
        "en": "“{name}” lists the picture {file} more than once; each picture may be one example.",
        "bn": "“{name}”-এ {file} ছবিটি একাধিকবার আছে; প্রতিটি ছবি কেবল একটি উদাহরণ হতে পারে।",
    },
}
