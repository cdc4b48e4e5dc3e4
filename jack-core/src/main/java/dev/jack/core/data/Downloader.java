package dev.jack.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** Fetches a URL into a file atomically: the target appears complete or not at all. */
public final class Downloader {
    /** Follows redirects (Hugging Face and GitHub answer with one); shared with the model downloader. */
    public static final HttpClient CLIENT = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();

    private Downloader() {}

    /** Fetches {@code uri} (following redirects) into {@code target}; an answer other than 200 or an empty body is an IOException. */
    public static void download(URI uri, Path target) throws IOException {
        Path tmp = AtomicFiles.temporaryFor(target);
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                    .header("User-Agent", "jack").GET().build();
            HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode() + " from " + uri);
                }
                Files.copy(body, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            if (Files.size(tmp) == 0) throw new IOException("empty download from " + uri);
            AtomicFiles.moveIntoPlace(tmp, target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + uri, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
