"""The sketchpad: the drawing canvas that answers in the browser (ui/sketchpad)."""

STRINGS = {
    "sketchpad.undo": {"en": "Undo", "bn": "আগের অবস্থায় (undo)"},
    "sketchpad.clear": {"en": "Clear", "bn": "মুছে ফেলি"},
    "sketchpad.canvas": {
        "en": "Drawing canvas: draw with the mouse, a finger or a pen; the answer appears beside it",
        "bn": "আঁকার ক্যানভাস: মাউস, আঙুল বা কলম দিয়ে আঁকুন; পাশেই উত্তর দেখা যাবে"},
    "sketchpad.model_failed": {
        "en": "The model did not reach this page (the connection may have dropped). Draw again to try once more.",
        "bn": "মডেলটি এই পাতায় পৌঁছায়নি (সংযোগ হয়তো কেটে গিয়েছিল)। আবার আঁকুন, আরেকবার চেষ্টা হবে।"},
}
