package dev.jack.pipeline.config;

import dev.jack.core.UserException;

/** A config file that cannot be used: the message names the file, the line, the key and what is wrong. */
public final class ConfigException extends UserException {
    public ConfigException(String message) {
        super(message);
    }
}
