package dev.jack.core.constraint;

import dev.jack.core.text.PunktParameters;
import dev.jack.core.text.TextTools;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The spans and edits of IFEvalG's constraints and of the IFBench constraints that have them, on hand-made responses,
 * one that fails and one that passes where it tells something: the verdict, the spans (as the text each covers, an
 * empty span as {@code @start}), and every edit offered (a repair for a failed response, a break for a passed one) with
 * its edited text, each of which flips the verdict.
 */
class CatalogSpansTest {
    static final TextTools TEXT = new TextTools(PunktParameters::english);

    /** Checks the verdict, the spans shown as text, and the edits as operation, edited text, operation, ... */
    private static void check(String id, Map<String, ?> kwargs, String response, boolean followed, List<String> spans, List<String> edits) {
        Constraint c = ConstraintRegistry.create(id, kwargs);
        String where = id + " on \"" + response + "\"";
        assertEquals(followed, c.isFollowedBy(response, TEXT), where);
        List<String> shown = new ArrayList<>();
        for (Span s : c.spans(response, TEXT)) shown.add(s.start() == s.end() ? "@" + s.start() : response.substring(s.start(), s.end()));
        assertEquals(spans, shown, where);
        List<String> made = new ArrayList<>();
        for (Edit e : followed ? c.breaks(response, TEXT) : c.repairs(response, TEXT)) {
            made.add(e.operation());
            made.add(e.response());
            assertEquals(!followed, c.isFollowedBy(e.response(), TEXT), where + ": " + e);
        }
        assertEquals(edits, made, where);
    }

