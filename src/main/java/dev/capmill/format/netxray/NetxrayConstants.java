package dev.capmill.format.netxray;

/**
 * Layout of NetXRay and Windows Sniffer files, as Wireshark's {@code wiretap/netxray.c}
 * describes it (facts only). Offsets count from the start of the file (the magic included);
 * all numbers are little-endian.
 */
public final class NetxrayConstants {
    private NetxrayConstants() {
    }

    public static final byte[] MAGIC = {'X', 'C', 'P', 0};
    /** Old NetXRay 1.x. */
    public static final byte[] OLD_MAGIC = {'V', 'L', 0, 0};

    public static final int HEADER_LEN = 128;
    public static final int H_VERSION = 4;
    public static final int VERSION_LEN = 8;
    public static final int H_START_TIME = 12;
    public static final int H_NFRAMES = 16;
    public static final int H_START_OFFSET = 24;
    public static final int H_END_OFFSET = 28;
    public static final int H_NETWORK = 44;
    public static final int H_NETWORK_PLUS = 45;
    public static final int H_TIMEUNIT = 48;
    public static final int H_TIMELO = 52;
    public static final int H_TIMEHI = 56;
    public static final int H_REALTICK = 76;
    public static final int H_CAPTYPE = 84;
    public static final int H_WAN_HDLC_SUBSUB = 92;

    /** Record header sizes: old, 1.x, 2.x. */
    public static final int REC_OLD_LEN = 16;
    public static final int REC_1_LEN = 28;
    public static final int REC_2_LEN = 40;
    public static final int R_TIMELO = 0;
    public static final int R_TIMEHI = 4;
    public static final int R_ORIG_LEN = 8;
    public static final int R_INCL_LEN = 10;
    /** Start of the xxx[] bytes of a 2.x record header. */
    public static final int R2_XXX = 12;

    // Ethernet capture types (version 2)
    public static final int CAPTYPE_NDIS = 0;
    public static final int ETH_CAPTYPE_GIGPOD = 2;
    public static final int ETH_CAPTYPE_OTHERPOD = 3;
    public static final int ETH_CAPTYPE_OTHERPOD2 = 5;
    public static final int ETH_CAPTYPE_GIGPOD2 = 6;
    // WAN capture types (version 2)
    public static final int WAN_CAPTYPE_PPP = 3;
    public static final int WAN_CAPTYPE_FRELAY = 4;
    public static final int WAN_CAPTYPE_HDLC = 6;
    public static final int WAN_CAPTYPE_SDLC = 7;
    public static final int WAN_CAPTYPE_HDLC2 = 8;
    public static final int WAN_CAPTYPE_CHDLC = 19;

    /*
     * Ticks per second. Wireshark's comments ask that the non-zero values never change; they
     * are copied exactly. 0 means unknown.
     */
    static final double[] TPS = {1e6, 1193000.0, 1193182.0};
    static final double[] TPS_GIGPOD = {1e9, 0.0, 31250000.0};
    static final double[] TPS_OTHERPOD = {1e6, 0.0, 1250000.0};
    static final double[] TPS_OTHERPOD2 = {1e6, 0.0, 0.0};
    static final double[] TPS_GIGPOD2 = {1e9, 0.0, 20000000.0};
}
