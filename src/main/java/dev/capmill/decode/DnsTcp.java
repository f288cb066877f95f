package dev.capmill.decode;

/**
 * DNS over TCP (RFC 1035 §4.2.2; packet-dns.c's TCP dissector, checked against tshark 4.0.17 on
 * made-up conversations): each message behind a two-byte length, cut and reassembled as
 * tcp_dissect_pdus does. Every message clears the Info before writing its own, so a segment of
 * several messages shows the last one, and one that follows a reassembled message is written
 * straight after it (the reassembly's fence keeps the first). The message itself is written by the
 * text package's DNS summary, handed in as a {@link Writer}.
 */
public final class DnsTcp {
    static final int PORT = 53;

    /** Writes the Info of one DNS message ({@code captured} of its {@code reported} bytes at {@code off}). */
    public interface Writer {
        void write(byte[] b, int off, int captured, int reported, dev.capmill.model.TextBuffer info);
    }

    /** After {@link #dissect}: bytes still needed (0: none; Http.ONE_MORE_SEGMENT) and where that message starts. */
    int desegLen;
    int desegOffset;

    void dissect(byte[] b, int off, int len, boolean canDesegment, Writer writer, Columns col) {
        desegLen = 0;
        desegOffset = 0;
        int at = 0;
        while (at < len) {
            int rest = len - at;
            if (rest < 2) {
                if (canDesegment) {
                    desegOffset = at;
                    desegLen = Http.ONE_MORE_SEGMENT;
                    return;
                }
                // the length cannot be read: the message ends the segment's dissection
                col.setProtocol("DNS");
                col.replace().append(Columns.LIMITED);
                return;
            }
            int plen = 2 + Bytes16.be(b, off + at);
            if (canDesegment && rest < plen) {
                desegOffset = at;
                desegLen = plen - rest;
                return;
            }
            col.setProtocol("DNS");
            writer.write(b, off + at + 2, Math.min(rest, plen) - 2, plen - 2, col.replace());
            at += plen;
        }
    }
}
