package dev.capmill.decode;

/**
 * Linux "cooked" capture headers: SLL (LINKTYPE_LINUX_SLL, 16 bytes: packet type, ARPHRD type,
 * address length, 8 address bytes, protocol) and SLL2 (LINKTYPE_LINUX_SLL2, 20 bytes: protocol,
 * reserved, interface index, ARPHRD type, packet type, address length, 8 address bytes), as
 * described at tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html and LINKTYPE_LINUX_SLL2.html.
 */
public final class Sll {
    public static final int HEADER_V1 = 16;
    public static final int HEADER_V2 = 20;
    private byte[] buf;
    private int off;
    private boolean v2;
    private int packetType;
    private int hardwareType;
    private int addressLength;
    private int protocol;
    private int interfaceIndex;

    /** Decodes a version 1 (or, with {@code version2}, a version 2) header; false when too short. */
    public boolean reset(byte[] b, int o, int len, boolean version2) {
        buf = b;
        off = o;
        v2 = version2;
        if (len < (version2 ? HEADER_V2 : HEADER_V1)) {
            return false;
        }
        if (version2) {
            protocol = Bytes16.be(b, o);
            interfaceIndex = (int) Bytes16.be32(b, o + 4);
            hardwareType = Bytes16.be(b, o + 8);
            packetType = b[o + 10] & 0xff;
            addressLength = b[o + 11] & 0xff;
        } else {
            packetType = Bytes16.be(b, o);
            hardwareType = Bytes16.be(b, o + 2);
            addressLength = Bytes16.be(b, o + 4);
            protocol = Bytes16.be(b, o + 14);
            interfaceIndex = -1;
        }
        return true;
    }

    public int headerLength() {
        return v2 ? HEADER_V2 : HEADER_V1;
    }

    /** 0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us. */
    public int packetType() {
        return packetType;
    }

    /** The ARPHRD_ type (1 Ethernet, 772 loopback, ...). */
    public int hardwareType() {
        return hardwareType;
    }

    public int addressLength() {
        return addressLength;
    }

    /** The protocol field: an EtherType, or below 1536 one of Linux's ETH_P_ values (4 = 802.2 LLC). */
    public int protocol() {
        return protocol;
    }

    /** The interface index (SLL2 only, else -1). */
    public int interfaceIndex() {
        return interfaceIndex;
    }

    /** Absolute offset of the link-layer address bytes. */
    public int addressOffset() {
        return off + (v2 ? 12 : 6);
    }

    public byte[] buffer() {
        return buf;
    }
}
