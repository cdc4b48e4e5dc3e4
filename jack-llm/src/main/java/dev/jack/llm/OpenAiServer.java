package dev.jack.llm;

import com.sun.management.UnixOperatingSystemMXBean;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jack.core.json.Json;
import dev.jack.core.json.JsonException;
import dev.jack.core.json.PyJson;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded engine served over the OpenAI API, as vLLM and llama.cpp's server serve a model:
 * <ul>
 * <li>{@code GET /v1/models}, {@code GET /health};</li>
 * <li>{@code POST /v1/chat/completions} and {@code /v1/completions} with n, seed, stop, logprobs (chat: {@code logprobs}
 * and {@code top_logprobs}; completions: {@code logprobs: K}; entries in llama.cpp's format with the token {@code id}
 * and its raw {@code bytes}), max_tokens, temperature, top_p, top_k, and {@code stream} with
 * {@code stream_options.include_usage} (server-sent events: {@code data: {...}} chunks, then {@code data: [DONE]});
 * a completions prompt may be token ids;</li>
 * <li>chat continuation of a partial assistant reply: a final assistant message is continued verbatim (llama.cpp's
 * assistant prefill), also with vLLM's {@code continue_final_message: true, add_generation_prompt: false};
 * {@code add_generation_prompt: false} renders the conversation without the assistant header;</li>
 * <li>{@code POST /tokenize} (vLLM's {@code prompt} or {@code messages} form, llama.cpp's {@code content} form),
 * {@code /detokenize} (answers both servers' field names) and {@code /apply-template} (llama.cpp's).</li>
 * </ul>
 * Bad requests get OpenAI-style error JSON: 400 naming the field (every number is checked for type, NaN, infinity and
 * range), 401 without the bearer token when one is set, 404 for other paths, 413 for a body over the limit. The server
 * stays up under hostile clients: requests whose headers and body do not arrive within
 * {@code sun.net.httpserver.maxReqTime} seconds (default here 30) are dropped, connections are capped below the
 * process's file-descriptor limit, bodies and prompts are size-checked before they are parsed or tokenized, JSON
 * nesting is depth-checked before parsing, and data that the JDK's HTTP server would load lazily from a file (the
 * time-zone database) is loaded at start, where running out of descriptors cannot break it for good.
 */
public final class OpenAiServer implements AutoCloseable {
    /** OpenAI's completions default; chat completions default to the rest of the context. */
    private static final int COMPLETIONS_DEFAULT_MAX_TOKENS = 16;
    /** A body at least this large triggers a garbage collection afterwards, so the heap shrinks back. */
    private static final int LARGE_BODY = 1 << 20;

