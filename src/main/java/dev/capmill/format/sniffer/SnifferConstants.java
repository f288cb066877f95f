package dev.capmill.format.sniffer;

/**
 * Layout of Network General Sniffer (DOS) files, as Wireshark's {@code wiretap/ngsniffer.c}
 * describes it (facts only). All numbers are little-endian.
 */
public final class SnifferConstants {
    private SnifferConstants() {
    }

    /** "TRSNIFF data" + 4 spaces + 0x1A. */
    public static final byte[] MAGIC = {'T', 'R', 'S', 'N', 'I', 'F', 'F', ' ', 'd', 'a', 't', 'a', ' ', ' ', ' ', ' ', 0x1A};

    /** Record header: u16 type, u16 length, u16 reserved. */
    public static final int RECORD_HEADER_LEN = 6;
    public static final int RH_TYPE = 0;
    public static final int RH_LENGTH = 2;

    // record types
    public static final int REC_VERS = 1;
    public static final int REC_FRAME2 = 4;
    public static final int REC_FRAME4 = 8;
    public static final int REC_FRAME6 = 12;
    public static final int REC_EOF = 3;
    public static final int REC_HEADER1 = 6;
    public static final int REC_HEADER2 = 7;
    /** Same value as REC_FRAME4: a description in files of major version 2 and below. */
    public static final int REC_V2DESC = 8;
    public static final int REC_HEADER3 = 13;
    public static final int REC_HEADER7 = 17;

    /** Body of the version record that Wireshark reads, whatever the record's length says. */
    public static final int VERS_LEN = 18;
    public static final int V_MAJ = 0;
    public static final int V_MIN = 2;
    public static final int V_TIME = 4;
    public static final int V_DATE = 6;
    public static final int V_TYPE = 8;
    public static final int V_NETWORK = 9;
    public static final int V_FORMAT = 10;
    public static final int V_TIMEUNIT = 11;
    public static final int V_CMPRS_VERS = 12;
    public static final int V_CMPRS_LEVEL = 13;
    public static final int V_RSVD0 = 14;

    // frame headers: the first 12 bytes are common
    public static final int FRAME2_LEN = 14;
    public static final int FRAME4_LEN = 48;
    public static final int FRAME6_LEN = 34;
    public static final int F_TIME_LOW = 0;
    public static final int F_TIME_MED = 2;
    public static final int F_TIME_HIGH = 4;
    public static final int F_TIME_DAY = 5;
    public static final int F_SIZE = 6;
    public static final int F_FS = 8;
    public static final int F_FLAGS = 9;
    public static final int F_TRUE_SIZE = 10;
    // frame4 ATMSaveInfo, from the start of the frame4 header
    public static final int F4_STATUS = 16;
    public static final int F4_TRAF_TYPE = 28;
    public static final int F4_HL_TYPE = 29;
    public static final int F4_VPI = 32;
    public static final int F4_VCI = 34;
    public static final int F4_CHANNEL = 36;

    /** fs bit: the WAN frame went from DTE to DCE ("sent"). */
    public static final int FS_WAN_DTE = 0x80;
    public static final int FS_ISDN_CHAN_MASK = 0x18;

    // network types in the version record
    public static final int NET_TOKEN_RING = 0;
    public static final int NET_ETHERNET = 1;
    public static final int NET_ARCNET = 2;
    public static final int NET_SYNCHRO = 7;
    public static final int NET_ASYNC = 8;
    public static final int NET_FDDI = 9;
    public static final int NET_ATM = 10;

    // WAN subtypes in REC_HEADER2 (byte 4) of versions 1, 4 and 5
    public static final int WAN_SDLC = 0;
    public static final int WAN_HDLC = 1;
    public static final int WAN_FRAME_RELAY = 2;
    public static final int WAN_ROUTER = 3;
    public static final int WAN_PPP = 4;

    /**
     * Picoseconds per tick, indexed by the version record's timeunit (Wireshark's Psec table):
     * 15 µs, 0.838096 µs, 15 µs, 0.5 µs, 2 µs, 1 µs, 0.1 µs.
     */
    static final long[] PSEC = {15_000_000L, 838_096L, 15_000_000L, 500_000L, 2_000_000L, 1_000_000L, 100_000L};

    public static final long PS_PER_SECOND = 1_000_000_000_000L;

    /** Largest decompressed blob (Wireshark's OUTBUF_SIZE). */
    public static final int MAX_BLOB_OUTPUT = 65_536;

    /** Bytes of a WAN REC_HEADER2 body that are looked at (Wireshark reads at most 256). */
    public static final int HEADER2_LOOK = 256;
}
