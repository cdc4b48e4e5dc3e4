package dev.jack.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jack.core.json.Json;
import dev.jack.core.json.JsonException;
import dev.jack.core.json.PyJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Backend served over the OpenAI API: {@code /v1/models}, {@code /v1/chat/completions} and {@code /v1/completions}
 * with n, seed, stop, logprobs and max_tokens. Logprobs come in the chat format with token ids, as llama.cpp
 * gives them, on both endpoints; a completions prompt may be token ids. Requests queue on the backend's workers.
 * Bad requests get OpenAI-style error JSON: 400 naming the field, 401 without the bearer token when one is set,
 * 404 for other paths.
 */
public final class OpenAiServer implements AutoCloseable {
    /** OpenAI's completions default; chat completions default to the rest of the context. */
    private static final int COMPLETIONS_DEFAULT_MAX_TOKENS = 16;

    private final HttpServer server;
    private final Backend backend;
    private final byte[] apiKey;
    private final int chatDefaultMaxTokens;
    private final AtomicLong ids = new AtomicLong();

    /** A client error: HTTP status and message. */
    private static final class BadRequest extends Exception {
        final int status;

        BadRequest(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /**
     * @param apiKey               bearer token required on every request, or null for none
     * @param chatDefaultMaxTokens max_tokens when a chat request gives none
     */
    public OpenAiServer(Backend backend, String host, int port, String apiKey, int chatDefaultMaxTokens) throws IOException {
        this.backend = backend;
        this.apiKey = apiKey == null || apiKey.isEmpty() ? null : apiKey.getBytes(StandardCharsets.UTF_8);
        this.chatDefaultMaxTokens = chatDefaultMaxTokens;
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
            try {
                authorize(ex);
                String path = ex.getRequestURI().getPath();
                switch (path) {
                    case "/v1/models" -> respond(ex, 200, PyJson.dumps(Map.of("object", "list",
                            "data", List.of(Map.of("id", backend.model(), "object", "model", "owned_by", "jack")))));
                    case "/v1/chat/completions" -> respond(ex, 200, PyJson.dumps(complete(ex, true)));
                    case "/v1/completions" -> respond(ex, 200, PyJson.dumps(complete(ex, false)));
                    default -> throw new BadRequest(404, "no such endpoint: " + path);
                }
            } catch (BadRequest e) {
                String type = e.status == 401 ? "authentication_error" : e.status == 404 ? "not_found_error" : "invalid_request_error";
                respond(ex, e.status, PyJson.dumps(Map.of("error", Map.of("message", e.getMessage(), "type", type, "code", e.status))));
            } catch (RuntimeException e) {
                respond(ex, 500, PyJson.dumps(Map.of("error", Map.of("message", String.valueOf(e.getMessage()), "type", "server_error", "code", 500))));
            }
        }
    }

    private void authorize(HttpExchange ex) throws BadRequest {
        if (apiKey == null) return;
        String header = ex.getRequestHeaders().getFirst("Authorization");
        byte[] given = header != null && header.startsWith("Bearer ") ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(apiKey, given)) throw new BadRequest(401, "missing or wrong API key (send Authorization: Bearer <key>)");
    }

