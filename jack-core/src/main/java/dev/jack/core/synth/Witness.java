package dev.jack.core.synth;

import dev.jack.core.json.PyJson;
import dev.jack.core.text.PyText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain constructed response, built up block by block, that is meant to satisfy a prompt's
 * constraints; {@link Synthesizer} decides what goes in and checks the rendered text with the strict
 * checkers. A block is a paragraph: lines joined by newlines; a text line is sentences joined by spaces.
 */
final class Witness {
    enum Case { AS_IS, LOWER, UPPER }

    /** One line of a block: prose sentences, or a fixed line (title, bullet, section marker). */
    static final class Line {
        final List<String> sentences = new ArrayList<>();
        final String fixed;

        Line(String fixed) {
            this.fixed = fixed;
        }

        static Line prose(String sentence) {
            Line l = new Line(null);
            l.sentences.add(sentence);
            return l;
        }

        boolean isProse() {
            return fixed == null;
        }

        String render() {
            return fixed != null ? fixed : String.join(" ", sentences);
        }
    }

    final List<List<Line>> blocks = new ArrayList<>();
    String repeatedRequest;
    String title;
    String postscript;
    String endPhrase;
    boolean dividers;
    boolean twoResponses;
    boolean json;
    boolean quotation;
    Case letterCase = Case.AS_IS;

    Witness(int blockCount, List<String> firstSentences) {
        for (int i = 0; i < blockCount; i++) {
            List<Line> block = new ArrayList<>();
            block.add(Line.prose(firstSentences.get(i)));
            blocks.add(block);
        }
    }

    /** All prose lines, in order. */
    List<Line> proseLines() {
        List<Line> lines = new ArrayList<>();
        for (List<Line> block : blocks) for (Line l : block) if (l.isProse()) lines.add(l);
        return lines;
    }

    String render() {
        List<String> renderedBlocks = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            List<String> lines = new ArrayList<>();
            if (b == 0 && repeatedRequest != null) lines.add(repeatedRequest);
            if (b == 0 && title != null) lines.add("<<" + title + ">>");
            for (Line l : blocks.get(b)) lines.add(l.render());
            if (b == blocks.size() - 1 && postscript != null) lines.add(postscript);
            renderedBlocks.add(String.join("\n", lines));
        }
        String separator = json ? " " : dividers ? "\n\n***\n\n" : "\n\n";
        String body;
        if (twoResponses) {
            int half = renderedBlocks.size() / 2;
            body = String.join(separator, renderedBlocks.subList(0, half)) + "\n******\n"
                    + String.join(separator, renderedBlocks.subList(half, renderedBlocks.size()));
        } else {
            body = String.join(separator, renderedBlocks);
        }
        if (endPhrase != null) body = body + " " + endPhrase;
        body = switch (letterCase) {
            case AS_IS -> body;
            case LOWER -> PyText.lower(body);
            case UPPER -> body.toUpperCase(Locale.ROOT);
        };
        if (json) {
            StringBuilder b = new StringBuilder("{");
            PyJson.writeString(b, letterCase == Case.UPPER ? "ANSWER" : "answer");
            b.append(": ");
            PyJson.writeString(b, body);
            body = b.append('}').toString();
        }
        return quotation ? "\"" + body + "\"" : body;
    }
}
