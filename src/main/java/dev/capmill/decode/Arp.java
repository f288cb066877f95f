package dev.capmill.decode;

/** ARP for Ethernet/IPv4 (hardware type 1, protocol 0x0800, lengths 6 and 4). */
public final class Arp {
    private byte[] buf;
    private int off;
    private int opcode;

    /** False when too short or not Ethernet/IPv4 ARP. */
    public boolean reset(byte[] b, int o, int len) {
        buf = b;
        off = o;
        if (len < 28 || Bytes16.be(b, o) != 1 || Bytes16.be(b, o + 2) != 0x0800
                || (b[o + 4] & 0xff) != 6 || (b[o + 5] & 0xff) != 4) {
            return false;
        }
        opcode = Bytes16.be(b, o + 6);
        return true;
    }

    public int opcode() {
        return opcode;
    }

    public int senderMacOffset() {
        return off + 8;
    }

    public int senderIpOffset() {
        return off + 14;
    }

    public int targetMacOffset() {
        return off + 18;
    }

    public int targetIpOffset() {
        return off + 24;
    }

    public byte[] buffer() {
        return buf;
    }
}
