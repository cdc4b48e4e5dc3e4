package dev.jack.pipeline.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's {@link StreamReader} over a text held whole, so that scanning is linear. SnakeYAML's own reader refills
 * a window 1,024 characters at a time and copies the unread part of the window each time, so one long token (a
 * 16 MB comment line takes minutes) costs time quadratic in its length. This reader keeps the same positions (index,
 * line, column, the line rules of {@code StreamReader.forward}) over one array of code points. Non-printable
 * characters are refused by {@link ConfigFile} before parsing, as SnakeYAML's reader would.
 */
final class WholeTextReader extends StreamReader {
    private final int[] text;
    private int pointer;
    private int index;
    private int documentIndex;
    private int line;
    private int column;

    WholeTextReader(String text) {
        super("");
        this.text = text.codePoints().toArray();
    }

    @Override
    public Mark getMark() {
        return new Mark("'string'", index, line, column, text, pointer);
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int length) {
        for (int i = 0; i < length && pointer < text.length; i++) {
            int c = text[pointer++];
            index++;
            documentIndex++;
            if (Constant.LINEBR.has(c) || (c == '\r' && pointer < text.length && text[pointer] != '\n')) {
                line++;
                column = 0;
            } else if (c != 0xFEFF) {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return peek(0);
    }

    @Override
    public int peek(int offset) {
        return pointer + offset < text.length ? text[pointer + offset] : 0;
    }

    @Override
    public String prefix(int length) {
        return length == 0 ? "" : new String(text, pointer, Math.min(length, text.length - pointer));
    }

    @Override
    public String prefixForward(int length) {
        String prefix = prefix(length);
        pointer += length;
        index += length;
        documentIndex += length;
        column += length;
        return prefix;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    @Override
    public int getIndex() {
        return index;
    }

    @Override
    public int getLine() {
        return line;
    }
}
