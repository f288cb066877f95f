package dev.capmill.format.pcapng;

/**
 * Block types, option codes and magic numbers of pcapng (draft-tuexen-opsawg-pcapng, sections
 * "Block Types", "Options" and the per-block option tables; the obsolete Packet Block from its
 * appendix).
 */
final class PcapngConstants {
    private PcapngConstants() {
    }

    static final String ID = "pcapng";

    // ---- block types ----
    /** Section Header Block; a byte palindrome, so it reads the same in both byte orders. */
    static final int BT_SHB = 0x0A0D0D0A;
    static final int BT_IDB = 1;
    /** Packet Block, obsolete (NG appendix). */
    static final int BT_PB = 2;
    static final int BT_SPB = 3;
    static final int BT_NRB = 4;
    static final int BT_ISB = 5;
    static final int BT_EPB = 6;
    static final int BT_DSB = 0x0A;
    /** Custom block that rewriters may copy. */
    static final int BT_CB_COPY = 0x00000BAD;
    /** Custom block that rewriters must not copy. */
    static final int BT_CB_NOCOPY = 0x40000BAD;

    /** Byte-order magic of the SHB, as read in the section's own byte order. */
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** The same magic read in the other byte order. */
    static final int BYTE_ORDER_MAGIC_SWAPPED = 0x4D3C2B1A;

    // ---- fixed sizes (8-byte header + fixed body + 4-byte trailer) ----
    static final int MIN_BLOCK = 12;
    static final int MIN_SHB = 28;
    static final int MIN_IDB = 20;
    static final int MIN_EPB = 32;
    static final int MIN_SPB = 16;
    static final int MIN_PB = 32;
    static final int MIN_ISB = 24;
    static final int MIN_DSB = 20;
    static final int MIN_CB = 16;

    // ---- options valid on every block ----
    static final int OPT_ENDOFOPT = 0;
    static final int OPT_COMMENT = 1;
    static final int OPT_CUSTOM_STR = 2988;
    static final int OPT_CUSTOM_BIN = 2989;
    static final int OPT_CUSTOM_STR_NOCOPY = 19372;
    static final int OPT_CUSTOM_BIN_NOCOPY = 19373;

    // ---- IDB options ----
    static final int IF_NAME = 2;
    static final int IF_DESCRIPTION = 3;
    static final int IF_IPV4ADDR = 4;
    static final int IF_IPV6ADDR = 5;
    static final int IF_MACADDR = 6;
    static final int IF_EUIADDR = 7;
    static final int IF_SPEED = 8;
    static final int IF_TSRESOL = 9;
    static final int IF_TZONE = 10;
    static final int IF_FILTER = 11;
    static final int IF_OS = 12;
    static final int IF_FCSLEN = 13;
    static final int IF_TSOFFSET = 14;
    static final int IF_HARDWARE = 15;
    static final int IF_TXSPEED = 16;
    static final int IF_RXSPEED = 17;

    // ---- EPB options (PB's pack_flags 2 / pack_hash 3 use the same codes) ----
    static final int EPB_FLAGS = 2;
    static final int EPB_HASH = 3;
    static final int EPB_DROPCOUNT = 4;
    static final int EPB_PACKETID = 5;
    static final int EPB_QUEUE = 6;
    static final int EPB_VERDICT = 7;

    // ---- ISB options ----
    static final int ISB_STARTTIME = 2;
    static final int ISB_ENDTIME = 3;
    static final int ISB_IFRECV = 4;
    static final int ISB_OSDROP = 7;
    static final int ISB_USRDELIV = 8;

    // ---- NRB records ----
    static final int NRB_RECORD_END = 0;

    /** Default if_tsresol: microseconds. */
    static final int DEFAULT_TSRESOL = 6;
}
