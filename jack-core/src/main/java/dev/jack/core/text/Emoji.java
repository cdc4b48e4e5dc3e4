package dev.jack.core.text;

import java.util.BitSet;

/**
 * {@code emoji.is_emoji(ch)} of the Python package emoji 2.15.0 for a single code point: whether that
 * code point alone is a key of its emoji table. The 1,400 such code points are bundled as
 * {@code emoji/emoji_2.15.0_single_codepoints.tsv} (exported from the package). Variation selectors,
 * zero-width joiners, skin-tone modifiers alone and keycap parts are not emoji by this test, which is
 * why IFBench's {@code format:emoji} verdicts depend on which code point ends a sentence.
 */
public final class Emoji {
    private Emoji() {}

    private static final class Holder {
        static final BitSet SINGLE = load();

        private static BitSet load() {
            BitSet set = new BitSet(0x20000);
            BundledData.read("emoji/emoji_2.15.0_single_codepoints.tsv").lines().skip(1).forEach(line -> {
                String field = line.substring(0, line.indexOf('\t'));
                set.set(Integer.parseInt(field.substring(2), 16));
            });
            return set;
        }
    }

    /** Whether {@code emoji.is_emoji(chr(codePoint))} is True in emoji 2.15.0. */
    public static boolean isEmoji(int codePoint) {
        return codePoint >= 0 && Holder.SINGLE.get(codePoint);
    }
}
