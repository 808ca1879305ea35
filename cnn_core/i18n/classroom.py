"""Strings of the classroom features: lesson links, the class view, presenting, accessibility."""

STRINGS = {
    # --- lesson links (ui/links.py)
    "links.ignored": {
        "en": "This link had settings the page could not use, so they were left out: {params}",
        "bn": "এই লিংকে এমন কিছু সেটিং ছিল যা এই পাতায় ব্যবহার করা যায় না, তাই সেগুলো বাদ দেওয়া হয়েছে: {params}",
    },
    "links.copy_heading": {"en": "Link to this view", "bn": "এই দৃশ্যের লিংক"},
    "links.copy": {"en": "Copy link", "bn": "লিংক কপি করো"},
    "links.copied": {"en": "Copied ✓", "bn": "কপি হয়েছে ✓"},
    "links.copy_explain": {
        "en": "Send this link to the class: it opens this page with the same choices.",
        "bn": "লিংকটি ক্লাসে পাঠান: এটি একই পছন্দসহ এই পাতাটি খুলবে।",
    },
    "links.hide_explain": {
        "en": "Add hide=NAME to the link (for example hide=kernel) to hide that control from the class.",
        "bn": "লিংকের শেষে hide=NAME যোগ করুন (যেমন hide=kernel), তাহলে ক্লাসের কাছে সেই নিয়ন্ত্রণটি লুকানো থাকবে।",
    },
    # --- the class view (app_pages/class_view.py)
    "nav.class_view": {"en": "Class view", "bn": "ক্লাসের দৃশ্য"},
    "home.step.class_view": {
        "en": "For the teacher: every training run on this server, a leaderboard, and anyone's curves next to yours.",
        "bn": "শিক্ষকের জন্য: এই সার্ভারের সব ট্রেনিং, সেরা ফলের তালিকা, আর যে কারও শেখার রেখা আপনারটার পাশে।",
    },
    "class.title": {"en": "Class view", "bn": "ক্লাসের দৃশ্য"},
    "class.intro": {
        "en": "Every training run on this server, from every learner: who is waiting, who is training, and how well the finished models did. Runs show the nickname typed on the Train page, nothing else.",
        "bn": "এই সার্ভারে সবার সব ট্রেনিং: কে অপেক্ষায়, কে ট্রেনিং করছে, আর শেষ হওয়া মডেলগুলো কত ভালো করল। প্রতিটি ট্রেনিংয়ে শুধু ট্রেনিং পাতায় লেখা ডাকনামটি দেখা যায়, আর কিছু নয়।",
    },
    "class.read_only": {
        "en": "Read-only: no teacher passcode is set on this server (start it with FCL_TEACHER_CODE=… to cancel runs or clear the board from here).",
        "bn": "শুধু দেখা যাবে: এই সার্ভারে শিক্ষকের পাসকোড দেওয়া নেই (এখান থেকে ট্রেনিং বাতিল বা তালিকা মুছতে FCL_TEACHER_CODE=… দিয়ে সার্ভার চালু করুন)।",
    },
    "class.passcode": {"en": "Teacher passcode", "bn": "শিক্ষকের পাসকোড"},
    "class.passcode_help": {
        "en": "With the right passcode you can cancel any run and clear finished runs off the board.",
        "bn": "ঠিক পাসকোড দিলে যে কোনো ট্রেনিং বাতিল করা আর শেষ হওয়া ট্রেনিংগুলো তালিকা থেকে মুছে ফেলা যায়।",
    },
    "class.teacher_on": {"en": "Teacher actions are on for this browser tab.", "bn": "এই ট্যাবে শিক্ষকের কাজগুলো চালু।"},
    "class.wrong_code": {
        "en": "That passcode is not right, so nothing was changed.",
        "bn": "পাসকোডটি ঠিক নয়, তাই কিছুই বদলানো হয়নি।",
    },
    "class.runs_header": {"en": "Runs on this server", "bn": "এই সার্ভারের ট্রেনিংগুলো"},
    "class.counts": {
        "en": "{running} training, {queued} waiting, {finished} finished",
        "bn": "{running}টি ট্রেনিং চলছে, {queued}টি অপেক্ষায়, {finished}টি শেষ",
    },
    "class.no_runs": {
        "en": "No runs yet. When learners press “Start training” on the Train page, their runs appear here.",
        "bn": "এখনো কোনো ট্রেনিং নেই। শিক্ষার্থীরা ট্রেনিং পাতায় “ট্রেনিং শুরু করো” চাপলে তাদের ট্রেনিং এখানে দেখা যাবে।",
    },
    "class.col_name": {"en": "Nickname", "bn": "ডাকনাম"},
    "class.col_preset": {"en": "Model", "bn": "মডেল"},
    "class.col_model": {"en": "Model", "bn": "মডেল"},
    "class.col_dataset": {"en": "Dataset", "bn": "ডেটাসেট"},
    "class.col_state": {"en": "State", "bn": "অবস্থা"},
    "class.col_progress": {"en": "Progress", "bn": "অগ্রগতি"},
    "class.col_speed": {"en": "Pictures/s", "bn": "ছবি/সেকেন্ড"},
    "class.col_accuracy": {"en": "Test accuracy", "bn": "টেস্ট নির্ভুলতা"},
    "class.col_started": {"en": "Started (UTC)", "bn": "শুরু (UTC)"},
    "class.col_rank": {"en": "Rank", "bn": "ক্রম"},
    "class.col_recipe": {"en": "Recipe", "bn": "রেসিপি"},
    "class.progress_value": {"en": "{percent}% (epoch {epoch}/{total})", "bn": "{percent}% (ইপক {epoch}/{total})"},
    "class.anonymous": {"en": "Learner {tag}", "bn": "শিক্ষার্থী {tag}"},
    "class.you": {"en": "{name} (you)", "bn": "{name} (আপনি)"},
    "class.hidden_mark": {"en": "{name} (hidden from the class)", "bn": "{name} (ক্লাস থেকে লুকানো)"},
    "class.kind_transfer": {"en": "Teach it (new head)", "bn": "শেখাও (নতুন মাথা)"},
    "class.state_queued": {"en": "waiting ({position} in line)", "bn": "অপেক্ষায় (লাইনে {position} নম্বর)"},
    "class.state_starting": {"en": "starting", "bn": "শুরু হচ্ছে"},
    "class.state_running": {"en": "training", "bn": "ট্রেনিং চলছে"},
    "class.state_stopping": {"en": "stopping", "bn": "থামছে"},
    "class.state_done": {"en": "done", "bn": "শেষ"},
    "class.state_stopped": {"en": "stopped early", "bn": "আগেই থামানো"},
    "class.state_failed": {"en": "failed", "bn": "ব্যর্থ"},
    "class.recipe": {
        "en": "epochs {epochs} · batch {batch} · {optimizer} at {lr} · {pictures} pictures",
        "bn": "ইপক {epochs} · ব্যাচ {batch} · {optimizer}, হার {lr} · {pictures}টি ছবি",
    },
    "class.all_pictures": {"en": "all", "bn": "সব"},
    "class.leaderboard_header": {"en": "Leaderboard", "bn": "সেরা ফলের তালিকা"},
    "class.leaderboard_explain": {
        "en": "Finished runs, best test accuracy first, with the recipe that got there. Hidden runs are left out.",
        "bn": "শেষ হওয়া ট্রেনিং, সবচেয়ে বেশি টেস্ট নির্ভুলতা আগে, সাথে যে রেসিপিতে সেটা এসেছে। লুকানো ট্রেনিং বাদ।",
    },
    "class.leaderboard_empty": {"en": "No finished runs yet.", "bn": "এখনো কোনো ট্রেনিং শেষ হয়নি।"},
    "class.report_heading": {"en": "The class leaderboard", "bn": "ক্লাসের সেরা ফলের তালিকা"},
    "class.report_explain": {
        "en": "Finished runs on this server when the report was made, best test accuracy first (runs their owners hid are left out).",
        "bn": "রিপোর্ট তৈরির সময় এই সার্ভারে শেষ হওয়া ট্রেনিং, সবচেয়ে বেশি টেস্ট নির্ভুলতা আগে (মালিকেরা যেগুলো লুকিয়েছেন সেগুলো বাদ)।",
    },
    "class.yours_header": {"en": "Your runs", "bn": "আপনার ট্রেনিং"},
    "class.hide_mine": {"en": "Hide “{name}” from the class", "bn": "“{name}” ক্লাস থেকে লুকাও"},
    "class.yours_none": {
        "en": "You have no runs on the board. Start one on the Train page (you can give it a nickname there).",
        "bn": "তালিকায় আপনার কোনো ট্রেনিং নেই। ট্রেনিং পাতায় একটি শুরু করুন (সেখানে একটি ডাকনামও দিতে পারেন)।",
    },
    "class.teacher_header": {"en": "Teacher actions", "bn": "শিক্ষকের কাজ"},
    "class.cancel_pick": {"en": "Run to cancel", "bn": "কোন ট্রেনিং বাতিল করবেন"},
    "class.cancel": {"en": "Cancel this run", "bn": "এই ট্রেনিং বাতিল করো"},
    "class.cancelled": {"en": "“{name}” is being cancelled.", "bn": "“{name}” বাতিল করা হচ্ছে।"},
    "class.nothing_to_cancel": {"en": "No run is waiting or training.", "bn": "কোনো ট্রেনিং অপেক্ষায় বা চলমান নেই।"},
    "class.clear": {"en": "Clear finished runs off the board", "bn": "শেষ হওয়াগুলো তালিকা থেকে মুছে ফেলো"},
    "class.cleared": {"en": "{count} finished runs cleared off the board.", "bn": "{count}টি শেষ হওয়া ট্রেনিং তালিকা থেকে মুছে ফেলা হলো।"},
    "class.compare_header": {"en": "Curves side by side", "bn": "পাশাপাশি শেখার রেখা"},
    "class.compare_pick": {"en": "Runs to draw", "bn": "কোন ট্রেনিংগুলোর রেখা আঁকবে"},
    "class.compare_none": {
        "en": "No run has finished an epoch yet, so there are no curves to draw.",
        "bn": "এখনো কোনো ট্রেনিং একটি ইপকও শেষ করেনি, তাই আঁকার মতো রেখা নেই।",
    },
    "class.compare_metric": {"en": "Curve", "bn": "রেখা"},
    "class.nickname": {"en": "Nickname on the class view (optional)", "bn": "ক্লাসের দৃশ্যে ডাকনাম (ইচ্ছা হলে)"},
    "class.nickname_help": {
        "en": "The teacher's class view lists your run under this name. A nickname is enough: no real names needed.",
        "bn": "শিক্ষকের ক্লাসের দৃশ্যে আপনার ট্রেনিং এই নামে দেখাবে। ডাকনামই যথেষ্ট: আসল নাম লাগবে না।",
    },
    # --- presenting (ui/present.py)
    "present.switch": {"en": "Present: one step at a time", "bn": "উপস্থাপন: একবারে একটি ধাপ"},
    "present.switch_help": {
        "en": "Shows only the current step, as large as the screen allows. The arrow keys (or a presenter's clicker) step back and forward.",
        "bn": "শুধু এখনকার ধাপটি, পর্দায় যত বড় সম্ভব। তীর-চাবি (বা প্রেজেন্টারের ক্লিকার) দিয়ে আগে-পিছে যাওয়া যায়।",
    },
    "present.back": {"en": "Back", "bn": "পিছনে"},
    "present.forward": {"en": "Next", "bn": "পরের ধাপ"},
    "present.keys_hint": {
        "en": "← → keys (or Page Up / Page Down) step too.",
        "bn": "← → চাবি (বা Page Up / Page Down) দিয়েও ধাপ বদলানো যায়।",
    },
    "present.what": {"en": "Show", "bn": "দেখাও"},
    "present.what_conv": {"en": "Convolution", "bn": "কনভলিউশন"},
    "present.what_pool": {"en": "Pooling", "bn": "পুলিং"},
    "present.stage_title": {
        "en": "Layer {step} of {total}: {name} ({shape})",
        "bn": "{total}টি স্তরের {step} নম্বর: {name} ({shape})",
    },
    "present.answer": {"en": "The model says: {name}", "bn": "মডেল বলছে: {name}"},
    # --- accessibility
    "a11y.label_number": {"en": "Label number", "bn": "লেবেল নম্বর"},
    "a11y.picture_alt": {
        "en": "Test picture {index}, really {true}: the model says {predicted} ({percent} sure)",
        "bn": "পরীক্ষার ছবি {index}: আসলে {true}; মডেল বলছে {predicted} ({percent} নিশ্চিত)",
    },
    "class.err_passcode_wait": {
        "en": "Too many wrong passcodes from this tab: wait {seconds} seconds before trying again.",
        "bn": "এই ট্যাব থেকে অনেকবার ভুল পাসকোড দেওয়া হয়েছে: আবার চেষ্টা করার আগে {seconds} সেকেন্ড অপেক্ষা করুন।",
    },
    # ----- deleting a saved model or example set (ui.classroom.delete_step) -----
    "guard.confirm": {
        "en": "Delete “{title}” for good?",
        "bn": "“{title}” কি চিরতরে মুছে ফেলবেন?",
    },
    "guard.not_yours": {
        "en": "“{title}” was saved by someone else: deleting it needs the teacher's passcode.",
        "bn": "“{title}” অন্য কেউ সংরক্ষণ করেছে: এটি মুছতে শিক্ষকের পাসকোড লাগবে।",
    },
    "guard.delete": {"en": "Yes, delete it", "bn": "হ্যাঁ, মুছে ফেলি"},
}
