package dev.capmill.format.netmon;

/**
 * Offsets, sizes and magic values of Microsoft Network Monitor 1.x/2.x capture files. Facts from
 * Wireshark's {@code wiretap/netmon.c} and Microsoft's CAPTUREFILE_HEADER_VALUES page (see
 * {@link dev.capmill.format.netmon}); all integers are little-endian.
 */
final class NetmonConstants {
    private NetmonConstants() {
    }

    /** "RTSS": NetMon 1.x. */
    static final int MAGIC_1X = 0x53535452;
    /** "GMBU": NetMon 2.x. */
    static final int MAGIC_2X = 0x55424d47;

    /** The file header, magic included, padded to 128 bytes. */
    static final int FILE_HEADER_LEN = 128;

    static final int FH_MAGIC = 0;
    static final int FH_VER_MINOR = 4;
    static final int FH_VER_MAJOR = 5;
    static final int FH_NETWORK = 6;
    /** SYSTEMTIME: year, month, day of week, day, hour, minute, second, millisecond (u16 each). */
    static final int FH_TS_YEAR = 8;
    static final int FH_TS_MONTH = 10;
    static final int FH_TS_DAY = 14;
    static final int FH_TS_HOUR = 16;
    static final int FH_TS_MIN = 18;
    static final int FH_TS_SEC = 20;
    static final int FH_TS_MSEC = 22;
    static final int FH_FRAME_TABLE_OFFSET = 24;
    static final int FH_FRAME_TABLE_LENGTH = 28;
    /** Comment table, version 2.2 and later (uninitialised before). */
    static final int FH_COMMENT_OFFSET = 40;
    static final int FH_COMMENT_LENGTH = 44;
    /** Process info table, version 2.2 and later. */
    static final int FH_PROCESS_OFFSET = 48;
    static final int FH_PROCESS_COUNT = 52;

    /** NetMon 1.x record header: u32 ms delta, u16 orig_len, u16 incl_len. */
    static final int RECORD_HEADER_1X = 8;
    /** NetMon 2.x record header: u64 µs delta, u32 orig_len, u32 incl_len. */
    static final int RECORD_HEADER_2X = 16;

    /** Trailer after the frame data: 2.1 network (u16). */
    static final int TRAILER_2_1 = 2;
    /** 2.2: network (u16), process info index (u32). */
    static final int TRAILER_2_2 = 6;
    /** 2.3 and later: network, process index, UTC FILETIME (u64), time zone index (u8). */
    static final int TRAILER_2_3 = 15;
    static final int TRAILER_UTC_TIME = 6;

    /** The 16-byte header of NDIS WAN ("ATM") frames: dest[6], src[6], vpi (BE u16), vci (BE u16). */
    static final int ATM_HEADER_LEN = 16;
    /** LINKTYPE_SUNATM's 4-byte pseudo-header: flags, vpi, vci (BE u16). */
    static final int SUNATM_HEADER_LEN = 4;

    /** Media types of the header and of 2.1+ trailers (NDIS medium numbers). */
    static final int MEDIA_NONE = 0;
    static final int MEDIA_ETHERNET = 1;
    static final int MEDIA_TOKEN_RING = 2;
    static final int MEDIA_FDDI = 3;
    static final int MEDIA_WAN_ATM = 4;
    static final int MEDIA_1394 = 5;
    static final int MEDIA_802_11 = 6;
    static final int MEDIA_TUNNEL = 7;
    static final int MEDIA_WIRELESS_WAN = 8;
    static final int MEDIA_RAW_IP = 9;
    /** Header media types 0..11 are defined; 5, 10 and 11 have no Wireshark encapsulation. */
    static final int NUM_MEDIA = 12;

    /** Converted pcap: 0xE000 | LINKTYPE. */
    static final int NET_PCAP_BASE = 0xE000;
    /** Message Analyzer types 0xE080..0xE08A (checked before the converted-pcap range). */
    static final int NET_MA_FIRST = 0xE080;
    static final int NET_MA_LAST = 0xE08A;
    static final int NET_MA_WIFI = 0xE080;
    static final int NET_NETEVENT = 0xFFE0;
    static final int NET_NETWORK_INFO_EX = 0xFFFB;
    static final int NET_PAYLOAD_HEADER = 0xFFFC;
    static final int NET_NETWORK_INFO = 0xFFFD;
    static final int NET_DNS_CACHE = 0xFFFE;
    static final int NET_FILTER = 0xFFFF;

    /** FILETIME of 1970-01-01T00:00:00Z (100 ns units since 1601). */
    static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;

    /** Wireshark's caps: frame table entries, comment table bytes, process table entries, path bytes. */
    static final long MAX_FRAME_TABLE_ENTRIES = 512L * 1024 * 1024;
    static final long MAX_PROCESS_ENTRIES = 512 * 1024;
    static final long MAX_PROCESS_PATH = 65536;

    /** Frame-table entries held in memory at once (1 MiB); the table is read in chunks of this many. */
    static final int FRAME_TABLE_CHUNK = 262_144;

    /**
     * A compressed or piped input is buffered whole (the frame table is at its end and records are
     * read in the table's order) up to this many bytes; a larger one is refused.
     */
    static final int MAX_BUFFERED_STREAM = 256 * 1024 * 1024;

    /** pcapng custom block (copyable) used for frames without a LINKTYPE; PEN of Microsoft. */
    static final int BT_CUSTOM = 0x00000BAD;
    static final int PEN_MICROSOFT = 311;
    /** Body of such a block: PEN (u32), media (u16), reserved (u16), original length (u32), then the frame. */
    static final int CUSTOM_PREFIX_LEN = 12;
}
