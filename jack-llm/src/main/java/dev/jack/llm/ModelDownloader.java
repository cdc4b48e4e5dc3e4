package dev.jack.llm;

import dev.jack.core.data.Downloader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Downloads a model file once into the cache: resumable (what arrived stays in {@code FILE.partial} and a rerun
 * asks for the rest with a Range request), checked against the size and SHA-256 the server announces (Hugging
 * Face's {@code X-Linked-Size} and {@code X-Linked-Etag} on the unredirected response), with a progress line.
 * The file appears at its final path only once verified.
 */
final class ModelDownloader {
    /** Hugging Face gives a file's size and hash on the redirect itself, so that answer must not be followed. */
    private static final HttpClient NOT_FOLLOWING = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(20)).build();

    private ModelDownloader() {}

    /** What the server says the file is: its size and SHA-256, when it says. */
    record Expected(long size, String sha256) {}

    static Path fetch(URI url, Path target, Consumer<String> log) throws IOException {
        if (Files.isRegularFile(target)) return target;
        Files.createDirectories(target.toAbsolutePath().getParent());
        try {
            Expected expected = expected(url);
            Path partial = target.resolveSibling(target.getFileName() + ".partial");
            long offset = Files.exists(partial) ? Files.size(partial) : 0;
            if (expected.size() >= 0 && offset > expected.size()) {
                Files.delete(partial);
                offset = 0;
            }
            if (expected.size() < 0 || offset < expected.size()) offset = transfer(url, partial, offset, expected.size(), log);
            long size = Files.size(partial);
            if (expected.size() >= 0 && size != expected.size()) {
                throw new IOException("downloaded " + size + " bytes of " + url + ", expected " + expected.size() + "; rerun to resume");
            }
            if (expected.sha256() != null) {
                String actual = sha256(partial);
                if (!actual.equals(expected.sha256())) {
                    Files.delete(partial);
                    throw new IOException("checksum mismatch for " + url + ": SHA-256 " + actual + ", expected " + expected.sha256() + " (the partial file was removed)");
                }
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + url, e);
        }
    }

    private static Expected expected(URI url) throws IOException, InterruptedException {
        HttpResponse<Void> head = NOT_FOLLOWING.send(HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(1))
                .header("User-Agent", "jack").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        if (head.statusCode() >= 400) throw new IOException("HTTP " + head.statusCode() + " from " + url);
        Optional<String> linkedSize = head.headers().firstValue("X-Linked-Size");
        long size = linkedSize.map(Long::parseLong)
                .orElse(head.statusCode() == 200 ? head.headers().firstValueAsLong("Content-Length").orElse(-1) : -1);
        String etag = head.headers().firstValue("X-Linked-Etag").or(() -> head.headers().firstValue("ETag")).orElse("")
                .replace("W/", "").replace("\"", "").strip().toLowerCase(Locale.ROOT);
        return new Expected(size, etag.matches("[0-9a-f]{64}") ? etag : null);
    }

    /** Appends the rest of the file from offset; returns the new size. A 200 answer to a Range request restarts. */
    private static long transfer(URI url, Path partial, long offset, long total, Consumer<String> log) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofHours(6)).header("User-Agent", "jack");
        if (offset > 0) request.header("Range", "bytes=" + offset + "-");
        HttpResponse<InputStream> response = Downloader.CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() == 200) {
                offset = 0;
            } else if (response.statusCode() != 206) {
                throw new IOException("HTTP " + response.statusCode() + " from " + url);
            }
            log.accept("downloading " + url + (offset > 0 ? " (resuming at " + megabytes(offset) + ")" : "") + " into " + partial.getParent());
            byte[] buffer = new byte[1 << 20];
            long done = offset;
            long lastReport = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    offset == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND)) {
                int n;
                while ((n = body.read(buffer)) > 0) {
                    out.write(buffer, 0, n);
                    done += n;
                    if (System.nanoTime() - lastReport > 2_000_000_000L) {
                        lastReport = System.nanoTime();
                        log.accept("  " + megabytes(done) + (total > 0 ? String.format(" of %s (%.0f%%)", megabytes(total), 100.0 * done / total) : ""));
                    }
                }
            } catch (IOException e) {
                throw new IOException("the download of " + url + " broke off at " + megabytes(done) + " (" + e.getMessage() + "); rerun to resume", e);
            }
            return done;
        }
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            int n;
            while ((n = in.read(buffer)) > 0) digest.update(buffer, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
