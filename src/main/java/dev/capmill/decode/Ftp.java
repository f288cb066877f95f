package dev.capmill.decode;

import dev.capmill.model.TextBuffer;

/**
 * The FTP control connection as tshark's packet-ftp.c writes its columns: Protocol "FTP", Info
 * "Request: " when the segment goes to port 21 (the port the dissector was found by, compared with
 * the destination port) else "Response: ", then the segment's first line without its terminator
 * (up to the first CR or LF, as tvb_find_line_end finds it), escaped as format_text does. The
 * dissector does not reassemble, so every segment is its own line. The data connections it learns
 * from PORT, EPRT, PASV and EPSV ("FTP-DATA" in tshark) are not followed: they show as TCP.
 */
final class Ftp {
    static final int PORT = 21;

    private Ftp() {
    }

    static void dissect(byte[] b, int off, int len, boolean request, Columns col) {
        col.setProtocol("FTP");
        TextBuffer info = col.replace();
        info.append(request ? "Request: " : "Response: ");
        int end = off + len;
        for (int i = off; i < end && b[i] != '\r' && b[i] != '\n'; i++) {
            Http.appendText(info, b[i]);
        }
    }
}
