"""Strings of projector mode's present layout (``ui/present.py``)."""

STRINGS = {
    "present.switch": {"en": "Present: one step at a time", "bn": "উপস্থাপন: একবারে একটি ধাপ"},
    "present.switch_help": {
        "en": "Shows only the current step, as large as the screen allows. The arrow keys (or a presenter's clicker) step back and forward.",
        "bn": "শুধু এখনকার ধাপটি, পর্দায় যত বড় সম্ভব। তীর-চাবি (বা প্রেজেন্টারের ক্লিকার) দিয়ে আগে-পিছে যাওয়া যায়।",
    },
    "present.explain_picture": {"en": "The picture", "bn": "ছবিটা"},
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
    "present.slide_title": {"en": "Step {step} of {total}: {name}", "bn": "ধাপ {step} / {total}: {name}"},
}
