"""Strings of the Convolution lab (page, figures and the numpy engine's errors)."""

_PRESETS = {
    "identity": (("Identity (copies the image)", "আইডেন্টিটি (ছবি হুবহু কপি করে)"),
                 ("Only the centre weight is 1, so each output cell is just the pixel under the centre.",
                  "শুধু মাঝের ওজন ১, তাই প্রতিটি আউটপুট ঘর ঠিক মাঝের পিক্সেলটার মান পায়।")),
    "edge_horizontal": (("Horizontal edges", "আনুভূমিক কিনারা (edge)"),
                        ("Bottom row minus top row: big where the picture gets brighter going down.",
                         "নিচের সারি বিয়োগ উপরের সারি: যেখানে নিচের দিকে ছবি উজ্জ্বল হয় সেখানে মান বড়।")),
    "edge_vertical": (("Vertical edges", "খাড়া কিনারা (edge)"),
                      ("Right column minus left column: big where the picture gets brighter to the right.",
                       "ডান কলাম বিয়োগ বাম কলাম: যেখানে ডানে গেলে ছবি উজ্জ্বল হয় সেখানে মান বড়।")),
    "sobel_x": (("Sobel x", "সোবেল x (Sobel)"),
                ("A vertical-edge finder that trusts the middle row twice as much.",
                 "খাড়া কিনারা খোঁজে, মাঝের সারিকে দ্বিগুণ গুরুত্ব দিয়ে।")),
    "sobel_y": (("Sobel y", "সোবেল y (Sobel)"),
                ("A horizontal-edge finder that trusts the middle column twice as much.",
                 "আনুভূমিক কিনারা খোঁজে, মাঝের কলামকে দ্বিগুণ গুরুত্ব দিয়ে।")),
    "sharpen": (("Sharpen", "শার্পেন (ধার বাড়ানো)"),
                ("Five times the centre minus its four neighbours: details stand out.",
                 "মাঝের পিক্সেলের পাঁচ গুণ থেকে চার পাশের চারটি বাদ: খুঁটিনাটি স্পষ্ট হয়।")),
    "box_blur": (("Box blur", "বক্স ব্লার (ঝাপসা)"),
                 ("Every weight equal: each output is the average of its window.",
                  "সব ওজন সমান: প্রতিটি আউটপুট তার উইন্ডোর গড়।")),
    "gaussian": (("Gaussian blur", "গাউসিয়ান ব্লার (নরম ঝাপসা)"),
                 ("An average that trusts the centre most: a softer blur.",
                  "এমন গড় যেখানে মাঝের পিক্সেলের গুরুত্ব সবচেয়ে বেশি: নরম ঝাপসা।")),
    "emboss": (("Emboss", "এমবস (উঁচু নকশা)"),
               ("Bright on one diagonal side, dark on the other: the picture looks raised.",
                "এক কোনাকুনি দিক উজ্জ্বল, অন্য দিক গাঢ়: ছবিটা উঁচু হয়ে ওঠা মনে হয়।")),
}

