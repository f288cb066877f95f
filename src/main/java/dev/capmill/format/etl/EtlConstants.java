package dev.capmill.format.etl;

/**
 * Offsets, codes and GUIDs of the ETL container and of the packet-bearing providers. Facts from
 * Geoff Chappell's WMI_BUFFER_HEADER / trace header pages, Microsoft's TRACE_LOGFILE_HEADER and
 * EVENT_HEADER documentation, the NDIS-PacketCapture and PktMon manifests and etl2pcapng's
 * {@code main.c}, as collected in {@code shared/formats/etl.md}; see {@code formats/etl.md}.
 */
final class EtlConstants {
    private EtlConstants() {
    }

    // ---- WMI_BUFFER_HEADER (0x48 bytes)
    static final int BUFFER_HEADER_LEN = 0x48;
    static final int BH_BUFFER_SIZE = 0x00;
    static final int BH_SAVED_OFFSET = 0x04;
    static final int BH_SEQUENCE = 0x18;
    static final int BH_PROCESSOR = 0x28;
    static final int BH_STATE = 0x2C;
    static final int BH_OFFSET = 0x30;
    static final int BH_FLAGS = 0x34;
    static final int BH_TYPE = 0x36;

    static final int BUFFER_FLAG_COMPRESSED = 0x40;
    /** BufferFlag bits ETW sets when events, or whole buffers, were lost before this buffer [GC-bf]. */
    static final int BUFFER_FLAG_EVENTS_LOST = 0x2;
    static final int BUFFER_FLAG_BUFFER_LOST = 0x4;
    static final int BUFFER_TYPE_HEADER = 4;

    /** Compression formats of the header buffer's State (low 16 bits) when the file is compressed. */
    static final int COMPRESSION_LZNT1 = 2;
    static final int COMPRESSION_XPRESS = 3;
    static final int COMPRESSION_XPRESS_HUFF = 4;

    // ---- header event: SYSTEM_TRACE_HEADER (0x20) + TRACE_LOGFILE_HEADER
    static final int SYSTEM_HEADER_LEN = 0x20;
    static final int SH_SYSTEM_TIME = 0x10;
    /** Offsets in TRACE_LOGFILE_HEADER, 64-bit layout; the 32-bit layout is 8 less from LogFileName on. */
    static final int LH_BUFFER_SIZE = 0x00;
    static final int LH_VERSION = 0x04;
    static final int LH_PROVIDER_VERSION = 0x08;
    static final int LH_PROCESSORS = 0x0C;
    static final int LH_LOG_FILE_MODE = 0x20;
    static final int LH_BUFFERS_WRITTEN = 0x24;
    static final int LH_POINTER_SIZE = 0x2C;
    static final int LH_EVENTS_LOST = 0x30;
    /** BuffersLost, 64-bit layout (the 32-bit one is {@link #X86_SHIFT} less). */
    static final int LH_BUFFERS_LOST_64 = 0x114;
    static final int LH_CPU_MHZ = 0x34;
    static final int LH_PERF_FREQ_64 = 0x100;
    static final int LH_START_TIME_64 = 0x108;
    static final int LH_CLOCK_TYPE_64 = 0x110;
    static final int LOGFILE_HEADER_LEN_64 = 0x118;
    static final int LOGFILE_HEADER_LEN_32 = 0x110;
    static final int X86_SHIFT = 8;

    static final int MODE_CIRCULAR = 0x2;
    static final int MODE_RELOG = 0x10000;
    static final int MODE_COMPRESSED = 0x04000000;

    static final int CLOCK_QPC = 1;
    static final int CLOCK_SYSTEM_TIME = 2;
    static final int CLOCK_CPU_CYCLE = 3;

    // ---- trace record header types (byte 2 of a record whose byte 3 has 0xC0)
    static final int HT_SYSTEM32 = 0x01;
    static final int HT_SYSTEM64 = 0x02;
    static final int HT_COMPACT32 = 0x03;
    static final int HT_COMPACT64 = 0x04;
    static final int HT_FULL32 = 0x0A;
    static final int HT_INSTANCE32 = 0x0B;
    static final int HT_TIMED = 0x0C;
    static final int HT_ERROR = 0x0D;
    static final int HT_WNODE = 0x0E;
    static final int HT_PERFINFO32 = 0x10;
    static final int HT_PERFINFO64 = 0x11;
    static final int HT_EVENT32 = 0x12;
    static final int HT_EVENT64 = 0x13;
    static final int HT_FULL64 = 0x14;
    static final int HT_INSTANCE64 = 0x15;

