package dev.jack.core.text;

import dev.jack.core.UserException;

/** The Punkt model could not be found, fetched or read. */
public final class PunktDataException extends UserException {
    public PunktDataException(String message) {
        super(message);
    }

    public PunktDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
