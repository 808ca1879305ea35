"""Strings of the accessibility aids: labels and alternative texts (``ui/accessibility.py``)."""

STRINGS = {
    "a11y.label_number": {"en": "Label number", "bn": "লেবেল নম্বর"},
    "a11y.picture_alt": {
        "en": "Test picture {index}, really {true}: the model says {predicted} ({percent} sure)",
        "bn": "পরীক্ষার ছবি {index}: আসলে {true}; মডেল বলছে {predicted} ({percent} নিশ্চিত)",
    },
}
