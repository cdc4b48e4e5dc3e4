package dev.jack.core.data;

import dev.jack.core.UserException;

import java.nio.file.Path;

/** Bad input in a data file: names the file, the line (1-based) and, where known, the field. */
public final class DataFileException extends UserException {
    public DataFileException(Path file, long line, String field, String message) {
        super(file + ":" + line + ": " + (field == null ? "" : field + ": ") + message);
    }

    public DataFileException(Path file, String message) {
        super(file + ": " + message);
    }
}
