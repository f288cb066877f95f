package dev.capmill.decode;

/**
 * IEEE 802.2 LLC header (DSAP, SSAP, one- or two-byte control field) and, for SAP 0xAA with a UI
 * frame, the SNAP extension (OUI and protocol id), RFC 1042.
 */
public final class Llc {
    private int dsap;
    private int ssap;
    private int control;
    private int controlLength;
    private boolean snap;
    private int oui;
    private int pid;
    private int payloadOffset;

    /** False when too short for the header (or for SNAP's five bytes when it announces them). */
    public boolean reset(byte[] b, int o, int len) {
        if (len < 3) {
            return false;
        }
        dsap = b[o] & 0xff;
        ssap = b[o + 1] & 0xff;
        int c = b[o + 2] & 0xff;
        // U frames have a one-byte control field; I and S frames two (ISO/IEC 8802-2 section 5.2)
        controlLength = (c & 3) == 3 ? 1 : 2;
        if (len < 2 + controlLength) {
            return false;
        }
        control = controlLength == 1 ? c : c | (b[o + 3] & 0xff) << 8;
        snap = dsap == 0xaa && ssap == 0xaa && controlLength == 1;
        int p = o + 2 + controlLength;
        if (snap) {
            if (len < 8) {
                return false;
            }
            oui = (b[p] & 0xff) << 16 | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff);
            pid = Bytes16.be(b, p + 3);
            p += 5;
        }
        payloadOffset = p;
        return true;
    }

    public int dsap() {
        return dsap;
    }

    public int ssap() {
        return ssap;
    }

    /** The control field: one byte for U frames; for I and S frames the first byte in the low 8 bits. */
    public int control() {
        return control;
    }

    public int controlLength() {
        return controlLength;
    }

    public boolean isSnap() {
        return snap;
    }

    public int oui() {
        return oui;
    }

    public int pid() {
        return pid;
    }

    /** Absolute offset of the first byte after the LLC (and SNAP) header. */
    public int payloadOffset() {
        return payloadOffset;
    }
}
