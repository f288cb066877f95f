package dev.capmill.decode;

/** ICMP (for IPv4) header: type, code and, for echo, identifier and sequence number. */
public final class Icmp {
    private int type;
    private int code;
    private int identifier;
    private int sequence;
    private int sequenceLe;
    private int checksum;

    public boolean reset(byte[] b, int o, int len) {
        if (len < 8) {
            return false;
        }
        type = b[o] & 0xff;
        code = b[o + 1] & 0xff;
        checksum = Bytes16.be(b, o + 2);
        identifier = Bytes16.be(b, o + 4);
        sequence = Bytes16.be(b, o + 6);
        sequenceLe = Bytes16.le(b, o + 6);
        return true;
    }

    public int type() {
        return type;
    }

    public int code() {
        return code;
    }

    public int checksum() {
        return checksum;
    }

    public int identifier() {
        return identifier;
    }

    public int sequence() {
        return sequence;
    }

    /** The sequence number read little-endian, which tshark shows after a slash. */
    public int sequenceLe() {
        return sequenceLe;
    }

    public boolean isEcho() {
        return type == 0 || type == 8;
    }
}
