package dev.jack.core.text;

import dev.jack.core.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Jack's copy of NLTK's English Punkt parameters is the reference's, byte for byte, and reads to the same model. */
class BundledPunktTest {
    @Test
    void theBundledFilesEqualTheReferenceData() throws IOException {
        Path english = SharedData.punktEnglish();
        for (String name : new String[] {"abbrev_types.txt", "collocations.tab", "sent_starters.txt", "ortho_context.tab"}) {
            try (InputStream in = PunktParameters.class.getResourceAsStream(PunktParameters.BUNDLED_ENGLISH + name)) {
                assertNotNull(in, name + " is in the jar");
                assertArrayEquals(Files.readAllBytes(english.resolve(name)), in.readAllBytes(), name);
            }
        }
        assertEquals(PunktParameters.load(english), PunktParameters.english());
    }

    @Test
    void theAttributionAndLicenceTravelWithThem() throws IOException {
        try (InputStream notice = PunktParameters.class.getResourceAsStream("/dev/jack/core/text/punkt_tab/NOTICE");
             InputStream licence = PunktParameters.class.getResourceAsStream("/dev/jack/core/text/punkt_tab/LICENSE")) {
            assertNotNull(notice);
            assertNotNull(licence);
            String text = new String(notice.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(true, text.contains("NLTK") && text.contains("Apache License, Version 2.0"), text);
            assertEquals(true, new String(licence.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).contains("Apache License"));
        }
        // Splitting works without any folder or download: "Dr." is one of the model's abbreviations.
        assertEquals(2, new PunktSentenceTokenizer(PunktParameters.english()).sentences("Dr. Smith came. He left.").size());
    }
}
