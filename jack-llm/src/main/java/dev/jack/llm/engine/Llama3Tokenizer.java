package dev.jack.llm.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Llama 3 tokenizer from GGUF metadata ({@code tokenizer.ggml.model = gpt2}, pre-tokenizer
 * {@code llama-bpe}): byte-level BPE over the Llama 3 pre-tokenizer's pieces, a whole piece that is a
 * token taken as is, merges by rank; control tokens recognized in the text when asked.
 */
public final class Llama3Tokenizer {
    private static final Pattern PRE_TOKENIZER = Pattern.compile(
            "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
                    + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final int CONTROL = 3;
    private static final int USER_DEFINED = 4;

    private final List<String> tokens;
    private final int[] types;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<String, Integer> mergeRanks = new HashMap<>();
    /** Control and user-defined tokens, longest first, for finding them in text. */
    private final List<Integer> specials = new ArrayList<>();
    private final int bos;

    /** GPT-2's byte-to-character map, and its inverse. */
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final Map<Character, Integer> CHAR_TO_BYTE = new HashMap<>();

    static {
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_TO_CHAR[b] = (char) (printable ? b : 256 + extra++);
            CHAR_TO_BYTE.put(BYTE_TO_CHAR[b], b);
        }
    }

    public Llama3Tokenizer(List<String> tokens, int[] types, List<String> merges, int bos) {
        this.tokens = tokens;
        this.types = types;
        this.bos = bos;
        for (int i = 0; i < tokens.size(); i++) ids.putIfAbsent(tokens.get(i), i);
        for (int i = 0; i < merges.size(); i++) mergeRanks.putIfAbsent(merges.get(i), i);
        for (int i = 0; i < tokens.size(); i++) if (types[i] == CONTROL || types[i] == USER_DEFINED) specials.add(i);
        specials.sort(Comparator.comparingInt((Integer i) -> tokens.get(i).length()).reversed());
    }

    /** Reads the vocabulary from a GGUF file's metadata; an unsupported tokenizer is an error naming it. */
    public static Llama3Tokenizer from(GgufFile gguf) {
        Object model = gguf.get("tokenizer.ggml.model");
        if (!"gpt2".equals(model)) throw new GgufFile.FormatException("tokenizer model \"" + model + "\" is not supported (only gpt2 / llama-bpe)");
        Object pre = gguf.metadata().get("tokenizer.ggml.pre");
        if (pre != null && !"llama-bpe".equals(pre)) throw new GgufFile.FormatException("pre-tokenizer \"" + pre + "\" is not supported (only llama-bpe)");
        List<String> tokens = ((List<?>) gguf.get("tokenizer.ggml.tokens")).stream().map(String.class::cast).toList();
        List<?> typeList = (List<?>) gguf.get("tokenizer.ggml.token_type");
        int[] types = new int[tokens.size()];
        for (int i = 0; i < types.length; i++) types[i] = ((Long) typeList.get(i)).intValue();
        List<String> merges = ((List<?>) gguf.get("tokenizer.ggml.merges")).stream().map(String.class::cast).toList();
        int bos = ((Long) gguf.get("tokenizer.ggml.bos_token_id")).intValue();
        return new Llama3Tokenizer(tokens, types, merges, bos);
    }

    /** The vocabulary string of a single-byte token under GPT-2's byte-to-character map. */
    static String byteToken(int b) {
        return String.valueOf(BYTE_TO_CHAR[b]);
    }

    public int bos() {
        return bos;
    }

    public int vocabularySize() {
        return tokens.size();
    }

    /** Token ids of the text; with parseSpecial, control-token text such as "<|eot_id|>" becomes that token. */
    public List<Integer> encode(String text, boolean parseSpecial) {
        List<Integer> out = new ArrayList<>();
        for (Object segment : parseSpecial ? splitSpecials(text) : List.<Object>of(text)) {
            if (segment instanceof Integer special) out.add(special);
            else encodeOrdinary((String) segment, out);
        }
        return out;
    }

    /** The text split into plain strings and control-token ids, longest special tokens first. */
    private List<Object> splitSpecials(String text) {
        List<Object> parts = new ArrayList<>(List.of(text));
        for (int id : specials) {
            String special = tokens.get(id);
            List<Object> next = new ArrayList<>();
            for (Object part : parts) {
                if (!(part instanceof String s) || !s.contains(special)) {
                    next.add(part);
                    continue;
                }
                int from = 0;
                for (int at = s.indexOf(special); at >= 0; at = s.indexOf(special, from)) {
                    if (at > from) next.add(s.substring(from, at));
                    next.add(id);
                    from = at + special.length();
                }
                if (from < s.length()) next.add(s.substring(from));
            }
            parts = next;
        }
        return parts;
    }

    private void encodeOrdinary(String text, List<Integer> out) {
        Matcher m = PRE_TOKENIZER.matcher(text);
        while (m.find()) {
            byte[] bytes = m.group().getBytes(StandardCharsets.UTF_8);
            StringBuilder piece = new StringBuilder(bytes.length);
            for (byte b : bytes) piece.append(BYTE_TO_CHAR[b & 0xff]);
            Integer whole = ids.get(piece.toString());
            if (whole != null) {
                out.add(whole);
                continue;
            }
            List<String> symbols = new ArrayList<>(piece.length());
            for (int i = 0; i < piece.length(); i++) symbols.add(String.valueOf(piece.charAt(i)));
            while (symbols.size() > 1) {
                int best = -1;
                int bestRank = Integer.MAX_VALUE;
                for (int i = 0; i + 1 < symbols.size(); i++) {
                    Integer rank = mergeRanks.get(symbols.get(i) + " " + symbols.get(i + 1));
                    if (rank != null && rank < bestRank) {
                        bestRank = rank;
                        best = i;
                    }
                }
                if (best < 0) break;
                symbols.set(best, symbols.get(best) + symbols.remove(best + 1));
            }
            for (String s : symbols) {
                Integer id = ids.get(s);
                if (id == null) throw new IllegalStateException("no token for byte sequence " + s);
                out.add(id);
            }
        }
    }

    /** The text of token ids: bytes joined, then decoded as UTF-8 (an incomplete sequence becomes U+FFFD). */
    public String decode(List<Integer> ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) bytes.writeBytes(tokenBytes(id));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The raw bytes of one token (control tokens give their text), for streaming decoders that join partial UTF-8. */
    public byte[] tokenBytes(int id) {
        String text = tokens.get(id);
        if (types[id] == CONTROL || types[id] == USER_DEFINED) return text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            Integer b = CHAR_TO_BYTE.get(text.charAt(i));
            if (b == null) return text.getBytes(StandardCharsets.UTF_8);
            out[i] = (byte) (int) b;
        }
        return out;
    }
}
