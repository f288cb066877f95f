package dev.capmill.format;

/**
 * Bounds on lengths read from files, checked before any buffer is sized by them. The defaults
 * follow Wireshark and libpcap: 16 MiB for a pcapng block (libpcap's initial max_blocksize),
 * 256 KiB for an ordinary packet (WTAP_MAX_PACKET_SIZE_STANDARD) and 128 MiB for the few link
 * types that carry bigger ones (D-Bus, USBPcap; see {@link #maxPacket(int)}).
 */
public final class ReadLimits {
    public static final int STANDARD_MAX_PACKET = 262_144;
    public static final int LARGE_MAX_PACKET = 128 * 1024 * 1024;
    /** WTAP_MAX_PACKET_SIZE_EBHSCR: the Elektrobit EBHSCR link type (279) allows 8 MiB records. */
    public static final int EBHSCR_MAX_PACKET = 8 * 1024 * 1024;

    public static final ReadLimits DEFAULT = new ReadLimits(16 * 1024 * 1024, LARGE_MAX_PACKET);

    private final int maxBlock;
    private final int maxLargePacket;

    public ReadLimits(int maxBlock, int maxLargePacket) {
        this.maxBlock = maxBlock;
        this.maxLargePacket = maxLargePacket;
    }

    /** Largest pcapng block (or other container record) read whole into memory. */
    public int maxBlock() {
        return maxBlock;
    }

    /**
     * Largest captured length accepted for a packet of this link type. Wireshark's pcap reader
     * refuses ("File has N-byte packet, bigger than maximum of 262144") packets beyond
     * WTAP_MAX_PACKET_SIZE_STANDARD except for D-Bus (231), USBPcap (249), USB Linux (189) and
     * USB Linux mmapped (220), which get 128 MiB, and EBHSCR (279), which gets 8 MiB
     * (wiretap/wtap.h, wiretap/pcap-common.c). Checked against tshark 4.0.17: a record one byte
     * over each of these bounds is refused, one at the bound is read.
     */
    public int maxPacket(int linkType) {
        switch (linkType) {
            case 231:
            case 249:
            case 220:
            case 189:
                return maxLargePacket;
            case 279:
                return Math.min(EBHSCR_MAX_PACKET, maxLargePacket);
            default:
                return STANDARD_MAX_PACKET;
        }
    }
}
