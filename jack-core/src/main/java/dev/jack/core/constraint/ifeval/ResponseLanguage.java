package dev.jack.core.constraint.ifeval;

import dev.jack.core.constraint.Constraint;
import dev.jack.core.constraint.ConstraintType;
import dev.jack.core.constraint.Draft;
import dev.jack.core.constraint.Kwargs;
import dev.jack.core.constraint.Parameter;
import dev.jack.core.constraint.ParameterException;
import dev.jack.core.constraint.Sketch;
import dev.jack.core.constraint.Span;
import dev.jack.core.text.LanguageDetector;
import dev.jack.core.text.PyText;
import dev.jack.core.text.TextAnalysis;
import dev.jack.core.text.TextTools;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** language:response_language — langdetect identifies the response as the language (undetectable text passes). */
public record ResponseLanguage(String language) implements Constraint {
    public static final String ID = "language:response_language";

    /** IFEval's names of the languages, by langdetect code. */
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("en", "English"), Map.entry("es", "Spanish"), Map.entry("pt", "Portuguese"),
            Map.entry("ar", "Arabic"), Map.entry("hi", "Hindi"), Map.entry("fr", "French"),
            Map.entry("ru", "Russian"), Map.entry("de", "German"), Map.entry("ja", "Japanese"),
            Map.entry("it", "Italian"), Map.entry("bn", "Bengali"), Map.entry("uk", "Ukrainian"),
            Map.entry("th", "Thai"), Map.entry("ur", "Urdu"), Map.entry("ta", "Tamil"),
            Map.entry("te", "Telugu"), Map.entry("bg", "Bulgarian"), Map.entry("ko", "Korean"),
            Map.entry("pl", "Polish"), Map.entry("he", "Hebrew"), Map.entry("fa", "Persian"),
            Map.entry("vi", "Vietnamese"), Map.entry("ne", "Nepali"), Map.entry("sw", "Swahili"),
            Map.entry("kn", "Kannada"), Map.entry("mr", "Marathi"), Map.entry("gu", "Gujarati"),
            Map.entry("pa", "Punjabi"), Map.entry("ml", "Malayalam"), Map.entry("fi", "Finnish"),
            Map.entry("af", "Afrikaans"), Map.entry("cs", "Czech"), Map.entry("da", "Danish"),
            Map.entry("el", "Greek"), Map.entry("et", "Estonian"), Map.entry("hr", "Croatian"),
            Map.entry("hu", "Hungarian"), Map.entry("id", "Indonesian"), Map.entry("lt", "Lithuanian"),
            Map.entry("lv", "Latvian"), Map.entry("mk", "Macedonian"), Map.entry("nl", "Dutch"),
            Map.entry("no", "Norwegian"), Map.entry("ro", "Romanian"), Map.entry("sk", "Slovak"),
            Map.entry("sl", "Slovenian"), Map.entry("so", "Somali"), Map.entry("sq", "Albanian"),
            Map.entry("sv", "Swedish"), Map.entry("tl", "Tagalog"), Map.entry("tr", "Turkish"),
            Map.entry("zh-cn", "Simplified Chinese"), Map.entry("zh-tw", "Traditional Chinese"));

    /**
     * Neutral sentences in the languages synthesis asks for, by langdetect code: the witness is written in
     * them. Written for Jack, without commas, digits or brackets.
     */
    private static final Map<String, List<String>> SENTENCES = Map.of(
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

    private static final List<String> SYNTHESIZED_LANGUAGES = List.copyOf(new TreeSet<>(SENTENCES.keySet()));

    /**
     * The synthesized languages that may go with keywords:letter_frequency: those whose sentences have a–z letters.
     * Its targets must be a–z (the older reference and lm-evaluation-harness replace any other with a random letter,
     * see {@link LetterFrequency}), and a script without them (Russian) gives "at least" nothing to count: such a
     * language and letter_frequency never share a prompt. A conflict of one value, so declared here, not in the type.
     */
    private static final List<String> WITH_LETTER_TARGETS = SYNTHESIZED_LANGUAGES.stream()
            .filter(language -> SENTENCES.get(language).stream().anyMatch(s -> PyText.lower(s).chars().anyMatch(c -> LetterFrequency.TARGETS.indexOf(c) >= 0)))
            .toList();

    public ResponseLanguage {
        if (!LanguageDetector.LANGUAGES.contains(language)) {
            throw new ParameterException("language", "\"" + language + "\" is not a language code langdetect knows ("
                    + String.join(", ", LanguageDetector.LANGUAGES) + ")");
        }
    }

    public static final ConstraintType<ResponseLanguage> TYPE = ConstraintType.builder(ID, ResponseLanguage::parse)
            .parameters(new Parameter("language", "language code langdetect knows (en, es, fr, ...)"))
            .example(new ResponseLanguage("fr"))
            .analyses(TextAnalysis.LANGUAGE)
            .conflict(CapitalWordFrequency.ID, "capital-word counts are about English text")
            .conflict(KeywordsExistence.ID, "the keywords are English words")
            .conflict(KeywordsFrequency.ID, "the keywords are English words")
            .conflict(RepeatPrompt.ID, "the request to repeat is in English")
            .conflict(EndChecker.ID, "the end phrases are English")
            .hardness(0.3)
            .phrasings("Your ENTIRE response should be in {language_name}, no other language is allowed.",
                    "Respond only in {language_name}.",
                    "Write your whole answer in {language_name}.")
            .synthesis(10, () -> Sampling.INSTANCE)
            .build();

    private static ResponseLanguage parse(Kwargs k) {
        return new ResponseLanguage(k.string("language"));
    }

    public ConstraintType<ResponseLanguage> type() { return TYPE; }

    public String description() {
        return "Your ENTIRE response should be in " + NAMES.get(language) + " language, no other language is allowed.";
    }

    public boolean isFollowedBy(String response, TextTools text) {
        return text.detectLanguage(response).map(language::equals).orElse(true);
    }

    /** The whole text, with the language langdetect reads in it. */
    public List<Span> spans(String response, TextTools text) {
        int start = PyText.stripStart(response);
        String detected = text.detectLanguage(response).orElse(null);
        String label = detected == null ? "no language detected (passes)" : "detected language " + detected + (detected.equals(language) ? "" : ", not " + language);
        return List.of(new Span(start, Math.max(start, PyText.rstrip(response).length()), label));
    }

    public Map<String, Object> kwargs() { return Map.of("language", language); }

    public Map<String, Object> wordingValues() {
        return Map.of("language", language, "language_name", NAMES.get(language));
    }

    /** One of the languages Jack has sentences in; the witness is written in it. */
    private enum Sampling implements Sketch<ResponseLanguage> {
        INSTANCE;

        public void vocabulary(Draft d) {
            String language = d.pick(d.has(LetterFrequency.ID) ? WITH_LETTER_TARGETS : SYNTHESIZED_LANGUAGES);
            d.setLanguage(language, SENTENCES.get(language));
        }

        public ResponseLanguage finish(Draft d) {
            return new ResponseLanguage(d.language());
        }
    }
}