    @Test
    void ifevalg() {
        check("punctuation:punctuation_dot", Map.of(), "No dots here!", true,
                List.of(),
                List.of("add_dot", "No dots here!."));
        check("punctuation:punctuation_dot", Map.of(), "Pi is 3.14. Yes.", false,
                List.of(".", ".", "."),
                List.of("remove_dots", "Pi is 314 Yes"));
        check("punctuation:punctuation_exclamation", Map.of(), "Calm down.", true,
                List.of(),
                List.of("add_exclamation_mark", "Calm down!"));
        check("punctuation:punctuation_exclamation", Map.of(), "Wow! Great!", false,
                List.of("!", "!"),
                List.of("replace_exclamation_marks", "Wow. Great.", "remove_exclamation_marks", "Wow Great"));
        check("count:lowercase_counting", Map.of("N", 2), "Hello big world", true,
                List.of("big", "world"),
                List.of("add_sentences", "Hello big world the idea is simple and easy to follow."));
        check("count:lowercase_counting", Map.of("N", 2), "a b c d", false,
                List.of("c", "d"),
                List.of("capitalize_words", "a b C D", "remove_sentences", ""));
        check("letters:letter_counting", Map.of("N", 5, "relation", "less than"), "abc def", false,
                List.of("ef"),
                List.of("remove_sentences", ""));
        check("letters:letter_counting", Map.of("N", 5, "relation", "at least"), "ab c", false,
                List.of("ab c", "@4"),
                List.of("add_sentences", "ab c the idea is simple and easy to follow."));
        check("letters:letter_counting2", Map.of("letter", "a", "let_frequency", 2, "let_relation", "less than"), "A banana", false,
                List.of("a", "a", "a"),
                List.of("remove_words_with_letter", "A"));
        check("keywords:word_count_different_numbers", Map.of("keyword", "dog", "frequency", 2, "relation", "at least"), "A dog. Another dog.", true,
                List.of("dog", "dog"),
                List.of("remove_keyword", "A dog. Another.", "remove_keyword", "A. Another dog."));
        check("keywords:word_once", Map.of("keyword", "cat"), "The cat sat.", true,
                List.of("cat"),
                List.of("remove_keyword", "The sat.", "add_keyword", "The cat sat. Picture the cat for a moment."));
        check("keywords:word_once", Map.of("keyword", "cat"), "A cat and a cat.", false,
                List.of("cat", "cat"),
                List.of("remove_keyword", "A cat and a."));
        check("count:count_increment_word", Map.of("keyword1", "cat", "keyword2", "dog"), "cat dog dog", true,
                List.of("cat", "dog", "dog"),
                List.of("change_keyword1", "dog dog", "change_keyword1", "cat dog dog picture the cat for a moment.", "change_keyword2", "cat dog", "change_keyword2", "cat dog dog the dog is part of the story too."));
        check("count:count_increment_word", Map.of("keyword1", "cat", "keyword2", "dog"), "A cat. A dog.", false,
                List.of("cat", "dog", "@13"),
                List.of("count_keywords", "A cat. A dog. Picture the dog for a moment."));
        check("keywords:exclude_word_harder", Map.of("keyword", "cat"), "A cat here and a cat there.", false,
                List.of("cat", "cat"),
                List.of("remove_keyword", "A here and a there."));
        check("keywords:exclude_word_harder", Map.of("keyword", "cat"), "Cats are fine.", true,
                List.of(),
                List.of("add_keyword", "Cats are fine. The cat deserves a mention here."));
        check("keywords:palindrome", Map.of(), "hello world", false,
                List.of("@11"),
                List.of("add_palindrome", "hello world we did it at noon."));
        check("keywords:palindrome", Map.of(), "We saw a level road", true,
                List.of("a", "level"),
                List.of("remove_palindromes", "We saw road"));
        check("first_word:first_word_answer", Map.of("first_word", "hello"), "Hello, world", false,
                List.of("Hello,"),
                List.of("remove_punctuation", "Hello world", "add_first_word", "hello Hello, world"));
        check("first_word:first_word_answer", Map.of("first_word", "hello"), "Hello world", true,
                List.of("Hello"),
                List.of("add_colon", "Hello: world", "add_first_word", "Well Hello world"));
        check("last_word:last_word_answer", Map.of("last_word", "done"), "All done.", true,
                List.of("done."),
                List.of("add_sentence", "All done. The idea is simple and easy to follow.", "add_sentence", "All done. Many people find this helpful in daily life."));
        check("last_word:last_word_answer", Map.of("last_word", "done"), "Not yet.", false,
                List.of("yet."),
                List.of("add_last_word", "Not yet. Done."));
        check("first_word:first_word_sent", Map.of("first_word", "I"), "I ran. You sat.", false,
                List.of("I", "You"),
                List.of("add_first_words", "I ran. I You sat."));
        check("first_word:first_word_sent", Map.of("first_word", "I"), "I ran. I sat.", true,
                List.of("I", "I"),
                List.of("add_sentence", "The idea is simple and easy to follow. I ran. I sat.", "add_sentence", "I ran. I sat. The idea is simple and easy to follow.", "add_sentence", "Many people find this helpful in daily life. I ran. I sat.", "add_sentence", "I ran. I sat. Many people find this helpful in daily life."));
        check("last_word:last_word_sent", Map.of("last_word", "end"), "The end. Not here.", false,
                List.of("end.", "here."),
                List.of("add_last_words", "The end. Not here end."));
        check("keywords:keyword_specific_position", Map.of("keyword", "blue", "n", 2, "m", 3), "Hi. The sky Blue is nice.", false,
                List.of("Blue"),
                List.of("replace_word", "Hi. The sky blue is nice.", "add_sentence", "Hi. We all blue here. The sky Blue is nice."));
        check("keywords:keyword_specific_position", Map.of("keyword", "blue", "n", 2, "m", 3), "Hi. The sky blue is nice.", true,
                List.of("blue"),
                List.of("add_sentence", "The idea is simple and easy to follow. Hi. The sky blue is nice.", "add_sentence", "Many people find this helpful in daily life. Hi. The sky blue is nice."));
        check("keywords:start_end", Map.of(), "Hello world hello.", false,
                List.of("Hello", "."),
                List.of("remove_final_punctuation", "Hello world hello", "add_first_word", "Hello world hello Hello"));
        check("keywords:start_end", Map.of(), "Hello world hello", true,
                List.of("Hello", "hello"),
                List.of("add_sentence", "Hello world hello The idea is simple and easy to follow."));
        check("count:count_unique", Map.of(), "Yes. No.", false,
                List.of("."),
                List.of("remove_repeats", "Yes. No"));
        check("count:count_unique", Map.of(), "I like cats", true,
                List.of("I like cats"),
                List.of("repeat_word", "I like cats I"));
        check("paragraphs:paragraphs", Map.of(), "One\n***\nTwo\n***\nThree", false,
                List.of("\n***\n", "\n***\n", "@21"),
                List.of("merge_paragraphs", "One\n***\nTwo Three"));
        check("paragraphs:paragraphs", Map.of(), "One\n***\nTwo", true,
                List.of("\n***\n"),
                List.of("merge_paragraphs", "One Two", "add_paragraph", "One\n***\nTwo\n\n***\n\nThe idea is simple and easy to follow."));
        check("paragraphs:paragraphs2", Map.of(), "One.\n\nTwo.\n\nThree.", false,
                List.of("\n\n", "\n\n", "@18"),
                List.of("merge_paragraphs", "One.\n\nTwo.\nThree."));
        check("paragraphs:paragraphs2", Map.of(), "One. Two. Three.", false,
                List.of("@16"),
                List.of("split_paragraph", "One.\n\nTwo. Three.", "add_paragraph", "One. Two. Three.\n\nThe idea is simple and easy to follow."));
        check("count:counting_composition", Map.of("n_sent", 1, "n_words", 3), "I ran. *** You ran. *** We ran.", true,
                List.of(" *** ", " *** "),
                List.of("add_sentence", "I ran. *** You ran. *** We ran. The idea is simple and easy to follow."));
        check("detectable_format:square_brackets", Map.of(), "[a] b [c]", false,
                List.of("b"),
                List.of("wrap_words", "[a] [b] [c]"));
        check("detectable_format:square_brackets", Map.of(), "[a] [b]", true,
                List.of("[a] [b]"),
                List.of("unwrap_word", "[a] b", "add_word", "[a] [b] done"));
        check("detectable_format:bigram_wrapping", Map.of(), "<<I am>> at home", false,
                List.of("at home"),
                List.of("wrap_pairs", "<<I am>> <<at home>>"));
        check("detectable_format:bigram_wrapping", Map.of(), "<<I am>> <<at home>>", true,
                List.of("<<I am>> <<at home>>"),
                List.of("unwrap_pair", "I am>> <<at home>>", "add_pair", "<<I am>> <<at home>> all done"));
        check("keywords:no_adjacent_consecutive", Map.of(), "apple banana cherry", false,
                List.of("apple banana", "banana cherry"),
                List.of("remove_words", "apple cherry"));
        check("keywords:no_adjacent_consecutive", Map.of(), "apple cherry", true,
                List.of("apple cherry"),
                List.of("add_sentence", "apple cherry just keep going."));
        check("detectable_format:sentence_hyphens", Map.of(), "I ran. - She sat.", false,
                List.of("I ran. "),
                List.of("join_with_hyphens", "I ran.-She sat."));
        check("detectable_format:sentence_hyphens", Map.of(), "I ran.-She sat.", true,
                List.of("-"),
                List.of("space_after_hyphen", "I ran.- She sat.", "add_sentence", "I ran.-She sat. The idea is simple and easy to follow."));
        check("copy:copying_simple", Map.of("prompt_to_repeat", "Tell me a joke."), "Tell me a joke. Why?", false,
                List.of(" Why?"),
                List.of("replace_with_copy", "Tell me a joke."));
        check("copy:copy", Map.of("prompt_to_repeat", "Say hi."), "say hi.", true,
                List.of("say hi."),
                List.of("add_sentence", "say hi. the idea is simple and easy to follow."));
        check("new:copy_span_idx", Map.of("prompt_to_repeat", "Hello world", "n_start", 0, "n_end", 5), "Hello there", false,
                List.of(" there"),
                List.of("replace_with_copy", "Hello"));
        check("copy:copying_multiple", Map.of("prompt_to_repeat", "Hi there", "N", 2), "Hi there\n******\nHi you", false,
                List.of("******", "Hi you"),
                List.of("replace_with_copies", "Hi there\n******\nHi there"));
        check("copy:repeat_phrase", Map.of("phrase", "The early bird catches the worm", "small_n", 2), "The early cat catches the worm.", false,
                List.of("The early cat catches the worm", "@31"),
                List.of("add_variations", "The early cat catches the worm. The early bird other the worm."));
        check("copy:repeat_phrase", Map.of("phrase", "The early bird catches the worm", "small_n", 1), "The early cat catches the worm.", true,
                List.of("The early cat catches the worm"),
                List.of("remove_variation", ".", "add_variation", "The early cat catches the worm. The early bird other the worm."));
    }

