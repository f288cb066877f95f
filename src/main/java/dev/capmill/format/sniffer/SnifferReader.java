package dev.capmill.format.sniffer;

import static dev.capmill.format.sniffer.SnifferConstants.*;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import dev.capmill.model.Bytes;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.LinkType;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads DOS Sniffer files (see {@link dev.capmill.format.sniffer}). Returns one SECTION, then for
 * each packet an INTERFACE record the first time its link type (and FCS length) is seen, then the
 * PACKET. Payloads are views into the (decompressed) input's buffer, except for link types that
 * need a pseudo-header in front (PPP and LAPB with direction, SunATM), which are assembled in one
 * reused buffer.
 */
public final class SnifferReader implements CaptureReader {
    static final String ID = "ngsniffer";

    /** How the frames of a file (or of one frame, for WAN files) are encapsulated. */
    enum Encap {
        TOKEN_RING(LinkType.IEEE802_5, 0),
        ETHERNET(LinkType.ETHERNET, 0),
        ARCNET(LinkType.ARCNET_BSD, 0),
        FDDI(LinkType.FDDI, 0),
        ATM(LinkType.SUNATM, 4),
        PPP(LinkType.PPP_WITH_DIR, 1),
        LAPB(207, 1),             // LINKTYPE_LAPB_WITH_DIR
        FRELAY(LinkType.FRELAY, 0),
        CHDLC(LinkType.C_HDLC, 0),
        SDLC(268, 0),             // LINKTYPE_SDLC
        ISDN(-1, 0),              // no pcap link type carries Wireshark's ISDN channel pseudo-header
        WFLEET_HDLC(-1, 0),       // Wellfleet HDLC: no pcap link type
        PER_PACKET(-1, 0);

        final int linkType;
        final int pseudoHeader;

        Encap(int linkType, int pseudoHeader) {
            this.linkType = linkType;
            this.pseudoHeader = pseudoHeader;
        }
    }

    private final Input raw;
    /** The record stream: {@link #raw} itself, or the decompressed blobs of a compressed file. */
    private final Input in;
    /** Offset in the file where the record stream begins (0 when uncompressed: offsets are the file's). */
    private final long streamBase;
    private final ReadOptions options;
    private final boolean compressed;
    private final int majorVersion;
    private final int minorVersion;
    private final int network;
    private final Encap fileEncap;
    private final long psPerTick;
    private final long startSeconds;
    private final int maxCaplen;
    private final SectionInfo section;
    private final List<SectionInfo> sections;
    private final List<InterfaceInfo> interfaces = new ArrayList<>();
    private final List<InterfaceInfo> interfacesView = Collections.unmodifiableList(interfaces);
    /** Interface id per (encap, fcs kind), -1 until declared. */
    private final int[] interfaceOf = new int[Encap.values().length * 2];
    private byte[] assembled = new byte[0];

    private int state;
    private boolean done;
    private long recordIndex;
    private long skipped;
    private long frameIndex;

    /** A packet read but not yet returned, because its interface had to be declared first. */
    private boolean pending;

