"""Strings of the classroom features: lesson links, the class view, presenting, accessibility."""

STRINGS = {
    # --- lesson links (ui/links.py)
    "links.ignored": {
        "en": "This link had settings the page could not use, so they were left out: {params}",
        "bn": "এই লিংকে এমন কিছু সেটিং ছিল যা এই পাতায় ব্যবহার করা যায় না, তাই সেগুলো বাদ দেওয়া হয়েছে: {params}",
    },
    "links.copy_heading": {"en": "Link to this view", "bn": "এই দৃশ্যের লিংক"},
    "links.copy_explain": {
        "en": "Send this link to the class: it opens this page with the same choices. The copy button is at the box's right.",
        "bn": "লিংকটি ক্লাসে পাঠান: এটি একই পছন্দসহ এই পাতাটি খুলবে। কপি করার বোতাম বাক্সের ডান দিকে।",
    },
    "links.hide_explain": {
        "en": "Add hide=NAME to the link (for example hide=kernel) to hide that control from the class.",
        "bn": "লিংকের শেষে hide=NAME যোগ করুন (যেমন hide=kernel), তাহলে ক্লাসের কাছে সেই নিয়ন্ত্রণটি লুকানো থাকবে।",
    },
    # --- accessibility
    "a11y.picture_alt": {
        "en": "Test picture {index}, really {true}: the model says {predicted} ({percent} sure)",
        "bn": "পরীক্ষার ছবি {index}: আসলে {true}; মডেল বলছে {predicted} ({percent} নিশ্চিত)",
    },
}
