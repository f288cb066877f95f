package dev.capmill.format.netmon;

import static dev.capmill.format.netmon.NetmonConstants.*;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.ReadLimits;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import dev.capmill.model.Bytes;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.LinkType;
import dev.capmill.model.Options;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads NetMon 1.x and 2.0-2.3 (see {@link dev.capmill.format.netmon} for what and why). Records
 * are found through the frame table, in its order, by seeking; the table is read in chunks of
 * {@link NetmonConstants#FRAME_TABLE_CHUNK} entries so memory stays flat whatever the count says.
 * Returns one SECTION, an INTERFACE before the first packet of each link type, PACKETs whose
 * payload is a view into the input's buffer, and BLOCKs (pcapng custom blocks) for NetMon frames
 * that have no link type.
 */
public final class NetmonReader implements CaptureReader {
    static final String ID = "netmon";

    /** What a media type becomes when it is not a link type. */
    private static final int AS_CUSTOM_BLOCK = -2;
    private static final int SKIP = -3;
    private static final int UNSUPPORTED = -4;
    private static final int LINKTYPE_SLOTS = 4096;

    private final Input in;
    private final ReadOptions options;
    private final int major;
    private final int minor;
    private final int recordHeaderLen;
    private final int trailerLen;
    private final boolean perPacket;
    private final int headerMedia;
    private final long size;
    private final long startSeconds;
    private final long startNanos;
    private final long tableOffset;
    private final long tableCount;
    private final int[] chunk;
    private long chunkFirst = -1;
    private int chunkLen;
    private final Map<Long, String> comments;
    private final String fileType;
    private final SectionInfo section;
    private final List<SectionInfo> sections;
    private final List<InterfaceInfo> interfaces = new ArrayList<>();
    private final int[] interfaceOfLinkType = new int[LINKTYPE_SLOTS];
    private final int maxCaplen;

    private int state;
    private long frame;
    private long recordIndex;
    private long skipped;
    private byte[] own = new byte[256];

    public NetmonReader(Input in, ReadOptions options) throws IOException {
        this.in = in;
        this.options = options;
        Arrays.fill(interfaceOfLinkType, -1);
        if (in.offset() != 0) {
            throw new CaptureException.Unsupported(ID, in.offset(), -1, "input must be read from its start");
        }
        this.size = settleSize(in);
        if (size < FILE_HEADER_LEN || !in.ensure(FILE_HEADER_LEN)) {
            throw new CaptureException.Truncated(ID, 0, -1, "file header cut short (" + Math.min(size, in.available())
                    + " of " + FILE_HEADER_LEN + " bytes)");
        }
        byte[] b = in.buffer();
        int p = in.pos();
        int magic = Bytes.i32LE(b, p + FH_MAGIC);
        if (magic != MAGIC_1X && magic != MAGIC_2X) {
            throw new CaptureException.UnknownFormat("not a NetMon file");
        }
        major = Bytes.u8(b, p + FH_VER_MAJOR);
        minor = Bytes.u8(b, p + FH_VER_MINOR);
        if (major != 1 && major != 2) {
            throw new CaptureException.Unsupported(ID, FH_VER_MAJOR, -1, "major version " + major + " unsupported");
        }
        headerMedia = Bytes.u16LE(b, p + FH_NETWORK);
        // Wireshark refuses the file when the header's media type is unknown, even in 2.1+ files
        // whose packets carry their own.
        if (headerMedia >= NUM_MEDIA || linkTypeOfMedia(headerMedia) == UNSUPPORTED) {
            throw new CaptureException.Unsupported(ID, FH_NETWORK, -1, "network type " + headerMedia + " unknown or unsupported");
        }
        perPacket = major == 2 && minor >= 1;
        recordHeaderLen = major == 1 ? RECORD_HEADER_1X : RECORD_HEADER_2X;
        trailerLen = !perPacket ? 0 : minor == 1 ? TRAILER_2_1 : minor == 2 ? TRAILER_2_2 : TRAILER_2_3;
        maxCaplen = ReadLimits.STANDARD_MAX_PACKET;

        startSeconds = startTime(b, p, options.timeZone());
        startNanos = Bytes.u16LE(b, p + FH_TS_MSEC) * 1_000_000L;

        tableOffset = Bytes.u32LE(b, p + FH_FRAME_TABLE_OFFSET);
        long tableLength = Bytes.u32LE(b, p + FH_FRAME_TABLE_LENGTH);
        boolean v22 = major == 2 && minor >= 2;
        long commentOffset = v22 ? Bytes.u32LE(b, p + FH_COMMENT_OFFSET) : 0;
        long commentLength = v22 ? Bytes.u32LE(b, p + FH_COMMENT_LENGTH) : 0;
        long processOffset = v22 ? Bytes.u32LE(b, p + FH_PROCESS_OFFSET) : 0;
        long processCount = v22 ? Bytes.u32LE(b, p + FH_PROCESS_COUNT) : 0;

        if (tableLength % 4 != 0) {
            throw new CaptureException.Corrupt(ID, FH_FRAME_TABLE_LENGTH, -1, "frame table length is " + tableLength
                    + ", which is not a multiple of the size of an entry");
        }
        if (tableLength == 0) {
            throw new CaptureException.Corrupt(ID, FH_FRAME_TABLE_LENGTH, -1,
                    "frame table length is 0, which means it's less than one entry in size");
        }
        tableCount = tableLength / 4;
        if (tableCount > MAX_FRAME_TABLE_ENTRIES) {
            throw new CaptureException.LimitExceeded(ID, FH_FRAME_TABLE_LENGTH, -1, "frame table length is "
                    + tableLength + ", which is larger than supported");
        }
        if (tableOffset + tableLength > size) {
            throw new CaptureException.Truncated(ID, tableOffset, -1, "frame table (" + tableLength + " bytes at 0x"
                    + Long.toHexString(tableOffset) + ") runs past the end of the file (" + size + " bytes)");
        }
        chunk = new int[(int) Math.min(tableCount, FRAME_TABLE_CHUNK)];

        section = new SectionInfo().setIndex(0).setVersion(major, minor);
        if (commentLength > 0) {
            comments = readComments(commentOffset, commentLength);
        } else {
            comments = Map.of();
        }
        if (processOffset > 0 && processCount > 0) {
            readProcesses(processOffset, processCount);
        }
        sections = List.of(section);
        fileType = "NetMon " + major + "." + minor;
        if (!perPacket) {
            int lt = linkTypeOfMedia(headerMedia);
            if (lt >= 0) {
                newInterface(lt, headerMedia);
            }
        }
        in.seek(FILE_HEADER_LEN);
    }

    /**
     * Bytes of input. The frame table comes first, so a stream (a pipe, a decompressor) is
     * buffered whole, up to {@link NetmonConstants#MAX_BUFFERED_STREAM}; a file is seeked.
     */
    private static long settleSize(Input in) throws IOException {
        if (in.seekable() && in.size() >= 0) {
            return in.size();
        }
        if (in.size() >= 0 && in.size() <= MAX_BUFFERED_STREAM && in.ensure((int) in.size())) {
            return in.size(); // bytes in memory
        }
        int want = 1 << 20;
        while (in.ensure(want)) {
            if (want > MAX_BUFFERED_STREAM) {
                throw new CaptureException.LimitExceeded(ID, -1, -1, "a compressed or piped NetMon input is read into "
                        + "memory (its frame table is at its end), and this one is over the limit of "
                        + (MAX_BUFFERED_STREAM >> 20) + " MiB: decompress it to a file first");
            }
            want = want >= (MAX_BUFFERED_STREAM >> 1) ? MAX_BUFFERED_STREAM + 1 : want * 2;
        }
        return in.available();
    }

    /**
     * The header's SYSTEMTIME read in {@code zone}, with out-of-range fields carried over as
     * mktime() does (month 13 is January of the next year).
     */
    private static long startTime(byte[] b, int p, ZoneId zone) {
        int year = Bytes.u16LE(b, p + FH_TS_YEAR);
        LocalDateTime t = LocalDateTime.of(year, 1, 1, 0, 0)
                .plusMonths(Bytes.u16LE(b, p + FH_TS_MONTH) - 1L)
                .plusDays(Bytes.u16LE(b, p + FH_TS_DAY) - 1L)
                .plusHours(Bytes.u16LE(b, p + FH_TS_HOUR))
                .plusMinutes(Bytes.u16LE(b, p + FH_TS_MIN))
                .plusSeconds(Bytes.u16LE(b, p + FH_TS_SEC));
        return t.atZone(zone).toEpochSecond();
    }

    // ------------------------------------------------------------------ tables read at open

    /** Positions at {@code offset} with {@code n} bytes ready, or says the file ends first. */
    private void need(long offset, int n, String what) throws IOException {
        if (offset + n > size) {
            throw new CaptureException.Truncated(ID, offset, -1, what + " runs past the end of the file");
        }
        in.seek(offset);
        if (!in.ensure(n)) {
            throw new CaptureException.Truncated(ID, offset, -1, what + " cut short");
        }
    }

    private Map<Long, String> readComments(long offset, long length) throws IOException {
        if (length < 17) {
            throw new CaptureException.Corrupt(ID, FH_COMMENT_LENGTH, -1, "comment table size is " + length
                    + ", which is too small to use");
        }
        if (offset > size) {
            throw new CaptureException.Corrupt(ID, FH_COMMENT_OFFSET, -1, "comment table offset (" + offset
                    + ") is larger than file");
        }
        if (length > options.limits().maxBlock()) {
            throw new CaptureException.LimitExceeded(ID, FH_COMMENT_LENGTH, -1, "comment table of " + length
                    + " bytes exceeds the limit of " + options.limits().maxBlock() + " bytes");
        }
        int len = (int) length;
        need(offset, len, "comment table");
        byte[] b = in.buffer();
        int p = in.pos();
        Map<Long, String> out = new HashMap<>();
        long rest = len;
        while (rest > 16) {
            long frameOffset = Bytes.u32LE(b, p + 4);
            long titleLen = Bytes.u32LE(b, p + 8);
            p += 12;
            rest -= 12;
            if (titleLen == 0) {
                throw new CaptureException.Corrupt(ID, offset + (p - in.pos()), -1, "comment title size can't be 0");
            }
            if (titleLen > rest) {
                throw new CaptureException.Corrupt(ID, offset + (p - in.pos()), -1, "comment title size is " + titleLen
                        + ", which is larger than the amount remaining in the comment section (" + rest + ")");
            }
            String title = utf16(b, p, (int) titleLen);
            p += (int) titleLen;
            rest -= titleLen;
            if (rest < 4) {
                throw new CaptureException.Corrupt(ID, offset + (p - in.pos()), -1, "corrupt comment section");
            }
            long descLen = Bytes.u32LE(b, p);
            p += 4;
            rest -= 4;
            String desc = "";
            if (descLen > 0) {
                if (descLen > rest) {
                    throw new CaptureException.Corrupt(ID, offset + (p - in.pos()), -1, "comment description size is "
                            + descLen + ", which is larger than the amount remaining in the comment section (" + rest + ")");
                }
                desc = text(b, p, (int) descLen);
                p += (int) descLen;
                rest -= descLen;
            }
            out.put(frameOffset, desc.isEmpty() ? title : title + "\n" + desc);
        }
        return out;
    }

    private void readProcesses(long offset, long count) throws IOException {
        if (count > MAX_PROCESS_ENTRIES) {
            throw new CaptureException.LimitExceeded(ID, FH_PROCESS_COUNT, -1, "process info table size is " + count
                    + ", which is larger than supported");
        }
        if (offset > size) {
            throw new CaptureException.Corrupt(ID, FH_PROCESS_OFFSET, -1, "process info table offset (" + offset
                    + ") is larger than file");
        }
        long at = offset + 2; // u16 version, not used
        need(offset, 2, "process info table");
        for (long i = 0; i < count; i++) {
            need(at, 4, "process info record");
            long pathLen = Bytes.u32LE(in.buffer(), in.pos());
            if (pathLen > MAX_PROCESS_PATH) {
                throw new CaptureException.Corrupt(ID, at, -1, "path size for process info record is " + pathLen
                        + ", which is larger than allowed max value (" + MAX_PROCESS_PATH + ")");
            }
            at += 4;
            need(at, (int) pathLen + 4, "process info path");
            String path = utf16(in.buffer(), in.pos(), (int) pathLen);
            long iconLen = Bytes.u32LE(in.buffer(), in.pos() + (int) pathLen);
            at += pathLen + 4 + iconLen;
            need(at, 16, "process info record");
            byte[] b = in.buffer();
            int p = in.pos();
            long pid = Bytes.u32LE(b, p);
            int localPort = Bytes.u16LE(b, p + 4);
            int remotePort = Bytes.u16LE(b, p + 8);
            at += 16 + 32; // pid, ports and padding, isIPv6, then two 16-byte addresses
            need(at - 32, 32, "process info addresses");
            section.options().addString(Options.COMMENT, "NetMon process " + pid + ": " + path
                    + " (local port " + localPort + ", remote port " + remotePort + ")");
        }
    }

    /** UTF-16LE up to the first NUL, as Wireshark converts NetMon titles and paths. */
    private static String utf16(byte[] b, int off, int len) {
        int n = 0;
        while (n + 1 < len && (b[off + n] != 0 || b[off + n + 1] != 0)) {
            n += 2;
        }
        return new String(b, off, n, StandardCharsets.UTF_16LE);
    }

    /** A description: UTF-16LE when it looks like it (every second byte 0), else 8-bit text; up to a NUL. */
    private static String text(byte[] b, int off, int len) {
        boolean wide = len >= 2 && len % 2 == 0;
        for (int i = 1; i < len && wide; i += 2) {
            wide = b[off + i] == 0;
        }
        if (wide) {
            return utf16(b, off, len);
        }
        int n = 0;
        while (n < len && b[off + n] != 0) {
            n++;
        }
        return new String(b, off, n, StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ media types

    /** LINKTYPE of a media type in the header or a 2.1+ trailer, or one of the negative actions. */
    private static int linkTypeOfMedia(int media) {
        if (media < NUM_MEDIA) {
            switch (media) {
                case MEDIA_NONE: // NetMon 3.4 VPN captures: Ethernet frames with media 0
                case MEDIA_ETHERNET:
                    return LinkType.ETHERNET;
                case MEDIA_TOKEN_RING:
                    return LinkType.IEEE802_5;
                case MEDIA_FDDI:
                    return LinkType.FDDI; // bit-swapped addresses, as LINKTYPE_FDDI in Wireshark
                case MEDIA_WAN_ATM:
                    return LinkType.SUNATM;
                case MEDIA_802_11:
                    return AS_CUSTOM_BLOCK; // 802.11 with NetMon's own radio header: no LINKTYPE
                case MEDIA_TUNNEL:
                case MEDIA_WIRELESS_WAN:
                case MEDIA_RAW_IP:
                    return LinkType.RAW;
                default:
                    return UNSUPPORTED; // 5 (IP over 1394), 10, 11
            }
        }
        if (media >= NET_MA_FIRST && media <= NET_MA_LAST) {
            if (media == NET_MA_WIFI) {
                return LinkType.IEEE802_11;
            }
            if (media >= 0xE083 && media <= 0xE088) {
                return AS_CUSTOM_BLOCK; // Message Analyzer WFP captures
            }
            return UNSUPPORTED;
        }
        if ((media & 0xF000) == NET_PCAP_BASE) {
            return media & 0x0FFF;
        }
        switch (media) {
            case NET_NETEVENT:
            case NET_NETWORK_INFO_EX:
            case NET_FILTER:
                return AS_CUSTOM_BLOCK;
            case NET_PAYLOAD_HEADER:
            case NET_NETWORK_INFO:
            case NET_DNS_CACHE:
                return SKIP;
            default:
                return UNSUPPORTED;
        }
    }

    private static String mediaName(int media) {
        switch (media) {
            case NET_NETEVENT:
                return "NetEvent (ETW event)";
            case NET_NETWORK_INFO_EX:
                return "network info (adapters)";
            case NET_FILTER:
                return "filter";
            case NET_PAYLOAD_HEADER:
                return "payload header";
            case NET_NETWORK_INFO:
                return "network info";
            case NET_DNS_CACHE:
                return "DNS cache";
            case MEDIA_802_11:
                return "802.11 with NetMon radio header";
            default:
                return media >= 0xE083 && media <= 0xE088 ? "Message Analyzer WFP capture" : "media " + media;
        }
    }

    private int newInterface(int linkType, int media) {
        InterfaceInfo f = new InterfaceInfo().setLinkType(linkType).setSnapLength(0)
                .setTsResolution(major == 1 ? 3 : minor >= 3 ? 7 : 6).setShownDigits(major == 1 ? -1 : 9).setFcsLength(linkType == LinkType.ETHERNET ? 0 : -1)
                .setSectionIndex(0).setSource(in.name());
        f.options().addString(InterfaceInfo.OPT_DESCRIPTION, "NetMon media type " + media
                + ((media & 0xF000) == NET_PCAP_BASE ? " (converted pcap)" : ""));
        interfaces.add(f);
        int id = interfaces.size() - 1;
        interfaceOfLinkType[linkType] = id;
        return id;
    }

    // ------------------------------------------------------------------ reading

    @Override
    public String formatId() {
        return ID;
    }

    @Override
    public String fileType() {
        return fileType;
    }

    @Override
    public List<SectionInfo> sections() {
        return sections;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return interfaces;
    }

    @Override
    public long skipped() {
        return skipped;
    }

    @Override
    public long position() {
        return in.offset();
    }

    /** The frame table's entry {@code i}, reading the table a chunk at a time. */
    private long entry(long i) throws IOException {
        if (i < chunkFirst || i >= chunkFirst + chunkLen) {
            int n = (int) Math.min(chunk.length, tableCount - i);
            long at = tableOffset + 4 * i;
            need(at, 4 * n, "frame table");
            byte[] b = in.buffer();
            int p = in.pos();
            for (int k = 0; k < n; k++) {
                chunk[k] = Bytes.i32LE(b, p + 4 * k);
            }
            chunkFirst = i;
            chunkLen = n;
        }
        return chunk[(int) (i - chunkFirst)] & 0xFFFFFFFFL;
    }

    /** A damaged frame: skipped and counted in lenient mode, else thrown. */
    private void damaged(CaptureException e) throws CaptureException {
        if (!options.lenient()) {
            throw e;
        }
        skipped++;
        options.diagnostics().warn("netmon: skipped a damaged frame: " + e.getMessage());
    }

    @Override
    public boolean next(PacketRecord r) throws IOException {
        if (state < 2) {
            if (state == 0) {
                r.reset(PacketRecord.Kind.SECTION).setSectionIndex(0).setPosition(recordIndex++, 0);
                state = interfaces.isEmpty() ? 2 : 1;
            } else {
                r.reset(PacketRecord.Kind.INTERFACE).setInterfaceId(0).setPosition(recordIndex++, 0);
                state = 2;
            }
            return true;
        }
        while (frame < tableCount) {
            long index = frame;
            long off = entry(index);
            frame++;
            if (off < FILE_HEADER_LEN) {
                damaged(new CaptureException.Corrupt(ID, off, recordIndex, "frame " + (index + 1)
                        + " of the frame table points into the file header"));
                continue;
            }
            int hl = recordHeaderLen;
            if (off + hl > size) {
                damaged(new CaptureException.Truncated(ID, off, recordIndex, "frame " + (index + 1)
                        + (off >= size ? " is past the end of the file" : ": record header cut short")));
                continue;
            }
            if (in.offset() != off) {
                in.seek(off);
            }
            if (!in.ensure(hl)) {
                damaged(new CaptureException.Truncated(ID, off, recordIndex, "frame " + (index + 1) + ": record header cut short"));
                continue;
            }
            byte[] b = in.buffer();
            int p = in.pos();
            long caplen;
            long orig;
            long delta;
            if (major == 1) {
                delta = Bytes.u32LE(b, p) * 1_000_000L; // unsigned ms; wraps after 49.7 days, read as stored
                orig = Bytes.u16LE(b, p + 4);
                caplen = Bytes.u16LE(b, p + 6);
            } else {
                // µs, u64 times 10 read as signed 100 ns units (Microsoft's rule): can go negative
                delta = Bytes.i64LE(b, p) * 10L * 100L;
                orig = Bytes.u32LE(b, p + 8);
                caplen = Bytes.u32LE(b, p + 12);
            }
            if (caplen > maxCaplen) {
                damaged(new CaptureException.LimitExceeded(ID, off, recordIndex, "File has " + caplen
                        + "-byte packet, bigger than maximum of " + maxCaplen));
                continue;
            }
            int cap = (int) caplen;
            int total = hl + cap + trailerLen;
            if (off + total > size || !in.ensure(total)) {
                damaged(new CaptureException.Truncated(ID, off, recordIndex, "frame " + (index + 1) + ": "
                        + (off + hl + cap > size ? "packet data" : "trailer") + " cut short"));
                continue;
            }
            b = in.buffer();
            p = in.pos();
            int media = perPacket ? Bytes.u16LE(b, p + hl + cap) : headerMedia;
            int lt = linkTypeOfMedia(media);
            if (lt == UNSUPPORTED) {
                damaged(new CaptureException.Unsupported(ID, off, recordIndex, "network type " + media
                        + " unknown or unsupported"));
                continue;
            }
            if (lt == SKIP) {
                skipped++;
                options.diagnostics().warn("netmon: NetMon 3 " + mediaName(media) + " frames (0x"
                        + Integer.toHexString(media).toUpperCase() + ") skipped, as Wireshark does");
                continue;
            }
            if (lt == LinkType.SUNATM && cap < ATM_HEADER_LEN) {
                damaged(new CaptureException.Corrupt(ID, off, recordIndex, "ATM file has a " + cap
                        + "-byte packet, too small to have even an ATM pseudo-header"));
                continue;
            }
            int id = lt >= 0 ? interfaceOfLinkType[lt] : 0;
            if (lt >= 0 && id < 0) {
                // declare the interface now; the same frame is read again (from the buffer) next time
                id = newInterface(lt, media);
                frame = index;
                r.reset(PacketRecord.Kind.INTERFACE).setInterfaceId(id).setPosition(recordIndex++, off);
                return true;
            }
            long sec;
            long ns;
            if (trailerLen == TRAILER_2_3) {
                // 2.3: the per-packet UTC FILETIME replaces start + delta
                long ft = Bytes.i64LE(b, p + hl + cap + TRAILER_UTC_TIME);
                sec = Long.divideUnsigned(ft, 10_000_000L) - FILETIME_UNIX_EPOCH / 10_000_000L;
                ns = Long.remainderUnsigned(ft, 10_000_000L) * 100L;
            } else {
                long t = startNanos + delta;
                sec = startSeconds + Math.floorDiv(t, 1_000_000_000L);
                ns = Math.floorMod(t, 1_000_000_000L);
            }
            if (lt < 0) {
                fillCustomBlock(r, media, b, p + hl, cap, orig);
            } else if (lt == LinkType.SUNATM) {
                fillAtm(r, id, b, p + hl, cap, orig);
            } else {
                r.reset(PacketRecord.Kind.PACKET).setInterfaceId(id);
                r.setData(b, p + hl, cap).setOriginalLength(orig);
            }
            r.setTime(sec, ns);
            if (!comments.isEmpty()) {
                String c = comments.get(off);
                if (c != null) {
                    r.options().addString(Options.COMMENT, c);
                }
            }
            r.setPosition(recordIndex++, off);
            in.advance(total);
            return true;
        }
        return false;
    }

    private byte[] own(int n) {
        if (own.length < n) {
            own = new byte[Math.max(n, own.length * 2)];
        }
        return own;
    }

    /**
     * NDIS WAN frames start with a 16-byte header (addresses, VPI, VCI big-endian) that Wireshark
     * takes off; capmill replaces it by LINKTYPE_SUNATM's 4-byte header (flags 0, VPI, VCI) so
     * that VPI and VCI survive in pcap and pcapng.
     */
    private void fillAtm(PacketRecord r, int id, byte[] b, int at, int cap, long orig) {
        int vpi = Bytes.u16BE(b, at + 12);
        int vci = Bytes.u16BE(b, at + 14);
        if (vpi > 0xFF) {
            options.diagnostics().warn("netmon: ATM VPI over 255 cut to 8 bits for LINKTYPE_SUNATM");
        }
        int n = cap - ATM_HEADER_LEN + SUNATM_HEADER_LEN;
        byte[] o = own(n);
        o[0] = 0;
        o[1] = (byte) vpi;
        Bytes.putI16BE(o, 2, vci);
        System.arraycopy(b, at + ATM_HEADER_LEN, o, SUNATM_HEADER_LEN, cap - ATM_HEADER_LEN);
        r.reset(PacketRecord.Kind.PACKET).setInterfaceId(id);
        // Wireshark takes 16 off the length too, in 32 bits (a length under 16 wraps, as there)
        long len = ((orig - ATM_HEADER_LEN) & 0xFFFFFFFFL) + SUNATM_HEADER_LEN;
        r.setData(o, 0, n).setOriginalLength(len);
    }

    /** A frame without a LINKTYPE: a pcapng custom block (PEN 311) with media, length and the frame. */
    private void fillCustomBlock(PacketRecord r, int media, byte[] b, int at, int cap, long orig) {
        int n = CUSTOM_PREFIX_LEN + cap;
        byte[] o = own(n);
        Bytes.putI32LE(o, 0, PEN_MICROSOFT);
        Bytes.putI16LE(o, 4, media);
        Bytes.putI16LE(o, 6, 0);
        Bytes.putI32LE(o, 8, (int) orig);
        System.arraycopy(b, at, o, CUSTOM_PREFIX_LEN, cap);
        r.reset(PacketRecord.Kind.BLOCK).setBlockType(BT_CUSTOM);
        r.setData(o, 0, n).setOriginalLength(orig);
        String what = "NetMon " + mediaName(media) + " frame";
        if (media == NET_FILTER) {
            what = filterText(b, at, cap);
        }
        r.options().addString(Options.COMMENT, what);
    }

    /**
     * A NetMon filter frame: version (u16), type (u32; 0 display, 1 capture), application
     * version (2 × u32), then application name and filter as NUL-terminated UTF-16LE. Wireshark's
     * dissector reads the numbers big-endian; capmill accepts 0/1 in either order.
     */
    private static String filterText(byte[] b, int at, int cap) {
        if (cap < 14) {
            return "NetMon filter frame";
        }
        long be = Bytes.u32BE(b, at + 2);
        long le = Bytes.u32LE(b, at + 2);
        long type = be <= 1 ? be : le <= 1 ? le : -1;
        int p = at + 14;
        int end = at + cap;
        int q = p;
        while (q + 1 < end && (b[q] != 0 || b[q + 1] != 0)) {
            q += 2;
        }
        String app = new String(b, p, q - p, StandardCharsets.UTF_16LE);
        int f = Math.min(end, q + 2);
        String filter = utf16(b, f, end - f);
        return "NetMon " + (type == 0 ? "display " : type == 1 ? "capture " : "") + "filter"
                + (app.isEmpty() ? "" : " (" + app + ")") + ": " + filter;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
