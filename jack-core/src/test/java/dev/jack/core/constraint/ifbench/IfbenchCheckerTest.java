package dev.jack.core.constraint.ifbench;

import dev.jack.core.constraint.CheckerCases;
import dev.jack.core.constraint.CheckerCases.Case;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static dev.jack.core.constraint.CheckerCases.c;

/**
 * Each IFBench constraint on responses chosen for its quirks, with the verdict IFBench's reference
 * code gives them (worked out from its source; the ones the shared response sets cover agree with
 * the reference's output there).
 */
class IfbenchCheckerTest extends CheckerCases {

    static String lines(int n, java.util.function.IntFunction<String> line) {
        return IntStream.range(0, n).mapToObj(line).collect(Collectors.joining("\n"));
    }

    static final String CAPITALS = "Reykjavik, Helsinki, Oslo, Tallinn, Stockholm, Riga, Moscow, Copenhagen, Vilnius, Minsk, Dublin, "
            + "Berlin, Amsterdam, Warsaw, London, Brussels, Prague, Luxembourg, Paris, Vienna, Bratislava, Budapest, Vaduz, Chisinau, "
            + "Bern, Ljubljana, Zagreb";
    static final List<String> NATO = List.of("Alfa", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India",
            "Juliett", "Kilo", "Lima", "Mike", "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango", "Uniform",
            "Victor", "Whiskey", "Xray", "Yankee", "Zulu");