    static {
        // The JDK's HTTP server formats its Date header with a GMT formatter whose class initializer reads tzdb.dat; if
        // that first happens while descriptors are exhausted, the class is broken for the life of the process.
        ZoneId.of("GMT").getRules();
        // The JDK's HTTP server reads its limits from system properties once; set them unless the user has.
        setDefault("sun.net.httpserver.maxReqTime", "30");
        setDefault("sun.net.httpserver.idleInterval", "30");
        setDefault("jdk.httpserver.maxConnections", String.valueOf(connectionCap()));
    }

    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) System.setProperty(property, value);
    }

    /** Connections served at once: below the descriptor limit, leaving room for the files and sockets the process needs. */
    static int connectionCap() {
        long limit = ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : 4096;
        long reserve = Math.max(64, limit / 4);
        return (int) Math.max(16, Math.min(1024, limit - reserve));
    }

    /**
     * What the server accepts.
     *
     * @param apiKey               bearer token required on every request, or null for none
     * @param chatDefaultMaxTokens max_tokens when a chat request gives none
     * @param maxBodyBytes         largest request body; larger gets HTTP 413 before it is read
     * @param maxPromptChars       most characters of prompt text (all messages together), checked before tokenizing
     * @param maxJsonDepth         deepest nesting of arrays and objects in a body, checked before parsing
     */
    public record Options(String apiKey, int chatDefaultMaxTokens, long maxBodyBytes, int maxPromptChars, int maxJsonDepth) {
        public static final long DEFAULT_MAX_BODY_BYTES = 8L << 20;
        public static final int DEFAULT_MAX_PROMPT_CHARS = 1_000_000;
        public static final int DEFAULT_MAX_JSON_DEPTH = 64;

        public Options {
            if (chatDefaultMaxTokens < 1) throw new IllegalArgumentException("--max-tokens must be at least 1, got " + chatDefaultMaxTokens);
            if (maxBodyBytes < 1024) throw new IllegalArgumentException("--max-body-bytes must be at least 1024, got " + maxBodyBytes);
            if (maxPromptChars < 1) throw new IllegalArgumentException("--max-prompt-chars must be at least 1, got " + maxPromptChars);
            if (maxJsonDepth < 4) throw new IllegalArgumentException("the JSON depth limit must be at least 4, got " + maxJsonDepth);
        }

        public static Options of(String apiKey, int chatDefaultMaxTokens) {
            return new Options(apiKey, chatDefaultMaxTokens, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_PROMPT_CHARS, DEFAULT_MAX_JSON_DEPTH);
        }
    }

    private final HttpServer server;
    private final EmbeddedBackend engine;
    private final Options options;
    private final byte[] apiKey;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean collectionPending = new AtomicBoolean();

    /** A client error: HTTP status, message, and the request field it is about (or null). */
    private static final class BadRequest extends Exception {
        final int status;
        final String param;

        BadRequest(int status, String message) {
            this(status, message, null);
        }

        BadRequest(int status, String message, String param) {
            super(message);
            this.status = status;
            this.param = param;
        }
    }

    /**
     * @param apiKey               bearer token required on every request, or null for none
     * @param chatDefaultMaxTokens max_tokens when a chat request gives none
     */
    public OpenAiServer(EmbeddedBackend engine, String host, int port, String apiKey, int chatDefaultMaxTokens) throws IOException {
        this(engine, host, port, Options.of(apiKey, chatDefaultMaxTokens));
    }

    /** Listens on host:port (0 picks a free port) and serves at once. */
    public OpenAiServer(EmbeddedBackend engine, String host, int port, Options options) throws IOException {
        this.engine = engine;
        this.options = options;
        this.apiKey = options.apiKey() == null || options.apiKey().isEmpty() ? null : options.apiKey().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(host, port), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            long bodyBytes = 0;
            try {
                authorize(ex);
                String path = ex.getRequestURI().getPath();
                switch (path) {
                    case "/v1/models" -> respond(ex, 200, PyJson.dumps(Map.of("object", "list",
                            "data", List.of(Map.of("id", engine.model(), "object", "model", "owned_by", "jack",
                                    "max_model_len", engine.contextLength())))));
                    case "/health" -> respond(ex, 200, "{\"status\": \"ok\"}");
                    case "/v1/chat/completions", "/v1/completions" -> {
                        String body = body(ex);
                        bodyBytes = body.length();
                        complete(ex, json(body), path.equals("/v1/chat/completions"));
                    }
                    case "/tokenize", "/detokenize", "/apply-template" -> {
                        String body = body(ex);
                        bodyBytes = body.length();
                        Map<?, ?> request = json(body);
                        respond(ex, 200, PyJson.dumps(switch (path) {
                            case "/tokenize" -> tokenize(request);
                            case "/detokenize" -> detokenize(request);
                            default -> Map.of("prompt", promptText(chatPrompt(request, "messages")));
                        }));
                    }
                    default -> throw new BadRequest(404, "no such endpoint: " + path);
                }
            } catch (BadRequest e) {
                error(ex, e.status, e.getMessage(), e.param);
            } catch (RuntimeException e) {
                error(ex, 500, String.valueOf(e.getMessage()), null);
            } finally {
                if (bodyBytes >= LARGE_BODY) releaseMemory();
            }
        }
    }

    private static void error(HttpExchange ex, int status, String message, String param) throws IOException {
        String type = switch (status) {
            case 401 -> "authentication_error";
            case 404 -> "not_found_error";
            case 500 -> "server_error";
            default -> "invalid_request_error";
        };
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", status);
        // The rest of an oversized body is not read: the connection cannot carry another request.
        if (status == 413) ex.getResponseHeaders().add("Connection", "close");
        respond(ex, status, PyJson.dumps(Map.of("error", error)));
    }

    private void authorize(HttpExchange ex) throws BadRequest {
        if (apiKey == null) return;
        String header = ex.getRequestHeaders().getFirst("Authorization");
        // The scheme name is case-insensitive (RFC 9110, section 11.1).
        boolean bearer = header != null && header.length() > 7 && header.regionMatches(true, 0, "Bearer ", 0, 7);
        byte[] given = bearer ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(apiKey, given)) throw new BadRequest(401, "missing or wrong API key (send Authorization: Bearer <key>)");
    }

    /** The request body as text: at most maxBodyBytes (413 otherwise, refused on Content-Length before reading), valid UTF-8. */
    private String body(HttpExchange ex) throws BadRequest, IOException {
        if (!ex.getRequestMethod().equals("POST")) throw new BadRequest(405, "use POST");
        long limit = options.maxBodyBytes();
        // Taken before any refusal, so that closing the exchange drains what the client already sent instead of
        // resetting the connection, which could discard the answer before the client reads it.
        InputStream in = ex.getRequestBody();
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > limit) throw tooLarge();
            } catch (NumberFormatException e) {
                throw new BadRequest(400, "Content-Length is not a number");
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[16384];
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (bytes.size() + n > limit) throw tooLarge();
            bytes.write(buffer, 0, n);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest(400, "the body is not valid UTF-8");
        }
    }

    private BadRequest tooLarge() {
        return new BadRequest(413, "the request body is larger than " + options.maxBodyBytes() + " bytes (jack serve --max-body-bytes)");
    }

    /** The body as a JSON object, its nesting depth checked before parsing so that no input can exhaust the stack. */
    private Map<?, ?> json(String body) throws BadRequest {
        if (nestingDepth(body) > options.maxJsonDepth()) {
            throw new BadRequest(400, "the body nests arrays and objects more than " + options.maxJsonDepth() + " levels deep");
        }
        try {
            if (!(Json.parse(body) instanceof Map<?, ?> m)) throw new BadRequest(400, "the body must be a JSON object");
            return m;
        } catch (JsonException e) {
            throw new BadRequest(400, "the body is not valid JSON: " + e.getMessage());
        }
    }

    /** The deepest nesting of brackets outside strings (a linear scan; malformed text is left to the parser). */
    static int nestingDepth(String text) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return deepest;
    }

    /** After a large request, one collection (at most one pending at a time) so that the heap shrinks back. */
    private void releaseMemory() {
        if (!collectionPending.compareAndSet(false, true)) return;
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            collectionPending.set(false);
            System.gc();
        });
    }

    /** A parsed generation request and how to answer it. */
    private record Call(GenerationRequest request, boolean stream, boolean includeUsage) {}

    private void complete(HttpExchange ex, Map<?, ?> body, boolean chat) throws BadRequest, IOException {
        Call call = call(body, chat);
        if (call.stream()) {
            stream(ex, call, chat);
            return;
        }
        GenerationResult result = await(engine.generate(call.request()));
        List<Object> choices = new ArrayList<>();
        int completionTokens = 0;
        for (int i = 0; i < result.completions().size(); i++) {
            GenerationResult.Completion c = result.completions().get(i);
            completionTokens += c.completionTokens();
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("index", i);
            if (chat) choice.put("message", Map.of("role", "assistant", "content", c.text()));
            else choice.put("text", c.text());
            choice.put("logprobs", call.request().logprobs() == null ? null : logprobs(c.logprobs()));
            choice.put("finish_reason", c.finishReason());
            choices.add(choice);
        }
        Map<String, Object> response = envelope(chat ? "chatcmpl-" : "cmpl-", chat ? "chat.completion" : "text_completion");
        response.put("choices", choices);
        response.put("usage", usage(result.promptTokens(), completionTokens));
        respond(ex, 200, PyJson.dumps(response));
    }

    private Map<String, Object> envelope(String idPrefix, String object) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", idPrefix + ids.incrementAndGet());
        m.put("object", object);
        m.put("created", System.currentTimeMillis() / 1000);
        m.put("model", engine.model());
        return m;
    }

    private static Map<String, Object> usage(int promptTokens, int completionTokens) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", promptTokens);
        usage.put("completion_tokens", completionTokens);
        usage.put("total_tokens", promptTokens + completionTokens);
        return usage;
    }

    private static GenerationResult await(CompletableFuture<GenerationResult> future) throws BadRequest {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof GenerationException) {
                throw new BadRequest(400, e.getCause().getMessage());
            }
            throw e;
        }
    }

    /**
     * Streams server-sent events as the engine produces them: per delta a chunk (chat: {@code choices[].delta} with the
     * role first; completions: {@code choices[].text}), the finish reason in a choice's last chunk, the usage in a chunk
     * of its own when asked for, then {@code [DONE]}. A client that goes away cancels its generation.
     */
    private void stream(HttpExchange ex, Call call, boolean chat) throws IOException {
        LinkedBlockingQueue<EmbeddedBackend.Delta> deltas = new LinkedBlockingQueue<>();
        CompletableFuture<GenerationResult> future = engine.generate(call.request(), deltas::add);
        String id = (chat ? "chatcmpl-" : "cmpl-") + ids.incrementAndGet();
        long created = System.currentTimeMillis() / 1000;
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.getResponseHeaders().add("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream out = ex.getResponseBody()) {
            if (chat) {
                for (int i = 0; i < call.request().n(); i++) {
                    event(out, chunk(id, created, chat, call, i, Map.of("role", "assistant", "content", ""), null, null));
                }
            }
            while (true) {
                EmbeddedBackend.Delta d = deltas.poll(50, TimeUnit.MILLISECONDS);
                if (d == null) {
                    if (future.isDone() && deltas.isEmpty()) break;
                    continue;
                }
                Object content = chat ? Map.of("content", d.text()) : d.text();
                Object logprobs = call.request().logprobs() == null ? null : logprobs(d.logprobs());
                event(out, chunk(id, created, chat, call, d.index(), content, logprobs, d.finishReason()));
            }
            try {
                GenerationResult result = future.join();
                if (call.includeUsage()) {
                    Map<String, Object> last = new LinkedHashMap<>();
                    last.put("id", id);
                    last.put("object", chat ? "chat.completion.chunk" : "text_completion");
                    last.put("created", created);
                    last.put("model", engine.model());
                    last.put("choices", List.of());
                    last.put("usage", usage(result.promptTokens(), result.completions().stream().mapToInt(GenerationResult.Completion::completionTokens).sum()));
                    event(out, PyJson.dumps(last));
                }
            } catch (CompletionException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                boolean client = cause instanceof IllegalArgumentException || cause instanceof GenerationException;
                event(out, PyJson.dumps(Map.of("error", Map.of("message", String.valueOf(cause.getMessage()),
                        "type", client ? "invalid_request_error" : "server_error", "code", client ? 400 : 500))));
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            future.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
        }
    }

    private String chunk(String id, long created, boolean chat, Call call, int index, Object content, Object logprobs, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", index);
        choice.put(chat ? "delta" : "text", content);
        choice.put("logprobs", logprobs);
        choice.put("finish_reason", finishReason);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("object", chat ? "chat.completion.chunk" : "text_completion");
        m.put("created", created);
        m.put("model", engine.model());
        m.put("choices", List.of(choice));
        if (call.includeUsage()) m.put("usage", null);
        return PyJson.dumps(m);
    }

    private static void event(OutputStream out, String json) throws IOException {
        out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Map<String, Object> logprobs(List<GenerationResult.TokenLogprob> tokens) {
        List<Object> content = new ArrayList<>(tokens.size());
        for (GenerationResult.TokenLogprob t : tokens) {
            Map<String, Object> entry = entry(t.id(), t.token(), t.logprob(), t.bytes());
            entry.put("top_logprobs", t.top().stream().map(a -> entry(a.id(), a.token(), a.logprob(), a.bytes())).toList());
            content.add(entry);
        }
        return Map.of("content", content);
    }

    /** One logprob entry; {@code bytes} are the token's raw bytes (part of a UTF-8 character stays as it is), as OpenAI and llama.cpp send them. */
    private static Map<String, Object> entry(Integer id, String token, double logprob, List<Integer> bytes) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("token", token);
        m.put("logprob", logprob);
        if (bytes == null) {
            List<Integer> encoded = new ArrayList<>();
            for (byte b : token.getBytes(StandardCharsets.UTF_8)) encoded.add(b & 0xff);
            bytes = encoded;
        }
        m.put("bytes", bytes);
        return m;
    }

    private Call call(Map<?, ?> body, boolean chat) throws BadRequest {
        Prompt prompt = chat ? chatPrompt(body, "messages") : textPrompt(body.get("prompt"));
        int n = integer(body, "n", 1, 1, 128);
        int maxTokens = integer(body, "max_tokens", chat ? options.chatDefaultMaxTokens() : COMPLETIONS_DEFAULT_MAX_TOKENS, 1, Integer.MAX_VALUE);
        maxTokens = integer(body, "max_completion_tokens", maxTokens, 1, Integer.MAX_VALUE);
        Double temperature = number(body, "temperature", 0, 2, true);
        Double topP = number(body, "top_p", 0, 1, false);
        // vLLM takes -1 (and 0) as "no top-k".
        int topKValue = integer(body, "top_k", 0, -1, Integer.MAX_VALUE);
        Integer topK = body.get("top_k") == null || topKValue <= 0 ? null : topKValue;
        Long seed = switch (body.get("seed")) {
            case null -> null;
            case Long l -> l;
            case BigInteger b -> throw new BadRequest(400, "seed must be an integer from -2^63 to 2^63-1, got " + b, "seed");
            case Object o -> throw new BadRequest(400, "seed must be an integer, got " + describe(o), "seed");
        };
        unsupported(body, "presence_penalty", -2, 2, 0);
        unsupported(body, "frequency_penalty", -2, 2, 0);
        unsupported(body, "repetition_penalty", Double.MIN_VALUE, Double.MAX_VALUE, 1);
        unsupported(body, "min_p", 0, 1, 0);
        List<String> stop = switch (body.get("stop")) {
            case null -> List.of();
            case String s -> List.of(s);
            case List<?> list when list.stream().allMatch(o -> o instanceof String s && !s.isEmpty()) -> list.stream().map(String.class::cast).toList();
            case Object o -> throw new BadRequest(400, "stop must be a non-empty string or a list of them, got " + describe(o), "stop");
        };
        Integer logprobs;
        if (chat) {
            boolean wanted = bool(body, "logprobs", false);
            int top = integer(body, "top_logprobs", 0, 0, 20);
            logprobs = wanted ? top : null;
        } else {
            logprobs = body.get("logprobs") == null ? null : integer(body, "logprobs", 0, 0, 20);
        }
        boolean stream = bool(body, "stream", false);
        boolean includeUsage = false;
        switch (body.get("stream_options")) {
            case null -> { }
            case Map<?, ?> o -> includeUsage = bool(o, "include_usage", false);
            case Object o -> throw new BadRequest(400, "stream_options must be an object, got " + describe(o), "stream_options");
        }
        // Tokenized here, on the request's own thread, so that a prompt that cannot run is refused before a stream starts.
        List<Integer> ids = promptIds(prompt);
        if (ids.size() + 1 > engine.contextLength()) {
            throw new BadRequest(400, "the prompt has " + ids.size() + " tokens; the model's context is " + engine.contextLength(), chat ? "messages" : "prompt");
        }
        return new Call(new GenerationRequest(new Prompt.Tokens(ids), n, temperature, topP, topK, seed, maxTokens, stop, logprobs), stream, includeUsage);
    }

    /**
     * A chat request's prompt. A final assistant message is continued verbatim (llama.cpp's prefill; vLLM's
     * {@code continue_final_message: true}) unless {@code continue_final_message: false} says it is a finished turn;
     * {@code add_generation_prompt: false} leaves out the assistant header.
     */
    private Prompt chatPrompt(Map<?, ?> body, String field) throws BadRequest {
        List<Prompt.Message> messages = messages(body.get(field), field);
        boolean addGenerationPrompt = bool(body, "add_generation_prompt", true);
        Boolean continueFinal = body.get("continue_final_message") == null ? null : bool(body, "continue_final_message", false);
        boolean endsWithAssistant = messages.getLast().role().equals("assistant");
        if (Boolean.TRUE.equals(continueFinal)) {
            if (!endsWithAssistant) throw new BadRequest(400, "continue_final_message needs the last message to be the assistant's", "continue_final_message");
            if (body.get("add_generation_prompt") != null && addGenerationPrompt) {
                throw new BadRequest(400, "continue_final_message and add_generation_prompt cannot both be true", "add_generation_prompt");
            }
        }
        int chars = 0;
        for (Prompt.Message m : messages) chars += m.content().length();
        checkLength(chars, field);
        Prompt prompt;
        if (endsWithAssistant && !Boolean.FALSE.equals(continueFinal)) {
            if (messages.size() == 1) throw new BadRequest(400, "a reply to continue needs a message before it", field);
            prompt = new Prompt.Continuation(messages.subList(0, messages.size() - 1), messages.getLast().content());
        } else if (addGenerationPrompt) {
            prompt = new Prompt.Chat(messages);
        } else {
            prompt = new Prompt.Tokens(tokens(engine.render(messages, false), true));
        }
        return prompt;
    }

    /** The prompt text a chat prompt stands for, without BOS (what llama.cpp's /apply-template returns). */
    private String promptText(Prompt prompt) {
        return switch (prompt) {
            case Prompt.Chat c -> engine.render(c.messages(), true);
            case Prompt.Continuation c -> engine.render(c.messages(), true) + c.reply();
            case Prompt.Tokens t -> engine.tokenizer().decode(t.ids().subList(1, t.ids().size()));
            case Prompt.Raw r -> r.prefix();
        };
    }

    private List<Integer> tokens(String text, boolean addBos) throws BadRequest {
        try {
            return engine.tokenize(text, addBos);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, e.getMessage());
        }
    }

    private void checkLength(long chars, String field) throws BadRequest {
        if (chars > options.maxPromptChars()) {
            throw new BadRequest(400, "the prompt has " + chars + " characters; this server takes at most " + options.maxPromptChars()
                    + " (jack serve --max-prompt-chars)", field);
        }
    }

    private static List<Prompt.Message> messages(Object value, String field) throws BadRequest {
        if (!(value instanceof List<?> list) || list.isEmpty()) throw new BadRequest(400, field + " must be a non-empty list", field);
        List<Prompt.Message> messages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String at = field + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m) || !(m.get("role") instanceof String role)) {
                throw new BadRequest(400, at + " must have a string role and a string content", at);
            }
            if (!List.of("system", "user", "assistant").contains(role)) {
                throw new BadRequest(400, at + ".role must be system, user or assistant, not \"" + role + "\"", at + ".role");
            }
            messages.add(new Prompt.Message(role, content(m.get("content"), at + ".content")));
        }
        return messages;
    }

    /** A message's content: a string, or OpenAI's list of parts of which only text parts are supported. */
    private static String content(Object value, String field) throws BadRequest {
        if (value instanceof String s) return s;
        if (value instanceof List<?> parts) {
            StringBuilder text = new StringBuilder();
            for (Object part : parts) {
                if (!(part instanceof Map<?, ?> p) || !"text".equals(p.get("type")) || !(p.get("text") instanceof String s)) {
                    throw new BadRequest(400, field + " parts must be {\"type\": \"text\", \"text\": ...}; other parts are not supported", field);
                }
                text.append(s);
            }
            return text.toString();
        }
        throw new BadRequest(400, field + " must be a string or a list of text parts, got " + describe(value), field);
    }

    private Prompt textPrompt(Object value) throws BadRequest {
        return switch (value) {
            case String s -> {
                checkLength(s.length(), "prompt");
                yield new Prompt.Raw(s);
            }
            case List<?> list when !list.isEmpty() -> new Prompt.Tokens(tokenIds(list, "prompt"));
            case null, default -> throw new BadRequest(400, "prompt must be a string or a non-empty list of token ids", "prompt");
        };
    }

    /** Token ids as ints; an id that is not an integer in 0..2^31-1 is named with its position. */
    private static List<Integer> tokenIds(List<?> list, String field) throws BadRequest {
        List<Integer> ids = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Long l) || l < 0 || l > Integer.MAX_VALUE) {
                throw new BadRequest(400, field + "[" + i + "] must be a token id from 0 to " + Integer.MAX_VALUE + ", got " + describe(list.get(i)), field);
            }
            ids.add(l.intValue());
        }
        return ids;
    }

    /** /tokenize in vLLM's forms ({@code prompt} or {@code messages}) and llama.cpp's ({@code content}). */
    private Map<String, Object> tokenize(Map<?, ?> body) throws BadRequest {
        Map<String, Object> response = new LinkedHashMap<>();
        if (body.containsKey("content")) {
            if (!(body.get("content") instanceof String content)) throw new BadRequest(400, "content must be a string", "content");
            checkLength(content.length(), "content");
            boolean parseSpecial = bool(body, "parse_special", true);
            List<Integer> ids = new ArrayList<>();
            if (bool(body, "add_special", false)) ids.add(engine.tokenizer().bos());
            if (parseSpecial) ids.addAll(tokens(content, false));
            else ids.addAll(engine.tokenizer().encode(content, false));
            if (bool(body, "with_pieces", false)) {
                List<Object> pieces = new ArrayList<>();
                for (int id : ids) {
                    byte[] bytes = engine.tokenizer().tokenBytes(id);
                    String piece = new String(bytes, StandardCharsets.UTF_8);
                    // llama.cpp gives a piece that is not valid UTF-8 as its bytes.
                    Object shown = piece.indexOf('\ufffd') >= 0 ? byteList(bytes) : piece;
                    pieces.add(Map.of("id", id, "piece", shown));
                }
                response.put("tokens", pieces);
            } else {
                response.put("tokens", ids);
            }
            return response;
        }
        List<Integer> ids;
        if (body.containsKey("messages")) {
            ids = new ArrayList<>(switch (chatPrompt(body, "messages")) {
                case Prompt.Tokens t -> t.ids();
                case Prompt p -> promptIds(p);
            });
            if (bool(body, "add_special_tokens", false)) ids.addFirst(engine.tokenizer().bos());
        } else if (body.get("prompt") instanceof String prompt) {
            checkLength(prompt.length(), "prompt");
            ids = tokens(prompt, bool(body, "add_special_tokens", true));
        } else {
            throw new BadRequest(400, "give prompt (a string), messages, or content (llama.cpp's form)", "prompt");
        }
        response.put("count", ids.size());
        response.put("max_model_len", engine.contextLength());
        response.put("tokens", ids);
        return response;
    }

    private List<Integer> promptIds(Prompt prompt) throws BadRequest {
        try {
            return engine.promptTokens(prompt);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(400, e.getMessage());
        }
    }

    /** /detokenize: the text of token ids (control tokens as their text), under vLLM's key and llama.cpp's. */
    private Map<String, Object> detokenize(Map<?, ?> body) throws BadRequest {
        if (!(body.get("tokens") instanceof List<?> list)) throw new BadRequest(400, "tokens must be a list of token ids", "tokens");
        List<Integer> ids = tokenIds(list, "tokens");
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i) >= engine.tokenizer().vocabularySize()) throw new BadRequest(400, "tokens[" + i + "] is outside the vocabulary", "tokens");
        }
        String text = engine.tokenizer().decode(ids);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("prompt", text);
        response.put("content", text);
        return response;
    }

    private static List<Integer> byteList(byte[] bytes) {
        List<Integer> out = new ArrayList<>(bytes.length);
        for (byte b : bytes) out.add(b & 0xff);
        return out;
    }

    private static String describe(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> "a string (" + PyJson.dumps(s) + ")";
            case Boolean b -> b.toString();
            case List<?> l -> "a list";
            case Map<?, ?> m -> "an object";
            case Double d when d.isNaN() -> "NaN";
            case Double d when d.isInfinite() -> d > 0 ? "Infinity" : "-Infinity";
            default -> value.toString();
        };
    }

    private static boolean bool(Map<?, ?> body, String field, boolean fallback) throws BadRequest {
        return switch (body.get(field)) {
            case null -> fallback;
            case Boolean b -> b;
            case Object o -> throw new BadRequest(400, field + " must be true or false, got " + describe(o), field);
        };
    }

    private static int integer(Map<?, ?> body, String field, int fallback, int min, int max) throws BadRequest {
        Object value = body.get(field);
        if (value == null) return fallback;
        String range = " from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max);
        // A float with no fraction is an integer, as Pydantic (vLLM) takes it.
        if (value instanceof Double d && Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15) value = d.longValue();
        if (!(value instanceof Long l)) throw new BadRequest(400, field + " must be an integer" + range + ", got " + describe(value), field);
        if (l < min || l > max) throw new BadRequest(400, field + " must be an integer" + range + ", got " + l, field);
        return l.intValue();
    }

    /** A number in [min, max] (or (min, max] when the minimum is excluded); NaN and the infinities are refused. */
    private static Double number(Map<?, ?> body, String field, double min, double max, boolean minIncluded) throws BadRequest {
        Object value = body.get(field);
        if (value == null) return null;
        String range = minIncluded ? " from " + fmt(min) + " to " + fmt(max) : " above " + fmt(min) + " and at most " + fmt(max);
        if (!(value instanceof Number x) || value instanceof BigInteger) {
            throw new BadRequest(400, field + " must be a number" + range + ", got " + describe(value), field);
        }
        double d = x.doubleValue();
        if (!Double.isFinite(d) || (minIncluded ? d < min : d <= min) || d > max) {
            throw new BadRequest(400, field + " must be a finite number" + range + ", got " + describe(value), field);
        }
        return d;
    }

    /** A setting the engine does not implement: validated, and refused unless it has its neutral value. */
    private static void unsupported(Map<?, ?> body, String field, double min, double max, double neutral) throws BadRequest {
        Double value = number(body, field, min, max, true);
        if (value != null && value != neutral) throw new BadRequest(400, field + " is not supported by jack serve (only " + fmt(neutral) + ")", field);
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** Sends a JSON body with its status (shared with the stub server). */
    static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops accepting requests and waits up to the given seconds for those in progress. */
    public void stop(int seconds) {
        server.stop(seconds);
    }

    /**
     * Stops as SIGTERM should, within 2 s: no new connections, requests in progress get up to a second to finish, then
     * the remaining connections close and so does the engine (requests still running fail). The engine's close is awaited
     * for at most {@value #ENGINE_CLOSE_MILLIS} ms: a forward pass of a large model can take longer, and the process's
     * exit ends it anyway.
     */
    public void shutdown() {
        stop(1);
        Thread closing = Thread.ofPlatform().daemon().name("jack-engine-close").start(engine::close);
        try {
            closing.join(Duration.ofMillis(ENGINE_CLOSE_MILLIS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final int ENGINE_CLOSE_MILLIS = 800;

    @Override
    public void close() {
        stop(0);
    }
}
