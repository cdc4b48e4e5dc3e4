package dev.jack.core.synth;

import java.util.List;
import java.util.Map;

/**
 * The words and sentences synthesis draws on: keyword candidates, and the plain sentences that witness
 * responses are built from. Written for Jack. Sentences have no commas, digits or brackets, and the
 * English ones avoid the letters j, q, x and z, so any constraint on those stays easy to witness.
 */
final class Vocabulary {
    private Vocabulary() {}

    /** Common nouns for keyword, keyword-frequency and forbidden-word constraints. */
    static final List<String> KEYWORDS = List.of(
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
    static final List<String> ENGLISH = List.of(
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

    /** Neutral sentences in the other languages synthesis asks for, by langdetect code. */
    static final Map<String, List<String>> OTHER_LANGUAGES = Map.of(
            "fr", List.of(
                    "Cette idée est simple et facile à suivre.",
                    "Beaucoup de gens trouvent cela utile au quotidien.",
                    "Il vaut la peine de prendre un moment pour y réfléchir.",
                    "Chaque partie repose sur celle qui la précède.",
                    "Les détails comptent plus qu'on ne le pense.",
                    "De petits pas peuvent mener à de grands changements.",
                    "Le résultat est souvent meilleur que prévu.",
                    "La patience est une partie importante du travail.",
                    "Il y a toujours quelque chose de nouveau à apprendre.",
                    "Une bonne préparation évite bien des ennuis.",
                    "Un objectif clair rend le travail beaucoup plus facile.",
                    "Les amis et la famille peuvent apporter un soutien précieux."),
            "es", List.of(
                    "La idea es sencilla y fácil de seguir.",
                    "Mucha gente encuentra esto útil en su vida diaria.",
                    "Vale la pena tomarse un momento para pensarlo.",
                    "Cada parte se apoya en la anterior.",
                    "Los detalles importan más de lo que parece.",
                    "Los pequeños pasos pueden llevar a grandes cambios.",
                    "El resultado suele ser mejor de lo esperado.",
                    "La paciencia es una parte importante del proceso.",
                    "Siempre hay algo nuevo que aprender.",
                    "Una buena planificación evita muchos problemas.",
                    "Un objetivo claro hace que el trabajo sea mucho más fácil.",
                    "Los amigos y la familia pueden ofrecer un apoyo muy útil."),
            "de", List.of(
                    "Die Idee ist einfach und leicht zu verstehen.",
                    "Viele Menschen finden das im Alltag hilfreich.",
                    "Es lohnt sich einen Moment darüber nachzudenken.",
                    "Jeder Teil baut auf dem vorherigen auf.",
                    "Die Einzelheiten sind wichtiger als sie scheinen.",
                    "Kleine Schritte können zu großen Veränderungen führen.",
                    "Das Ergebnis ist oft besser als erwartet.",
                    "Geduld ist ein wichtiger Teil der Arbeit.",
                    "Es gibt immer etwas Neues zu lernen.",
                    "Eine gute Planung erspart viel Ärger.",
                    "Ein klares Ziel macht die Arbeit viel leichter.",
                    "Freunde und Familie können wertvolle Unterstützung geben."),
            "it", List.of(
                    "L'idea è semplice e facile da seguire.",
                    "Molte persone trovano tutto questo utile nella vita di ogni giorno.",
                    "Vale la pena prendersi un momento per pensarci.",
                    "Ogni parte si basa su quella precedente.",
                    "I dettagli contano più di quanto sembri.",
                    "Piccoli passi possono portare a grandi cambiamenti.",
                    "Il risultato è spesso migliore del previsto.",
                    "La pazienza è una parte importante del lavoro.",
                    "C'è sempre qualcosa di nuovo da imparare.",
                    "Una buona preparazione evita molti problemi.",
                    "Un obiettivo chiaro rende il lavoro molto più facile.",
                    "Gli amici e la famiglia possono offrire un aiuto prezioso."),
            "pt", List.of(
                    "A ideia é simples e fácil de seguir.",
                    "Muitas pessoas acham isto útil no dia a dia.",
                    "Vale a pena parar um momento para pensar nisso.",
                    "Cada parte se apoia na anterior.",
                    "Os detalhes importam mais do que parece.",
                    "Pequenos passos podem levar a grandes mudanças.",
                    "O resultado costuma ser melhor do que o esperado.",
                    "A paciência é uma parte importante do processo.",
                    "Há sempre algo novo para aprender.",
                    "Um bom planejamento evita muitos problemas.",
                    "Um objetivo claro torna o trabalho muito mais fácil.",
                    "Os amigos e a família podem oferecer um apoio valioso."),
            "ru", List.of(
                    "Эта идея простая и понятная.",
                    "Многие люди считают это полезным в повседневной жизни.",
                    "Стоит на минуту задуматься об этом.",
                    "Каждая часть опирается на предыдущую.",
                    "Детали значат больше чем кажется.",
                    "Маленькие шаги могут привести к большим переменам.",
                    "Результат часто бывает лучше чем ожидалось.",
                    "Терпение является важной частью работы.",
                    "Всегда есть чему научиться.",
                    "Хорошее планирование избавляет от многих проблем.",
                    "Ясная цель делает работу намного проще.",
                    "Друзья и семья могут оказать ценную поддержку."));

    static final Map<String, String> LANGUAGE_NAMES = Map.of(
            "fr", "French", "es", "Spanish", "de", "German", "it", "Italian", "pt", "Portuguese", "ru", "Russian");

    static final List<String> TITLES = List.of("A Closer Look", "Notes and Thoughts", "The Main Idea", "Getting Started",
            "A Simple Plan", "What Matters Most", "Looking Ahead", "The Heart of It", "A Fresh Start", "Small Steps");

    static final List<String> END_PHRASES = List.of("Any other questions?", "Is there anything else I can help with?",
            "Let me know if you have additional questions.", "That is all for now.", "Thank you for reading.");

    static final List<String> SECTION_SPLITTERS = List.of("Section", "SECTION", "Part", "PART", "Step");

    static final List<String> POSTSCRIPT_MARKERS = List.of("P.S.", "P.P.S");

    static final List<String> PLACEHOLDERS = List.of("name", "date", "address", "city", "company", "phone number",
            "email", "time", "price", "title");

    static final List<String> CAPITAL_WORDS = List.of("KEY", "NOTE", "REAL", "GOOD", "BIG", "HELPFUL", "IMPORTANT",
            "ALWAYS", "NEVER", "NOW", "TODAY", "SIMPLE", "CLEAR", "TRUE", "BEST", "FIRST", "LAST", "NEW");

    /** Letters whose counts may be capped ("less than"): rare in the sentences above. */
    static final String RARE_LETTERS = "jqxz";
    /** Letters whose counts may be required ("at least"): common in the sentences above. */
    static final String COMMON_LETTERS = "aeinorst";
}
