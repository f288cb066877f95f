package dev.capmill.filter;

/** A filter expression that cannot be compiled: a syntax error (with its position) or a semantic one. */
public final class FilterException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int position;

    public FilterException(String message, int position) {
        super(message);
        this.position = position;
    }

    public FilterException(String message) {
        this(message, -1);
    }

    /** Character offset in the expression where the problem was seen, or -1 when it is not positional. */
    public int position() {
        return position;
    }
}