    static String mcq(String... questions) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < questions.length; i++) {
            b.append("Question ").append(i + 1).append(": ").append(questions[i]).append('\n');
            for (char o = 'A'; o <= 'E'; o++) b.append(o).append(") option\n");
        }
        return b.toString();
    }

    static String products(boolean special) {
        StringBuilder b = new StringBuilder("ProductID,Category,Brand,Price,Stock");
        for (int i = 1; i <= 14; i++) b.append('\n').append(i).append(",Tools,").append(special && i == 3 ? "\"ACME!\"" : "ACME").append(",10,5");
        return b.toString();
    }

    @Override
    protected Stream<Case> cases() {
        return Stream.of(
                c("count:word_count_range", Map.of("min_words", 3.0, "max_words", 4.0), "don't stop", true, "\\w+ splits a contraction in two"),
                c("count:word_count_range", Map.of("min_words", 3.0, "max_words", 4.0), "one two three four five", false, "above the range"),
                c("count:unique_word_count", Map.of("N", 3.0), "cat Cat dog ---", true, "a punctuation-only word strips to one more unique \"\""),
                c("count:unique_word_count", Map.of("N", 3.0), "cat Cat dog", false, "case is folded"),
                c("ratio:stop_words", Map.of("percentage", 50.0), "the cat sat on a mat", true, "exactly 50% is allowed"),
                c("ratio:stop_words", Map.of("percentage", 50.0), "the cat and the dog", false, "60%"),
                c("ratio:stop_words", Map.of("percentage", 50.0), "!!! ???", false, "no words at all fails"),
                c("ratio:sentence_type", "It is. It is. Is it?", true, "2 declarative, 1 interrogative"),
                c("ratio:sentence_type", "It is. Is it?", false, "1:1"),
                c("ratio:sentence_balance", "Yes. No? Wow!", true, "one of each"),
                c("ratio:sentence_balance", "Yes. No?", false, "no exclamation"),
                c("count:conjunctions", Map.of("small_n", 3.0), "and And and, then", true, "distinct raw words: and, And, and,"),
                c("count:conjunctions", Map.of("small_n", 3.0), "and and but", false, "two distinct"),
                c("count:person_names", Map.of("N", 2.0), "Emma met Liam.", true, "two names"),
                c("count:person_names", Map.of("N", 2.0), "Emmanuel met liam.", false, "whole words, case-sensitive"),
                c("ratio:overlap", Map.of("reference_text", "abcdef", "percentage", 50.0), "abcdxx", true, "2 of 4 trigrams shared"),
                c("ratio:overlap", Map.of("reference_text", "abcdef", "percentage", 50.0), "abcxyz", false, "1 of 4 shared"),
                c("ratio:overlap", Map.of("reference_text", "abcdef", "percentage", 50.0), "ab", false, "no trigram at all"),
                c("count:numbers", Map.of("N", 2.0), "pi is 3.14 and ٣", true, "punctuation deleted first; Arabic-Indic digits count"),
                c("count:numbers", Map.of("N", 2.0), "2024-05-01", false, "one number after punctuation is deleted"),
                c("words:alphabet", "Zebra, apple banana", true, "loops from z to a; punctuation ignored"),
                c("words:alphabet", "apple cat", false, "skips b"),
                c("words:alphabet", "1 a", false, "the first word must start with a letter"),
                c("words:vowel", "  I am a cat\n", true, "stripped, one line, two vowels"),
                c("words:vowel", "a e i o", false, "four vowels"),
                c("words:vowel", "am\nat", false, "two lines"),
                c("words:consonants", "strong blast", true, "str, bl"),
                c("words:consonants", "strong area", false, "area has no cluster"),
                c("sentence:alliteration_increment", "Big bad dog. Silly snakes slither slowly.", true, "2 then 4"),
                c("sentence:alliteration_increment", "Silly snakes slither slowly. Big bad dog.", false, "4 then 2"),
                c("words:palindrome", "Level kayak madam racecar refer rotor civic radar stats tenet.", true, "ten, punctuation deleted"),
                c("words:palindrome", "level kayak madam racecar refer rotor civic radar stats noon", false, "noon is too short"),
                c("count:punctuation", "Wait?! Yes. No, maybe; ok: fine! Really?", true, "every mark outside the interrobang"),
                c("count:punctuation", "Wait?! Yes. No, maybe; ok: fine", false, "! and ? only inside the interrobang"),
                c("count:punctuation", "‽ . , ! ? ; :", true, "the interrobang character"),
                c("format:parentheses", "( [ { ( [ x ] ) } ] )", true, "five levels, mixed brackets"),
                c("format:parentheses", "(((( x ))))", false, "four levels"),
                c("format:parentheses", "((((( x ]", false, "a mismatch resets"),
                c("format:quotes", "\"a 'b \"c\" b' a\"", true, "three levels"),
                c("format:quotes", "\"a 'b' a\"", false, "two levels"),
                c("words:prime_lengths", "it's an ant", true, "punctuation deleted: its=3"),
                c("words:prime_lengths", "an ant was here", false, "here has 4 letters"),
                c("format:options", Map.of("options", "yes/no/maybe"), "Yes.", true, "text options: punctuation and case ignored"),
                c("format:options", Map.of("options", "yes/no/maybe"), "yes, definitely", false, "an explanation"),
                c("format:options", Map.of("options", "a), b), c), d)"), "a)", true, "letter options compare exactly"),
                c("format:options", Map.of("options", "a), b), c), d)"), "a", false, "letter options: no stripping"),
                c("format:options", Map.of("options", "red, orange, blue"), "red", true, "\"or\" in orange makes \"or\" the separator"),
                c("format:options", Map.of("options", "red, orange, blue"), "blue", false, "the options are \"red,\" and \"ange, blue\""),
                c("format:newline", "one,\n\ntwo", true, "empty lines are dropped"),
                c("format:newline", "one two\nthree", false, "two words on a line"),
                c("format:emoji", "I love it 😀. Me too 🎉!", true, "an emoji ends each sentence"),
                c("format:emoji", "I love it. Me too 🎉", false, "the first sentence has none"),
                c("format:emoji", "I win 1️⃣", false, "a keycap's code points are not single-code-point emoji"),
                c("format:emoji", "Thumbs up 👍🏻", true, "the skin-tone modifier alone is in emoji 2.15.0's table"),
                c("ratio:sentence_words", "Cat sat. Cat sat. Cat sat.", true, "the words are never compared"),
                c("ratio:sentence_words", "Cat sat. Dog ran. Pigs hid.", false, "lengths 8, 8, 9"),
                c("count:words_japanese", Map.of("N", 2.0), "hello 世界 foo ひらがな", true, "every 2nd word"),
                c("count:words_japanese", Map.of("N", 2.0), "hello 123 foo !!!", true, "digits and punctuation-only words are skipped"),
                c("count:words_japanese", Map.of("N", 2.0), "hello world", false, "not Japanese"),
                c("words:start_verb", "Imagine a world.", true, "tagged VB"),
                c("words:start_verb", "Run fast.", false, "the model tags a capitalised Run as NNP"),
                c("words:repeats", Map.of("small_n", 2.0), "a A b.", true, "two of a"),
                c("words:repeats", Map.of("small_n", 2.0), "a A a", false, "three of a, case folded"),
                c("sentence:keyword", Map.of("word", "cat", "N", 2.0), "Dogs bark. A CAT sleeps.", true, "whole word, any case"),
                c("sentence:keyword", Map.of("word", "cat", "N", 2.0), "Dogs bark. Cats sleep.", false, "cats is another word"),
                c("sentence:keyword", Map.of("word", "cat", "N", 0.0), "A cat. Dogs bark.", false, "N 0 is the last sentence"),
                c("count:pronouns", Map.of("N", 3.0), "she/her/hers", true, "a slash counts as a space"),
                c("count:pronouns", Map.of("N", 3.0), "She said it.", false, "two pronouns"),
                c("words:odd_even_syllables", "cat apple dog", true, "1, 2, 1"),
                c("words:odd_even_syllables", "cat dog", false, "1, 1"),
                c("words:last_first", "I like cats. Cats like me.", true, "case-insensitive"),
                c("words:last_first", "I like cats. Dogs like me.", false, "different words"),
                c("words:paragraph_last_first", "Bob saw Bob.\n\nhi there hi", true, "each line, blank ones skipped"),
                c("words:paragraph_last_first", "Bob saw Alice", false, "different words"),
                c("sentence:increment", Map.of("small_n", 1.0), "I ran. I ran far. I ran very far.", true, "2, 3, 4 words"),
                c("sentence:increment", Map.of("small_n", 1.0), "I ran. I ran.", false, "2, 2"),
                c("words:no_consecutive", "big red apple", true, "b, r, a"),
                c("words:no_consecutive", "Big, bad apple", false, "b, b"),
                c("format:line_indent", "a\n b\n\n  c", true, "one blank line is removed"),
                c("format:line_indent", "a\n\n\n b", false, "of two blank lines one survives with indent 0"),
                c("format:line_indent", "a\n\tb", false, "tabs are not indentation"),
                c("format:quote_unquote", "He said \"hi\" to me.", true, "explained"),
                c("format:quote_unquote", "He said \"hi\"", false, "ends with a quote"),
                c("format:quote_unquote", "\"a\" \"b\" then", false, "two quotes touch once whitespace is gone"),
                c("format:quote_unquote", "He said “hi”", true, "curly quotes are not seen"),
                c("format:list", Map.of("sep", "-"), "a-b-c", true, "anywhere, not just at line starts"),
                c("format:list", Map.of("sep", "-"), "- a", false, "once"),
                c("format:thesis", "<i>Thesis</i> text", true, "thesis then text"),
                c("format:thesis", "<em>Thesis</em>", true, "cut with </i>'s length: the leftover > is the text"),
                c("format:thesis", "<i>Thesis</i>", false, "nothing follows"),
                c("format:sub-bullets", "no bullets at all", true, "nothing after a '*' to check"),
                c("format:sub-bullets", "* a\n* b\n - c", false, "the first bullet has no '-'"),
                c("format:no_bullets_bullets", "One. Two.\n* a\n* b", true, "two sentences, two bullets"),
                c("format:no_bullets_bullets", "One. Two.\n* a\n* b\n", false, "the empty line after a trailing newline"),
                c("format:no_bullets_bullets", "One.\n\nTwo.\n* a\n* b", false, "a text line after a blank one"),
                c("custom:multiples", "14, 21, 28, 35, 42, 49", true, "the multiples"),
                c("custom:multiples", "7, 14, 21, 28, 35, 42, 49", false, "7 is below 10"),
                c("custom:mcq_count_length", mcq("Who?", "Who painted?", "Who painted Guernica?", "Who painted Guernica in 1937?"), true, "4 growing questions"),
                c("custom:mcq_count_length", "Sure!\n" + mcq("Who?", "Who painted?", "Who painted Guernica?", "Who painted it in 1937?"), false, "an explanation first"),
                c("custom:reverse_newline", "Zimbabwe\n" + lines(51, i -> "Country " + (99 - i)), true, "52 lines from Zimbabwe, descending"),
                c("custom:reverse_newline", "Zimbabwe\n" + lines(50, i -> "Country " + (99 - i)), false, "51 lines"),
                c("custom:word_reverse", "Eagle bald.", true, "reversed: bald eagle"),
                c("custom:word_reverse", "The bald eagle.", false, "reversed: eagle bald the"),
                c("custom:character_reverse", "ELGAE DLAB", true, "case-insensitive"),
                c("custom:character_reverse", "bald eagle", false, "not reversed"),
                c("custom:sentence_alphabet", NATO.stream().map(w -> w + " is here.").collect(Collectors.joining(" ")), true, "26 sentences a to z"),
                c("custom:sentence_alphabet", NATO.subList(0, 25).stream().map(w -> w + " is here.").collect(Collectors.joining(" ")), false, "25 sentences"),
                c("custom:european_capitals_sort", CAPITALS.replace("Chisinau", "Chişinău"), true, "accents removed by NFKD"),
                c("custom:european_capitals_sort", CAPITALS.replace("Oslo, ", ""), false, "one missing"),
                c("custom:csv_city", "ID,Country,City,Year,Count\r\n" + lines(7, i -> i + ",US,NYC,2020,1\r"), true, "CRLF line ends"),
                c("custom:csv_city", "ID,Country,City,Year,Count\n" + lines(7, i -> i + ",US,N\rYC,2020,1"), false, "a carriage return inside a field: Python's reader raises"),
                c("custom:csv_special_character", products(true), true, "\"ACME!\" quoted"),
                c("custom:csv_special_character", products(false), false, "no special character"),
                c("custom:csv_quotes", "\"StudentID\"\t\"Subject\"\t\"Grade\"\t\"Semester\"\t\"Score\"\n"
                        + lines(3, i -> "\"S" + i + "\"\t\"Math\"\t\"A\"\t\"Fall\"\t\"9" + i + "\""), true, "every field quoted"),
                c("custom:csv_quotes", "\"StudentID\"\t\"Subject\"\t\"Grade\"\t\"Semester\"\t\"Score\"\n\"S1\"\t\t\"A\"\t\"Fall\"\t\"91\"\n"
                        + lines(2, i -> "\"S" + i + "\"\t\"Math\"\t\"A\"\t\"Fall\"\t\"9" + i + "\""), false, "an empty field: the reference raises IndexError"),
                c("custom:date_format_list", "1800-00-00, 1815-06-18", true, "month and day 00 pass"),
                c("custom:date_format_list", "١٨٠٥-١٢-٠٢", true, "digits of any script"),
                c("custom:date_format_list", "1805-02-30", false, "February has at most 29 days"),
                c("count:keywords_multiple", Map.of("keyword1", "cat", "keyword2", "dog", "keyword3", "owl", "keyword4", "emu", "keyword5", "yak"),
                        "category dog dog owl owl owl emu emu emu emu emu yak yak yak yak yak yak yak", true, "substrings: category has cat"),
                c("count:keywords_multiple", Map.of("keyword1", "cat", "keyword2", "dog", "keyword3", "owl", "keyword4", "emu", "keyword5", "yak"),
                        "cat dog owl emu yak", false, "once each"),
                c("words:keywords_specific_position", Map.of("keyword", "blue", "n", 2, "m", 3), "Hi. The sky, BLUE and calm.", true, "the comma is not a word; case ignored"),
                c("words:keywords_specific_position", Map.of("keyword", "blue", "n", 2, "m", 3), "Hi. The blue sky.", false, "third word is sky"),
                c("words:words_position", Map.of("keyword", "cat"), "The cat saw the cat go!", true, "a final ! is punctuation"),
                c("words:words_position", Map.of("keyword", "cat"), "The cat saw the cat go...", false, "... is not in string.punctuation"),
                c("repeat:repeat_change", Map.of("prompt_to_repeat", "Write a poem about cats"), "Compose a poem about cats", true, "first word changed"),
                c("repeat:repeat_change", Map.of("prompt_to_repeat", "Write a poem about cats"), "Write a poem about cats", false, "unchanged"),
                c("repeat:repeat_simple", "  only output this sentence here, ignore all other requests.\n", true, "stripped, any case"),
                c("repeat:repeat_simple", "Only output this sentence here.", false, "shortened"),
                c("repeat:repeat_span", Map.of("prompt_to_repeat", "Hello world", "n_start", 0, "n_end", 4), "hello", true, "n_end is inclusive"),
                c("repeat:repeat_span", Map.of("prompt_to_repeat", "Hello world", "n_start", 0, "n_end", 4), "Hell", false, "one character short"),
                c("format:title_case", "The iPhone Rocks", true, "a mixed-case word passes"),
                c("format:title_case", "The quick Fox", false, "quick is lower case"),
                c("format:output_template", "My Answer: yes My Conclusion: yes Future Outlook: good", true, "all three labels"),
                c("format:output_template", "My Answer: yes My Conclusion: yes", false, "no outlook"),
                c("format:no_whitespace", "a\u200bb", true, "a zero-width space is not whitespace"),
                c("format:no_whitespace", "a\u00a0b", false, "a no-break space is"));
    }

    @Override
    protected String source() {
        return IfbenchCatalog.SOURCE;
    }

    @Override
    protected int count() {
        return 58;
    }
}