    // ---- EVENT_HEADER (0x50)
    static final int EVENT_HEADER_LEN = 0x50;
    static final int EH_HEADER_TYPE = 0x02;
    static final int EH_FLAGS = 0x04;
    static final int EH_TID = 0x08;
    static final int EH_PID = 0x0C;
    static final int EH_TIMESTAMP = 0x10;
    static final int EH_PROVIDER = 0x18;
    static final int EH_EVENT_ID = 0x28;
    static final int EH_KEYWORD = 0x30;
    static final int EH_FLAG_EXTENDED_INFO = 0x1;

    /** FILETIME of 1970-01-01T00:00:00Z (100 ns units since 1601). */
    static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;

    // ---- providers, GUID as two little-endian longs of the on-disk bytes (Data1..Data4 as stored)
    /** Microsoft-Windows-NDIS-PacketCapture {2ED6006E-4729-4609-B423-3EE7BCD678EF}. */
    static final long NDIS_GUID_LO = 0x460947292ED6006EL;
    static final long NDIS_GUID_HI = 0xEF78D6BCE73E23B4L;
    /** Microsoft-Windows-PktMon {4D4F80D9-C8BD-4D73-BB5B-19C90402C5AC}. */
    static final long PKTMON_GUID_LO = 0x4D73C8BD4D4F80D9L;
    static final long PKTMON_GUID_HI = 0xACC50204C9195BBBL;

    /** Microsoft-Windows-Ras-NdisWanPacketCapture {D84521F7-2235-4237-A7C0-14E3A9676286}. */
    static final long RAS_GUID_LO = 0x42372235D84521F7L;
    static final long RAS_GUID_HI = 0x866267A9E314C0A7L;

    // ---- NDIS-PacketCapture
    static final int NDIS_PACKET_FRAGMENT = 1001;
    static final int NDIS_PACKET_METADATA = 1002;
    static final int NDIS_VMSWITCH_FRAGMENT = 1003;
    /**
     * The only metadata etl2pcapng accepts: DOT11_EXTSTA_RECV_CONTEXT (pack 8; 48 bytes with 4- or
     * 8-byte pointers alike), and its fields' offsets (windot11.h, as quoted by etl2pcapng main.c).
     */
    static final int DOT11_RECV_CONTEXT_LEN = 48;
    static final int RC_RECEIVE_FLAGS = 0x04;
    static final int RC_PHY_ID = 0x08;
    static final int RC_CENTER_FREQUENCY = 0x0C;
    static final int RC_MPDUS = 0x10;
    static final int RC_RSSI = 0x14;
    static final int RC_DATA_RATE = 0x18;
    /** NDIS_NET_BUFFER_LIST_INFO indices in VMSwitch OOB data: Ieee8021QNetBufferListInfo, NetBufferListHashValue (nblinfo.h). */
    static final int NBL_INFO_8021Q = 4;
    static final int NBL_INFO_HASH = 8;
    static final int VMSWITCH_DESTINATION_LEN = 8;
    static final long KW_WIRELESS_WAN = 0x200L;
    static final long KW_NATIVE_802_11 = 0x10000L;
    static final long KW_PACKET_START = 0x40000000L;
    static final long KW_PACKET_END = 0x80000000L;
    static final long KW_SEND_PATH = 0x100000000L;
    static final long KW_RECEIVE_PATH = 0x200000000L;
    /** Largest reassembled NDIS packet (etl2pcapng's buffer is 65,535 bytes too). */
    static final int MAX_NDIS_PACKET = 65_535;

    // ---- PktMon
    static final int PKTMON_COMPONENT = 20;
    static final int PKTMON_IPV4 = 65;
    static final int PKTMON_IPV6 = 66;
    static final int PKTMON_BINARY_PROPERTY = 70;
    /** Property type of event 70 that is the component's MAC address (PhysAddress). */
    static final int PKTMON_PROP_PHYS_ADDRESS = 6;
    static final int PKTMON_PACKET = 160;
    static final int PKTMON_DROP = 170;
    /** User-data offset of the payload of events 160/170: common block (30) + two u16 sizes. */
    static final int PKTMON_PAYLOAD = 34;
    static final int DIR_RX = 3;
    static final int DIR_TX = 4;

    // ---- RAS NdisWan
    static final int RAS_SEND = 5001;
    static final int RAS_RECEIVE = 5002;

    // ---- pcapng IDB options (if_IPv4addr, if_IPv6addr, if_MACaddr)
    static final int IF_IPV4ADDR = 4;
    static final int IF_IPV6ADDR = 5;
    static final int IF_MACADDR = 6;

    // ---- pcapng EPB options used
    static final int EPB_FLAGS = 2;
    static final int EPB_PACKETID = 5;
    static final int EPB_VERDICT = 7;
    static final int EPB_PID_TID = 8;
}