    public SnifferReader(Input in, ReadOptions options) throws IOException {
        this.raw = in;
        this.options = options;
        int need = MAGIC.length + RECORD_HEADER_LEN + VERS_LEN;
        if (!in.ensure(need)) {
            throw new CaptureException.Truncated(ID, in.offset(), -1,
                    "file header cut short (" + in.available() + " of " + need + " bytes)");
        }
        byte[] b = in.buffer();
        int p = in.pos();
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[p + i] != MAGIC[i]) {
                throw new CaptureException.UnknownFormat("not a Sniffer file (no \"TRSNIFF data\" magic)");
            }
        }
        p += MAGIC.length;
        if (Bytes.u16LE(b, p + RH_TYPE) != REC_VERS) {
            throw new CaptureException.Corrupt(ID, MAGIC.length, -1, "Sniffer file doesn't start with a version record");
        }
        int v = p + RECORD_HEADER_LEN;
        majorVersion = Bytes.u16LE(b, v + V_MAJ);
        minorVersion = Bytes.u16LE(b, v + V_MIN);
        int date = Bytes.u16LE(b, v + V_DATE);
        network = Bytes.u8(b, v + V_NETWORK);
        int format = Bytes.u8(b, v + V_FORMAT);
        int timeunit = Bytes.u8(b, v + V_TIMEUNIT);
        int rsvd0 = Bytes.u16LE(b, v + V_RSVD0);
        Encap encap = switch (network) {
            case NET_TOKEN_RING -> Encap.TOKEN_RING;
            case NET_ETHERNET -> Encap.ETHERNET;
            case NET_ARCNET -> Encap.ARCNET;
            case NET_SYNCHRO, NET_ASYNC -> Encap.PER_PACKET;
            case NET_FDDI -> Encap.FDDI;
            case NET_ATM -> Encap.ATM;
            default -> throw new CaptureException.Unsupported(ID, MAGIC.length + RECORD_HEADER_LEN + V_NETWORK, -1,
                    "network type " + network + " unknown or unsupported");
        };
        if (timeunit >= PSEC.length) {
            throw new CaptureException.Unsupported(ID, MAGIC.length + RECORD_HEADER_LEN + V_TIMEUNIT, -1,
                    "Unknown timeunit " + timeunit);
        }
        psPerTick = PSEC[timeunit];
        compressed = format != 1;
        // Wireshark reads exactly the 18-byte body, whatever the record's length field says.
        in.advance(need);

        encap = headerRecords(encap);
        if (encap == Encap.PER_PACKET && majorVersion == 1 && (rsvd0 == 1 || rsvd0 == 2)) {
            encap = Encap.ISDN;
        } else if (encap == Encap.PER_PACKET && majorVersion == 3) {
            encap = Encap.FRELAY; // "the only one we've seen" (Wireshark)
        }
        fileEncap = encap;
        startSeconds = startOfDay(date, options.timeZone());
        maxCaplen = options.limits().maxPacket(LinkType.ETHERNET);
        Arrays.fill(interfaceOf, -1);

        if (compressed) {
            streamBase = in.offset();
            this.in = Input.of(in.name(), new SnifferBlobStream(in), true);
        } else {
            streamBase = 0;
            this.in = in;
        }
        section = new SectionInfo().setIndex(0).setVersion(majorVersion, minorVersion);
        sections = List.of(section);
    }

    /**
     * The capture's start: midnight of the version record's DOS date in {@code zone}, as
     * Wireshark's mktime() of that date with the time set to 0 (the DOS time field is ignored;
     * ticks count from midnight). Month and day out of range roll over as mktime() does.
     */
    static long startOfDay(int dosDate, ZoneId zone) {
        int year = 1980 + ((dosDate >>> 9) & 0x7F);
        int month = (dosDate >>> 5) & 0xF;
        int day = dosDate & 0x1F;
        LocalDate d = LocalDate.of(year, 1, 1).plusMonths(month - 1L).plusDays(day - 1L);
        return d.atStartOfDay(zone).toEpochSecond();
    }

    /**
     * Skips the header records that follow the version record (types 6, 7, 13-17, and 8 in
     * files of major version 2 and below), looking into REC_HEADER2 of WAN files for the
     * subtype. Stops, without consuming it, at the first other type (in a compressed file that
     * is the first blob's length, which Wireshark tests the same way).
     */
    private Encap headerRecords(Encap encap) throws IOException {
        boolean wan = network == NET_SYNCHRO || network == NET_ASYNC;
        while (true) {
            long at = raw.offset();
            if (!raw.ensure(2)) {
                if (raw.available() == 0) {
                    return encap;
                }
                throw new CaptureException.Truncated(ID, at, -1, "record type cut short");
            }
            int type = Bytes.u16LE(raw.buffer(), raw.pos());
            boolean header = type == REC_HEADER1 || type == REC_HEADER2
                    || (type >= REC_HEADER3 && type <= REC_HEADER7)
                    || (type == REC_V2DESC && majorVersion <= 2);
            if (!header) {
                return encap;
            }
            if (!raw.ensure(RECORD_HEADER_LEN)) {
                throw new CaptureException.Truncated(ID, at, -1, "header record cut short");
            }
            int length = Bytes.u16LE(raw.buffer(), raw.pos() + RH_LENGTH);
            raw.advance(RECORD_HEADER_LEN);
            if (wan && type == REC_HEADER2) {
                int look = Math.min(length, HEADER2_LOOK);
                if (!raw.ensure(look)) {
                    throw new CaptureException.Truncated(ID, at, -1, "WAN header record cut short");
                }
                encap = wanSubtype(raw.buffer(), raw.pos(), length, at);
            }
            if (raw.skip(length) < length) {
                throw new CaptureException.Truncated(ID, at, -1, "header record cut short");
            }
        }
    }

    private Encap wanSubtype(byte[] b, int p, int length, long at) throws CaptureException {
        switch (majorVersion) {
            case 2: {
                byte[] x25 = {'H', 'D', 'L', 'C', '\n', 'X', '.', '2', '5', '\n'};
                if (length < x25.length) {
                    throw new CaptureException.Unsupported(ID, at, -1, "WAN capture has too-short protocol list");
                }
                for (int i = 0; i < x25.length; i++) {
                    if (b[p + i] != x25[i]) {
                        throw new CaptureException.Unsupported(ID, at, -1, "WAN capture protocol list unknown");
                    }
                }
                return Encap.LAPB;
            }
            case 1:
            case 4:
            case 5: {
                if (length < 5) {
                    throw new CaptureException.Unsupported(ID, at, -1, "WAN capture has no network subtype");
                }
                int sub = b[p + 4] & 0xFF;
                switch (sub) {
                    case WAN_SDLC:
                        return Encap.SDLC;
                    case WAN_HDLC:
                        return Encap.PER_PACKET;
                    case WAN_FRAME_RELAY:
                        return Encap.FRELAY;
                    case WAN_ROUTER:
                        if (majorVersion == 4 && (b[p + 1] & 0xFF) == 0xFA) {
                            return Encap.ISDN;
                        }
                        if (majorVersion == 5) {
                            if (length < 7) {
                                throw new CaptureException.Unsupported(ID, at, -1,
                                        "WAN bridge/router capture has no ISDN flag");
                            }
                            if (b[p + 6] == 1) {
                                return Encap.ISDN;
                            }
                        }
                        return Encap.PER_PACKET;
                    case WAN_PPP:
                        return Encap.PPP;
                    default:
                        throw new CaptureException.Unsupported(ID, at, -1, "WAN network subtype " + sub + " unknown or unsupported");
                }
            }
            default:
                return Encap.PER_PACKET;
        }
    }

    @Override
    public String formatId() {
        return ID;
    }

    @Override
    public String fileType() {
        return "Sniffer (DOS) " + majorVersion + "." + minorVersion + (compressed ? ", compressed" : "");
    }

    public boolean compressed() {
        return compressed;
    }

    @Override
    public List<SectionInfo> sections() {
        return sections;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return interfacesView;
    }

    @Override
    public long skipped() {
        return skipped;
    }

    // the packet being returned, kept between the INTERFACE record and the PACKET record
    private int pIface;
    private long pSec;
    private long pNanos;
    private byte[] pData;
    private int pOff;
    private int pLen;
    private long pOrig;
    private long pOffset;
    private int pAdvance;
    private long pPadding;

    @Override
    public boolean next(PacketRecord r) throws IOException {
        if (state == 0) {
            state = 1;
            r.reset(PacketRecord.Kind.SECTION).setSectionIndex(0).setPosition(recordIndex++, 0);
            return true;
        }
        if (pending) {
            pending = false;
            emitPacket(r);
            return true;
        }
        while (!done) {
            long at = streamBase + in.offset();
            if (!in.ensure(RECORD_HEADER_LEN)) {
                if (in.available() == 0) {
                    done = true;
                    return false;
                }
                // Wireshark reads the type (2 bytes) or reports EOF; anything between is a short read.
                throw new CaptureException.Truncated(ID, at, recordIndex,
                        "record header cut short (" + in.available() + " of " + RECORD_HEADER_LEN + " bytes)");
            }
            byte[] b = in.buffer();
            int p = in.pos();
            int type = Bytes.u16LE(b, p + RH_TYPE);
            int length = Bytes.u16LE(b, p + RH_LENGTH);
            int frameLen;
            int consumed;
            switch (type) {
                case REC_FRAME2:
                    if (network == NET_ATM) {
                        throw new CaptureException.Corrupt(ID, at, recordIndex, "REC_FRAME2 record in an ATM Sniffer file");
                    }
                    frameLen = FRAME2_LEN;
                    consumed = FRAME2_LEN;
                    break;
                case REC_FRAME4:
                    if (network != NET_ATM) {
                        throw new CaptureException.Corrupt(ID, at, recordIndex, "REC_FRAME4 record in a non-ATM Sniffer file");
                    }
                    frameLen = FRAME4_LEN;
                    // Sniffers before 5.0 with minor version >= 95 counted the record as a frame2.
                    consumed = majorVersion < 5 && minorVersion >= 95 ? FRAME2_LEN : FRAME4_LEN;
                    break;
                case REC_FRAME6:
                    frameLen = FRAME6_LEN;
                    consumed = FRAME6_LEN;
                    break;
                case REC_EOF:
                    done = true;
                    return false;
                default:
                    // header records after the first frame and unknown records: skipped by their length
                    in.advance(RECORD_HEADER_LEN);
                    if (in.skip(length) < length) {
                        throw new CaptureException.Truncated(ID, at, recordIndex, "record of type " + type + " cut short");
                    }
                    continue;
            }
            if (!in.ensure(RECORD_HEADER_LEN + frameLen)) {
                throw new CaptureException.Truncated(ID, at, recordIndex, "frame header cut short");
            }
            b = in.buffer();
            p = in.pos();
            int f = p + RECORD_HEADER_LEN;
            if (length < consumed) {
                throw new CaptureException.Corrupt(ID, at, recordIndex,
                        "record length " + length + " is less than its " + consumed + "-byte frame header");
            }
            int rest = length - consumed;
            int size = Bytes.u16LE(b, f + F_SIZE);
            int trueSize = Bytes.u16LE(b, f + F_TRUE_SIZE);
            if (size > rest) {
                throw new CaptureException.Corrupt(ID, at, recordIndex, "Record length is less than packet size");
            }
            if (size > maxCaplen) {
                throw new CaptureException.LimitExceeded(ID, at, recordIndex,
                        "packet of " + size + " bytes over the limit of " + maxCaplen);
            }
            int total = RECORD_HEADER_LEN + frameLen + size;
            if (!in.ensure(total)) {
                throw new CaptureException.Truncated(ID, at, recordIndex,
                        "packet data cut short (" + Math.max(0, in.available() - RECORD_HEADER_LEN - frameLen)
                                + " of " + size + " bytes)");
            }
            b = in.buffer();
            p = in.pos();
            f = p + RECORD_HEADER_LEN;
            int data = f + frameLen;
            frameIndex++;

            // time: a 40-bit tick count from midnight of the start date, plus whole days
            long ticks = ((long) Bytes.u8(b, f + F_TIME_HIGH) << 32) | ((long) Bytes.u16LE(b, f + F_TIME_MED) << 16)
                    | Bytes.u16LE(b, f + F_TIME_LOW);
            long ps = ticks * psPerTick; // < 2^40 * 1.5e7 < 2^64: unsigned arithmetic below
            long secs = Long.divideUnsigned(ps, PS_PER_SECOND);
            long subPs = Long.remainderUnsigned(ps, PS_PER_SECOND);
            secs += Bytes.u8(b, f + F_TIME_DAY) * 86_400L + startSeconds;
            int fs = Bytes.u8(b, f + F_FS);

            Encap e = fileEncap == Encap.PER_PACKET ? infer(b, data, size) : fileEncap;
            if (e.linkType < 0) {
                skipped++;
                options.diagnostics().warn(ID + ": " + e + " frames have no pcap link type; skipped");
                in.advance(total);
                in.skip(rest - size);
                continue;
            }
            int fcsKind = 0;
            int fcs = -1;
            if (e == Encap.ETHERNET) {
                // Wireshark: no FCS in frame2 Ethernet frames, unknown in frame6 ones.
                fcsKind = type == REC_FRAME6 ? 1 : 0;
                fcs = type == REC_FRAME6 ? -1 : 0;
            }
            int slot = e.ordinal() * 2 + fcsKind;
            boolean declare = interfaceOf[slot] < 0;
            if (declare) {
                interfaceOf[slot] = interfaces.size();
                interfaces.add(new InterfaceInfo().setLinkType(e.linkType).setSnapLength(0).setTsResolution(9)
                        .setFcsLength(fcs).setSectionIndex(0).setSource(in.name()));
            }
            pIface = interfaceOf[slot];
            pSec = secs;
            pNanos = subPs / 1000;
            pOrig = trueSize != 0 ? trueSize : size;
            pOffset = at;
            pAdvance = total;
            pPadding = rest - size;
            if (e.pseudoHeader == 0) {
                pData = b;
                pOff = data;
                pLen = size;
            } else {
                int ph = e.pseudoHeader;
                if (assembled.length < size + ph) {
                    assembled = new byte[Math.max(size + ph, 2048)];
                }
                if (e == Encap.ATM) {
                    sunAtmHeader(b, f, assembled);
                } else {
                    // PPP_WITH_DIR / LAPB_WITH_DIR: 1 = sent by the DTE, 0 = received.
                    assembled[0] = (byte) ((fs & FS_WAN_DTE) != 0 ? 1 : 0);
                }
                System.arraycopy(b, data, assembled, ph, size);
                pData = assembled;
                pOff = 0;
                pLen = size + ph;
                pOrig += ph;
            }
            if (declare) {
                pending = true;
                r.reset(PacketRecord.Kind.INTERFACE).setInterfaceId(pIface).setPosition(recordIndex++, at);
                return true;
            }
            emitPacket(r);
            return true;
        }
        return false;
    }

    private void emitPacket(PacketRecord r) throws IOException {
        r.reset(PacketRecord.Kind.PACKET).setInterfaceId(pIface);
        r.setTime(pSec, pNanos);
        r.setData(pData, pOff, pLen);
        r.setOriginalLength(pOrig);
        r.setPosition(recordIndex++, pOffset);
        // The view stays valid until the next call: the buffer moves only when we read on.
        in.advance(pAdvance);
        if (pPadding > 0) {
            // Padding that the file ends inside is not an error for Wireshark (it seeks past it).
            in.skip(pPadding);
        }
    }

    /**
     * The 4-byte SunATM pseudo-header from a frame4's ATMSaveInfo: direction (channel 0 = from
     * the DCE) in bit 7 and traffic type in the low bits of byte 0, VPI, VCI big-endian.
     */
    private static void sunAtmHeader(byte[] b, int f, byte[] out) {
        int channel = Bytes.u16LE(b, f + F4_CHANNEL);
        int traf = Bytes.u8(b, f + F4_TRAF_TYPE);
        int aal = traf & 0x0F;
        int hl = traf & 0xF0;
        int type = 0; // unknown: Wireshark guesses from the payload
        if (aal == 3) { // ATT_AAL5
            type = switch (hl) {
                case 0x10 -> 2; // LLC multiplexed
                case 0x30 -> 1; // LANE
                case 0x40 -> 5; // ILMI
                default -> 0;
            };
        } else if (aal == 5 || (aal == 0 && Bytes.u16LE(b, f + F4_VPI) == 0 && Bytes.u16LE(b, f + F4_VCI) == 5)) {
            type = 6; // signalling AAL (or VPI 0 / VCI 5 with an unknown AAL, as Wireshark assumes)
        }
        out[0] = (byte) ((channel == 0 ? 0x80 : 0) | type);
        out[1] = (byte) Bytes.u16LE(b, f + F4_VPI);
        Bytes.putI16BE(out, 2, Bytes.u16LE(b, f + F4_VCI));
    }

    /**
     * The encapsulation of one frame of a WAN file whose header does not say (Wireshark's
     * infer_pkt_encap): 0xFF first → PPP; 07 03 → Wellfleet HDLC; 0F 00 or 8F 00 → Cisco HDLC;
     * an address of bytes with bit 0 clear ended by one with bit 0 set and followed by 0x03 →
     * Frame Relay; anything else → LAPB. Wireshark looks at the frame plus any record padding
     * after it; capmill looks at the frame only.
     */
    static Encap infer(byte[] b, int off, int len) {
        if (len <= 0 || (b[off] & 0xFF) == 0xFF) {
            return Encap.PPP;
        }
        if (len >= 2) {
            int b0 = b[off] & 0xFF;
            int b1 = b[off + 1] & 0xFF;
            if (b0 == 0x07 && b1 == 0x03) {
                return Encap.WFLEET_HDLC;
            }
            if ((b0 == 0x0F || b0 == 0x8F) && b1 == 0x00) {
                return Encap.CHDLC;
            }
            int i = 0;
            while (i < len && (b[off + i] & 0x01) == 0) {
                i++;
            }
            i++;
            if (i >= len) {
                return Encap.LAPB;
            }
            if ((b[off + i] & 0xFF) == 0x03) {
                return Encap.FRELAY;
            }
        }
        return Encap.LAPB;
    }

    @Override
    public long position() {
        return streamBase + in.offset();
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
