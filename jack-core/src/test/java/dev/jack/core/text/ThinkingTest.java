package dev.jack.core.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ThinkingTest {
    @Test
    void theAnswerIsWhatFollowsALeadingThinkingBlock() {
        assertEquals("Answer.", Thinking.answer("<think>\nLet me count.\n</think>\n\nAnswer."));
        assertEquals("Answer.", Thinking.answer("\n <think>x</think>Answer."), "leading whitespace before the block");
        assertEquals("Answer. </think> stays", Thinking.answer("<think>a</think> Answer. </think> stays"), "the first close ends the block");
        assertEquals("", Thinking.answer("<think>cut off while thinking"), "an unclosed block leaves no answer");
        assertEquals("", Thinking.answer("<think>done</think>\n\n"));
    }

    @Test
    void aBlockOpenedByTheTemplateIsFoundByItsClose() {
        // DeepSeek-R1's and Qwen3's templates put <think> in the generation prompt: the response starts inside the block.
        assertEquals("Answer.", Thinking.answer("Let me count.\n</think>\n\nAnswer."));
    }

    @Test
    void aResponseWithoutALeadingBlockIsLeftAlone() {
        assertEquals("Plain answer.", Thinking.answer("Plain answer."));
        assertEquals("Text <think>later</think> more", Thinking.answer("Text <think>later</think> more"), "a block that does not lead");
        assertEquals("", Thinking.answer(""));
    }

    @Test
    void keepPutsSeparateReasoningBackInFront() {
        assertEquals("<think>\nWhy.\n</think>\n\nAnswer.", Thinking.KEEP.apply("\nWhy.\n", "\n\nAnswer."));
        assertEquals("<think>x</think>Answer.", Thinking.KEEP.apply(null, "<think>x</think>Answer."));
        assertEquals("Answer.", Thinking.STRIP.apply("Why.", "Answer."), "strip: the answer only, reasoning_content or not");
        assertEquals("Answer.", Thinking.STRIP.apply(null, "<think>x</think>Answer."));
    }
}
