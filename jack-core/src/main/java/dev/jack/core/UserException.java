package dev.jack.core;

/**
 * A problem the user can fix (a bad option, missing data, an unreachable download). The command line reports
 * its message as one line, without a stack trace, and exits with code 2.
 */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
