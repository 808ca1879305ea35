"""Each page's title in the navigation: one ``nav.<page>`` per entry of ``app_pages.PAGES``."""

STRINGS = {
    "nav.class_view": {"en": "Class view", "bn": "ক্লাসের দৃশ্য"},
    "nav.home": {"en": "Home", "bn": "শুরু"},
    "nav.datasets": {"en": "Datasets", "bn": "ডেটাসেট"},
    "nav.conv_lab": {"en": "Convolution lab", "bn": "কনভলিউশন ল্যাব"},
    "nav.train": {"en": "Train", "bn": "ট্রেনিং"},
    "nav.classify": {"en": "Classify", "bn": "চিনে দেখাও (ক্লাসিফাই)"},
    "nav.inside": {"en": "Inside the model", "bn": "মডেলের ভেতরে"},
    "nav.explain": {"en": "Why it decided", "bn": "কেন এই সিদ্ধান্ত"},
    "nav.network": {"en": "Whole network", "bn": "পুরো নেটওয়ার্ক"},
    "nav.teach": {"en": "Teach it", "bn": "শেখাই"},
    "nav.learn": {"en": "Learn one step", "bn": "এক ধাপ শেখা"},
}
