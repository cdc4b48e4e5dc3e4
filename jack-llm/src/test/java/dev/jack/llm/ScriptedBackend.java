package dev.jack.llm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * A backend whose answers come from a function of the request and the completion index: for tests,
 * dry runs and replaying recorded answers. It counts the calls it gets.
 */
public final class ScriptedBackend implements Backend {
    private final String model;
    private final BiFunction<GenerationRequest, Integer, String> answer;
    private final AtomicLong calls = new AtomicLong();

    public ScriptedBackend(String model, BiFunction<GenerationRequest, Integer, String> answer) {
        this.model = model;
        this.answer = answer;
    }

    @Override
    public String model() {
        return model;
    }

    public long calls() {
        return calls.get();
    }

    /** The text of a request's last user message (or its raw prefix, or the reply being continued). */
    public static String lastText(GenerationRequest request) {
        return switch (request.prompt()) {
            case Prompt.Chat chat -> chat.messages().getLast().content();
            case Prompt.Raw raw -> raw.prefix();
            case Prompt.Continuation c -> c.reply();
            case Prompt.Tokens tokens -> tokens.ids().toString();
        };
    }

    @Override
    public CompletableFuture<GenerationResult> generate(GenerationRequest request) {
        calls.incrementAndGet();
        try {
            List<GenerationResult.Completion> completions = new ArrayList<>();
            for (int i = 0; i < request.n(); i++) {
                String text = answer.apply(request, i);
                completions.add(new GenerationResult.Completion(text, "stop", text.split("\\s+").length, List.of()));
            }
            return CompletableFuture.completedFuture(new GenerationResult(List.copyOf(completions), 0));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new GenerationException(e.getMessage(), 1));
        }
    }

    @Override
    public void close() {
    }
}
