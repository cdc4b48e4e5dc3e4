package dev.jack.core.text;

import com.cybozu.labs.langdetect.Detector;
import com.cybozu.labs.langdetect.DetectorFactory;
import com.cybozu.labs.langdetect.LangDetectException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Language identification with langdetect (the Java library Python's langdetect was ported from),
 * using its bundled profiles and a fixed seed, so a text always gets the same answer. The reference
 * scorer's langdetect is unseeded, so on borderline texts its answer may vary from run to run.
 */
public final class LanguageDetector {
    /** The language codes of langdetect's bundled profiles, in the order they are loaded. */
    public static final List<String> LANGUAGES = List.of(
            "af", "ar", "bg", "bn", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "gu", "he",
            "hi", "hr", "hu", "id", "it", "ja", "kn", "ko", "lt", "lv", "mk", "ml", "mr", "ne", "nl", "no",
            "pa", "pl", "pt", "ro", "ru", "sk", "sl", "so", "sq", "sv", "sw", "ta", "te", "th", "tl", "tr",
            "uk", "ur", "vi", "zh-cn", "zh-tw");
    private static final long SEED = 0L;

    private static volatile boolean loaded;

    private static void ensureLoaded() {
        if (loaded) return;
        synchronized (LanguageDetector.class) {
            if (loaded) return;
            List<String> profiles = new ArrayList<>(LANGUAGES.size());
            for (String lang : LANGUAGES) {
                try (InputStream in = DetectorFactory.class.getResourceAsStream("/profiles/" + lang)) {
                    if (in == null) throw new IllegalStateException("langdetect profile missing from classpath: " + lang);
                    profiles.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            try {
                DetectorFactory.loadProfile(profiles);
            } catch (LangDetectException e) {
                throw new IllegalStateException("cannot load langdetect profiles: " + e.getMessage(), e);
            }
            DetectorFactory.setSeed(SEED);
            loaded = true;
        }
    }

    /** The most probable language code, or empty when the text has no features to judge by. */
    public Optional<String> detect(String text) {
        ensureLoaded();
        try {
            Detector detector = DetectorFactory.create();
            detector.append(text);
            return Optional.of(detector.detect());
        } catch (LangDetectException e) {
            return Optional.empty();
        }
    }
}