    @Test
    void ifbench() {
        check("count:word_count_range", Map.of("min_words", 2, "max_words", 3), "One two three four.", false,
                List.of("four"),
                List.of("remove_words", "One two three."));
        check("count:word_count_range", Map.of("min_words", 2, "max_words", 5), "One two three.", true,
                List.of("One two three"),
                List.of("remove_sentences", "", "add_sentences", "One two three. The idea is simple and easy to follow."));
        check("count:unique_word_count", Map.of("N", 3), "go go go", false,
                List.of("go go go", "@8"),
                List.of("add_sentences", "go go go The idea is simple and easy to follow."));
        check("count:conjunctions", Map.of("small_n", 2), "Tea and cake, and more.", false,
                List.of("and", "@23"),
                List.of("add_conjunctions", "Tea and cake, and more. It is simple and it is useful. It looks hard but it is not."));
        check("count:pronouns", Map.of("N", 2), "I think so.", false,
                List.of("I think so.", "@11"),
                List.of("add_pronouns", "I think so. We know this helps them."));
        check("count:numbers", Map.of("N", 2), "It cost 1,000 dollars in 2024, or 3.5 each.", false,
                List.of("1,000", "2024", "3.5"),
                List.of("remove_numbers", "It cost 1,000 dollars in 2024, or each."));
        check("count:numbers", Map.of("N", 1), "It took 3 days.", true,
                List.of("3"),
                List.of("remove_number", "It took days.", "add_number", "It took 3 days. It took 7 days."));
        check("count:punctuation", Map.of(), "What?! Yes.", false,
                List.of("?!", "@11", "@11", "@11", "@11", "@11"),
                List.of("add_marks", "What?! Yes. Really?! Yes: first, then the rest; all done. Why? Great!"));
        check("format:no_whitespace", Map.of(), "a b\n c", false,
                List.of(" ", "\n "),
                List.of("remove_whitespace", "abc"));
        check("format:no_whitespace", Map.of(), "abc", true,
                List.of(),
                List.of("add_space", "a bc"));
        check("format:newline", Map.of(), "one two\nthree", false,
                List.of("one two"),
                List.of("one_word_a_line", "one\ntwo\nthree"));
        check("format:newline", Map.of(), "one\ntwo", true,
                List.of("one\ntwo"),
                List.of("join_lines", "one two", "add_word", "one\ntwo done"));
        check("sentence:keyword", Map.of("word", "tea", "N", 2), "I like coffee. Milk is fine.", false,
                List.of("Milk is fine."),
                List.of("add_word", "I like coffee. Milk is fine tea.", "add_sentence", "I like coffee. It comes down to tea. Milk is fine."));
        check("sentence:keyword", Map.of("word", "tea", "N", 2), "I like coffee. Tea is fine.", true,
                List.of("Tea is fine."),
                List.of("remove_word", "I like coffee. is fine.", "add_sentence", "The idea is simple and easy to follow. I like coffee. Tea is fine."));
        check("words:palindrome", Map.of(), "level radar civic", false,
                List.of("level", "radar", "civic", "@17"),
                List.of("add_palindromes", "level radar civic Say level. Say radar. Say civic. Say kayak. Say refer. Say madam. Say rotor."));
        check("words:vowel", Map.of(), "The cat sat.", true,
                List.of("The cat sat."),
                List.of("add_sentence", "The cat sat. Education is our duty.", "add_line", "The cat sat.\nGo."));
        check("words:vowel", Map.of(), "The cat sat.\nOn it.", false,
                List.of("e", "a", "\n", "O", "i"),
                List.of());
        check("words:consonants", Map.of(), "Strong black go", false,
                List.of("go"),
                List.of("remove_words", "Strong black"));
        check("words:repeats", Map.of("small_n", 1), "Go go now.", false,
                List.of("go"),
                List.of("remove_repeats", "Go now."));
        check("words:prime_lengths", Map.of(), "The four cats.", false,
                List.of("four", "cats."),
                List.of("remove_words", "The"));
        check("words:no_consecutive", Map.of(), "Big bold cat.", false,
                List.of("Big bold"),
                List.of("remove_words", "Big cat."));
        check("words:no_consecutive", Map.of(), "A big cat.", true,
                List.of(),
                List.of("add_words", "A big cat. Big bold."));
        check("format:title_case", Map.of(), "The cat Sat on a mat.", false,
                List.of("cat", "on", "a", "mat"),
                List.of("capitalize_words", "The Cat Sat On A Mat."));
        check("format:title_case", Map.of(), "An iPhone Story.", true,
                List.of("An iPhone Story."),
                List.of("lowercase_word", "an iPhone Story."));
        check("format:options", Map.of("options", "yes/no/maybe"), "I think No, because it rains.", false,
                List.of("I think No, because it rains."),
                List.of("answer_with_option", "no"));
        check("format:options", Map.of("options", "yes/no/maybe"), " Maybe. ", true,
                List.of("Maybe."),
                List.of("add_explanation", " Maybe. That is my answer because it fits best. "));
        check("format:sub-bullets", Map.of(), "* Apples\n* Pears\n  - ripe", false,
                List.of("* Apples\n"),
                List.of("add_sub_bullets", "* Apples\n  - In more detail.\n* Pears\n  - ripe", "remove_asterisks", " Apples\n Pears\n  - ripe"));
        check("format:sub-bullets", Map.of(), "* Tea\n  - green", true,
                List.of("* Tea\n  - green"),
                List.of("add_bullet", "* Tea\n  - green\n* One more point."));
        check("sentence:increment", Map.of("small_n", 1), "I run. You run fast. Go.", false,
                List.of("Go."),
                List.of("remove_sentences", "I run. You run fast.", "remove_sentences", "Go."));
        check("sentence:increment", Map.of("small_n", 1), "I run. You run fast.", true,
                List.of("I run.", "You run fast."),
                List.of("add_sentence", "I run. You run fast. That is all."));
        check("repeat:repeat_change", Map.of("prompt_to_repeat", "Write a poem about cats."), "Write a poem about cats.", false,
                List.of("Write"),
                List.of("repeat_with_new_first_word", "Please a poem about cats."));
        check("repeat:repeat_change", Map.of("prompt_to_repeat", "Write a poem about cats."), "Compose a poem about dogs.", false,
                List.of("dogs."),
                List.of("repeat_with_new_first_word", "Please a poem about cats."));
        check("repeat:repeat_change", Map.of("prompt_to_repeat", "Write a poem about cats."), "Compose a poem about cats.", true,
                List.of("Compose a poem about cats."),
                List.of("add_sentence", "Compose a poem about cats. That is all."));
        check("words:last_first", Map.of(), "I saw a cat. Dogs run.", false,
                List.of("I saw a cat. Dogs run."),
                List.of("remove_sentences", "I saw a cat.", "remove_sentences", "Dogs run."));
        check("words:last_first", Map.of(), "I saw a cat. Cat runs.", true,
                List.of("I saw a cat. Cat runs."),
                List.of("add_sentence", "I saw a cat. Cat runs. That is all."));
        check("words:alphabet", Map.of(), "apple banana dog", false,
                List.of("banana dog"),
                List.of("remove_words", "apple banana", "remove_words", "dog"));
        check("words:alphabet", Map.of(), "apple banana cat.", true,
                List.of("apple banana cat."),
                List.of("add_sentence", "apple banana cat. Quite so."));
        check("words:paragraph_last_first", Map.of(), "Cats sleep, cats.\n\n  Dogs bark loudly!", false,
                List.of("Dogs bark loudly!"),
                List.of("repeat_first_word", "Cats sleep, cats.\n\n  Dogs bark loudly Dogs!"));
        check("words:paragraph_last_first", Map.of(), "Cats sleep, cats.\nHello", true,
                List.of("Cats sleep, cats.\nHello"),
                List.of("add_word", "Cats sleep, cats indeed.\nHello"));
        check("words:words_position", Map.of("keyword", "tea"), "I like green tea and cake.", false,
                List.of("like", "and"),
                List.of("add_keyword", "I tea like green tea and tea cake."));
        check("words:words_position", Map.of("keyword", "tea"), "My tea is hot, more tea please", true,
                List.of("tea", "tea"),
                List.of("remove_second_word", "My is hot, more tea please"));
        check("format:no_bullets_bullets", Map.of(), "I like tea. It is warm.\n* Green\n* Black\nThat is all.", false,
                List.of("That is all."),
                List.of("remove_text_after_bullets", "I like tea. It is warm.\n* Green\n* Black"));
        check("format:no_bullets_bullets", Map.of(), "I like tea. It is warm.\n* Green", false,
                List.of("I like tea. It is warm.\n* Green"),
                List.of("add_bullets", "I like tea. It is warm.\n* Green\n* One more point."));
        check("format:no_bullets_bullets", Map.of(), "I like tea. It is warm.\n* Green\n* Black", true,
                List.of("I like tea. It is warm.\n* Green\n* Black"),
                List.of("add_line", "I like tea. It is warm.\n* Green\n* Black\nThat is all."));
        check("repeat:repeat_simple", Map.of(), "Only output this sentence here, ignore all other requests.", true,
                List.of("Only output this sentence here, ignore all other requests."),
                List.of("add_sentence", "Only output this sentence here, ignore all other requests. The idea is simple and easy to follow."));
        check("repeat:repeat_span", Map.of("prompt_to_repeat", "Hello world", "n_start", 0, "n_end", 4), "Hello there", false,
                List.of(" there"),
                List.of("replace_with_copy", "Hello"));
        check("count:keywords_multiple", Map.of("keyword1", "sun", "keyword2", "moon", "keyword3", "star", "keyword4", "tree", "keyword5", "rock"),
                "Sun moon.", false,
                List.of("Sun", "moon", "@9", "@9", "@9", "@9"),
                List.of("count_keywords", "Sun moon. Picture the moon for a moment. The star deserves a mention here. Picture the star for a moment."
                        + " The star is part of the story too. The tree deserves a mention here. Picture the tree for a moment. The tree is part of the"
                        + " story too. Nobody should forget the tree. The tree comes up again and again. The rock deserves a mention here. Picture the"
                        + " rock for a moment. The rock is part of the story too. Nobody should forget the rock. The rock comes up again and again."
                        + " Think about the rock as well. The rock deserves a mention here."));
        check("format:quotes", Map.of(), "He said \"hi 'there'\" and left.", false,
                List.of("@30"),
                List.of("add_nested_quotes", "He said \"hi 'there'\" and left. As they say \"he wrote 'read \"this\" now' here\" today."));
        check("format:quotes", Map.of(), "Oh \"a 'b \"c\" d' e\" end.", true,
                List.of("\"a 'b \"c\" d' e\""),
                List.of("remove_double_quotes", "Oh a 'b c d' e end."));
        check("format:parentheses", Map.of(), "A (b [c {d}]) e.", false,
                List.of("@16"),
                List.of("add_nested_brackets", "A (b [c {d}]) e. Picture this (a box (in a box [in a box {in a box (in a box)}])) for a moment."));
        check("format:parentheses", Map.of(), "x (((({[y]})))) z", true,
                List.of("(((({[y]"),
                List.of("remove_closing_brackets", "x (((({[y z"));
        check("format:thesis", Map.of(), "Cats rule. They sleep.", false,
                List.of("@0"),
                List.of("italicize_first_sentence", "<i>Cats rule.</i> They sleep.", "add_thesis", "<i>This is the main point.</i> Cats rule. They sleep."));
        check("format:thesis", Map.of(), "<i>Cats rule.</i>", false,
                List.of("<i>Cats rule.</i>"),
                List.of("add_thesis", "<i>This is the main point.</i> <i>Cats rule.</i>"));
        check("format:thesis", Map.of(), "<em>Cats rule.</em> They sleep.", true,
                List.of("<em>Cats rule.</em>"),
                List.of("remove_italics", "Cats rule.</em> They sleep."));
        check("format:output_template", Map.of(), "My Answer: yes.\nFuture Outlook: bright.", false,
                List.of("My Answer:", "Future Outlook:", "@39"),
                List.of("add_labels", "My Answer: yes.\nFuture Outlook: bright.\n\nMy Conclusion: That sums it up."));
        check("format:output_template", Map.of(), "Yes.", false,
                List.of("@0", "@4", "@4"),
                List.of("add_labels", "My Answer: Yes.\n\nMy Conclusion: That sums it up.\n\nFuture Outlook: More may follow."));
        check("format:output_template", Map.of(), "My Answer: yes.\nMy Conclusion: so.\nFuture Outlook: good.", true,
                List.of("My Answer:", "My Conclusion:", "Future Outlook:"),
                List.of("remove_label", "My Answer: yes.\nMy Conclusion: so.\ngood.", "remove_label", "My Answer: yes.\nso.\nFuture Outlook: good.",
                        "remove_label", "yes.\nMy Conclusion: so.\nFuture Outlook: good."));
        check("format:list", Map.of("sep", "=>"), "Fruits:\n=> apples", false,
                List.of("=>", "@17"),
                List.of("add_items", "Fruits:\n=> apples\n=> The idea is simple and easy to follow."));
        check("format:list", Map.of("sep", "=>"), "Fruits:\n=> apples\n=> pears\n=> figs", true,
                List.of("=>", "=>", "=>"),
                List.of("remove_item_markers", "Fruits:\n=> apples\npears\nfigs", "remove_item_markers", "Fruits:\napples\npears\n=> figs"));
        check("format:line_indent", Map.of(), "One\n two\n  three\n four", false,
                List.of(" four"),
                List.of("indent_lines", "One\n two\n  three\n   four"));
        check("format:line_indent", Map.of(), "One\n\n two\n  three", true,
                List.of("One\n\n two\n  three"),
                List.of("add_line", "One\n\n two\n  three\nThat is all."));
        check("format:quote_unquote", Map.of(), "He said \"hi\" \"bye\" and left. She said \"no\".", false,
                List.of("\" \"", "\""),
                List.of("add_explanations", "He said \"hi\" which says it all \"bye\" and left. She said \"no\" which says it all."));
        check("format:quote_unquote", Map.of(), "The word \"calm\" means quiet.", true,
                List.of("The word \"calm\" means quiet."),
                List.of("add_quote_at_end", "The word \"calm\" means quiet. As they say \"that is it.\""));
        check("words:keywords_specific_position", Map.of("keyword", "tea", "n", 2, "m", 3), "I rest. We drink coffee daily.", false,
                List.of("coffee"),
                List.of("replace_word", "I rest. We drink tea daily."));
        check("words:keywords_specific_position", Map.of("keyword", "tea", "n", 2, "m", 3), "I rest. We drink tea daily.", true,
                List.of("tea"),
                List.of("remove_keyword", "I rest. We drink daily."));
        check("words:keywords_specific_position", Map.of("keyword", "tea", "n", 2, "m", 3), "I rest.", false,
                List.of("@7"),
                List.of());
        check("custom:multiples", Map.of(), "14, 21, 28, 35, 42, 49", true,
                List.of("14", "21", "28", "35", "42", "49"),
                List.of("remove_number", "14, 21, 28, 35, 42,"));
        check("custom:multiples", Map.of(), "14, 20, 28", false,
                List.of("20", "@10"),
                List.of("set_multiples", "14, 21, 28 35, 42, 49"));
        check("custom:date_format_list", Map.of(), "1790-01-02, 1900-01-01 , soon", false,
                List.of("1900-01-01", "soon"),
                List.of("remove_items", "1790-01-02"));
        check("custom:date_format_list", Map.of(), "1790-01-02, 1801-12-31", true,
                List.of("1790-01-02, 1801-12-31"),
                List.of("add_item", "1790-01-02, 1801-12-31, later"));
        check("format:emoji", Map.of(), "I am happy \uD83D\uDE0A. You are sad. \uD83D\uDE22 We go home.", false,
                List.of("\uD83D\uDE22 We go home."),
                List.of("add_emojis", "I am happy \uD83D\uDE0A. You are sad. \uD83D\uDE22 We go home \uD83D\uDE0A."));
        check("format:emoji", Map.of(), "I am happy \uD83D\uDE0A. We go home \uD83D\uDE0A!", true,
                List.of("I am happy \uD83D\uDE0A. We go home \uD83D\uDE0A!"),
                List.of("add_sentence", "I am happy \uD83D\uDE0A. We go home \uD83D\uDE0A! That is all."));
        check("custom:character_reverse", Map.of(), "A bald eagle flew.", false,
                List.of("@18"),
                List.of("add_reversed_phrase", "A bald eagle flew. Elgae dlab."));
        check("custom:character_reverse", Map.of(), ".welf Elgae dlab A", true,
                List.of("Elgae dlab"),
                List.of("remove_reversed_phrase", ".welf A"));
        check("words:start_verb", Map.of(), "The cat sleeps.", false,
                List.of("The"),
                List.of("add_opening", "Consider the small details first. The cat sleeps."));
        check("words:start_verb", Map.of(), "Take the train.", true,
                List.of("Take"),
                List.of("add_opening", "Here is my answer. Take the train."));
        check("count:person_names", Map.of("N", 2), "Emma met Emma and Bob.", false,
                List.of("Emma", "@22"),
                List.of("add_names", "Emma met Emma and Bob. Emma agrees. Liam agrees."));
        check("count:person_names", Map.of("N", 2), "Emma met Liam. They talked.", true,
                List.of("Emma", "Liam"),
                List.of("remove_sentences", "", "remove_sentences", "They talked."));
        check("count:words_japanese", Map.of("N", 2), "I \u6771\u4EAC go 2 to home.", false,
                List.of("home."),
                List.of("replace_words", "I \u6771\u4EAC go 2 to \u65E5\u672C"));
        check("count:words_japanese", Map.of("N", 2), "I \u6771\u4EAC go", true,
                List.of("I \u6771\u4EAC go"),
                List.of("add_english_word", "I no go"));
        check("ratio:stop_words", Map.of("percentage", 40), "The cat is on the mat.", false,
                List.of("The", "is", "on", "the"),
                List.of("add_content_words", "The cat is on the mat. Bright green apples ripen quickly.", "remove_stop_words", "The cat mat.",
                        "remove_stop_words", "cat the mat."));
        check("ratio:stop_words", Map.of("percentage", 40), "Bright cats sleep on warm mats.", true,
                List.of("on"),
                List.of("add_stop_words", "Bright cats sleep on warm mats. It is what it is."));
        check("ratio:sentence_type", Map.of(), "I run. You walk. We sit. Why?", false,
                List.of("I run.", "You walk.", "We sit.", "Why?"),
                List.of("add_sentences", "I run. You walk. We sit. Why? The idea is simple and easy to follow. Why does this matter so much?"));
        check("ratio:sentence_type", Map.of(), "I run. You walk. Why?", true,
                List.of("I run.", "You walk.", "Why?"),
                List.of("add_question", "I run. You walk. Why? Why does this matter so much?"));
        check("ratio:sentence_balance", Map.of(), "I run. Why? Go!", true,
                List.of("I run.", "Why?", "Go!"),
                List.of("add_question", "I run. Why? Go! Why does this matter so much?"));
        check("ratio:sentence_balance", Map.of(), "I run. You walk. Why?", false,
                List.of("I run.", "You walk.", "Why?"),
                List.of("add_sentences", "I run. You walk. Why? Why does this matter so much? What a good idea this is! This really works!"));
    }
}
