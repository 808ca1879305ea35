"""Strings of deleting what a learner saved (ui.classroom.delete_step): a confirmation for one's own,
the teacher's passcode for someone else's."""

STRINGS = {
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
