package dev.jack.core.constraint;

import java.util.List;

/**
 * The words and sentences every synthesized prompt draws on: keyword candidates, and the plain English
 * sentences that witness responses are built from (a constraint's own words, such as end phrases, are in
 * its file). Written for Jack. Sentences have no commas, digits or brackets, and avoid the letters j, q,
 * x and z, so any constraint on those stays easy to witness.
 */
public final class Vocabulary {
    private Vocabulary() {}

    /** Common nouns for keyword, keyword-frequency and forbidden-word constraints. */
    public static final List<String> KEYWORDS = List.of(
            "garden", "window", "river", "market", "teacher", "journey", "bridge", "kitchen", "mountain", "letter",
            "island", "forest", "engine", "village", "castle", "harbor", "candle", "planet", "ticket", "pocket",
            "blanket", "mirror", "ladder", "feather", "lantern", "orchard", "compass", "festival", "station",
            "library", "meadow", "tunnel", "violin", "pepper", "shadow", "thunder", "basket", "pillow", "rocket",
            "garage", "balcony", "umbrella", "notebook", "theater", "factory", "museum", "hospital", "stadium",
            "bakery", "cottage", "volcano", "desert", "glacier", "canyon", "prairie", "lighthouse", "sailboat",
            "carpet", "wallet", "chimney", "fountain", "pebble", "puzzle", "rainbow", "sunrise", "telescope",
            "tractor", "trumpet", "whistle", "anchor", "pumpkin", "saddle", "scarf", "signal", "silver", "spider",
            "storm", "tiger", "tomato", "tower", "valley", "wagon", "wheel", "winter", "wizard", "yogurt");

    /** Neutral English sentences. */
    public static final List<String> ENGLISH = List.of(
            "The idea is simple and easy to follow.",
            "Many people find this helpful in daily life.",
            "It is worth taking a moment to think about it.",
            "There are several good reasons for this.",
            "Each part builds on the one before it.",
            "A careful look often reveals more than a first glance.",
            "This approach has worked well for many others.",
            "The details matter more than they seem.",
            "Small steps can lead to large changes over time.",
            "Everyone can benefit from a little more attention here.",
            "The result is often better than people hope.",
            "It helps to start with the basics.",
            "Patience is an important part of the process.",
            "There is always something new to learn.",
            "Good planning saves a lot of trouble later.",
            "The main point is worth repeating.",
            "Most people agree that this makes sense.",
            "A clear goal makes the work much easier.",
            "It is important to stay calm and focused.",
            "The story does not end there.",
            "Simple habits often have the strongest effect.",
            "This is where the real work begins.",
            "Curious minds tend to find better answers.",
            "The outcome depends on how well the plan is followed.",
            "Friends and family can offer useful support.",
            "Taking notes helps to remember the important points.",
            "The best results come from steady effort.",
            "Nothing here is as hard as it first appears.",
            "A short break can bring fresh ideas.",
            "There is more than one way to solve this.",
            "The early morning is a good time to begin.",
            "Honest feedback helps everyone improve.",
            "A little humor can make the day brighter.",
            "The path forward is clearer than before.",
            "Sharing ideas often makes them stronger.",
            "The final step is to review everything once more.");

    /** English questions, for constraints on the mix of sentence types; same rules as {@link #ENGLISH}. */
    public static final List<String> QUESTIONS = List.of("Why does this matter so much?", "What comes next?",
            "How can this help today?", "Is that not worth a try?", "Where should we begin?", "Who gains the most here?",
            "What would change after that?", "Does the plan still hold?", "How long does it usually take?",
            "Can anyone learn this?", "What is the first step?", "Would a short break help?");

    /** English exclamations, for constraints on the mix of sentence types; same rules as {@link #ENGLISH}. */
    public static final List<String> EXCLAMATIONS = List.of("What a good idea this is!", "This really works!",
            "That makes a big difference!", "How simple it can be!", "What a lovely result!", "Let us try it now!",
            "That is the spirit!", "Every step counts!", "This is great news!", "What a pleasant surprise!");

    /** Sentences that mention a keyword once, in place of {}. */
    public static final List<String> KEYWORD_SENTENCES = List.of("The {} deserves a mention here.",
            "Picture the {} for a moment.", "The {} is part of the story too.", "Nobody should forget the {}.",
            "The {} comes up again and again.", "Think about the {} as well.");
}
