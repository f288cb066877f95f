package dev.capmill.format.pcap;

/**
 * Magic numbers, sizes and offsets of the classic pcap format. Magic values are given as they
 * read when the file's first four bytes are taken as a little-endian u32; the byte-swapped
 * value then means a big-endian file. Sources: libpcap sf-pcap.c, Wireshark wiretap/libpcap.h
 * and libpcap.c, draft-gharris-opsawg-pcap.
 */
public final class PcapConstants {
    private PcapConstants() {
    }

    /** Standard pcap, microsecond timestamps. */
    public static final int MAGIC_USEC = 0xA1B2C3D4;
    /** Nanosecond pcap (NSEC_TCPDUMP_MAGIC). */
    public static final int MAGIC_NSEC = 0xA1B23C4D;
    /** Kuznetzov "modified" pcap: ss991029 or ss990915 record headers, microseconds. */
    public static final int MAGIC_MODIFIED = 0xA1B2CD34;
    /** Ixia lcap, hardware capture: nanoseconds, 4 extra bytes after the file header. */
    public static final int MAGIC_IXIA_HW = 0x1C0001AC;
    /** Ixia lcap, software capture: microseconds, 4 extra bytes after the file header. */
    public static final int MAGIC_IXIA_SW = 0x1C0001AB;

    // ---- file header (24 bytes) ----
    public static final int FILE_HEADER_LEN = 24;
    public static final int FH_MAGIC = 0;
    public static final int FH_VERSION_MAJOR = 4;
    public static final int FH_VERSION_MINOR = 6;
    public static final int FH_THISZONE = 8;
    public static final int FH_SIGFIGS = 12;
    public static final int FH_SNAPLEN = 16;
    public static final int FH_LINKTYPE = 20;
    /** Ixia lcap: total bytes of records, after the standard header. */
    public static final int IXIA_EXTRA_LEN = 4;

    /** Current version written by everybody. */
    public static final int VERSION_MAJOR = 2;
    public static final int VERSION_MINOR = 4;
    /** DG/UX tcpdump writes version 543.0 with pre-2.3 (swapped) length fields. */
    public static final int VERSION_MAJOR_DGUX = 543;

    // ---- link-type field subfields (libpcap LT_* macros, draft-gharris "FCS | f") ----
    public static final int LT_LINKTYPE_MASK = 0x0000FFFF;
    /** Bits 16-25: reserved, must be zero; libpcap and Wireshark refuse the file otherwise. */
    public static final int LT_RESERVED1_MASK = 0x03FF0000;
    /** Bit 26: the FCS length field is valid. */
    public static final int LT_FCS_PRESENT = 0x04000000;
    /** Bits 28-31: FCS length in 16-bit units. */
    public static final int LT_FCS_SHIFT = 28;

    // ---- record header ----
    public static final int RH_TS_SEC = 0;
    public static final int RH_TS_FRAC = 4;
    public static final int RH_INCL_LEN = 8;
    public static final int RH_ORIG_LEN = 12;
    /** Standard record header (also AIX, nanosecond and Ixia). */
    public static final int RECORD_HEADER_LEN = 16;
    /** Nokia IPSO: 4 bytes of unknown "stuff" after the standard header. */
    public static final int RECORD_HEADER_NOKIA_LEN = 20;
    /** ss990417 (Red Hat 6.1) and ss991029: ifindex u32, protocol u16, pkt_type u8, pad u8. */
    public static final int RECORD_HEADER_SS990417_LEN = 24;
    /** ss990915 (SuSE 6.3): ifindex u32, protocol u16, pkt_type u8, cpu1 u8, cpu2 u8, pad[3]. */
    public static final int RECORD_HEADER_SS990915_LEN = 28;
    /** Offsets of the extra fields (not kept by the reader). */
    public static final int RH_SS_IFINDEX = 16;
    public static final int RH_SS_PROTOCOL = 20;
    public static final int RH_SS_PKT_TYPE = 22;
    public static final int RH_NOKIA_STUFF = 16;

    /** AIX pads FDDI frames with 3 bytes in front; Wireshark strips them. */
    public static final int AIX_FDDI_PAD = 3;

    /** The variant heuristic looks at this many records (Wireshark's MAX_RECORDS_TO_TRY) ... */
    public static final int HEURISTIC_RECORDS = 3;
    /** ... within this many bytes after the file header (capmill's bound; no seeking needed). */
    public static final int HEURISTIC_LOOKAHEAD = 1 << 20;
    /** Wireshark's heuristic treats an original length over 128 MiB as a sign of a wrong guess. */
    public static final long HEURISTIC_MAX_ORIG_LEN = 128L * 1024 * 1024;
    /** ... and an ifindex over 10000 in the ss99* headers. */
    public static final long HEURISTIC_MAX_IFINDEX = 10_000;

    /** Snapshot length written when the interface has none (0): Wireshark writes the link type's maximum. */
    public static final int DEFAULT_SNAPLEN = 262_144;

    /** Largest seconds value a u32 ts_sec holds. */
    public static final long MAX_SECONDS = 0xFFFF_FFFFL;
}
