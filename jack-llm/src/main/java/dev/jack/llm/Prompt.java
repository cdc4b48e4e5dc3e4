package dev.jack.llm;

import java.util.List;

/**
 * What a model continues: chat messages, a raw text prefix, the assistant's partial reply to chat messages
 * (tree search continues it with the chat template applied), or token ids taken as they are (no BOS added).
 */
public sealed interface Prompt {
    /** One chat turn. */
    record Message(String role, String content) {
        public static Message system(String content) {
            return new Message("system", content);
        }

        public static Message user(String content) {
            return new Message("user", content);
        }

        public static Message assistant(String content) {
            return new Message("assistant", content);
        }
    }

    record Chat(List<Message> messages) implements Prompt {
        public Chat {
            messages = List.copyOf(messages);
            if (messages.isEmpty()) throw new IllegalArgumentException("a chat prompt needs at least one message");
        }
    }

    record Raw(String prefix) implements Prompt {}

    /** The messages rendered with the chat template and its generation prompt, then the reply so far, continued as raw text. */
    record Continuation(List<Message> messages, String reply) implements Prompt {
        public Continuation {
            messages = List.copyOf(messages);
            if (messages.isEmpty()) throw new IllegalArgumentException("a continuation needs at least one message");
        }
    }

    record Tokens(List<Integer> ids) implements Prompt {
        public Tokens {
            ids = List.copyOf(ids);
            if (ids.isEmpty()) throw new IllegalArgumentException("a token prompt needs at least one token");
        }
    }
}
