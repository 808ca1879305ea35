"""Strings of the Train page's replay of a run (cnn_core.timeline, cnn_core.figures.timeline)."""

STRINGS = {
    "replay.header": {
        "en": "5 · Replay: how it learned",
        "bn": "৫ · রিপ্লে: কীভাবে শিখল",
    },
    "replay.intro": {
        "en": "While a run trains, the app takes a snapshot of the network a few dozen times. Slide through "
              "them (or press Play): the first layer's filters turn from noise into edge and stripe detectors, "
              "the test picture's feature maps sharpen, and the classes are learned one after another.",
        "bn": "একটি রান যখন প্রশিক্ষণ নেয়, অ্যাপ তখন কয়েক ডজন বার নেটওয়ার্কের একটি ছবি তুলে রাখে। স্লাইডার টেনে "
              "সেগুলো দেখুন (বা চালান চাপুন): প্রথম লেয়ারের ফিল্টারগুলো এলোমেলো দাগ থেকে ধার ও ডোরা খোঁজার ফিল্টার "
              "হয়ে ওঠে, পরীক্ষার ছবির ফিচার ম্যাপ স্পষ্ট হয়, আর ক্লাসগুলো একটির পর একটি শেখা হয়।",
    },
    "replay.source": {
        "en": "Which run",
        "bn": "কোন রান",
    },
    "replay.source_current": {
        "en": "This session's run",
        "bn": "এই সেশনের রান",
    },
    "replay.none": {
        "en": "No replay yet: start a run above, or save one, and its replay shows here.",
        "bn": "এখনো কোনো রিপ্লে নেই: ওপরে একটি রান শুরু করুন বা সংরক্ষণ করুন, তার রিপ্লে এখানে দেখাবে।",
    },
    "replay.waiting": {
        "en": "The first snapshot comes as soon as the run begins.",
        "bn": "রান শুরু হলেই প্রথম ছবিটি আসবে।",
    },
    "replay.follow": {
        "en": "Follow the run live",
        "bn": "রানটি চলতে চলতে দেখুন",
    },
    "replay.follow_help": {
        "en": "Draws each new snapshot while the run trains. On a small computer the drawing shares the "
              "processor with the run, so the run takes a little longer.",
        "bn": "রান চলার সময় প্রতিটি নতুন ছবি আঁকে। ছোট কম্পিউটারে আঁকার কাজ রানের সঙ্গে একই প্রসেসর ভাগ করে "
              "নেয়, তাই রানটি একটু বেশি সময় নেয়।",
    },
    "replay.after_run": {
        "en": "The replay opens here as soon as the run ends: drawing it while the run trains would take "
              "processor time the run needs. Turn on “Follow the run live” to watch it anyway.",
        "bn": "রান শেষ হলেই রিপ্লে এখানে খুলবে: রান চলার সময় এটি আঁকলে রানের দরকারি প্রসেসরের সময় খরচ হয়। "
              "তবুও দেখতে চাইলে “রানটি চলতে চলতে দেখুন” চালু করুন।",
    },
    "replay.no_timeline": {
        "en": "“{name}” has no replay (it was saved before the app recorded replays, or uploaded).",
        "bn": "“{name}”-এর কোনো রিপ্লে নেই (অ্যাপ রিপ্লে রাখা শুরু করার আগে সংরক্ষিত, বা আপলোড করা)।",
    },
    "replay.bad_run": {
        "en": "The link names a run “{run_id}” that has no replay on this server; showing another run instead.",
        "bn": "লিংকে “{run_id}” নামের যে রানের কথা আছে, এই সার্ভারে তার কোনো রিপ্লে নেই; তাই অন্য একটি রান দেখানো হচ্ছে।",
    },
    "replay.bad_frame": {
        "en": "The link asks for snapshot “{value}”, but this run has snapshots 1 to {frames}; showing the first.",
        "bn": "লিংকে “{value}” নম্বর ছবি চাওয়া হয়েছে, কিন্তু এই রানে ছবি আছে ১ থেকে {frames} পর্যন্ত; তাই প্রথমটি দেখানো হচ্ছে।",
    },
    "replay.frame": {
        "en": "Snapshot",
        "bn": "ছবি নম্বর",
    },
    "replay.frame_help": {
        "en": "Each snapshot is the network after that many batches of training.",
        "bn": "প্রতিটি ছবি হলো ততগুলো ব্যাচ প্রশিক্ষণের পরের নেটওয়ার্ক।",
    },
    "replay.play": {
        "en": "Play",
        "bn": "চালান",
    },
    "replay.pause": {
        "en": "Pause",
        "bn": "থামান",
    },
    "replay.where": {
        "en": "Snapshot {frame} of {frames}: after {batches} of {total} batches (epoch {epoch}); "
              "accuracy on {sample} held-out pictures: {accuracy}.",
        "bn": "{frames}টির মধ্যে {frame} নম্বর ছবি: {total}টি ব্যাচের মধ্যে {batches}টির পরে (ইপক {epoch}); "
              "আলাদা রাখা {sample}টি ছবিতে নির্ভুলতা: {accuracy}।",
    },
    "replay.probe_answer": {
        "en": "The test picture is a {truth}; the network now says {answer} ({percent}).",
        "bn": "পরীক্ষার ছবিটি একটি {truth}; নেটওয়ার্ক এখন বলছে {answer} ({percent})।",
    },
    "replay.filters_title": {
        "en": "First layer's {count} filters",
        "bn": "প্রথম লেয়ারের {count}টি ফিল্টার",
    },
    "replay.filter_hover": {
        "en": "filter {filter}: weight {value}",
        "bn": "ফিল্টার {filter}: ওজন {value}",
    },
    "replay.maps_title": {
        "en": "The test picture's feature maps, every conv layer",
        "bn": "প্রতিটি কনভ লেয়ারে পরীক্ষার ছবির ফিচার ম্যাপ",
    },
    "replay.map_hover": {
        "en": "{layer}, channel {channel}",
        "bn": "{layer}, চ্যানেল {channel}",
    },
    "replay.probe_title": {
        "en": "The test picture",
        "bn": "পরীক্ষার ছবি",
    },
    "replay.probabilities_title": {
        "en": "Its probabilities now (✓ the true class)",
        "bn": "এখন এর সম্ভাবনা (✓ সঠিক ক্লাস)",
    },
    "replay.accuracy_title": {
        "en": "Accuracy per class over the run (the line is the snapshot shown)",
        "bn": "পুরো রানে ক্লাস অনুযায়ী নির্ভুলতা (রেখাটি দেখানো ছবির সময়)",
    },
    "replay.accuracy_hover": {
        "en": "{cls} at epoch {epoch}: {value}",
        "bn": "ইপক {epoch}-এ {cls}: {value}",
    },
    "replay.size": {
        "en": "{frames} snapshots, {kilobytes} kB.",
        "bn": "{frames}টি ছবি, {kilobytes} কিলোবাইট।",
    },
    "replay.present_title": {
        "en": "Replay — snapshot {frame} of {frames}",
        "bn": "রিপ্লে — {frames}টির মধ্যে {frame} নম্বর ছবি",
    },
}
