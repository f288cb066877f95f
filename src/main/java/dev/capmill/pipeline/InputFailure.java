package dev.capmill.pipeline;

import java.io.IOException;

/** An input that could not be read to its end; {@link #getCause()} says why. Carries the input name. */
public final class InputFailure {
    private final String input;
    private final IOException cause;
    private final boolean truncation;

    public InputFailure(String input, IOException cause, boolean truncation) {
        this.input = input;
        this.cause = cause;
        this.truncation = truncation;
    }

    public String input() {
        return input;
    }

    public IOException cause() {
        return cause;
    }

    /** True when the input merely ended inside a record (every complete record before was read). */
    public boolean truncation() {
        return truncation;
    }

    public String message() {
        String m = cause.getMessage();
        return input + ": " + (m == null ? cause.getClass().getSimpleName() : m);
    }
}
