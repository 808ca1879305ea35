"""Strings of the upload checks (cnn_core.uploads): zips, JSON, model files, and who may delete what."""

STRINGS = {
    # ----- zip files (examples zips, .keras files) -----
    "uploads.err_zip_members": {
        "en": "“{name}” holds {count} files; at most {limit} are allowed.",
        "bn": "“{name}”-এর ভেতরে {count}টি ফাইল আছে; সর্বোচ্চ {limit}টি রাখা যায়।",
    },
    "uploads.err_zip_name": {
        "en": "“{name}” contains a file with an unsafe or repeated name ({member}), so it was not opened.",
        "bn": "“{name}”-এর ভেতরে একটি ফাইলের নাম অনিরাপদ বা একাধিকবার আছে ({member}), তাই এটি খোলা হয়নি।",
    },
    "uploads.err_zip_bomb": {
        "en": "“{name}” would unpack to far more than it weighs (a “zip bomb”), so it was not opened.",
        "bn": "“{name}” খুললে এর নিজের আকারের চেয়ে বহুগুণ বড় হয়ে যেত (“জিপ বোমা”), তাই এটি খোলা হয়নি।",
    },
    "uploads.err_zip_broken": {
        "en": "“{name}” is damaged: {member} inside it cannot be unpacked.",
        "bn": "“{name}” নষ্ট: এর ভেতরের {member} খোলা যাচ্ছে না।",
    },
    # ----- JSON inside uploads -----
    "uploads.err_json_big": {
        "en": "“{name}” is too long ({kilobytes} KB); at most {limit} KB are read.",
        "bn": "“{name}” অনেক লম্বা ({kilobytes} কিলোবাইট); সর্বোচ্চ {limit} কিলোবাইট পড়া হয়।",
    },
    "uploads.err_json_deep": {
        "en": "“{name}” is nested more than {limit} levels deep, so it was not read.",
        "bn": "“{name}”-এর ভেতরে {limit} স্তরের বেশি গভীর নেস্টিং আছে, তাই এটি পড়া হয়নি।",
    },
    "uploads.err_json_broken": {
        "en": "“{name}” is not valid JSON text.",
        "bn": "“{name}” বৈধ JSON লেখা নয়।",
    },
    "uploads.err_json_type_object": {
        "en": "In “{name}”, {field} should be an object ({{...}}).",
        "bn": "“{name}”-এ {field} একটি অবজেক্ট ({{...}}) হওয়ার কথা।",
    },
    "uploads.err_json_type_list": {
        "en": "In “{name}”, {field} should be a list ([...]).",
        "bn": "“{name}”-এ {field} একটি তালিকা ([...]) হওয়ার কথা।",
    },
    "uploads.err_json_type_text": {
        "en": "In “{name}”, {field} should be text in quotes.",
        "bn": "“{name}”-এ {field} উদ্ধৃতিচিহ্নের ভেতরে লেখা হওয়ার কথা।",
    },
    "uploads.err_json_type_whole": {
        "en": "In “{name}”, {field} should be a whole number.",
        "bn": "“{name}”-এ {field} একটি পূর্ণসংখ্যা হওয়ার কথা।",
    },
    "uploads.err_json_type_number": {
        "en": "In “{name}”, {field} should be a number.",
        "bn": "“{name}”-এ {field} একটি সংখ্যা হওয়ার কথা।",
    },
    # ----- .keras uploads -----
    "store.err_zip_too_big": {
        "en": "“{name}” is too big ({megabytes} MB, or too much inside it); a model file may have {limit} MB.",
        "bn": "“{name}” অনেক বড় ({megabytes} মেগাবাইট, বা ভেতরে অনেক বেশি কিছু); মডেল ফাইল সর্বোচ্চ "
              "{limit} মেগাবাইট হতে পারে।",
    },
    "store.err_model_config": {
        "en": "“{file}” describes its model in a way that does not add up (at {field}), so it was not opened.",
        "bn": "“{file}” তার মডেলের যে বর্ণনা দেয় তা মেলে না ({field}-এ), তাই এটি খোলা হয়নি।",
    },
    "store.err_unknown_layer": {
        "en": "“{file}” uses a layer this app does not know ({layer}); it takes convolution, pooling, "
              "dense and similar standard layers.",
        "bn": "“{file}” এমন একটি লেয়ার ব্যবহার করে যা এই অ্যাপ চেনে না ({layer}); অ্যাপটি কনভলিউশন, পুলিং, "
              "ডেন্স ও এ রকম সাধারণ লেয়ার নেয়।",
    },
    "store.err_model_too_big": {
        "en": "“{file}” asks for a model bigger than this app opens (at most {layers} layers and {params} "
              "weights), so nothing was built.",
        "bn": "“{file}” এই অ্যাপের খোলার সীমার চেয়ে বড় মডেল চায় (সর্বোচ্চ {layers}টি লেয়ার ও {params}টি "
              "ওয়েট), তাই কিছুই তৈরি করা হয়নি।",
    },
    "store.err_model_memory": {
        "en": "Opening “{file}” needed more than {megabytes} MB of memory, so it was stopped.",
        "bn": "“{file}” খুলতে {megabytes} মেগাবাইটের বেশি মেমরি লাগছিল, তাই থামিয়ে দেওয়া হয়েছে।",
    },
    "store.err_model_slow": {
        "en": "Opening “{file}” took longer than {seconds} seconds, so it was stopped.",
        "bn": "“{file}” খুলতে {seconds} সেকেন্ডের বেশি লাগছিল, তাই থামিয়ে দেওয়া হয়েছে।",
    },
    # ----- examples zips -----
    "teach.err_zip_repeated": {
        "en": "“{name}” lists the picture {file} more than once; each picture may be one example.",
        "bn": "“{name}”-এ {file} ছবিটি একাধিকবার আছে; প্রতিটি ছবি কেবল একটি উদাহরণ হতে পারে।",
    },
    "teach.err_zip_pixels": {
        "en": "The pictures in “{name}” hold too many pixels together (at most {limit} million).",
        "bn": "“{name}”-এর ছবিগুলোতে মোট পিক্সেল অনেক বেশি (সর্বোচ্চ {limit} মিলিয়ন)।",
    },
}
