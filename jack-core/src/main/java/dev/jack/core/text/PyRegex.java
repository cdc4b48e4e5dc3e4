package dev.jack.core.text;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles a Python {@code re} pattern (str semantics) into a {@link Pattern} that matches the same
 * text. Python's {@code \w \s \d \b} are Unicode-aware with definitions that differ from Java's, so
 * they are spelled out as explicit classes; {@code .} and {@code $} follow Python's newline-only rule
 * (UNIX_LINES); inline {@code (?i)} is made Unicode-aware; {@code (?P<n>...)} and {@code (?#...)} are
 * translated; a {@code {} that Python would read literally is escaped.
 */
public final class PyRegex {
    private PyRegex() {}

    /** Python {@code re.IGNORECASE}. */
    public static final int IGNORECASE = 1;
    /** Python {@code re.MULTILINE}. */
    public static final int MULTILINE = 2;

    static final String WORD_CLASS_BODY = "\\p{L}\\p{N}_";
    static final String SPACE_CLASS_BODY =
            "\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
    private static final String WORD = "[" + WORD_CLASS_BODY + "]";
    private static final String BOUNDARY = "(?:(?<=" + WORD + ")(?!" + WORD + ")|(?<!" + WORD + ")(?=" + WORD + "))";
    private static final String NON_BOUNDARY = "(?:(?<=" + WORD + ")(?=" + WORD + ")|(?<!" + WORD + ")(?!" + WORD + "))";

    /** Thrown when the pattern is not valid Python regex syntax (or uses a construct Jack can't translate). */
    public static final class InvalidPatternException extends IllegalArgumentException {
        public InvalidPatternException(String message) {
            super(message);
        }
    }

    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    public static Pattern compile(String python) {
        return compile(python, 0);
    }

    /** Like {@link #compile(String, int)}, remembering the result: constraint parameters repeat a lot. */
    public static Pattern cached(String python, int pyFlags) {
        return CACHE.computeIfAbsent(pyFlags + ":" + python, k -> compile(python, pyFlags));
    }

    public static Pattern compile(String python, int pyFlags) {
        int flags = Pattern.UNIX_LINES;
        if ((pyFlags & IGNORECASE) != 0) flags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
        if ((pyFlags & MULTILINE) != 0) flags |= Pattern.MULTILINE;
        try {
            return Pattern.compile(translate(python), flags);
        } catch (PatternSyntaxException e) {
            throw new InvalidPatternException(e.getDescription());
        }
    }

    /** True when the pattern has no regex metacharacters, so it matches itself literally. */
    public static boolean isLiteral(String python) {
        for (int i = 0; i < python.length(); i++) {
            if (".^$*+?{}[]\\|()".indexOf(python.charAt(i)) >= 0) return false;
        }
        return true;
    }

    static String translate(String p) {
        StringBuilder out = new StringBuilder(p.length() + 16);
        boolean inClass = false;
        int n = p.length();
        for (int i = 0; i < n; i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (i + 1 >= n) throw new InvalidPatternException("bad escape (end of pattern)");
                char e = p.charAt(++i);
                out.append(inClass ? classEscape(e) : escape(e));
                continue;
            }
            if (inClass) {
                if (c == ']') inClass = false;
                else if (c == '[') {
                    out.append("\\[");
                    continue;
                } else if (c == '&' && i + 1 < n && p.charAt(i + 1) == '&') {
                    out.append("\\&");
                    continue;
                }
                out.append(c);
                continue;
            }
            switch (c) {
                case '[' -> {
                    inClass = true;
                    out.append(c);
                    // Python reads a ']' right after '[' or '[^' as a literal.
                    if (i + 1 < n && p.charAt(i + 1) == '^') out.append(p.charAt(++i));
                    if (i + 1 < n && p.charAt(i + 1) == ']') {
                        out.append("\\]");
                        i++;
                    }
                }
                case '(' -> i = group(p, i, out);
                case '{' -> out.append(isQuantifier(p, i) ? "{" : "\\{");
                case '}' -> out.append(closesQuantifier(p, i) ? "}" : "\\}");
                default -> out.append(c);
            }
        }
        if (inClass) throw new InvalidPatternException("unterminated character set");
        return out.toString();
    }

    private static String escape(char e) {
        return switch (e) {
            case 'w' -> WORD;
            case 'W' -> "[^" + WORD_CLASS_BODY + "]";
            case 's' -> "[" + SPACE_CLASS_BODY + "]";
            case 'S' -> "[^" + SPACE_CLASS_BODY + "]";
            case 'd' -> "\\p{Nd}";
            case 'D' -> "\\P{Nd}";
            case 'b' -> BOUNDARY;
            case 'B' -> NON_BOUNDARY;
            case 'Z' -> "\\z";
            default -> "\\" + e;
        };
    }

    private static String classEscape(char e) {
        return switch (e) {
            case 'w' -> WORD_CLASS_BODY;
            case 's' -> SPACE_CLASS_BODY;
            case 'd' -> "\\p{Nd}";
            case 'D' -> "\\P{Nd}";
            case 'W', 'S' -> throw new InvalidPatternException("\\" + e + " inside a character set is not supported");
            case 'b' -> "\\x08";
            default -> "\\" + e;
        };
    }

    /** Handles the text after '(' and returns the index of the last character consumed. */
    private static int group(String p, int i, StringBuilder out) {
        if (!p.startsWith("(?", i)) {
            out.append('(');
            return i;
        }
        if (p.startsWith("(?#", i)) {
            int close = p.indexOf(')', i);
            if (close < 0) throw new InvalidPatternException("missing ), unterminated comment");
            return close;
        }
        if (p.startsWith("(?P<", i)) {
            out.append("(?<");
            return i + 3;
        }
        if (p.startsWith("(?P=", i)) {
            int close = p.indexOf(')', i);
            if (close < 0) throw new InvalidPatternException("missing ), unterminated name");
            out.append("\\k<").append(p, i + 4, close).append('>');
            return close;
        }
        // Inline flags such as (?i) or (?im:...): Python's ignore-case is Unicode-aware.
        int j = i + 2;
        while (j < p.length() && "aiLmsux".indexOf(p.charAt(j)) >= 0) j++;
        if (j > i + 2 && j < p.length() && (p.charAt(j) == ')' || p.charAt(j) == ':')) {
            String flags = p.substring(i + 2, j).replace("a", "").replace("L", "").replace("u", "");
            if (flags.contains("i")) flags += "u";
            out.append("(?").append(flags);
            return j - 1;
        }
        out.append('(');
        return i;
    }

    private static boolean isQuantifier(String p, int i) {
        int close = p.indexOf('}', i);
        return close > i && p.substring(i + 1, close).matches("\\d*(,\\d*)?") && close > i + 1
                && !p.substring(i + 1, close).equals(",");
    }

    private static boolean closesQuantifier(String p, int i) {
        int open = p.lastIndexOf('{', i);
        return open >= 0 && isQuantifier(p, open) && p.indexOf('}', open) == i;
    }
}
