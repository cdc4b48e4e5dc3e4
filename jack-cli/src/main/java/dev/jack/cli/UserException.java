package dev.jack.cli;

/** A problem the user can fix (bad input, missing data, unreachable download); reported without a stack trace. */
public final class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
