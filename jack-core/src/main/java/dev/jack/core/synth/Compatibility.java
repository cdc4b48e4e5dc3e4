package dev.jack.core.synth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static dev.jack.core.synth.Ids.*;

/**
 * Which constraints never go together in a synthesized prompt, and why. A pair is listed when no
 * response can meet both, or when meeting both would make a prompt that reads as nonsense.
 * Parameter-level conflicts (a keyword that is also forbidden, a first word that cannot start the
 * paragraph) are avoided where the parameters are sampled, in {@link Synthesizer}.
 */
public final class Compatibility {
    private Compatibility() {}

    /** The table: each entry is {a, b, reason}. */
    static final List<String[]> FORBIDDEN = List.of(
            new String[] {LOWERCASE, CAPITAL, "a response cannot be all lowercase and all capitals"},
            new String[] {LOWERCASE, CAPITAL_WORDS, "all-lowercase text has no capital words"},
            new String[] {CAPITAL, CAPITAL_WORDS, "in all-capital text every word is a capital word"},
            new String[] {LOWERCASE, LANGUAGE, "the case constraints require English"},
            new String[] {CAPITAL, LANGUAGE, "the case constraints require English"},
            new String[] {LOWERCASE, SECTIONS, "section markers are capitalized"},
            new String[] {CAPITAL, SECTIONS, "section markers are matched case-sensitively"},
            new String[] {LANGUAGE, CAPITAL_WORDS, "capital-word counts are about English text"},
            new String[] {LANGUAGE, KEYWORDS, "the keywords are English words"},
            new String[] {LANGUAGE, KEYWORD_FREQUENCY, "the keywords are English words"},
            new String[] {LANGUAGE, REPEAT_PROMPT, "the request to repeat is in English"},
            new String[] {LANGUAGE, END_PHRASE, "the end phrases are English"},
            new String[] {JSON, LANGUAGE, "JSON escapes hide the language"},
            new String[] {JSON, TITLE, "JSON output has no title line"},
            new String[] {JSON, BULLETS, "JSON output has no markdown bullets"},
            new String[] {JSON, SECTIONS, "JSON output has no section markers"},
            new String[] {JSON, POSTSCRIPT, "nothing may follow the JSON value"},
            new String[] {JSON, END_PHRASE, "nothing may follow the JSON value"},
            new String[] {JSON, QUOTATION, "the JSON value cannot also be wrapped in quotes"},
            new String[] {JSON, TWO_RESPONSES, "two responses are not one JSON value"},
            new String[] {JSON, REPEAT_PROMPT, "the repeated request would precede the JSON value"},
            new String[] {JSON, PARAGRAPHS, "JSON output has no paragraph dividers"},
            new String[] {JSON, NTH_PARAGRAPH, "JSON output has no paragraphs"},
            new String[] {JSON, SENTENCES, "sentences inside a JSON string are not what a reader counts"},
            new String[] {QUOTATION, TWO_RESPONSES, "two responses cannot be one quoted response"},
            new String[] {QUOTATION, REPEAT_PROMPT, "the response must start with the repeated request, not a quote"},
            new String[] {TWO_RESPONSES, PARAGRAPHS, "the ****** separator contains the *** paragraph divider"},
            new String[] {TWO_RESPONSES, NTH_PARAGRAPH, "paragraph positions are ambiguous across two responses"},
            new String[] {PARAGRAPHS, NTH_PARAGRAPH, "the two define paragraphs differently (*** versus blank lines)"},
            new String[] {SECTIONS, NTH_PARAGRAPH, "section markers would be the first word of the paragraphs"});

    private static final Map<String, Set<String>> CONFLICTS = new HashMap<>();

    static {
        for (String[] pair : FORBIDDEN) {
            CONFLICTS.computeIfAbsent(pair[0], k -> new TreeSet<>()).add(pair[1]);
            CONFLICTS.computeIfAbsent(pair[1], k -> new TreeSet<>()).add(pair[0]);
        }
    }

    public static boolean compatible(String a, String b) {
        return !a.equals(b) && !CONFLICTS.getOrDefault(a, Set.of()).contains(b);
    }

    /** The reason the pair is forbidden, or null when it is allowed. */
    public static String reason(String a, String b) {
        for (String[] pair : FORBIDDEN) {
            if ((pair[0].equals(a) && pair[1].equals(b)) || (pair[0].equals(b) && pair[1].equals(a))) return pair[2];
        }
        return null;
    }
}
