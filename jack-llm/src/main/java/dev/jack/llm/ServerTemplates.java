package dev.jack.llm;

import dev.jack.core.json.Json;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * How a server applies its own chat template to prompts Jack cannot send as plain chat: a partial assistant reply to
 * continue (tree search), and chat prompts sent to {@code /v1/completions}. Jack never renders a template itself for a
 * server, because the server's model may use any template.
 *
 * <p>Which form a server supports is found out once, on first need, with a few small requests, and logged:
 * <ol>
 * <li>vLLM's {@code /tokenize} with {@code messages} (also SGLang's and {@code jack serve}'s): the conversation with the
 * reply as a final assistant message under {@code continue_final_message: true, add_generation_prompt: false} must
 * tokenize to the generation-prompt tokens followed by exactly the reply's text. If so, continuations go to the chat
 * endpoint in that form ({@link OpenAiBackend.ContinuationForm#CONTINUE_FINAL_MESSAGE}); if the template changes the
 * reply (many trim it, which loses a step's trailing blank line), they go to {@code /v1/completions} as token ids: the
 * server's rendering of the conversation ({@code /tokenize} then {@code /detokenize}) with the reply appended, tokenized
 * by the server ({@link OpenAiBackend.ContinuationForm#TOKEN_IDS}).</li>
 * <li>llama.cpp's {@code /apply-template}: the rendering with a final assistant message must equal the rendering with
 * the generation prompt followed by the reply (llama.cpp's assistant prefill); if so the chat form is used, else
 * {@code /v1/completions} with the rendered text and the reply ({@link OpenAiBackend.ContinuationForm#TEMPLATE_TEXT}).</li>
 * <li>With neither endpoint, the chat form is checked by the prompt token counts the server reports: a reply of one
 * word and of the same word twice must add one and two times the same count (a server that closed the assistant turn
 * and opened a new one would add the turn's markup too).</li>
 * </ol>
 * When none works the request fails with a message naming the server and what each try gave.
 */
final class ServerTemplates {
    /** The reply used to probe: leading and trailing whitespace, which a continuation must keep. */
    private static final String PROBE_REPLY = " Once upon a time,\n\n";
    private static final List<Prompt.Message> PROBE_MESSAGES = List.of(Prompt.Message.user("Hi"));
    /** Rendered conversations kept: tree search continues the same conversation many times. */
    private static final int CACHED_RENDERINGS = 256;

    /** A server answer: HTTP status and body (2xx, or a 4xx that says the endpoint or form is not supported). */
    record Reply(int status, String body) {}

    /** Sends a JSON body to a URL, retrying transient failures; 4xx answers are returned, not thrown. */
    interface Poster {
        Reply post(URI url, Map<String, Object> body);
    }

    /** Where a prompt goes and the fields that carry it (the caller adds the sampling settings). */
    record Target(String path, Map<String, Object> fields) {}

    private final URI root;
    private final URI base;
    private final String model;
    private final Poster poster;
    private final Consumer<String> log;
    private final OpenAiBackend.ContinuationForm forced;
    private volatile OpenAiBackend.ContinuationForm form;
    /** For chat prompts on /v1/completions: true = /tokenize with messages, false = /apply-template. */
    private volatile Boolean tokenizesMessages;
    /** Renderings by /tokenize + /detokenize (BOS included) and by /apply-template (no BOS), most recently used kept. */
    private final Map<List<Prompt.Message>, String> detokenized = lru();
    private final Map<List<Prompt.Message>, String> applied = lru();

    private static Map<List<Prompt.Message>, String> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<List<Prompt.Message>, String> eldest) {
                return size() > CACHED_RENDERINGS;
            }
        };
    }

    private static String cached(Map<List<Prompt.Message>, String> cache, List<Prompt.Message> messages, Supplier<String> render) {
        synchronized (cache) {
            String hit = cache.get(messages);
            if (hit != null) return hit;
        }
        String text = render.get();
        synchronized (cache) {
            cache.put(List.copyOf(messages), text);
        }
        return text;
    }

    /** The body as a JSON object, or null when it is not one. */
    private static Map<?, ?> object(Reply r) {
        if (r.status() != 200) return null;
        try {
            return Json.parse(r.body()) instanceof Map<?, ?> m ? m : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * @param base   the API's base URL (ending in /v1); the utility endpoints are at its root, as vLLM and llama.cpp serve them
     * @param forced the continuation form to use without probing, or AUTO
     */
    ServerTemplates(URI base, String model, Poster poster, Consumer<String> log, OpenAiBackend.ContinuationForm forced) {
        this.base = base;
        String s = base.toString();
        this.root = URI.create(s.endsWith("/v1") ? s.substring(0, s.length() - 3) : s);
        this.model = model;
        this.poster = poster;
        this.log = log;
        this.forced = forced;
    }

    /** Where a continuation of the reply goes, in the server's own template. */
    Target continuation(List<Prompt.Message> messages, String reply) {
        return switch (form()) {
            case CONTINUE_FINAL_MESSAGE -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("messages", wire(withReply(messages, reply)));
                fields.put("continue_final_message", true);
                fields.put("add_generation_prompt", false);
                yield new Target("/chat/completions", fields);
            }
            case TOKEN_IDS -> new Target("/completions", prompt(tokenizeText(rendered(messages) + reply)));
            case TEMPLATE_TEXT -> new Target("/completions", prompt(applyTemplate(messages) + reply));
            case AUTO -> throw new IllegalStateException("unreachable");
        };
    }

    /** Where a chat prompt goes when it must use /v1/completions: the server's rendering, as token ids or text. */
    Target completions(List<Prompt.Message> messages) {
        if (tokenizesMessages == null) {
            synchronized (this) {
                if (tokenizesMessages == null) {
                    String tried;
                    if (tokenizeMessages(PROBE_MESSAGES, true, false) instanceof List<?>) {
                        tokenizesMessages = true;
                        tried = "/tokenize with messages";
                    } else if (applyTemplateOrNull(PROBE_MESSAGES) != null) {
                        tokenizesMessages = false;
                        tried = "/apply-template";
                    } else {
                        throw new GenerationException(base + " cannot render chat prompts for /v1/completions with its own template: it has "
                                + "neither /tokenize with messages (vLLM, SGLang, jack serve) nor /apply-template (llama.cpp); use the chat endpoint", 1);
                    }
                    log.accept("chat prompts on " + base + "/completions are rendered by the server's template (" + tried + ")");
                }
            }
        }
        if (tokenizesMessages) {
            if (!(tokenizeMessages(messages, true, false) instanceof List<?> ids)) throw new GenerationException(base + " stopped tokenizing messages", 1);
            return new Target("/completions", prompt(ids));
        }
        return new Target("/completions", prompt(applyTemplate(messages)));
    }

    private static Map<String, Object> prompt(Object prompt) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("prompt", prompt);
        return fields;
    }

    private static List<Prompt.Message> withReply(List<Prompt.Message> messages, String reply) {
        List<Prompt.Message> all = new ArrayList<>(messages);
        all.add(Prompt.Message.assistant(reply));
        return all;
    }

    static List<Object> wire(List<Prompt.Message> messages) {
        List<Object> out = new ArrayList<>(messages.size());
        for (Prompt.Message m : messages) out.add(Map.of("role", m.role(), "content", m.content()));
        return out;
    }

    private OpenAiBackend.ContinuationForm form() {
        if (form == null) {
            synchronized (this) {
                if (form == null) {
                    form = forced != OpenAiBackend.ContinuationForm.AUTO ? forced : probe();
                }
            }
        }
        return form;
    }

    private OpenAiBackend.ContinuationForm probe() {
        List<String> tried = new ArrayList<>();
        // 1. vLLM-style /tokenize with messages.
        Object generation = tokenizeMessages(PROBE_MESSAGES, true, false);
        if (generation instanceof List<?> gen && !gen.isEmpty()) {
            Object continued = tokenizeMessages(withReply(PROBE_MESSAGES, PROBE_REPLY), false, true);
            String genText = detokenize(gen);
            boolean exact = continued instanceof List<?> cont && cont.size() > gen.size() && cont.subList(0, gen.size()).equals(gen)
                    && detokenize(cont).equals(genText + PROBE_REPLY);
            if (exact) return chosen(OpenAiBackend.ContinuationForm.CONTINUE_FINAL_MESSAGE,
                    "/v1/chat/completions with the reply as the final assistant message (continue_final_message; checked with /tokenize)");
            return chosen(OpenAiBackend.ContinuationForm.TOKEN_IDS, "/v1/completions with token ids of the server's rendering plus the reply "
                    + "(/tokenize and /detokenize; the server's continue_final_message " + (continued instanceof List<?> ? "changes the reply" : "is refused") + ")");
        }
        tried.add("/tokenize with messages: " + describe(generation));
        // 2. llama.cpp's /apply-template.
        String plain = applyTemplateOrNull(PROBE_MESSAGES);
        if (plain != null) {
            String prefilled = applyTemplateOrNull(withReply(PROBE_MESSAGES, PROBE_REPLY));
            if ((plain + PROBE_REPLY).equals(prefilled)) return chosen(OpenAiBackend.ContinuationForm.CONTINUE_FINAL_MESSAGE,
                    "/v1/chat/completions with the reply as the final assistant message (llama.cpp's assistant prefill; checked with /apply-template)");
            return chosen(OpenAiBackend.ContinuationForm.TEMPLATE_TEXT,
                    "/v1/completions with the server's /apply-template rendering plus the reply (its assistant prefill changes the reply)");
        }
        tried.add("/apply-template: not available");
        // 3. The chat form itself, checked by the prompt token counts.
        String counted = countsCheck();
        if (counted == null) return chosen(OpenAiBackend.ContinuationForm.CONTINUE_FINAL_MESSAGE,
                "/v1/chat/completions with the reply as the final assistant message (continue_final_message; checked by prompt token counts)");
        tried.add("/v1/chat/completions with continue_final_message: " + counted);
        throw new GenerationException(base + " cannot continue a partial assistant reply with its own chat template; tried "
                + String.join("; ", tried), 1);
    }

    private OpenAiBackend.ContinuationForm chosen(OpenAiBackend.ContinuationForm f, String how) {
        log.accept("continuations on " + base + ": " + how);
        return f;
    }

    /** Null when a final assistant message is continued (by the token counts), else why not. */
    private String countsCheck() {
        Integer plain = chatPromptTokens(PROBE_MESSAGES, false);
        Integer once = chatPromptTokens(withReply(PROBE_MESSAGES, " cat"), true);
        Integer twice = chatPromptTokens(withReply(PROBE_MESSAGES, " cat cat"), true);
        if (plain == null || once == null || twice == null) return "refused, or no usage.prompt_tokens in the answer";
        int one = once - plain;
        if (one >= 1 && twice - plain == 2 * one) return null;
        return "the prompt token counts (" + plain + ", " + once + ", " + twice + ") show the reply is not continued";
    }

    private Integer chatPromptTokens(List<Prompt.Message> messages, boolean continueFinal) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", wire(messages));
        if (continueFinal) {
            body.put("continue_final_message", true);
            body.put("add_generation_prompt", false);
        }
        body.put("max_tokens", 1);
        body.put("temperature", 0);
        return object(poster.post(URI.create(base + "/chat/completions"), body)) instanceof Map<?, ?> root
                && root.get("usage") instanceof Map<?, ?> usage && usage.get("prompt_tokens") instanceof Long p ? p.intValue() : null;
    }

    /** The server's rendering of the conversation with its generation prompt, as text (special tokens included). */
    private String rendered(List<Prompt.Message> messages) {
        return cached(detokenized, messages, () -> {
            if (!(tokenizeMessages(messages, true, false) instanceof List<?> ids)) throw new GenerationException(base + " stopped tokenizing messages", 1);
            return detokenize(ids);
        });
    }

    /** The token ids of /tokenize with messages, or a reason (String) when the server does not take that form. */
    private Object tokenizeMessages(List<Prompt.Message> messages, boolean addGenerationPrompt, boolean continueFinal) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", wire(messages));
        body.put("add_generation_prompt", addGenerationPrompt);
        if (continueFinal) body.put("continue_final_message", true);
        Reply r = poster.post(URI.create(root + "/tokenize"), body);
        if (r.status() != 200) return "HTTP " + r.status();
        // llama.cpp answers a body without "content" with an empty list: that is no support.
        if (object(r) instanceof Map<?, ?> m && m.get("tokens") instanceof List<?> ids && !ids.isEmpty()
                && ids.stream().allMatch(o -> o instanceof Long)) return ids;
        return "no token ids in the answer";
    }

    /** Token ids of a text that already holds its special tokens (BOS included), as the server tokenizes it. */
    private List<?> tokenizeText(String text) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("prompt", text);
        body.put("add_special_tokens", false);
        Reply r = poster.post(URI.create(root + "/tokenize"), body);
        if (object(r) instanceof Map<?, ?> m && m.get("tokens") instanceof List<?> ids && !ids.isEmpty()) return ids;
        throw new GenerationException(base + " could not tokenize a continuation: HTTP " + r.status(), 1);
    }

    private String detokenize(List<?> ids) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("tokens", ids);
        Reply r = poster.post(URI.create(root + "/detokenize"), body);
        if (object(r) instanceof Map<?, ?> m) {
            // vLLM answers under "prompt", llama.cpp under "content".
            if (m.get("prompt") instanceof String s) return s;
            if (m.get("content") instanceof String s) return s;
        }
        throw new GenerationException(base + " could not detokenize: HTTP " + r.status(), 1);
    }

    private String applyTemplate(List<Prompt.Message> messages) {
        return cached(applied, messages, () -> {
            String text = applyTemplateOrNull(messages);
            if (text == null) throw new GenerationException(base + " stopped answering /apply-template", 1);
            return text;
        });
    }

    private String applyTemplateOrNull(List<Prompt.Message> messages) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messages", wire(messages));
        return object(poster.post(URI.create(root + "/apply-template"), body)) instanceof Map<?, ?> m && m.get("prompt") instanceof String s ? s : null;
    }

    private static String describe(Object tokenizeResult) {
        return tokenizeResult instanceof String reason ? reason : "no token ids in the answer";
    }
}
