package dev.jack.core.synth;

import java.util.List;
import java.util.Map;

import static dev.jack.core.synth.Ids.*;

/**
 * How each constraint is stated in a prompt: at least three wordings per constraint, with
 * {placeholders} filled from the constraint's parameters (see {@link Synthesizer}).
 */
final class Phrasings {
    private Phrasings() {}

    static final Map<String, List<String>> BY_ID = Map.ofEntries(
            Map.entry(KEYWORDS, List.of(
                    "Include the keywords {keywords} in your response.",
                    "Make sure your answer mentions {keywords}.",
                    "Your response must contain the words {keywords}.")),
            Map.entry(KEYWORD_FREQUENCY, List.of(
                    "The word \"{keyword}\" should appear {relation} {frequency} {times} in your response.",
                    "Use the word {keyword} {relation} {frequency} {times}.",
                    "In your answer, mention \"{keyword}\" {relation} {frequency} {times}.")),
            Map.entry(FORBIDDEN, List.of(
                    "Do not include the words {forbidden_words} in your response.",
                    "Avoid using the words {forbidden_words}.",
                    "Your answer must not contain the words {forbidden_words}.")),
            Map.entry(LETTER_FREQUENCY, List.of(
                    "In your response, the letter {letter} should appear {let_relation} {let_frequency} {times}.",
                    "Use the letter \"{letter}\" {let_relation} {let_frequency} {times}.",
                    "Make sure the letter {letter} appears {let_relation} {let_frequency} {times} in your answer.")),
            Map.entry(LANGUAGE, List.of(
                    "Your ENTIRE response should be in {language_name}, no other language is allowed.",
                    "Respond only in {language_name}.",
                    "Write your whole answer in {language_name}.")),
            Map.entry(SENTENCES, List.of(
                    "Your response should contain {relation} {num_sentences} {sentences}.",
                    "Answer in {relation} {num_sentences} {sentences}.",
                    "Use {relation} {num_sentences} {sentences} in your reply.")),
            Map.entry(PARAGRAPHS, List.of(
                    "There should be {num_paragraphs} {paragraphs}, separated with the markdown divider (***).",
                    "Write exactly {num_paragraphs} {paragraphs} and put *** between paragraphs.",
                    "Your answer must have {num_paragraphs} {paragraphs}; use *** as the divider between them.")),
            Map.entry(WORDS, List.of(
                    "Answer with {relation} {num_words} words.",
                    "Your response should be {relation} {num_words} words long.",
                    "Use {relation} {num_words} words.")),
            Map.entry(NTH_PARAGRAPH, List.of(
                    "There should be {num_paragraphs} {paragraphs}, separated by blank lines, and paragraph {nth_paragraph} must start with the word \"{first_word}\".",
                    "Write {num_paragraphs} {paragraphs} separated by two new lines. Start paragraph {nth_paragraph} with the word {first_word}.",
                    "Your answer needs {num_paragraphs} {paragraphs} divided by empty lines; paragraph {nth_paragraph} has to begin with \"{first_word}\".")),
            Map.entry(PLACEHOLDERS, List.of(
                    "The response must contain at least {num_placeholders} {placeholders} in square brackets, such as [address].",
                    "Include at least {num_placeholders} {placeholders} like [name] in your answer.",
                    "Leave at least {num_placeholders} {placeholders} in square brackets (for example [date]) to fill in later.")),
            Map.entry(POSTSCRIPT, List.of(
                    "At the end of your response, please add a postscript starting with \"{postscript_marker}\".",
                    "End with a postscript that begins with \"{postscript_marker}\".",
                    "Add a note at the very end that starts with \"{postscript_marker}\".")),
            Map.entry(BULLETS, List.of(
                    "Your answer must contain exactly {num_bullets} bullet {points}. Use markdown bullets such as:\n* This is a point.",
                    "Use exactly {num_bullets} markdown bullet {points} (lines starting with \"* \").",
                    "Include a list of exactly {num_bullets} bullet {points}, each line starting with an asterisk.")),
            Map.entry(HIGHLIGHTS, List.of(
                    "Highlight at least {num_highlights} {sections} of your answer with markdown, i.e. *highlighted section*.",
                    "Use markdown to highlight at least {num_highlights} {parts} of your response, like *this*.",
                    "Mark at least {num_highlights} key {phrases} with single asterisks, e.g. *key phrase*.")),
            Map.entry(SECTIONS, List.of(
                    "Your response must have {num_sections} sections. Mark the beginning of each section with {section_spliter} X, such as: {section_spliter} 1",
                    "Divide your answer into {num_sections} sections, each starting with \"{section_spliter} X\" where X is its number.",
                    "Organize the response in {num_sections} parts labeled {section_spliter} 1, {section_spliter} 2 and so on.")),
            Map.entry(JSON, List.of(
                    "Entire output should be wrapped in JSON format. You can use markdown ticks such as ```.",
                    "Format your whole answer as valid JSON.",
                    "Return the response as a JSON object and nothing else.")),
            Map.entry(TITLE, List.of(
                    "Your answer must contain a title, wrapped in double angular brackets, such as <<poem of joy>>.",
                    "Give your response a title in double angle brackets, like <<title>>.",
                    "Include a title wrapped in << and >>.")),
            Map.entry(TWO_RESPONSES, List.of(
                    "Give two different responses. Responses and only responses should be separated by 6 asterisk symbols: ******.",
                    "Write two different versions, separated by a line of six asterisks (******).",
                    "Provide two distinct answers separated by ******.")),
            Map.entry(REPEAT_PROMPT, List.of(
                    "First repeat the first sentence of this prompt word for word without change, then give your answer.",
                    "Begin by restating the first sentence of this request exactly as written, then answer.",
                    "Start your response by copying the first sentence of this message word for word, and then respond.")),
            Map.entry(END_PHRASE, List.of(
                    "Finish your response with this exact phrase: {end_phrase} No other words should follow this phrase.",
                    "End your answer with the exact phrase \"{end_phrase}\" and nothing after it.",
                    "The very last words of your response must be: {end_phrase}")),
            Map.entry(CAPITAL_WORDS, List.of(
                    "In your response, words with all capital letters should appear {capital_relation} {capital_frequency} {times}.",
                    "Use {capital_relation} {capital_frequency} {words} written entirely in capital letters.",
                    "Include {capital_relation} {capital_frequency} fully capitalized {words}.")),
            Map.entry(CAPITAL, List.of(
                    "Your entire response should be in English, and in all capital letters.",
                    "Write your whole answer in English using only capital letters.",
                    "Respond in English, in all caps.")),
            Map.entry(LOWERCASE, List.of(
                    "Your entire response should be in English, and in all lowercase letters. No capital letters are allowed.",
                    "Write your answer in English using only lowercase letters.",
                    "Respond in English without any capital letters.")),
            Map.entry(NO_COMMA, List.of(
                    "In your entire response, refrain from the use of any commas.",
                    "Do not use any commas in your answer.",
                    "Avoid commas completely.")),
            Map.entry(QUOTATION, List.of(
                    "Wrap your entire response with double quotation marks.",
                    "Put your whole answer inside double quotes.",
                    "Enclose the entire response in double quotation marks.")));

    /** Fills {name} placeholders; {times}, {words} and similar plural nouns agree with the preceding number. */
    static String fill(String template, Map<String, String> values, int number) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) break;
            int close = template.indexOf('}', open);
            out.append(template, i, open);
            String name = template.substring(open + 1, close);
            String value = values.get(name);
            out.append(value != null ? value : number == 1 ? singular(name) : name);
            i = close + 1;
        }
        return out.append(template.substring(i)).toString();
    }

    private static String singular(String plural) {
        return switch (plural) {
            case "times" -> "time";
            case "parts" -> "part";
            case "phrases" -> "phrase";
            default -> plural.substring(0, plural.length() - 1);
        };
    }
}
