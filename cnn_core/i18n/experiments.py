"""Class experiments: definitions, handing out runs, the results plot."""

STRINGS = {
    "experiments.err_param": {"en": "An experiment cannot vary \u201c{param}\u201d.",
                              "bn": "পরীক্ষায় \u201c{param}\u201d বদলানো যায় না।"},
    "experiments.err_value": {"en": "\u201c{value}\u201d is not a value this setting takes.",
                              "bn": "\u201c{value}\u201d এই সেটিংয়ের গ্রহণযোগ্য মান নয়।"},
    "experiments.err_values": {"en": "Give from {low} to {high} different values.",
                               "bn": "{low} থেকে {high}টি আলাদা মান দিন।"},
    "experiments.err_seeds": {"en": "Seeds per value: from 1 to {high}.", "bn": "প্রতি মানে সিড: ১ থেকে {high}।"},
    "experiments.err_question": {"en": "The question is longer than {limit} characters.",
                                 "bn": "প্রশ্নটি {limit} অক্ষরের চেয়ে লম্বা।"},
}
STRINGS.update({
    "experiments.fig_runs": {"en": "one run", "bn": "একটি রান"},
    "experiments.fig_seed": {"en": "seed {seed}", "bn": "সিড {seed}"},
    "experiments.fig_mean": {"en": "mean ± spread", "bn": "গড় ± বিস্তার"},
    "experiments.fig_test_accuracy": {"en": "test accuracy", "bn": "টেস্ট নির্ভুলতা"},
    "experiments.fig_seconds": {"en": "seconds", "bn": "সেকেন্ড"},
    "experiments.fig_images_per_s": {"en": "pictures per second", "bn": "প্রতি সেকেন্ডে ছবি"},
    "experiments.header": {"en": "Class experiments", "bn": "ক্লাসের পরীক্ষা"},
    "experiments.intro": {
        "en": "Ask a question the class answers by training: one setting, a few values, a few seeds each. "
              "Each learner who opens the experiment link trains the next (value, seed); or let the cluster run them all.",
        "bn": "এমন একটি প্রশ্ন করুন যার উত্তর ক্লাস প্রশিক্ষণ দিয়ে খুঁজবে: একটি সেটিং, কয়েকটি মান, প্রতিটিতে কয়েকটি সিড। "
              "পরীক্ষার লিংক খুললে প্রত্যেক শিক্ষার্থী পরের (মান, সিড) জোড়াটি প্রশিক্ষণ দেয়; অথবা সবগুলো ক্লাস্টারকে চালাতে দিন।"},
    "experiments.question": {"en": "Question", "bn": "প্রশ্ন"},
    "experiments.param": {"en": "Setting to vary", "bn": "যে সেটিং বদলাবে"},
    "experiments.values": {"en": "Values, separated by commas", "bn": "মানগুলো, কমা দিয়ে আলাদা করে"},
    "experiments.seeds": {"en": "Seeds per value", "bn": "প্রতি মানে সিড"},
    "experiments.subset": {"en": "Pictures per run", "bn": "প্রতি রানে ছবি"},
    "experiments.epochs": {"en": "Epochs per run", "bn": "প্রতি রানে ইপক"},
    "experiments.create": {"en": "Create the experiment", "bn": "পরীক্ষা তৈরি করুন"},
    "experiments.created": {"en": "Experiment ready. Learners open:", "bn": "পরীক্ষা তৈরি। শিক্ষার্থীরা খুলবে:"},
    "experiments.run_cluster": {"en": "Run the free runs on the cluster", "bn": "বাকি রানগুলো ক্লাস্টারে চালান"},
    "experiments.cluster_started": {"en": "{count} runs sent to the cluster.", "bn": "{count}টি রান ক্লাস্টারে পাঠানো হয়েছে।"},
    "experiments.progress": {"en": "{done} of {total} runs finished", "bn": "{total}টির মধ্যে {done}টি রান শেষ"},
    "experiments.metric": {"en": "Show", "bn": "দেখাও"},
    "experiments.csv": {"en": "Download the results (CSV)", "bn": "ফলাফল নামান (CSV)"},
    "experiments.none": {"en": "No experiment yet.", "bn": "এখনো কোনো পরীক্ষা নেই।"},
    "experiments.yours": {
        "en": "This run is part of the class experiment \u201c{question}\u201d: {param} = {value}, seed {seed}. "
              "The other settings are the teacher's; press Start.",
        "bn": "এই রানটি ক্লাসের পরীক্ষা \u201c{question}\u201d-এর অংশ: {param} = {value}, সিড {seed}। "
              "বাকি সেটিং শিক্ষকের দেওয়া; শুরু চাপো।"},
    "experiments.all_taken": {"en": "Every run of this experiment is already taken; train freely.",
                              "bn": "এই পরীক্ষার সব রান ইতিমধ্যে নেওয়া হয়েছে; নিজের মতো প্রশিক্ষণ দাও।"},
    "experiments.counted": {"en": "Your run counts for the experiment.", "bn": "তোমার রানটি পরীক্ষায় গোনা হচ্ছে।"},
    "experiments.unknown": {"en": "There is no experiment \u201c{exp}\u201d on this server.",
                            "bn": "এই সার্ভারে \u201c{exp}\u201d নামে কোনো পরীক্ষা নেই।"},
})
