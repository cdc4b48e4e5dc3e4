package dev.jack.core.text;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code list(csv.reader(io.StringIO(text), delimiter=d))} as CPython 3.11 computes it (excel dialect:
 * {@code "} quotes, doubled quotes inside quotes, no escape character, not strict). Lines end only at
 * {@code \n} (StringIO's default), a blank line is an empty row, a quoted field may span lines, and
 * text after a closing quote joins the field. Hand-written because IFBench's CSV constraints depend on
 * the exact rows, and on the cases where Python's reader raises {@code csv.Error} ({@link CsvError}).
 */
public final class PyCsv {
    private PyCsv() {}

    /** Python's {@code csv.field_size_limit()} default. */
    private static final int FIELD_LIMIT = 128 * 1024;

    /** Where Python's reader raises {@code _csv.Error}. */
    public static final class CsvError extends RuntimeException {
        CsvError(String message) {
            super(message);
        }
    }

    private enum State { START_RECORD, START_FIELD, IN_FIELD, IN_QUOTED_FIELD, QUOTE_IN_QUOTED_FIELD, EAT_CRNL }

    /** End of a line: a value no code point takes. */
    private static final int EOL = -2;

    /**
     * The rows of the text.
     *
     * @throws CsvError for a carriage return followed by more text outside quotes, or a field over
     *                  131,072 characters, as Python raises
     */
    public static List<List<String>> read(String text, char delimiter) {
        Parser p = new Parser(delimiter);
        List<List<String>> rows = new ArrayList<>();
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            int lineEnd = text.indexOf('\n', pos);
            lineEnd = lineEnd < 0 ? n : lineEnd + 1;
            for (int i = pos; i < lineEnd; ) {
                int run = p.plainRunEnd(text, i, lineEnd);
                if (run > i) {
                    p.addRun(text, i, run);
                    i = run;
                    continue;
                }
                int cp = text.codePointAt(i);
                p.process(cp);
                i += Character.charCount(cp);
            }
            p.process(EOL);
            pos = lineEnd;
            if (p.state == State.START_RECORD) rows.add(p.takeRecord());
        }
        // End of input inside quotes: the open field ends the last record.
        if (p.state == State.IN_QUOTED_FIELD) {
            p.saveField();
            rows.add(p.takeRecord());
        }
        return rows;
    }

    private static final class Parser {
        final char delimiter;
        State state = State.START_RECORD;
        List<String> fields = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        int fieldLength;

        Parser(char delimiter) {
            this.delimiter = delimiter;
        }

        List<String> takeRecord() {
            List<String> record = fields;
            fields = new ArrayList<>();
            return record;
        }

        void saveField() {
            fields.add(field.toString());
            field.setLength(0);
            fieldLength = 0;
        }

        void add(int cp) {
            if (fieldLength >= FIELD_LIMIT) throw fieldTooLarge();
            field.appendCodePoint(cp);
            fieldLength++;
        }

        /**
         * Inside a field, where the next character the state reacts to is (a run of other characters is added as it
         * is, as one {@link #add} each would): a delimiter or line break in an unquoted field, a quote in a quoted one;
         * {@code from} in any other state. These are BMP characters, so a run never splits a surrogate pair.
         */
        int plainRunEnd(String text, int from, int to) {
            int i = from;
            if (state == State.IN_FIELD) {
                while (i < to) {
                    char c = text.charAt(i);
                    if (c == delimiter || c == '\n' || c == '\r') break;
                    i++;
                }
            } else if (state == State.IN_QUOTED_FIELD) {
                while (i < to && text.charAt(i) != '"') i++;
            }
            return i;
        }

        /** {@link #add} of each code point of text[from, to), the field limit checked as it would be. */
        void addRun(String text, int from, int to) {
            int count = Character.codePointCount(text, from, to);
            if (fieldLength + count > FIELD_LIMIT) throw fieldTooLarge();
            field.append(text, from, to);
            fieldLength += count;
        }

        private static CsvError fieldTooLarge() {
            return new CsvError("field larger than field limit (" + FIELD_LIMIT + ")");
        }

        void endOfLine(int c) {
            saveField();
            state = c == EOL ? State.START_RECORD : State.EAT_CRNL;
        }

        void process(int c) {
            switch (state) {
                case START_RECORD -> {
                    if (c == EOL) return;
                    if (c == '\n' || c == '\r') {
                        state = State.EAT_CRNL;
                        return;
                    }
                    state = State.START_FIELD;
                    startField(c);
                }
                case START_FIELD -> startField(c);
                case IN_FIELD -> {
                    if (c == '\n' || c == '\r' || c == EOL) endOfLine(c);
                    else if (c == delimiter) {
                        saveField();
                        state = State.START_FIELD;
                    } else add(c);
                }
                case IN_QUOTED_FIELD -> {
                    if (c == EOL) return;
                    if (c == '"') state = State.QUOTE_IN_QUOTED_FIELD;
                    else add(c);
                }
                case QUOTE_IN_QUOTED_FIELD -> {
                    if (c == '"') {
                        add(c);
                        state = State.IN_QUOTED_FIELD;
                    } else if (c == delimiter) {
                        saveField();
                        state = State.START_FIELD;
                    } else if (c == '\n' || c == '\r' || c == EOL) {
                        endOfLine(c);
                    } else {
                        add(c);
                        state = State.IN_FIELD;
                    }
                }
                case EAT_CRNL -> {
                    if (c == EOL) state = State.START_RECORD;
                    else if (c != '\n' && c != '\r') {
                        throw new CsvError("new-line character seen in unquoted field");
                    }
                }
            }
        }

        void startField(int c) {
            if (c == '\n' || c == '\r' || c == EOL) endOfLine(c);
            else if (c == '"') state = State.IN_QUOTED_FIELD;
            else if (c == delimiter) saveField();
            else {
                add(c);
                state = State.IN_FIELD;
            }
        }
    }
}
