package dev.capmill.decode;

/** UDP header. */
public final class Udp {
    public static final int HEADER = 8;
    private int srcPort;
    private int dstPort;
    private int length;

    public boolean reset(byte[] b, int o, int len) {
        if (len < HEADER) {
            return false;
        }
        srcPort = Bytes16.be(b, o);
        dstPort = Bytes16.be(b, o + 2);
        length = Bytes16.be(b, o + 4);
        return true;
    }

    public int sourcePort() {
        return srcPort;
    }

    public int destinationPort() {
        return dstPort;
    }

    /** The length field: header and payload. */
    public int length() {
        return length;
    }
}
