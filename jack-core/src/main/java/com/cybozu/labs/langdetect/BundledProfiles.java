package com.cybozu.labs.langdetect;

import com.cybozu.labs.langdetect.util.LangProfile;

import java.util.List;

/**
 * Registers already-parsed language profiles with langdetect's factory. It lives in langdetect's
 * package because the factory's per-profile registration is package-private; Jack parses the bundled
 * profile JSON itself, which is several times faster than the library's own parser.
 */
public final class BundledProfiles {
    private BundledProfiles() {}

    public static void register(List<LangProfile> profiles) throws LangDetectException {
        DetectorFactory.clear();
        for (int i = 0; i < profiles.size(); i++) DetectorFactory.addProfile(profiles.get(i), i, profiles.size());
    }
}
