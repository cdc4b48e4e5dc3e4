package dev.jack.llm.engine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Llama 3 tokenizer from GGUF metadata ({@code tokenizer.ggml.model = gpt2}, pre-tokenizer
 * {@code llama-bpe}): byte-level BPE over the Llama 3 pre-tokenizer's pieces, a whole piece that is a
 * token taken as is, merges by rank; control tokens recognized in the text when asked. The end-of-generation
 * set and which tokens count as control follow llama.cpp's {@code llama_vocab::impl::load} (llama-vocab.cpp):
 * the eos, eot and eom ids and the FIM pad/repo/separator ids from the metadata, and tokens known by their text.
 */
public final class Llama3Tokenizer {
    private static final Pattern PRE_TOKENIZER = Pattern.compile(
            "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
                    + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final int CONTROL = 3;
    private static final int USER_DEFINED = 4;
    /** Texts llama.cpp treats as end of generation wherever they occur in a vocabulary. */
    private static final Set<String> EOG_TEXTS = Set.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>", "<|call|>",
            "<end_of_turn>", "<|endoftext|>", "<|eom_id|>", "<EOT>", "_<EOT>", "<|end_of_text|>", "<end_of_utterance>");
    /** Texts llama.cpp takes as the eot token when the metadata names none. */
    private static final Set<String> EOT_TEXTS = Set.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>",
            "<|end_of_text|>", "<EOT>", "_<EOT>", "<\uff5cend\u2581of\u2581sentence\uff5c>", "<end_of_utterance>");
    /** FIM tokens that end generation, by metadata key and by the texts llama.cpp looks for when the key is absent. */
    private static final Map<String, Set<String>> FIM_EOG = Map.of(
            "tokenizer.ggml.fim_pad_token_id", Set.of("<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>"),
            "tokenizer.ggml.fim_rep_token_id", Set.of("<|fim_repo|>", "<|repo_name|>", "<fim-repo>", "<REPO>", "<reponame>"),
            "tokenizer.ggml.fim_sep_token_id", Set.of("<|file_sep|>"));
    /** gpt-oss's structural tokens, which llama.cpp always renders as text. */
    private static final Set<String> ALWAYS_RENDERED = Set.of("<|channel|>", "<|message|>", "<|start|>", "<|constrain|>");

    private final List<String> tokens;
    private final int[] types;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<String, Integer> mergeRanks = new HashMap<>();
    /** Control and user-defined tokens, longest first, for finding them in text. */
    private final List<Integer> specials = new ArrayList<>();
    private final int bos;
    private final Set<Integer> endOfGeneration;
    private final int longestTokenChars;

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

    /**
     * A vocabulary with its GGUF token types (1 normal, 3 control, 4 user-defined, ...). The end-of-generation set
     * holds the given ids and the tokens llama.cpp recognizes by their text; those become control tokens.
     */
    public Llama3Tokenizer(List<String> tokens, int[] types, List<String> merges, int bos, Set<Integer> endOfGeneration) {
        this.tokens = tokens;
        this.types = types.clone();
        this.bos = bos;
        Set<Integer> eog = new LinkedHashSet<>(endOfGeneration);
        for (int i = 0; i < tokens.size(); i++) if (EOG_TEXTS.contains(tokens.get(i))) eog.add(i);
        boolean harmony = eog.stream().anyMatch(i -> tokens.get(i).equals("<|return|>")) && eog.stream().anyMatch(i -> tokens.get(i).equals("<|call|>"));
        if (harmony) eog.removeIf(i -> tokens.get(i).equals("<|end|>"));
        for (int id : eog) this.types[id] = CONTROL;
        for (int i = 0; i < tokens.size(); i++) if (ALWAYS_RENDERED.contains(tokens.get(i))) this.types[i] = USER_DEFINED;
        this.endOfGeneration = Set.copyOf(eog);
        // A vocabulary string holds one char per byte (GPT-2's map) or the special's text; decoding never lengthens it.
        int longest = 1;
        for (String t : tokens) longest = Math.max(longest, t.length());
        this.longestTokenChars = longest;
        for (int i = 0; i < tokens.size(); i++) ids.putIfAbsent(tokens.get(i), i);
        for (int i = 0; i < merges.size(); i++) mergeRanks.putIfAbsent(merges.get(i), i);
        for (int i = 0; i < tokens.size(); i++) if (this.types[i] == CONTROL || this.types[i] == USER_DEFINED) specials.add(i);
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
        Map<String, Object> metadata = gguf.metadata();
        Set<Integer> eog = new LinkedHashSet<>();
        for (String key : List.of("tokenizer.ggml.eos_token_id", "tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id")) {
            if (metadata.get(key) instanceof Number id && id.longValue() >= 0 && id.longValue() < tokens.size()) eog.add(id.intValue());
        }
        if (!metadata.containsKey("tokenizer.ggml.eot_token_id")) firstWithText(tokens, EOT_TEXTS, eog);
        if (!metadata.containsKey("tokenizer.ggml.eom_token_id")) firstWithText(tokens, Set.of("<|eom_id|>"), eog);
        for (Map.Entry<String, Set<String>> fim : FIM_EOG.entrySet()) {
            if (metadata.get(fim.getKey()) instanceof Number id && id.longValue() >= 0 && id.longValue() < tokens.size()) eog.add(id.intValue());
            else firstWithText(tokens, fim.getValue(), eog);
        }
        return new Llama3Tokenizer(tokens, types, merges, bos, eog);
    }

    private static void firstWithText(List<String> tokens, Set<String> texts, Set<Integer> into) {
        for (int i = 0; i < tokens.size(); i++) {
            if (texts.contains(tokens.get(i))) {
                into.add(i);
                return;
            }
        }
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

    /** Tokens that end generation (llama.cpp's EOG set): generation stops when one is sampled. */
    public Set<Integer> endOfGeneration() {
        return endOfGeneration;
    }

    /** True for control tokens (GGUF type 3, and every end-of-generation token), which render as no text. */
    public boolean isControl(int id) {
        return types[id] == CONTROL;
    }

    /** The texts of the vocabulary's control tokens, for finding them in text a server returned. */
    public List<String> controlTokenTexts() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) if (types[i] == CONTROL) out.add(tokens.get(i));
        return out;
    }

    /** The most UTF-16 chars one token can stand for: a text of n chars has at least n / this many tokens. */
    public int longestTokenChars() {
        return longestTokenChars;
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

    /** The bytes a generated token adds to the text: its raw bytes, none for a control token (as llama.cpp renders them). */
    public byte[] pieceBytes(int id) {
        return types[id] == CONTROL ? new byte[0] : tokenBytes(id);
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
