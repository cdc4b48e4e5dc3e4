package dev.jack.core.text;

/** The Punkt model could not be found, fetched or read. */
public final class PunktDataException extends RuntimeException {
    public PunktDataException(String message) {
        super(message);
    }

    public PunktDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
