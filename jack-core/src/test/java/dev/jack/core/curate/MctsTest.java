package dev.jack.core.curate;

import dev.jack.core.curate.Mcts.Continuation;
import dev.jack.core.curate.Mcts.Outcome;
import dev.jack.core.curate.Mcts.Pair;
import dev.jack.core.curate.Mcts.Result;
import dev.jack.core.curate.Mcts.Settings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MctsTest {
    /** Each step is one paragraph, "good" or "bad"; a response has four. */
    private static final int STEPS = 4;
    private static final Settings SMALL_STEPS = new Settings(3, 4, 12, 6, 3, 1.0, false, 0.1, 3, 2, 40);
    /** Every response may be chosen. */
    private static final Mcts.Screen ANY = (text, stopped) -> null;

    /** A model whose paragraphs are good with probability 0.6, drawn from the call's seed. */
    private static final class ParagraphModel implements Mcts.Generator {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicLong tokens = new AtomicLong();

        @Override
        public List<Continuation> continueFrom(String prefix, int k, long seed) {
            calls.incrementAndGet();
            int done = prefix.isEmpty() ? 0 : prefix.split("\n\n").length;
            List<Continuation> out = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                SplittableRandom rng = new SplittableRandom(seed * 31 + i);
                StringBuilder text = new StringBuilder();
                for (int s = done; s < STEPS; s++) {
                    text.append(rng.nextDouble() < 0.6 ? "good" : "bad").append(" paragraph ").append(rng.nextInt(3)).append(" ends here.");
                    if (s < STEPS - 1) text.append("\n\n");
                }
                int n = text.toString().split("\\s+").length;
                tokens.addAndGet(n);
                out.add(new Continuation(text.toString(), List.of(), List.of(), n, true));
            }
            return out;
        }
    }

    private static Outcome reward(String response) {
        String[] paragraphs = response.split("\n\n");
        double good = 0;
        for (String p : paragraphs) if (p.startsWith("good")) good++;
        double r = good / STEPS;
        return new Outcome(r, r, r);
    }

    @Test
    void pairsShareTheirNodesPrefixAndDifferInRewardAfterIt() {
        ParagraphModel model = new ParagraphModel();
        Result result = Mcts.search(model, MctsTest::reward, ANY, SMALL_STEPS, 42);
        assertTrue(!result.pairs().isEmpty(), "a tree of this size has pairs below the root");
        for (Pair p : result.pairs()) {
            assertTrue(p.depth() >= 1);
            assertTrue(!p.prefix().isEmpty() && p.prefix().endsWith("\n\n"), "the shared prefix ends at a step boundary: " + p.prefix());
            assertEquals(p.depth(), p.prefix().split("\n\n").length);
            assertTrue(p.chosen().text().startsWith(p.prefix()) && p.rejected().text().startsWith(p.prefix()));
            assertTrue(p.chosen().outcome().reward() > p.rejected().outcome().reward());
            assertTrue(p.chosenVisits() >= 2 && p.rejectedVisits() >= 2);
            assertTrue(p.chosenQ() - p.rejectedQ() >= 0.1);
            assertEquals(reward(p.chosen().text()), p.chosen().outcome(), "rewards are the scorer's verdict on the whole text");
            String chosenStep = p.chosen().text().substring(p.prefix().length()).split("\n\n")[0];
            String rejectedStep = p.rejected().text().substring(p.prefix().length()).split("\n\n")[0];
            assertNotEquals(chosenStep, rejectedStep, "the pair diverges right after the shared prefix");
        }
        assertTrue(result.pairs().size() <= SMALL_STEPS.maxPairs());
        for (int i = 1; i < result.pairs().size(); i++) assertTrue(result.pairs().get(i - 1).depth() >= result.pairs().get(i).depth());
        assertNotNull(result.rootPair());
        assertEquals("", result.rootPair().prefix());
        assertEquals(0, result.rootPair().depth());
        assertTrue(result.rootPair().chosen().outcome().reward() > result.rootPair().rejected().outcome().reward());
        assertEquals(STEPS, result.response().text().split("\n\n").length, "the search finishes its own response");
    }

    @Test
    void countsEveryCallAndToken() {
        ParagraphModel model = new ParagraphModel();
        Result result = Mcts.search(model, MctsTest::reward, ANY, SMALL_STEPS, 42);
        assertEquals(model.calls.get(), result.calls());
        assertEquals(model.tokens.get(), result.generatedTokens());
        // At most one call per simulation, plus the final rollout.
        assertTrue(result.calls() <= 12 + 6 + 6 + 1, "calls: " + result.calls());
    }

    @Test
    void theSameSeedGivesTheSameSearchAndAnotherSeedAnother() {
        Result a = Mcts.search(new ParagraphModel(), MctsTest::reward, ANY, SMALL_STEPS, 42);
        Result b = Mcts.search(new ParagraphModel(), MctsTest::reward, ANY, SMALL_STEPS, 42);
        Result c = Mcts.search(new ParagraphModel(), MctsTest::reward, ANY, SMALL_STEPS, 43);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void theCapKeepsTheDeepestPairs() {
        Settings one = new Settings(3, 4, 12, 6, 3, 1.0, false, 0.1, 1, 2, 40);
        Result all = Mcts.search(new ParagraphModel(), MctsTest::reward, ANY, SMALL_STEPS, 7);
        Result capped = Mcts.search(new ParagraphModel(), MctsTest::reward, ANY, one, 7);
        assertEquals(1, capped.pairs().size());
        assertEquals(all.pairs().getFirst(), capped.pairs().getFirst());
    }

    @Test
    void duplicateStepsMakeOneChildAndNoPair() {
        Mcts.Generator parrot = (prefix, k, seed) -> {
            List<Continuation> same = new ArrayList<>();
            String text = prefix.isEmpty() ? "good one.\n\ngood two." : "good two.";
            for (int i = 0; i < k; i++) same.add(new Continuation(text, List.of(), List.of(), 4, true));
            return same;
        };
        Result result = Mcts.search(parrot, MctsTest::reward, ANY, SMALL_STEPS, 1);
        assertNull(result.rootPair());
        assertTrue(result.pairs().isEmpty());
        // Root, its one child "good one.\n\n", and that child's one child "good two." (terminal).
        assertEquals(3, result.nodes());
    }

    @Test
    void aFlawedResponseIsNeverChosenButMayBeRejected() {
        // A response whose last paragraph is numbered 0 (a third of them, whatever their reward) is cut off at the token limit.
        Mcts.Generator cutOff = (prefix, k, seed) -> {
            List<Continuation> out = new ArrayList<>();
            for (Continuation c : new ParagraphModel().continueFrom(prefix, k, seed)) {
                String last = (prefix + c.text()).substring((prefix + c.text()).lastIndexOf("\n\n") + 2);
                out.add(new Continuation(c.text(), List.of(), List.of(), c.generatedTokens(), !last.contains("paragraph 0")));
            }
            return out;
        };
        Mcts.Screen truncated = (text, stopped) -> stopped ? null : Flaw.TRUNCATED;
        boolean rejectedCutOff = false;
        boolean chosenCutOffWithoutScreen = false;
        for (long seed = 1; seed <= 20; seed++) {
            Result screened = Mcts.search(cutOff, MctsTest::reward, truncated, SMALL_STEPS, seed);
            Result all = Mcts.search(cutOff, MctsTest::reward, ANY, SMALL_STEPS, seed);
            assertEquals(all.calls(), screened.calls(), "the screen changes the pairs, not the search");
            assertTrue(screened.excluded().get(Flaw.TRUNCATED) > 0);
            assertNull(all.excluded().get(Flaw.TRUNCATED), "nothing is excluded when everything may be chosen");
            List<Pair> screenedPairs = new ArrayList<>(screened.pairs());
            if (screened.rootPair() != null) screenedPairs.add(screened.rootPair());
            for (Pair p : screenedPairs) {
                assertTrue(p.chosen().stopped() && p.chosen().flaw() == null, "chosen: " + p.chosen());
                rejectedCutOff |= p.rejected().flaw() == Flaw.TRUNCATED;
                assertTrue(p.chosen().outcome().reward() > p.rejected().outcome().reward());
            }
            List<Pair> allPairs = new ArrayList<>(all.pairs());
            if (all.rootPair() != null) allPairs.add(all.rootPair());
            chosenCutOffWithoutScreen |= allPairs.stream().anyMatch(p -> !p.chosen().stopped());
        }
        assertTrue(rejectedCutOff, "a cut-off response may still be the rejected one");
        assertTrue(chosenCutOffWithoutScreen, "without the screen, cut-off responses are chosen");
    }

    @Test
    void logprobPriorsSteerSelectionTowardLikelySteps() {
        // Two first steps: "likely" with mean logprob -0.1, "unlikely" with -5; both lead to the same reward.
        Mcts.Generator gen = (prefix, k, seed) -> {
            List<Continuation> out = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                boolean likely = i % 2 == 1; // second, so that ties (a uniform prior) would favour the other
                String text = (likely ? "likely" : "unlikely") + " start.\n\nend " + seed + ".";
                out.add(new Continuation(prefix.isEmpty() ? text : "end " + seed + " " + i + ".", List.of(), prefix.isEmpty()
                        ? List.of(likely ? -0.1 : -5.0, likely ? -0.1 : -5.0, -1.0, -1.0, -1.0) : List.of(), 3, true));
            }
            return out;
        };
        Settings withPrior = new Settings(2, 2, 6, 2, 1, 1.0, true, 0.1, 3, 1, 40);
        Result result = Mcts.search(gen, r -> new Outcome(0.5, 0.5, 0.5), ANY, withPrior, 3);
        assertTrue(result.response().text().startsWith("likely"), "the likelier step gets the visits: " + result.response().text());
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Settings(1, 4, 16, 8, 4, 1, false, 0.1, 4, 16, 128));
        assertThrows(IllegalArgumentException.class, () -> new Settings(4, 4, 16, 8, 0, 1, false, 0.1, 4, 16, 128));
        assertThrows(IllegalArgumentException.class, () -> new Settings(4, 4, 16, 8, 4, 1, false, 0.1, 4, 64, 16));
    }

    @Test
    void stepsEndAtABlankLineInsideTheWindow() {
        String text = "one two three.\n\nfour five six. seven eight.\n\nnine";
        int[] ends = Steps.tokenEnds(text, List.of());
        assertEquals(text.indexOf("four"), Steps.firstStep(text, ends, 2, 10));
        // The first blank line comes too early (3 tokens < 4): the next one inside the window is taken.
        assertEquals(text.indexOf("nine"), Steps.firstStep(text, ends, 4, 10));
        // No blank line inside the window: the last sentence end inside it.
        assertEquals(text.indexOf("seven"), Steps.firstStep(text, ends, 4, 7));
        // No boundary at all inside the window: cut at its last token.
        String plain = "a b c d e f g h i j";
        assertEquals("a b c d".length(), Steps.firstStep(plain, Steps.tokenEnds(plain, List.of()), 2, 4));
        assertEquals(plain.length(), Steps.firstStep(plain, Steps.tokenEnds(plain, List.of()), 2, 20), "the whole text when it fits");
    }

    @Test
    void tokenTextsCountTokensWhenTheySpellTheText() {
        List<Integer> ends = new ArrayList<>();
        for (int e : Steps.tokenEnds("Hello, world", List.of("Hello", ",", " world"))) ends.add(e);
        assertEquals(List.of(5, 6, 12), ends);
        ends.clear();
        for (int e : Steps.tokenEnds("Hello, world", List.of("Hel", "lo"))) ends.add(e);
        assertEquals(List.of(6, 12), ends, "tokens that do not spell the text: words instead");
        assertEquals(2, Steps.tokensIn(new int[]{5, 6, 12}, 6));
        assertEquals(3, Steps.tokensIn(new int[]{5, 6, 12}, 7), "a token cut in two counts");
    }
}
