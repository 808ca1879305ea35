"""Strings of the home page."""

STRINGS = {
    "home.title": {"en": "Fashion CNN Lab", "bn": "ফ্যাশন সিএনএন ল্যাব"},
    "home.intro": {
        "en": "To a computer a picture is only a grid of numbers. A **convolutional neural network (CNN)** "
              "learns to recognise things in those numbers: small filters slide over the image and "
              "light up where they find edges, corners and textures; pooling keeps the strongest "
              "answers and shrinks the map; a few dense layers at the end vote for a class. Here you "
              "can watch every one of those steps, train the network yourself on 70,000 pictures of "
              "clothes, and then draw something and see what it thinks.",
        "bn": "কম্পিউটারের কাছে একটা ছবি মানে কেবল সংখ্যার একটা গ্রিড। **কনভলিউশনাল নিউরাল নেটওয়ার্ক (CNN)** "
              "সেই সংখ্যাগুলোর মধ্যে জিনিস চিনতে শেখে: ছোট ছোট ফিল্টার ছবির ওপর দিয়ে সরে যায় আর যেখানে "
              "ধার, কোণা বা নকশা পায় সেখানে জ্বলে ওঠে; পুলিং সবচেয়ে জোরালো সাড়াগুলো রেখে ম্যাপটা ছোট করে; "
              "শেষে কয়েকটা ডেন্স লেয়ার মিলে ঠিক করে ছবিটা কোন ক্লাসের। এখানে আপনি প্রতিটা ধাপ নিজের চোখে "
              "দেখবেন, ৭০,০০০ পোশাকের ছবিতে নিজেই নেটওয়ার্ক ট্রেইন করবেন, তারপর কিছু একটা এঁকে দেখবেন "
              "মডেল কী ভাবে।",
    },
    "home.map": {"en": "Where to go", "bn": "কোথায় কী আছে"},
    "home.step.datasets": {
        "en": "Browse the tensorflow-datasets catalog, the metadata of Fashion-MNIST and MNIST, and their pictures.",
        "bn": "tensorflow-datasets-এর ক্যাটালগ, Fashion-MNIST ও MNIST-এর মেটাডেটা আর ছবিগুলো ঘুরে দেখুন।",
    },
    "home.step.conv_lab": {
        "en": "Slide a filter over a grid of pixels one step at a time and watch every multiply-add, then pool.",
        "bn": "পিক্সেলের গ্রিডের ওপর ফিল্টার এক ধাপ করে সরান, প্রতিটা গুণ-যোগ দেখুন, তারপর পুলিং।",
    },
    "home.step.train": {
        "en": "Build the lesson's CNN (or a better one), train it and watch loss and accuracy live.",
        "bn": "পাঠের সিএনএন (বা আরও ভালো একটা) বানিয়ে ট্রেইন করুন, লস আর অ্যাকুরেসি সরাসরি দেখুন।",
    },
    "home.step.classify": {
        "en": "Draw a piece of clothing or upload a photo and see the model's guess, live.",
        "bn": "একটা পোশাক আঁকুন বা ছবি আপলোড করুন, আর সাথে সাথে মডেলের অনুমান দেখুন।",
    },
    "home.step.inside": {
        "en": "Where the model goes wrong, and what each layer sees: confusion matrix, activations, filters.",
        "bn": "মডেল কোথায় ভুল করে আর প্রতিটা লেয়ার কী দেখে: কনফিউশন ম্যাট্রিক্স, অ্যাক্টিভেশন, ফিল্টার।",
    },
    "home.step.explain": {
        "en": "Why did it say that? Grad-CAM, occlusion and saliency checked against each other, fooling "
              "the model on purpose, what its filters want to see, and a live map of its last layer.",
        "bn": "মডেল এমন বলল কেন? Grad-CAM, ঢেকে দেখা আর স্যালিয়েন্সি একে অপরের সাথে যাচাই, ইচ্ছে করে "
              "মডেলকে ধোঁকা দেওয়া, তার ফিল্টার কী দেখতে চায়, আর শেষ লেয়ারের একটা জীবন্ত মানচিত্র।",
    },
    "home.data_heading": {"en": "The data in use", "bn": "যে ডেটা ব্যবহার হচ্ছে"},
    "home.train_images": {"en": "Training images", "bn": "ট্রেনিং ছবি"},
    "home.test_images": {"en": "Test images", "bn": "টেস্ট ছবি"},
    "home.classes": {"en": "Classes", "bn": "ক্লাস"},
    "home.step.class_view": {
        "en": "For the teacher: every training run on this server, a leaderboard, and anyone's curves next to yours.",
        "bn": "শিক্ষকের জন্য: এই সার্ভারের সব ট্রেনিং, সেরা ফলের তালিকা, আর যে কারও শেখার রেখা আপনারটার পাশে।",
    },
    "home.step.network": {
        "en": "Follow one drawing through every layer, live: how layer 2 adds up 32 channels, pooling, "
              "flatten, the dense units and softmax.",
        "bn": "একটা আঁকা ছবিকে প্রতিটা লেয়ারের ভেতর দিয়ে সরাসরি অনুসরণ করুন: দ্বিতীয় লেয়ার কীভাবে ৩২টা "
              "চ্যানেল যোগ করে, পুলিং, ফ্ল্যাটেন, ডেন্স ইউনিট আর সফটম্যাক্স।"},
    "home.step.teach": {
        "en": "Teach the CNN your own classes — drawings, camera photos, pictures — and take the model with you.",
        "bn": "সিএনএন-কে নিজের ক্লাস শেখান — আঁকা ছবি, ক্যামেরার ছবি, যেকোনো ছবি দিয়ে — আর মডেলটা সাথে নিয়ে যান।"},
    "home.step.learn": {
        "en": "Watch a network learn from one picture: the loss, the gradient flowing back through every "
              "layer, one weight's gradient as a sum you can check, the update and the new loss.",
        "bn": "একটা ছবি থেকে নেটওয়ার্ক কীভাবে শেখে দেখুন: লস, প্রতিটা লেয়ার দিয়ে পেছনে বয়ে যাওয়া গ্রেডিয়েন্ট, "
              "একটা ওজনের গ্রেডিয়েন্ট — নিজে মিলিয়ে দেখার মতো একটা যোগফল — তারপর আপডেট আর নতুন লস।"},
}
