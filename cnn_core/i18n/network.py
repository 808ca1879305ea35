"""Strings of the Network page (one picture through every layer) and its figures."""

STRINGS = {
    "network.title": {"en": "The whole network, live", "bn": "পুরো নেটওয়ার্ক, সরাসরি"},
    "network.intro": {
        "en": "One picture flows left to right through every layer of the model in use. Each convolution "
              "makes a stack of maps, pooling halves them, flatten lines the numbers up, the dense units "
              "vote and softmax turns their scores into probabilities. Draw, and every column changes "
              "after each stroke. Below, open any map, any dense unit or the output to see its arithmetic.",
        "bn": "একটা ছবি বাঁ থেকে ডানে বর্তমান মডেলের প্রতিটা লেয়ারের ভেতর দিয়ে যায়। প্রতিটা কনভলিউশন "
              "একগুচ্ছ ম্যাপ বানায়, পুলিং সেগুলোকে অর্ধেক করে, ফ্ল্যাটেন সংখ্যাগুলোকে এক সারিতে সাজায়, ডেন্স "
              "ইউনিটগুলো ভোট দেয় আর সফটম্যাক্স তাদের স্কোরকে সম্ভাবনায় বদলায়। আঁকুন — প্রতিটা টানের পর সব "
              "কলাম বদলে যাবে। নিচে যেকোনো ম্যাপ, ডেন্স ইউনিট বা আউটপুট খুলে তার হিসাব দেখুন।"},
    "network.model_in_use": {"en": "Model: **{name}** ({dataset})", "bn": "মডেল: **{name}** ({dataset})"},
    "network.no_model": {
        "en": "There is no model for this dataset yet. Train one on the Train page first.",
        "bn": "এই ডেটাসেটের জন্য এখনো কোনো মডেল নেই। আগে ট্রেনিং পাতায় একটা মডেল ট্রেইন করুন।"},

    # The picture
    "network.source": {"en": "Picture", "bn": "ছবি"},
    "network.source_draw": {"en": "Draw", "bn": "আঁকুন"},
    "network.source_upload": {"en": "Upload", "bn": "আপলোড"},
    "network.source_test": {"en": "Test picture", "bn": "টেস্ট ছবি"},
    "network.draw_help": {
        "en": "Draw in white on black. Every stroke runs through the whole network.",
        "bn": "কালোর ওপর সাদা দিয়ে আঁকুন। প্রতিটা টান পুরো নেটওয়ার্কের ভেতর দিয়ে যায়।"},
    "network.nothing_drawn": {
        "en": "Nothing drawn yet: showing test picture {index} (a {label}) until you draw.",
        "bn": "এখনো কিছু আঁকা হয়নি: আপনি না আঁকা পর্যন্ত টেস্ট ছবি {index} ({label}) দেখানো হচ্ছে।"},
    "network.upload_label": {"en": "A picture of one piece of clothing (or a digit)",
                             "bn": "একটা পোশাকের (বা একটা অঙ্কের) ছবি"},
    "network.upload_none": {
        "en": "No picture uploaded yet: showing test picture {index} (a {label}).",
        "bn": "এখনো কোনো ছবি আপলোড হয়নি: টেস্ট ছবি {index} ({label}) দেখানো হচ্ছে।"},
    "network.test_index": {"en": "Test picture number (0–{last})", "bn": "টেস্ট ছবির নম্বর (০–{last})"},
    "network.test_caption": {"en": "Test picture {index}: a {label}", "bn": "টেস্ট ছবি {index}: {label}"},
    "network.model_input": {"en": "What the model gets (28×28)", "bn": "মডেল যা পায় (২৮×২৮)"},

    # The strip
    "network.strip_header": {"en": "Every layer, left to right", "bn": "প্রতিটা লেয়ার, বাঁ থেকে ডানে"},
    "network.strip_explain": {
        "en": "Each column is one layer, named as the model names it, with its size (rows×columns×maps). "
              "A convolution or pooling column shows all its maps side by side; dark is 0, bright is the "
              "biggest number in that column. A column that also holds negative numbers (a convolution "
              "whose ReLU comes later) is red below 0, white at 0 and blue above. Flatten is the thin bar "
              "of all numbers in one line, each dense layer a column of units, and the bars on the right are the probabilities. "
              "“+BN +ReLU” means BatchNorm and ReLU are applied before the next column sees the maps.",
        "bn": "প্রতিটা কলাম একটা লেয়ার, মডেল যে নাম দিয়েছে সেই নামে, সাথে তার মাপ (সারি×কলাম×ম্যাপ)। "
              "কনভলিউশন বা পুলিংয়ের কলামে তার সব ম্যাপ পাশাপাশি; কালো মানে ০, উজ্জ্বল মানে সেই কলামের সবচেয়ে "
              "বড় সংখ্যা। যে কলামে ঋণাত্মক সংখ্যাও থাকে (যে কনভলিউশনের ReLU পরে আসে), সেখানে ০-এর নিচে লাল, "
              "০-তে সাদা, ওপরে নীল। ফ্ল্যাটেন হলো এক সারিতে সাজানো সব সংখ্যার সরু দণ্ড, প্রতিটা ডেন্স "
              "লেয়ার ইউনিটের একটা কলাম, আর ডানের দণ্ডগুলো সম্ভাবনা। “+BN +ReLU” মানে পরের কলাম দেখার আগে ব্যাচ-নরমালাইজেশন "
              "আর ReLU প্রয়োগ হয়।"},
    "network.strip_capped": {
        "en": "Columns with more than {count} maps show their first {count}; the explainer below opens any of them.",
        "bn": "যে কলামে {count}টির বেশি ম্যাপ, সেখানে প্রথম {count}টি দেখানো হয়েছে; নিচে যেকোনোটা খোলা যায়।"},
    "network.prediction": {"en": "The model says **{name}** ({percent}).",
                           "bn": "মডেল বলছে **{name}** ({percent})।"},

    # Opening one step
    "network.open_header": {"en": "Open one step", "bn": "একটা ধাপ খুলে দেখুন"},
    "network.tab_conv": {"en": "A convolution map", "bn": "একটা কনভলিউশন ম্যাপ"},
    "network.tab_dense": {"en": "A dense unit", "bn": "একটা ডেন্স ইউনিট"},
    "network.tab_softmax": {"en": "The output (softmax)", "bn": "আউটপুট (সফটম্যাক্স)"},

    # A convolution map
    "network.conv_layer": {"en": "Convolution layer", "bn": "কনভলিউশন লেয়ার"},
    "network.conv_layer_option": {"en": "{name}: {channels} maps of {rows}×{cols}",
                                  "bn": "{name}: {rows}×{cols} মাপের {channels}টি ম্যাপ"},
    "network.conv_channel": {"en": "Map (filter) number, 1–{count}", "bn": "ম্যাপের (ফিল্টারের) নম্বর, ১–{count}"},
    "network.pixel_row": {"en": "Output pixel: row (1–{count})", "bn": "আউটপুট পিক্সেল: সারি (১–{count})"},
    "network.pixel_col": {"en": "Output pixel: column (1–{count})", "bn": "আউটপুট পিক্সেল: কলাম (১–{count})"},
    "network.conv_explain": {
        "en": "Map {channel} of **{layer}** is made from all {count} maps of the layer before it. Its filter "
              "is not one {rows}×{cols} grid but {count} of them, one slice per input map: each slice slides "
              "over its own map (⊛), the {count} results are added up, the bias goes on top (Σ), and then "
              "come the steps after the convolution.",
        "bn": "**{layer}**-এর {channel} নম্বর ম্যাপ তৈরি হয় আগের লেয়ারের সব {count}টি ম্যাপ থেকে। এর ফিল্টার "
              "একটা {rows}×{cols} গ্রিড নয়, {count}টি — প্রতিটা ইনপুট ম্যাপের জন্য একটা করে স্লাইস: প্রতিটা "
              "স্লাইস নিজের ম্যাপের ওপর সরে (⊛), {count}টা ফল যোগ হয়, ওপরে বায়াস বসে (Σ), তারপর আসে "
              "কনভলিউশনের পরের ধাপগুলো।"},
    "network.conv_explain_first": {
        "en": "The first convolution sees the picture itself, divided by 255 (the model's Rescaling layer), "
              "so it has one input map and one kernel slice per filter.",
        "bn": "প্রথম কনভলিউশন ছবিটাকেই দেখে, ২৫৫ দিয়ে ভাগ করে (মডেলের রিস্কেলিং লেয়ার), তাই প্রতিটা "
              "ফিল্টারে একটাই ইনপুট ম্যাপ আর একটাই কার্নেল স্লাইস।"},
    "network.bn_explain": {
        "en": "BatchNorm uses four numbers it learned for this map: the mean and variance it saw in training, "
              "a scale γ and a shift β. It computes (z − mean) ÷ √(variance + ε) × γ + β, the same as "
              "z × {scale} + {shift} for this map.",
        "bn": "ব্যাচ-নরমালাইজেশন এই ম্যাপের জন্য শেখা চারটা সংখ্যা ব্যবহার করে: ট্রেনিংয়ে দেখা গড় আর ভ্যারিয়েন্স, "
              "একটা গুণক γ আর একটা সরণ β। এটা হিসাব করে (z − গড়) ÷ √(ভ্যারিয়েন্স + ε) × γ + β, এই ম্যাপের "
              "জন্য যা z × {scale} + {shift}-এর সমান।"},
    "network.panel_inputs": {"en": "{count} input maps", "bn": "{count}টি ইনপুট ম্যাপ"},
    "network.panel_kernels": {"en": "{count} kernel slices {rows}×{cols}", "bn": "{count}টি কার্নেল স্লাইস {rows}×{cols}"},
    "network.panel_per_channel": {"en": "each map ⊛ its slice", "bn": "প্রতিটা ম্যাপ ⊛ তার স্লাইস"},
    "network.panel_sum": {"en": "sum + bias ({bias})", "bn": "যোগফল + বায়াস ({bias})"},
    "network.panel_bn": {"en": "BatchNorm", "bn": "ব্যাচ-নরম"},
    "network.arithmetic_header": {
        "en": "Output pixel (row {row}, column {col}) written out: {count} channels, {terms} products each",
        "bn": "আউটপুট পিক্সেল (সারি {row}, কলাম {col}) লিখে দেখানো: {count}টি চ্যানেল, প্রতিটায় {terms}টি গুণ"},
    "network.channel_short": {"en": "ch {n}", "bn": "চ্যা {n}"},
    "network.sum_label": {"en": "sum of the channels + bias", "bn": "চ্যানেলগুলোর যোগফল + বায়াস"},
    "network.matches_model": {
        "en": "The same number as the model itself computed for this pixel: {value}.",
        "bn": "মডেল নিজে এই পিক্সেলের জন্য যে সংখ্যা হিসাব করেছে, ঠিক সেটাই: {value}।"},
    "network.differs_from_model": {
        "en": "This layer does something the explainer does not write out, so its last step differs from "
              "the model's own map (the model computed {value}).",
        "bn": "এই লেয়ার এমন কিছু করে যা এখানে লিখে দেখানো হয়নি, তাই শেষ ধাপ মডেলের নিজের ম্যাপের সাথে মেলে না "
              "(মডেল হিসাব করেছে {value})।"},

    # A dense unit
    "network.dense_layer": {"en": "Dense layer", "bn": "ডেন্স লেয়ার"},
    "network.dense_layer_option": {"en": "{name}: {units} units", "bn": "{name}: {units}টি ইউনিট"},
    "network.dense_unit": {"en": "Unit number, 1–{count}", "bn": "ইউনিটের নম্বর, ১–{count}"},
    "network.dense_explain": {
        "en": "Unit {unit} of **{layer}** multiplies each of its {count} inputs by its own weight and adds "
              "them up. The picture puts every weight × input back where flatten took it from "
              "({rows}×{cols}×{channels}): flatten only lines the numbers up, so each one still belongs to "
              "one place and one map. Blue pushes the unit up, red pushes it down.",
        "bn": "**{layer}**-এর {unit} নম্বর ইউনিট তার {count}টি ইনপুটের প্রতিটাকে নিজস্ব ওজন দিয়ে গুণ করে যোগ "
              "করে। ছবিতে প্রতিটা ওজন × ইনপুট ফ্ল্যাটেন যেখান থেকে নিয়েছিল সেখানেই বসানো "
              "({rows}×{cols}×{channels}): ফ্ল্যাটেন শুধু সংখ্যাগুলো এক সারিতে সাজায়, তাই প্রতিটা এখনো একটা "
              "জায়গা আর একটা ম্যাপের। নীল ইউনিটকে বাড়ায়, লাল কমায়।"},
    "network.dense_explain_flat": {
        "en": "Unit {unit} of **{layer}** multiplies each of its {count} inputs (the units of the layer before) "
              "by its own weight and adds them up. Bars above 0 push the unit up, bars below push it down.",
        "bn": "**{layer}**-এর {unit} নম্বর ইউনিট তার {count}টি ইনপুটের (আগের লেয়ারের ইউনিট) প্রতিটাকে নিজস্ব "
              "ওজন দিয়ে গুণ করে যোগ করে। ০-এর ওপরের দণ্ড ইউনিটকে বাড়ায়, নিচেরগুলো কমায়।"},
    "network.dense_sum": {
        "en": "Σ weight × input + bias, over {count} inputs = {ups} (the pushes up) + {downs} (the pushes down) "
              "+ {bias} = {total}",
        "bn": "{count}টি ইনপুটের Σ ওজন × ইনপুট + বায়াস = {ups} (বাড়ানো) + {downs} (কমানো) + {bias} = {total}"},
    "network.dense_logit": {
        "en": "This is the output layer: the sum is the logit of **{name}**; softmax (next tab) turns the "
              "logits into probabilities.",
        "bn": "এটা আউটপুট লেয়ার: যোগফলটা **{name}**-এর লজিট; সফটম্যাক্স (পরের ট্যাব) লজিটগুলোকে সম্ভাবনায় "
              "বদলায়।"},
    "network.push_up": {"en": "Push the unit up most", "bn": "ইউনিটকে সবচেয়ে বেশি বাড়ায়"},
    "network.push_down": {"en": "Push the unit down most", "bn": "ইউনিটকে সবচেয়ে বেশি কমায়"},
    "network.position": {"en": "row {row}, column {col}, map {channel}: {value}",
                         "bn": "সারি {row}, কলাম {col}, ম্যাপ {channel}: {value}"},
    "network.position_flat": {"en": "input {index}: {value}", "bn": "ইনপুট {index}: {value}"},
    "network.panel_contrib_channels": {"en": "weight × input, {count} maps",
                                       "bn": "ওজন × ইনপুট, {count}টি ম্যাপ"},
    "network.panel_contrib_sum": {"en": "added over the maps: where it looks",
                                  "bn": "ম্যাপগুলো যোগ করে: কোথায় দেখে"},
    "network.axis_input": {"en": "Input number", "bn": "ইনপুটের নম্বর"},
    "network.axis_contribution": {"en": "weight × input", "bn": "ওজন × ইনপুট"},

    # Softmax
    "network.softmax_explain": {
        "en": "The output layer gives each class a score, its logit. Softmax raises e to each logit "
              "(exp, always positive), adds them all up, and each class gets its share of that sum.",
        "bn": "আউটপুট লেয়ার প্রতিটা ক্লাসকে একটা স্কোর দেয়, তার লজিট। সফটম্যাক্স প্রতিটা লজিটকে e-এর ঘাত "
              "বানায় (exp, সবসময় ধনাত্মক), সবগুলো যোগ করে, আর প্রতিটা ক্লাস সেই যোগফলের নিজের ভাগ পায়।"},
    "network.softmax_shifted": {
        "en": "The logits are big, so every one was lowered by the largest ({shift}) before exp: the shares, "
              "and so the probabilities, stay exactly the same.",
        "bn": "লজিটগুলো বড়, তাই exp-এর আগে প্রত্যেকটা থেকে সবচেয়ে বড়টা ({shift}) বাদ দেওয়া হয়েছে: ভাগগুলো, "
              "তাই সম্ভাবনাগুলোও, হুবহু একই থাকে।"},
    "network.col_class": {"en": "Class", "bn": "ক্লাস"},
    "network.col_logit": {"en": "logit z", "bn": "লজিট z"},
    "network.col_exp": {"en": "exp(z)", "bn": "exp(z)"},
    "network.col_exp_shifted": {"en": "exp(z − {shift})", "bn": "exp(z − {shift})"},
    "network.col_share": {"en": "share of Σ", "bn": "Σ-এর ভাগ"},
    "network.col_probability": {"en": "probability", "bn": "সম্ভাবনা"},
    "network.change_header": {"en": "What if one logit were different?", "bn": "একটা লজিট বদলালে কী হয়?"},
    "network.change_class": {"en": "Change the logit of", "bn": "যার লজিট বদলাবেন"},
    "network.change_delta": {"en": "Raise (+) or lower (−) it by", "bn": "কতটা বাড়াবেন (+) বা কমাবেন (−)"},
    "network.change_effect": {
        "en": "{name}: logit {old} → {new}, so its exp is multiplied by e^{delta} = {factor}. The sum "
              "becomes {total}; {name} goes from {p_old} to {p_new}, and every other probability is "
              "multiplied by {ratio}, so the others keep their ratios to each other.",
        "bn": "{name}: লজিট {old} → {new}, তাই এর exp গুণ হয় e^{delta} = {factor} দিয়ে। যোগফল হয় {total}; "
              "{name} {p_old} থেকে {p_new} হয়, আর বাকি প্রতিটা সম্ভাবনা {ratio} দিয়ে গুণ হয়, তাই বাকিগুলোর "
              "নিজেদের মধ্যে অনুপাত একই থাকে।"},
    "network.change_none": {"en": "Move the slider to change the logit.",
                            "bn": "লজিট বদলাতে স্লাইডারটা সরান।"},
    "network.axis_logit": {"en": "logit", "bn": "লজিট"},
    "network.axis_probability": {"en": "probability", "bn": "সম্ভাবনা"},
    "network.before": {"en": "now", "bn": "এখন"},
    "network.after": {"en": "with the change", "bn": "বদলের পরে"},

    # Errors
    "network.err_not_a_chain": {
        "en": "This model is not one chain of layers (at “{layer}”), so it cannot be followed layer by layer.",
        "bn": "এই মডেলটা লেয়ারের একটা সরল শিকল নয় (“{layer}”-এ), তাই লেয়ার ধরে ধরে অনুসরণ করা যায় না।"},
    "network.err_input_shape": {"en": "The model needs 28×28 pictures, not {shape}.",
                                "bn": "মডেলের ২৮×২৮ ছবি দরকার, {shape} নয়।"},
    "network.err_no_dense": {"en": "This model has no dense layer, so it has no logits to show.",
                             "bn": "এই মডেলে কোনো ডেন্স লেয়ার নেই, তাই দেখানোর মতো লজিট নেই।"},
    "network.err_not_conv": {"en": "“{layer}” is not a convolution layer of this model.",
                             "bn": "“{layer}” এই মডেলের কোনো কনভলিউশন লেয়ার নয়।"},
    "network.err_not_dense": {"en": "“{layer}” is not a dense layer of this model.",
                              "bn": "“{layer}” এই মডেলের কোনো ডেন্স লেয়ার নয়।"},
    "network.err_channel": {"en": "There is no map {channel}: this layer has {count}.",
                            "bn": "{channel} নম্বর ম্যাপ নেই: এই লেয়ারে আছে {count}টি।"},
    "network.err_unit": {"en": "There is no unit {unit}: this layer has {count}.",
                         "bn": "{unit} নম্বর ইউনিট নেই: এই লেয়ারে আছে {count}টি।"},
    "network.err_class": {"en": "There is no class {index}: the model has {count}.",
                          "bn": "{index} নম্বর ক্লাস নেই: মডেলে আছে {count}টি।"},
    "network.err_pixel": {"en": "There is no pixel at row {row}, column {col}: the map is {rows}×{cols}.",
                          "bn": "সারি {row}, কলাম {col}-এ কোনো পিক্সেল নেই: ম্যাপটা {rows}×{cols}।"},
    "network.err_conv_options": {
        "en": "“{layer}” uses grouped or dilated convolution, which this page does not write out.",
        "bn": "“{layer}” গ্রুপড বা ডাইলেটেড কনভলিউশন ব্যবহার করে, যা এই পাতা লিখে দেখায় না।"},
    "network.err_logits": {"en": "The logits must be finite numbers.", "bn": "লজিটগুলো সসীম সংখ্যা হতে হবে।"},
    "network.err_stack_shape": {"en": "The input must be rows × columns × channels, not {shape}.",
                                "bn": "ইনপুট হতে হবে সারি × কলাম × চ্যানেল, {shape} নয়।"},
    "network.err_kernel_shape": {"en": "The kernel must be rows × columns × channels, not {shape}.",
                                 "bn": "কার্নেল হতে হবে সারি × কলাম × চ্যানেল, {shape} নয়।"},
    "network.err_kernel_channels": {
        "en": "The kernel has {kernel} channel slices but the input has {stack} channels: they must match.",
        "bn": "কার্নেলে {kernel}টি চ্যানেল স্লাইস কিন্তু ইনপুটে {stack}টি চ্যানেল: দুটো সমান হতে হবে।"},
    "network.err_not_finite": {
        "en": "Every number must be finite and at most {limit} in size.",
        "bn": "প্রতিটা সংখ্যা সসীম হতে হবে আর মাপে {limit}-এর বেশি নয়।"},
}
