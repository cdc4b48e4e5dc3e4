package dev.jack.core.constraint;

/**
 * A deterministic edit of a response meant to flip one constraint's verdict (see {@link Constraint#breaks} and
 * {@link Constraint#repairs}): the operation's name ({@code add_comma}, {@code remove_postscript}, ...) and the
 * edited response. An edit is a candidate: whoever uses it checks the result with the checkers.
 */
public record Edit(String operation, String response) {}
