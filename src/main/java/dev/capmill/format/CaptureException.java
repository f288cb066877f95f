package dev.capmill.format;

import java.io.IOException;

/**
 * A problem with the content of a capture (not with the I/O under it). The message is one line:
 * {@code <format>: <what> at offset 0x<offset>} — the CLI prefixes the file name.
 */
public class CaptureException extends IOException {
    private final String formatId;
    private final long offset;
    private final long recordIndex;

    public CaptureException(String formatId, long offset, long recordIndex, String what) {
        super(compose(formatId, offset, what));
        this.formatId = formatId;
        this.offset = offset;
        this.recordIndex = recordIndex;
    }

    private static String compose(String formatId, long offset, String what) {
        StringBuilder sb = new StringBuilder();
        if (formatId != null) {
            sb.append(formatId).append(": ");
        }
        sb.append(what);
        if (offset >= 0) {
            sb.append(" at offset 0x").append(Long.toHexString(offset));
        }
        return sb.toString();
    }

    public String formatId() {
        return formatId;
    }

    /** Offset in the (decompressed) input, or -1 when it does not apply. */
    public long offset() {
        return offset;
    }

    /** Index of the record being read, or -1. */
    public long recordIndex() {
        return recordIndex;
    }

    /** The content is not any format capmill reads. */
    public static final class UnknownFormat extends CaptureException {
        public UnknownFormat(String what) {
            super(null, -1, -1, what);
        }
    }

    /** The content breaks the format's rules. */
    public static final class Corrupt extends CaptureException {
        public Corrupt(String formatId, long offset, long recordIndex, String what) {
            super(formatId, offset, recordIndex, what);
        }
    }

    /** The input ends inside a record; everything before it was delivered. */
    public static final class Truncated extends CaptureException {
        public Truncated(String formatId, long offset, long recordIndex, String what) {
            super(formatId, offset, recordIndex, what);
        }
    }

    /** A valid feature capmill does not handle (yet). */
    public static final class Unsupported extends CaptureException {
        public Unsupported(String formatId, long offset, long recordIndex, String what) {
            super(formatId, offset, recordIndex, what);
        }
    }

    /** A length or count from the file is beyond what {@link ReadLimits} allow. */
    public static final class LimitExceeded extends CaptureException {
        public LimitExceeded(String formatId, long offset, long recordIndex, String what) {
            super(formatId, offset, recordIndex, what);
        }
    }

    /** A writer cannot hold what it was given (a link type, several link types, comments...). */
    public static final class Unwritable extends CaptureException {
        public Unwritable(String formatId, String what) {
            super(formatId, -1, -1, what);
        }
    }
}
