"""Strings of the app shell: the sidebar's choices."""

STRINGS = {
    "app.language": {"en": "Language", "bn": "ভাষা"},
    "app.code_box": {"en": "Code box (scrollable)", "bn": "কোডের বাক্স (স্ক্রল করা যায়)"},
    "app.dataset": {"en": "Dataset", "bn": "ডেটাসেট"},
    "app.projector": {"en": "Projector mode", "bn": "প্রজেক্টর মোড"},
    "app.projector_help": {
        "en": "Large text, thick lines and colour-blind-safe colours for showing the app to a class.",
        "bn": "ক্লাসে বড় পর্দায় দেখানোর জন্য বড় লেখা, মোটা রেখা আর বর্ণান্ধদের জন্য নিরাপদ রং।",
    },
}
