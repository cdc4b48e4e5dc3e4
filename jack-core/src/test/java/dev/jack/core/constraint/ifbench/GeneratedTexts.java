package dev.jack.core.constraint.ifbench;

import java.util.Random;

/** Random texts made of given pieces, for equivalence tests of hand-written scans. */
final class GeneratedTexts {
    private GeneratedTexts() {}

    /** Up to {@code maxPieces - 1} fragments, each followed by one of the separators. */
    static String of(Random random, int maxPieces, String[] fragments, String[] separators) {
        StringBuilder b = new StringBuilder();
        for (int k = random.nextInt(maxPieces); k > 0; k--) {
            b.append(fragments[random.nextInt(fragments.length)]).append(separators[random.nextInt(separators.length)]);
        }
        return b.toString();
    }
}
