package dev.jack.core.text;

import com.cybozu.labs.langdetect.BundledProfiles;
import com.cybozu.labs.langdetect.Detector;
import com.cybozu.labs.langdetect.DetectorFactory;
import com.cybozu.labs.langdetect.LangDetectException;
import com.cybozu.labs.langdetect.util.LangProfile;
import dev.jack.core.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
            // Parsing the 53 profiles dominates start-up, so it runs on every core.
            List<LangProfile> profiles = new ArrayList<>(LANGUAGES.size());
            profiles.addAll(LANGUAGES.parallelStream().map(LanguageDetector::readProfile).toList());
            try {
                BundledProfiles.register(profiles);
            } catch (LangDetectException e) {
                throw new IllegalStateException("cannot load langdetect profiles: " + e.getMessage(), e);
            }
            DetectorFactory.setSeed(SEED);
            loaded = true;
        }
    }

    /** Reads one of langdetect's bundled profiles (JSON: name, freq, n_words). */
    private static LangProfile readProfile(String lang) {
        String json;
        try (InputStream in = DetectorFactory.class.getResourceAsStream("/profiles/" + lang)) {
            if (in == null) throw new IllegalStateException("langdetect profile missing from classpath: " + lang);
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<?, ?> fields = (Map<?, ?>) Json.parse(json);
        Map<?, ?> freq = (Map<?, ?>) fields.get("freq");
        List<?> nWords = (List<?>) fields.get("n_words");
        LangProfile profile = new LangProfile();
        profile.name = (String) fields.get("name");
        profile.freq = new HashMap<>(freq.size() * 2);
        freq.forEach((gram, count) -> profile.freq.put((String) gram, ((Long) count).intValue()));
        profile.n_words = new int[nWords.size()];
        for (int i = 0; i < nWords.size(); i++) profile.n_words[i] = ((Long) nWords.get(i)).intValue();
        return profile;
    }

    /** Loads the profiles now, e.g. on a background thread, so the first detection does not wait. */
    public static void preload() {
        ensureLoaded();
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
