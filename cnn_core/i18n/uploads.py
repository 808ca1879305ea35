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
    # ----- examples zips -----
}
