package dev.capmill.decode;

import dev.capmill.model.TextBuffer;

/**
 * The Protocol and Info columns as Wireshark's dissectors write them (epan/column-utils.c): a
 * "fence" protects the start of Info from being cleared or replaced by a later (higher) layer,
 * and the Protocol column can be made read-only while a second PDU of the same segment is
 * dissected. The decoders of TCP payloads write through this so that their lines come out as
 * tshark's. Reused: no allocation per packet.
 */
public final class Columns {
    /** What tshark appends to Info when a read passes the length the packet claims. */
    public static final String MALFORMED = "[Malformed Packet]";
    /** What it appends when the read passes only the captured bytes. */
    public static final String LIMITED = "[Packet size limited during capture]";

    /**
     * The mark tshark appends when a dissector's read ending at byte {@code end} fails: past the
     * length the packet claims ({@code reported}) it is malformed, else only cut by the capture.
     */
    public static String truncationMark(int end, int reported) {
        return end > reported ? MALFORMED : LIMITED;
    }

    public final TextBuffer protocol;
    public final TextBuffer info;
    private int fence;
    private boolean protocolWritable = true;

    public Columns(TextBuffer protocol, TextBuffer info) {
        this.protocol = protocol;
        this.info = info;
    }

    /** A new packet: both columns empty, no fence. */
    public void reset() {
        protocol.setLength(0);
        info.setLength(0);
        fence = 0;
        protocolWritable = true;
    }

    public void setProtocol(CharSequence p) {
        if (protocolWritable) {
            protocol.setLength(0);
            protocol.append(p);
        }
    }

    void protocolWritable(boolean w) {
        protocolWritable = w;
    }

    /** col_set_fence: what Info holds now stays. */
    public void fence() {
        fence = info.length();
    }

    /** col_clear: Info back to its fence. */
    public void clear() {
        info.setLength(fence);
    }

    /** col_set_str / col_add_str: replaces what follows the fence. */
    public void set(CharSequence s) {
        info.setLength(fence);
        info.append(s);
    }

    /** Starts replacing what follows the fence; the caller appends the new text to {@link #info}. */
    TextBuffer replace() {
        info.setLength(fence);
        return info;
    }

    /** col_append_sep_str: the separator only when the column already holds something. */
    public void appendSep(String sep, CharSequence s) {
        if (info.length() > 0) {
            info.append(sep);
        }
        info.append(s);
    }
}