STRINGS = {
    **{f"conv.kernel.{name}": {"en": title[0], "bn": title[1]} for name, (title, _) in _PRESETS.items()},
    **{f"conv.kernel_help.{name}": {"en": help_[0], "bn": help_[1]} for name, (_, help_) in _PRESETS.items()},
    "conv.title": {"en": "Convolution lab", "bn": "কনভলিউশন ল্যাব"},
    "conv.intro": {
        "en": "A small grid of weights — the **kernel** (or filter) — slides over the picture. At every stop "
              "it multiplies the numbers under it by its own weights, adds the products up, and writes the sum "
              "into one cell of the **feature map**. Then **pooling** shrinks that map: max pooling keeps the "
              "biggest value of each region.",
        "bn": "ওজনের একটা ছোট গ্রিড — **কার্নেল** (বা ফিল্টার) — ছবির উপর দিয়ে সরে সরে যায়। প্রতিটি জায়গায় "
              "সে নিচের সংখ্যাগুলোকে নিজের ওজন দিয়ে গুণ করে, গুণফলগুলো যোগ করে, আর যোগফলটা **ফিচার ম্যাপের** "
              "একটা ঘরে লিখে রাখে। তারপর **পুলিং** ম্যাপটাকে ছোট করে: ম্যাক্স পুলিং প্রতিটি এলাকার সবচেয়ে বড় "
              "মানটা রেখে দেয়।",
    },
    "conv.input_header": {"en": "1. The picture", "bn": "১. ছবি"},
    "conv.kernel_header": {"en": "2. The kernel", "bn": "২. কার্নেল"},
    "conv.settings_header": {"en": "3. How it slides", "bn": "৩. কীভাবে সরবে"},
    "conv.source": {"en": "Start from", "bn": "কোনটা দিয়ে শুরু"},
    "conv.source_lesson": {"en": "The lesson's grid", "bn": "পাঠের গ্রিড"},
    "conv.source_toy": {"en": "My own grid", "bn": "নিজের গ্রিড"},
    "conv.source_real": {"en": "A real image", "bn": "আসল ছবি"},
    "conv.lesson_caption": {
        "en": "The lesson's 5-wide, 4-tall picture (its blank cell counts as 0). With the identity kernel and "
              "'same' padding the feature map is the grid itself, and a 3×3 max pool moving 1 row down or 2 "
              "columns right gives the lesson's 4, 3, 4, 3.",
        "bn": "পাঠের ৫ ঘর চওড়া, ৪ ঘর উঁচু ছবি (ফাঁকা ঘরটা ০ ধরা হয়েছে)। আইডেন্টিটি কার্নেল আর 'same' প্যাডিং "
              "দিলে ফিচার ম্যাপ হুবহু এই গ্রিডই হয়, আর ৩×৩ ম্যাক্স পুল ১ সারি নিচে বা ২ কলাম ডানে সরলে পাঠের "
              "মতোই ৪, ৩, ৪, ৩ পাওয়া যায়।",
    },
    "conv.rows": {"en": "Rows", "bn": "সারি"},
    "conv.cols": {"en": "Columns", "bn": "কলাম"},
    "conv.random": {"en": "Random", "bn": "এলোমেলো"},
    "conv.clear": {"en": "Clear", "bn": "মুছে ফেলো"},
    "conv.toy_caption": {
        "en": "Click a cell and type a number (up to 12×12 cells).",
        "bn": "একটা ঘরে ক্লিক করে সংখ্যা লিখুন (সর্বোচ্চ ১২×১২ ঘর)।",
    },
    "conv.real_class": {"en": "Class", "bn": "শ্রেণি (ক্লাস)"},
    "conv.real_any": {"en": "Any class", "bn": "যেকোনো শ্রেণি"},
    "conv.real_index": {"en": "Example number (of {count})", "bn": "উদাহরণ নম্বর ({count}টির মধ্যে)"},
    "conv.real_caption": {
        "en": "Test image #{index}: {label}. 28×28 pixels from 0 to 255; the darker a cell here, the bigger its number.",
        "bn": "টেস্ট ছবি #{index}: {label}। ২৮×২৮ পিক্সেল, মান ০ থেকে ২৫৫; এখানে ঘর যত গাঢ়, সংখ্যা তত বড়।",
    },
    "conv.kernel_source": {"en": "Kernel", "bn": "কার্নেল"},
    "conv.kernel_source_preset": {"en": "Ready-made", "bn": "তৈরি করা"},
    "conv.kernel_source_custom": {"en": "My own", "bn": "নিজের বানানো"},
    "conv.kernel_source_learned": {"en": "Learned by the model", "bn": "মডেলের শেখা"},
    "conv.preset": {"en": "Filter", "bn": "ফিল্টার"},
    "conv.kernel_size": {"en": "Kernel size", "bn": "কার্নেলের মাপ"},
    "conv.custom_caption": {
        "en": "Type your own weights; negative numbers and decimals are fine.",
        "bn": "নিজের ওজন লিখুন; ঋণাত্মক সংখ্যা আর দশমিকও চলবে।",
    },
    "conv.bias": {"en": "Bias (added to every sum)", "bn": "বায়াস (প্রতিটি যোগফলের সাথে যোগ হয়)"},
    "conv.learned_pick": {"en": "Filter number (the model learned {count})", "bn": "ফিল্টার নম্বর (মডেল {count}টি শিখেছে)"},
    "conv.learned_caption": {
        "en": "A filter from the first convolution layer of the active model, with its bias. Training chose these weights.",
        "bn": "চালু মডেলের প্রথম কনভলিউশন লেয়ারের একটা ফিল্টার, তার বায়াস সহ। এই ওজনগুলো ট্রেনিং নিজেই বেছে নিয়েছে।",
    },
    "conv.learned_caption_real": {
        "en": "A filter from the first convolution layer of the active model, with its bias. Like the model, the lab "
              "first divides the pixels by 255 so they run from 0 to 1.",
        "bn": "চালু মডেলের প্রথম কনভলিউশন লেয়ারের একটা ফিল্টার, তার বায়াস সহ। মডেলের মতোই ল্যাব আগে পিক্সেলগুলোকে "
              "২৫৫ দিয়ে ভাগ করে নেয়, যাতে মান ০ থেকে ১ এর মধ্যে থাকে।",
    },
    "conv.stride_rows": {"en": "Stride down (rows)", "bn": "নিচে সরা (সারি, স্ট্রাইড)"},
    "conv.stride_cols": {"en": "Stride right (columns)", "bn": "ডানে সরা (কলাম, স্ট্রাইড)"},
    "conv.padding": {"en": "Padding", "bn": "প্যাডিং"},
    "conv.padding_valid": {"en": "valid (no padding)", "bn": "valid (প্যাডিং নেই)"},
    "conv.padding_same": {"en": "same (zeros around)", "bn": "same (চারপাশে শূন্য)"},
    "conv.padding_help": {
        "en": "'valid' keeps the window inside the picture, so the map gets smaller. 'same' adds a border of "
              "zeros (pale orange) so that, with stride 1, the map keeps the picture's size. Like TensorFlow, "
              "an odd extra row or column of zeros goes at the bottom or right.",
        "bn": "'valid' উইন্ডোকে ছবির ভেতরেই রাখে, তাই ম্যাপ ছোট হয়ে যায়। 'same' চারপাশে শূন্যের একটা পাড় "
              "(হালকা কমলা) জুড়ে দেয়, যাতে স্ট্রাইড ১ হলে ম্যাপ ছবির সমান থাকে। TensorFlow-এর মতোই, বিজোড় "
              "একটা বাড়তি সারি বা কলাম যায় নিচে বা ডানে।",
    },
    "conv.relu": {"en": "Apply ReLU", "bn": "ReLU লাগাও"},
    "conv.relu_help": {
        "en": "ReLU on the feature map: every negative number becomes 0, the rest stay as they are, as in the model's conv layers.",
        "bn": "ফিচার ম্যাপে ReLU: প্রতিটি ঋণাত্মক সংখ্যা ০ হয়ে যায়, বাকিগুলো যেমন ছিল তেমন থাকে — মডেলের কনভ লেয়ারগুলোর মতো।",
    },
    "conv.conv_header": {"en": "Convolution, step by step", "bn": "ধাপে ধাপে কনভলিউশন"},
    "conv.pool_header": {"en": "Pooling, step by step", "bn": "ধাপে ধাপে পুলিং"},
    "conv.pool_intro": {
        "en": "Pooling slides a window over the feature map and keeps one number per window: the biggest "
              "(max pooling) or the mean (average pooling). The map gets smaller, the strong signals stay.",
        "bn": "পুলিং ফিচার ম্যাপের উপর একটা উইন্ডো সরায় আর প্রতিটি উইন্ডো থেকে একটা সংখ্যা রাখে: সবচেয়ে বড়টা "
              "(ম্যাক্স পুলিং) বা গড় (অ্যাভারেজ পুলিং)। ম্যাপ ছোট হয়, কিন্তু জোরালো সংকেতগুলো থেকে যায়।",
    },
    "conv.pool_size": {"en": "Window", "bn": "উইন্ডো"},
    "conv.pool_mode": {"en": "Keep", "bn": "কী রাখবে"},
    "conv.pool_mode_max": {"en": "max", "bn": "সর্বোচ্চ (max)"},
    "conv.pool_mode_average": {"en": "average", "bn": "গড় (average)"},
    "conv.what_kernel": {"en": "kernel", "bn": "কার্নেল"},
    "conv.what_pool": {"en": "pooling window", "bn": "পুলিং উইন্ডো"},
    "conv.size_intro_valid": {
        "en": "**Output size** with no padding: ⌊(input − {what}) ÷ stride⌋ + 1",
        "bn": "প্যাডিং ছাড়া **আউটপুটের মাপ**: ⌊(ইনপুট − {what}) ÷ স্ট্রাইড⌋ + ১",
    },
    "conv.size_intro_same": {
        "en": "**Output size** with 'same' padding: ⌈input ÷ stride⌉ (the {what} size does not matter)",
        "bn": "'same' প্যাডিংয়ে **আউটপুটের মাপ**: ⌈ইনপুট ÷ স্ট্রাইড⌉ ({what}-এর মাপ এখানে লাগে না)",
    },
    "conv.size_rows": {"en": "rows: {formula}", "bn": "সারি: {formula}"},
    "conv.size_cols": {"en": "columns: {formula}", "bn": "কলাম: {formula}"},
    "conv.uncovered_rows": {
        "en": "Moving {stride} rows at a time with a window {k} tall, {count} row(s) of the input are never looked at.",
        "bn": "{k} ঘর উঁচু উইন্ডো একবারে {stride} সারি সরলে ইনপুটের {count}টি সারি কখনো দেখাই হয় না।",
    },
    "conv.uncovered_cols": {
        "en": "Moving {stride} columns at a time with a window {k} wide, {count} column(s) of the input are never looked at.",
        "bn": "{k} ঘর চওড়া উইন্ডো একবারে {stride} কলাম সরলে ইনপুটের {count}টি কলাম কখনো দেখাই হয় না।",
    },
    "conv.play": {"en": "Play", "bn": "চালাও"},
    "conv.pause": {"en": "Pause", "bn": "থামাও"},
    "conv.speed": {"en": "Speed", "bn": "গতি"},
    "conv.speed_value": {"en": "{speed} steps/s", "bn": "সেকেন্ডে {speed} ধাপ"},
    "conv.back": {"en": "Back", "bn": "পেছনে"},
    "conv.forward": {"en": "Next", "bn": "সামনে"},
    "conv.step_slider": {"en": "Step (of {total})", "bn": "ধাপ ({total}টির মধ্যে)"},
    "conv.step_title": {
        "en": "**Step {step} of {total}** — output row {row}, column {col}",
        "bn": "**{total}টির মধ্যে {step} নম্বর ধাপ** — আউটপুটের {row} নম্বর সারি, {col} নম্বর কলাম",
    },
    "conv.panel_input": {"en": "Input and the window", "bn": "ইনপুট আর উইন্ডো"},
    "conv.panel_kernel": {"en": "Kernel", "bn": "কার্নেল"},
    "conv.panel_products": {"en": "Window × kernel", "bn": "উইন্ডো × কার্নেল"},
    "conv.panel_output": {"en": "Feature map so far", "bn": "এ পর্যন্ত ফিচার ম্যাপ"},
    "conv.panel_feature": {"en": "Feature map and the pooling window", "bn": "ফিচার ম্যাপ আর পুলিং উইন্ডো"},
    "conv.panel_pooled": {"en": "Pooled map so far", "bn": "এ পর্যন্ত পুল করা ম্যাপ"},
    "conv.arithmetic_label": {
        "en": "Multiply each pair, then add everything up:",
        "bn": "প্রতিটি জোড়া গুণ করুন, তারপর সব যোগ করুন:",
    },
    "conv.pool_arithmetic_max": {"en": "The biggest number in the window wins:", "bn": "উইন্ডোর সবচেয়ে বড় সংখ্যাটাই থাকে:"},
    "conv.pool_arithmetic_average": {
        "en": "Add the numbers in the window and divide by how many there are (padding does not count):",
        "bn": "উইন্ডোর সংখ্যাগুলো যোগ করে যতগুলো সংখ্যা আছে তা দিয়ে ভাগ করুন (প্যাডিং গোনা হয় না):",
    },
    "conv.overview": {"en": "The whole picture at once", "bn": "একসাথে পুরো ছবি"},
    "conv.panel_input_whole": {"en": "Input ({rows}×{cols})", "bn": "ইনপুট ({rows}×{cols})"},
    "conv.panel_output_whole": {"en": "Feature map ({rows}×{cols})", "bn": "ফিচার ম্যাপ ({rows}×{cols})"},
    "conv.panel_pooled_whole": {"en": "After pooling ({rows}×{cols})", "bn": "পুলিংয়ের পরে ({rows}×{cols})"},
    "conv.real_steps": {"en": "Step through it cell by cell", "bn": "ঘর ধরে ধরে ধাপে ধাপে দেখুন"},
    # Errors a learner can cause.
    "conv.err_cell_text": {
        "en": "Row {row}, column {col}: “{text}” is not a number. Type digits such as 3, -1 or 0.5.",
        "bn": "সারি {row}, কলাম {col}: “{text}” কোনো সংখ্যা নয়। ৩, -১ বা ০.৫ এর মতো সংখ্যা লিখুন।",
    },
    "conv.err_cell_empty": {
        "en": "Row {row}, column {col} is empty. Every cell needs a number (type 0 for nothing).",
        "bn": "সারি {row}, কলাম {col} ফাঁকা। প্রতিটি ঘরে একটা সংখ্যা লাগবে (কিছু না থাকলে ০ লিখুন)।",
    },
    "conv.err_cell_too_big": {
        "en": "Row {row}, column {col}: “{text}” is too big. Keep numbers between -{limit} and {limit}.",
        "bn": "সারি {row}, কলাম {col}: “{text}” অনেক বড়। সংখ্যাগুলো -{limit} থেকে {limit} এর মধ্যে রাখুন।",
    },
    "conv.err_not_2d": {
        "en": "This needs a flat grid of rows and columns; what came in is shaped {shape}.",
        "bn": "এখানে সারি আর কলামের একটা সমতল গ্রিড লাগবে; যা এসেছে তার আকার {shape}।",
    },
    "conv.err_empty": {"en": "The grid is empty: give it at least one cell.", "bn": "গ্রিডটা ফাঁকা: অন্তত একটা ঘর দিন।"},
    "conv.err_kernel_bigger": {
        "en": "The {k_rows}×{k_cols} kernel does not fit inside the {rows}×{cols} picture without padding. "
              "Pick a smaller kernel, a bigger picture, or 'same' padding.",
        "bn": "{k_rows}×{k_cols} কার্নেল প্যাডিং ছাড়া {rows}×{cols} ছবির ভেতরে আঁটে না। ছোট কার্নেল, বড় ছবি, "
              "বা 'same' প্যাডিং বেছে নিন।",
    },
    "conv.err_pool_bigger": {
        "en": "The {k_rows}×{k_cols} pooling window does not fit inside the {rows}×{cols} feature map without "
              "padding. Pick a smaller window or 'same' padding.",
        "bn": "{k_rows}×{k_cols} পুলিং উইন্ডো প্যাডিং ছাড়া {rows}×{cols} ফিচার ম্যাপের ভেতরে আঁটে না। ছোট "
              "উইন্ডো বা 'same' প্যাডিং বেছে নিন।",
    },
    "conv.err_window_too_big": {
        "en": "A window {k} cells long does not fit in a side of {n} cells without padding.",
        "bn": "{k} ঘর লম্বা উইন্ডো প্যাডিং ছাড়া {n} ঘরের এক পাশে আঁটে না।",
    },
    "conv.err_kernel_size": {
        "en": "A {rows}×{cols} kernel is too big for this lab; use at most {limit}×{limit}.",
        "bn": "{rows}×{cols} কার্নেল এই ল্যাবের জন্য অনেক বড়; সর্বোচ্চ {limit}×{limit} ব্যবহার করুন।",
    },
    "conv.err_stride": {
        "en": "The stride ({value}) must be a whole number of at least 1 — the window has to move forward.",
        "bn": "স্ট্রাইড ({value}) অন্তত ১ এর পূর্ণসংখ্যা হতে হবে — উইন্ডোকে তো সামনে এগোতে হবে।",
    },
    "conv.err_padding": {
        "en": "Padding must be 'valid' or 'same', not “{value}”.",
        "bn": "প্যাডিং 'valid' বা 'same' হতে হবে, “{value}” নয়।",
    },
    "conv.err_bias": {
        "en": "The bias “{value}” must be an ordinary number.",
        "bn": "বায়াস “{value}” একটা সাধারণ সংখ্যা হতে হবে।",
    },
    "conv.err_pool_size": {
        "en": "The pooling window ({value}) must be 1 to 7 cells on each side.",
        "bn": "পুলিং উইন্ডো ({value}) প্রতিটি দিকে ১ থেকে ৭ ঘরের হতে হবে।",
    },
    "conv.err_pool_mode": {
        "en": "Pooling keeps the 'max' or the 'average', not “{value}”.",
        "bn": "পুলিং 'max' অথবা 'average' রাখে, “{value}” নয়।",
    },
    "conv.err_unknown_preset": {"en": "There is no ready-made filter called “{name}”.", "bn": "“{name}” নামে কোনো তৈরি ফিল্টার নেই।"},
    "conv.err_preset_size": {
        "en": "The “{name}” filter comes in sizes {sizes}, not {size}.",
        "bn": "“{name}” ফিল্টার {sizes} মাপে আছে, {size} মাপে নয়।",
    },
    "conv.err_no_conv_layer": {
        "en": "This model has no convolution layer, so it has no filters to show.",
        "bn": "এই মডেলে কোনো কনভলিউশন লেয়ার নেই, তাই দেখানোর মতো ফিল্টারও নেই।",
    },
}
