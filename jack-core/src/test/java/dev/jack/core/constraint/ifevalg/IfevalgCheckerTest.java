package dev.jack.core.constraint.ifevalg;

import dev.jack.core.constraint.CheckerCases;
import dev.jack.core.constraint.CheckerCases.Case;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.jack.core.constraint.CheckerCases.c;

/** Each IFEvalG constraint on responses chosen for its quirks, with the verdict open-instruct's checker gives them. */
class IfevalgCheckerTest extends CheckerCases {

    static final Map<String, Object> PHRASE = Map.of("phrase", "The early bird catches the worm", "small_n", 2);

    @Override
    protected Stream<Case> cases() {
        return Stream.of(
                c("copy:repeat_phrase", PHRASE, "The early cat catches the worm. The early dog catches the worm.", true, "two matches, one word changed in each"),
                c("copy:repeat_phrase", PHRASE, "The early bird catches the worm. The early dog catches the worm.", false, "an unchanged repetition"),
                c("copy:repeat_phrase", PHRASE, "The early cat catches the worm", false, "one match"),
                c("copy:copy", Map.of("prompt_to_repeat", "Say Hi."), "  say hi.\n", true, "stripped, any case"),
                c("copy:copy", Map.of("prompt_to_repeat", "Say Hi."), "Say Hi", false, "the dot is missing"),
                c("new:copy_span_idx", Map.of("prompt_to_repeat", "Hello world", "n_start", 0, "n_end", 5), "hello", true, "n_end is exclusive; 0 is the first character"),
                c("new:copy_span_idx", Map.of("prompt_to_repeat", "Hello world", "n_start", 0, "n_end", 5), "Hello ", true, "stripped"),
                c("new:copy_span_idx", Map.of("prompt_to_repeat", "Hello world", "n_start", 0, "n_end", 4), "hello", false, "one past the end"),
                c("detectable_format:sentence_hyphens", "I ran.-She sat.", true, "hyphen-joined sentences"),
                c("detectable_format:sentence_hyphens", "I ran. - She sat.", false, "spaces around the hyphen"),
                c("keywords:no_adjacent_consecutive", "apple cherry", true, "a then c"),
                c("keywords:no_adjacent_consecutive", "apple Banana", false, "a then b, case folded"),
                c("keywords:no_adjacent_consecutive", "İstanbul is", false, "İ lower-cases to two characters"),
                c("detectable_format:square_brackets", "[a] [b]", true, "each word"),
                c("detectable_format:square_brackets", "[a] b", false, "b is bare"),
                c("keywords:word_once", Map.of("keyword", "cat"), "Two CATS.", true, "a case-insensitive substring"),
                c("keywords:word_once", Map.of("keyword", "cat"), "cat and cat", false, "twice"),
                c("keywords:word_count_different_numbers", Map.of("keyword", "dog", "frequency", 2, "relation", "at least"), "dog DOG", true, "twice"),
                c("keywords:word_count_different_numbers", Map.of("keyword", "dog", "frequency", 2, "relation", "less than"), "dog DOG", false, "not less than 2"),
                c("keywords:exclude_word_harder", Map.of("keyword", "cat"), "cat here. a cat.", true, "never with a space on both sides"),
                c("keywords:exclude_word_harder", Map.of("keyword", "cat"), "a cat here", false, "spaces on both sides"),
                c("paragraphs:paragraphs", "*** a *** b", true, "a blank first piece does not count"),
                c("paragraphs:paragraphs", "a *** *** b", false, "a blank piece in between"),
                c("paragraphs:paragraphs2", "a\n\nb", true, "two paragraphs"),
                c("paragraphs:paragraphs2", "a\n\n\n\nb", false, "an empty paragraph in between"),
                c("first_word:first_word_sent", Map.of("first_word", List.of("I")), "I ran. i sat!", true, "a list gives its first word; case ignored"),
                c("first_word:first_word_sent", Map.of("first_word", "I"), "I ran. You sat.", false, "the second sentence"),
                c("first_word:first_word_answer", Map.of("first_word", "hello"), "Hello world", true, "case ignored"),
                c("first_word:first_word_answer", Map.of("first_word", "hello"), "Hello, world", false, "punctuation stays on the word"),
                c("last_word:last_word_sent", Map.of("last_word", "end"), "It is the end. This is the END!", true, "punctuation removed"),
                c("last_word:last_word_sent", Map.of("last_word", "end"), "It is the end. This is not.", false, "the second sentence"),
                c("last_word:last_word_answer", Map.of("last_word", "done"), "All done.", true, "punctuation removed"),
                c("last_word:last_word_answer", Map.of("last_word", "done"), "done deal", false, "not last"),
                c("detectable_format:bigram_wrapping", "<<I am>> <<at home>> dog", true, "a trailing odd word is never checked"),
                c("detectable_format:bigram_wrapping", "<<I am>> at home", false, "a bare pair"),
                c("copy:copying_simple", Map.of("prompt_to_repeat", "Tell me a joke."), "tell me a joke.", true, "any case"),
                c("copy:copying_simple", Map.of("prompt_to_repeat", "Tell me a joke."), "Tell me a joke. Why?", false, "answered"),
                c("copy:copying_multiple", Map.of("prompt_to_repeat", "Hi there", "N", 2), "Hi there\n******\nhi there", true, "two copies"),
                c("copy:copying_multiple", Map.of("prompt_to_repeat", "Hi there", "N", 2), "Hi there", false, "one copy"),
                c("punctuation:punctuation_dot", "No dots here!", true, "none"),
                c("punctuation:punctuation_dot", "3.14", false, "a decimal point is a dot"),
                c("punctuation:punctuation_exclamation", "Calm.", true, "none"),
                c("punctuation:punctuation_exclamation", "Wow!", false, "one"),
                c("count:lowercase_counting", Map.of("N", 2), "Hello héllo big world", true, "héllo is not [a-z]+"),
                c("count:lowercase_counting", Map.of("N", 2), "a b c", false, "three"),
                c("letters:letter_counting", Map.of("N", 5, "relation", "at least"), "ab-cd é e", true, "ASCII letters only: 5"),
                c("letters:letter_counting", Map.of("N", 5, "relation", "more than"), "abcdefgh", false, "another relation answers None"),
                c("letters:letter_counting2", Map.of("letter", "A", "let_frequency", 4, "let_relation", "at least"), "A banana", true, "the letter and the text lower-cased"),
                c("letters:letter_counting2", Map.of("letter", "a", "let_frequency", 4, "let_relation", "less than"), "A banana", false, "four"),
                c("count:counting_composition", Map.of("n_sent", 1, "n_words", 3), "I ran. *** You ran. *** We ran.", true, "the final dot is a word"),
                c("count:counting_composition", Map.of("n_sent", 1, "n_words", 3), "*** I ran. *** You ran. *** We ran.", false, "a blank first paragraph must still hold a sentence"),
                c("count:count_unique", "I like cats", true, "all different"),
                c("count:count_unique", "Yes. No.", false, "the dot token repeats"),
                c("count:count_increment_word", Map.of("keyword1", "cat", "keyword2", "dog"), "cat dog hotdog", true, "substrings count"),
                c("count:count_increment_word", Map.of("keyword1", "cat", "keyword2", "dog"), "cat dog", false, "dog once"),
                c("keywords:palindrome", "I think so", true, "I is a palindrome"),
                c("keywords:palindrome", "hello world", false, "none"),
                c("keywords:keyword_specific_position", Map.of("keyword", "blue", "n", 2, "m", 3), "Hi. The sky blue is nice.", true, "third token of the second sentence"),
                c("keywords:keyword_specific_position", Map.of("keyword", "blue", "n", 2, "m", 3), "Hi. The sky Blue is nice.", false, "case-sensitive"),
                c("keywords:start_end", "Hello world hello", true, "same word, any case"),
                c("keywords:start_end", "Hello world hello.", false, "the final dot is the last token"));
    }

    @Override
    protected String source() {
        return IfevalgCatalog.SOURCE;
    }

    @Override
    protected int count() {
        return 29;
    }
}