    private Map<String, Object> complete(HttpExchange ex, boolean chat) throws BadRequest, IOException {
        if (!ex.getRequestMethod().equals("POST")) throw new BadRequest(405, "use POST");
        Map<?, ?> body;
        try (InputStream in = ex.getRequestBody()) {
            if (!(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)) instanceof Map<?, ?> m)) throw new BadRequest(400, "the body must be a JSON object");
            body = m;
        } catch (JsonException e) {
            throw new BadRequest(400, "the body is not valid JSON: " + e.getMessage());
        }
        GenerationRequest request = request(body, chat);
        GenerationResult result;
        try {
            result = backend.generate(request).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof GenerationException) {
                throw new BadRequest(400, e.getCause().getMessage());
            }
            throw e;
        }
        List<Object> choices = new ArrayList<>();
        int completionTokens = 0;
        for (int i = 0; i < result.completions().size(); i++) {
            GenerationResult.Completion c = result.completions().get(i);
            completionTokens += c.completionTokens();
            Map<String, Object> choice = new LinkedHashMap<>();
            choice.put("index", i);
            if (chat) choice.put("message", Map.of("role", "assistant", "content", c.text()));
            else choice.put("text", c.text());
            choice.put("logprobs", request.logprobs() == null ? null : Map.of("content", c.logprobs().stream().map(OpenAiServer::logprob).toList()));
            choice.put("finish_reason", c.finishReason());
            choices.add(choice);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", (chat ? "chatcmpl-" : "cmpl-") + ids.incrementAndGet());
        response.put("object", chat ? "chat.completion" : "text_completion");
        response.put("created", System.currentTimeMillis() / 1000);
        response.put("model", backend.model());
        response.put("choices", choices);
        response.put("usage", Map.of("prompt_tokens", result.promptTokens(), "completion_tokens", completionTokens,
                "total_tokens", result.promptTokens() + completionTokens));
        return response;
    }

    private static Map<String, Object> logprob(GenerationResult.TokenLogprob t) {
        Map<String, Object> entry = entry(t.id(), t.token(), t.logprob());
        entry.put("top_logprobs", t.top().stream().map(a -> entry(a.id(), a.token(), a.logprob())).toList());
        return entry;
    }

    private static Map<String, Object> entry(Integer id, String token, double logprob) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("token", token);
        m.put("logprob", logprob);
        List<Integer> bytes = new ArrayList<>();
        for (byte b : token.getBytes(StandardCharsets.UTF_8)) bytes.add(b & 0xff);
        m.put("bytes", bytes);
        return m;
    }

    private GenerationRequest request(Map<?, ?> body, boolean chat) throws BadRequest {
        Prompt prompt = chat ? chatPrompt(body.get("messages")) : textPrompt(body.get("prompt"));
        int n = integer(body, "n", 1, 1, 128);
        int maxTokens = integer(body, "max_tokens", chat ? chatDefaultMaxTokens : COMPLETIONS_DEFAULT_MAX_TOKENS, 1, Integer.MAX_VALUE);
        maxTokens = integer(body, "max_completion_tokens", maxTokens, 1, Integer.MAX_VALUE);
        Double temperature = number(body, "temperature", 0, 2);
        Double topP = number(body, "top_p", Double.MIN_VALUE, 1);
        Integer topK = body.get("top_k") == null ? null : integer(body, "top_k", 0, 0, Integer.MAX_VALUE);
        Long seed = switch (body.get("seed")) {
            case null -> null;
            case Long l -> l;
            default -> throw new BadRequest(400, "seed must be an integer");
        };
        List<String> stop = switch (body.get("stop")) {
            case null -> List.of();
            case String s -> List.of(s);
            case List<?> list when list.stream().allMatch(o -> o instanceof String) -> list.stream().map(String.class::cast).toList();
            default -> throw new BadRequest(400, "stop must be a string or a list of strings");
        };
        Integer logprobs;
        if (chat) {
            boolean wanted = switch (body.get("logprobs")) {
                case null -> false;
                case Boolean b -> b;
                default -> throw new BadRequest(400, "logprobs must be true or false on chat completions");
            };
            int top = integer(body, "top_logprobs", 0, 0, 20);
            logprobs = wanted ? top : null;
        } else {
            logprobs = body.get("logprobs") == null ? null : integer(body, "logprobs", 0, 0, 20);
        }
        return new GenerationRequest(prompt, n, temperature, topP, topK, seed, maxTokens, stop, logprobs);
    }

    private static Prompt chatPrompt(Object value) throws BadRequest {
        if (!(value instanceof List<?> list) || list.isEmpty()) throw new BadRequest(400, "messages must be a non-empty list");
        List<Prompt.Message> messages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m) || !(m.get("role") instanceof String role) || !(m.get("content") instanceof String content)) {
                throw new BadRequest(400, "messages[" + i + "] must have a string role and a string content");
            }
            if (!List.of("system", "user", "assistant").contains(role)) {
                throw new BadRequest(400, "messages[" + i + "].role must be system, user or assistant, not \"" + role + "\"");
            }
            messages.add(new Prompt.Message(role, content));
        }
        return new Prompt.Chat(messages);
    }

    private static Prompt textPrompt(Object value) throws BadRequest {
        return switch (value) {
            case String s -> new Prompt.Raw(s);
            case List<?> ids when !ids.isEmpty() && ids.stream().allMatch(o -> o instanceof Long) ->
                    new Prompt.Tokens(ids.stream().map(o -> (int) (long) (Long) o).toList());
            case null, default -> throw new BadRequest(400, "prompt must be a string or a non-empty list of token ids");
        };
    }

    private static int integer(Map<?, ?> body, String field, int fallback, int min, int max) throws BadRequest {
        Object value = body.get(field);
        if (value == null) return fallback;
        if (!(value instanceof Long l) || l < min || l > max) {
            throw new BadRequest(400, field + " must be an integer from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ", got " + value);
        }
        return l.intValue();
    }

    private static Double number(Map<?, ?> body, String field, double min, double max) throws BadRequest {
        Object value = body.get(field);
        if (value == null) return null;
        if (!(value instanceof Number x) || x.doubleValue() < min || x.doubleValue() > max) {
            throw new BadRequest(400, field + " must be a number from " + (min == Double.MIN_VALUE ? "above 0" : min) + " to " + max + ", got " + value);
        }
        return x.doubleValue();
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

    @Override
    public void close() {
        stop(0);
    }
}
