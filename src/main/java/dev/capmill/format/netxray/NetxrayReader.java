package dev.capmill.format.netxray;

import static dev.capmill.format.netxray.NetxrayConstants.*;

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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads NetXRay and Sniffer for Windows files (see {@link dev.capmill.format.netxray}). Returns
 * one SECTION, an INTERFACE before the first packet of each (link type, FCS length) pair, then
 * PACKETs whose payloads are views into the input's buffer (SunATM and PPP/LAPB with direction
 * get their pseudo-header assembled in one reused buffer).
 */
public final class NetxrayReader implements CaptureReader {
    static final String ID = "netxray";

    enum Encap {
        ETHERNET(LinkType.ETHERNET, 0),
        TOKEN_RING(LinkType.IEEE802_5, 0),
        FDDI(LinkType.FDDI, 0),
        ATM(LinkType.SUNATM, 4),
        IEEE802_11(LinkType.IEEE802_11, 0),
        PPP(LinkType.PPP_WITH_DIR, 1),
        FRELAY(LinkType.FRELAY, 0),
        LAPB(207, 1),    // LINKTYPE_LAPB_WITH_DIR
        SDLC(268, 0),    // LINKTYPE_SDLC
        CHDLC(LinkType.C_HDLC, 0),
        ISDN(-1, 0);     // no pcap link type carries the ISDN channel pseudo-header

        final int linkType;
        final int pseudoHeader;

        Encap(int linkType, int pseudoHeader) {
            this.linkType = linkType;
            this.pseudoHeader = pseudoHeader;
        }
    }

    private Input in;
    private final Input file;
    /** File offset of {@link #in}'s offset 0 (128 while reading the wrapped part of a circular file). */
    private long base;
    private final ReadOptions options;
    private final int versionMajor;
    private final int versionMinor;
    private final int shownDigits;
    private final String version;
    private final Encap encap;
    private final double ticksPerSec;
    private final double startTimestamp;
    private final long startTime;
    private final boolean fcsValid;
    private final long startOffset;
    private final long endOffset;
    private final long nframes;
    private final int recordHeaderLen;
    private final int maxCaplen;
    private final SectionInfo section;
    private final List<SectionInfo> sections;
    private final List<InterfaceInfo> interfaces = new ArrayList<>();
    private final List<InterfaceInfo> interfacesView = Collections.unmodifiableList(interfaces);
    private final int[] interfaceOf = {-1, -1};
    /** The part of a circular file between the header and end_offset, read after the first part. */
    private byte[] wrapped;
    private boolean didWrap;
    private byte[] assembled = new byte[0];

    private int state;
    private boolean done;
    private boolean pending;
    private long recordIndex;
    private long skipped;

    // the packet being returned
    private int pIface;
    private long pSec;
    private long pNanos;
    private byte[] pData;
    private int pOff;
    private int pLen;
    private long pOrig;
    private long pOffset;
    private int pAdvance;

    public NetxrayReader(Input in, ReadOptions options) throws IOException {
        this.in = in;
        this.file = in;
        this.options = options;
        if (!in.ensure(HEADER_LEN)) {
            throw new CaptureException.Truncated(ID, in.offset(), -1,
                    "file header cut short (" + in.available() + " of " + HEADER_LEN + " bytes)");
        }
        byte[] b = in.buffer();
        int p = in.pos();
        boolean old;
        if (match(b, p, MAGIC)) {
            old = false;
        } else if (match(b, p, OLD_MAGIC)) {
            old = true;
        } else {
            throw new CaptureException.UnknownFormat("not a NetXRay file (no XCP magic)");
        }
        String v = new String(b, p + H_VERSION, VERSION_LEN, StandardCharsets.ISO_8859_1);
        if (old) {
            versionMajor = 0;
            versionMinor = 0;
            version = "old";
        } else {
            switch (v) {
                case "001.000\0" -> { versionMajor = 1; versionMinor = 0; }
                case "001.100\0" -> { versionMajor = 1; versionMinor = 1; }
                case "002.000\0" -> { versionMajor = 2; versionMinor = 0; }
                case "002.001\0" -> { versionMajor = 2; versionMinor = 1; }
                case "002.002\0" -> { versionMajor = 2; versionMinor = 2; }
                case "002.003\0" -> { versionMajor = 2; versionMinor = 3; }
                default -> throw new CaptureException.Unsupported(ID, H_VERSION, -1,
                        "version \"" + printable(v) + "\" unsupported");
            }
            version = v.substring(0, 7);
        }
        int network = Bytes.u8(b, p + H_NETWORK);
        int networkPlus = Bytes.u8(b, p + H_NETWORK_PLUS);
        int networkType;
        if (networkPlus == 0) {
            networkType = network + 1;
        } else if (networkPlus == 2) {
            networkType = network;
        } else {
            throw new CaptureException.Unsupported(ID, H_NETWORK_PLUS, -1,
                    "the byte after the network type has the value " + networkPlus + ", which is not understood");
        }
        int captype = Bytes.u8(b, p + H_CAPTYPE);
        int timeunit = Bytes.u8(b, p + H_TIMEUNIT);
        long realtick = Bytes.u32LE(b, p + H_REALTICK);

        Encap e = switch (networkType) {
            case 1 -> Encap.ETHERNET;
            case 2 -> Encap.TOKEN_RING;
            case 3 -> Encap.FDDI;
            case 4 -> Encap.ETHERNET; // WAN; see below
            case 9 -> Encap.ATM;
            case 10 -> Encap.IEEE802_11;
            default -> throw new CaptureException.Unsupported(ID, H_NETWORK, -1,
                    "network type " + networkType + " (" + networkPlus + ") unknown or unsupported");
        };

        // start timestamp and ticks per second, in double as Wireshark computes them
        double start = (double) Bytes.u32LE(b, p + H_TIMELO) + (double) Bytes.u32LE(b, p + H_TIMEHI) * 4294967296.0;
        double tps;
        if (versionMajor == 0 || (versionMajor == 1 && versionMinor == 0)) {
            tps = 1000.0;
        } else if (versionMajor == 1) {
            tps = 1e6;
        } else if (networkType == 1) {
            double[] table;
            switch (captype) {
                case CAPTYPE_NDIS -> table = TPS;
                case ETH_CAPTYPE_GIGPOD -> table = TPS_GIGPOD;
                case ETH_CAPTYPE_OTHERPOD -> table = TPS_OTHERPOD;
                case ETH_CAPTYPE_OTHERPOD2 -> table = TPS_OTHERPOD2;
                case ETH_CAPTYPE_GIGPOD2 -> table = TPS_GIGPOD2;
                default -> throw new CaptureException.Unsupported(ID, H_CAPTYPE, -1,
                        "Unknown capture type " + captype + " for Ethernet version " + version + " capture");
            }
            if (timeunit >= table.length || (captype != CAPTYPE_NDIS && table[timeunit] == 0.0)) {
                throw new CaptureException.Unsupported(ID, H_TIMEUNIT, -1,
                        "Unknown timeunit " + timeunit + " for Ethernet/captype " + captype + " version " + version + " capture");
            }
            // NDIS with timeunit 2: the header's realtick gives the rate (Wireshark, 2007).
            tps = captype == CAPTYPE_NDIS && timeunit == 2 ? (double) realtick : table[timeunit];
            if (captype != CAPTYPE_NDIS && (versionMinor == 2 || versionMinor == 3)) {
                start = 0.0; // pods of 002.002/002.003: the start time stamp is 0, not the header's
            }
        } else {
            if (timeunit >= TPS.length) {
                throw new CaptureException.Unsupported(ID, H_TIMEUNIT, -1,
                        "Unknown timeunit " + timeunit + " for " + networkType + "/" + captype + " version " + version + " capture");
            }
            tps = TPS[timeunit];
        }
        if (!(tps > 0.0)) {
            // Wireshark would divide by zero and give infinite times; refuse instead.
            throw new CaptureException.Unsupported(ID, H_REALTICK, -1, "ticks per second of 0 in the header");
        }
        ticksPerSec = tps;
        startTimestamp = start / tps;
        // Fraction digits tshark shows (wiretap netxray.c sets the file's time precision): ms for
        // NetXRay and 1.0 files, us for 1.1 (Windows Sniffer Pro 2.0.01), and for 2.x us unless
        // the tick rate is 10 MHz or more, then ns. Times are kept to the ns they convert to.
        shownDigits = tps <= 1000.0 ? 3 : tps >= 1e7 ? 9 : 6;

        if (networkType == 4 && versionMajor == 2) {
            int subsub = Bytes.u8(b, p + H_WAN_HDLC_SUBSUB);
            e = switch (captype) {
                case WAN_CAPTYPE_PPP -> Encap.PPP;
                case WAN_CAPTYPE_FRELAY -> Encap.FRELAY;
                case WAN_CAPTYPE_HDLC, WAN_CAPTYPE_HDLC2 -> switch (subsub) {
                    case 0 -> Encap.LAPB;
                    case 1, 2, 3 -> Encap.ISDN;
                    default -> throw new CaptureException.Unsupported(ID, H_WAN_HDLC_SUBSUB, -1,
                            "WAN HDLC capture subsubtype " + subsub + " unknown or unsupported");
                };
                case WAN_CAPTYPE_SDLC -> Encap.SDLC;
                case WAN_CAPTYPE_CHDLC -> Encap.CHDLC;
                default -> throw new CaptureException.Unsupported(ID, H_CAPTYPE, -1,
                        "WAN capture subtype " + captype + " unknown or unsupported");
            };
        }
        encap = e;
        // In version 2 Ethernet/802.11/ISDN/LAPB files, 0x34 0x12 in the middle of realtick means
        // that frames flagged with FF FF in xxx[2..3] end in a real FCS (Wireshark's observation).
        fcsValid = versionMajor == 2 && (e == Encap.ETHERNET || e == Encap.IEEE802_11 || e == Encap.ISDN || e == Encap.LAPB)
                && Bytes.u8(b, p + H_REALTICK + 1) == 0x34 && Bytes.u8(b, p + H_REALTICK + 2) == 0x12;
        startTime = Bytes.u32LE(b, p + H_START_TIME);
        nframes = Bytes.u32LE(b, p + H_NFRAMES);
        startOffset = Bytes.u32LE(b, p + H_START_OFFSET);
        endOffset = Bytes.u32LE(b, p + H_END_OFFSET);
        recordHeaderLen = versionMajor == 0 ? REC_OLD_LEN : versionMajor == 1 ? REC_1_LEN : REC_2_LEN;
        maxCaplen = options.limits().maxPacket(LinkType.ETHERNET);

        if (startOffset > endOffset) {
            // A circular buffer: records run from start_offset to the end of the file, then from
            // the end of the header to end_offset. The second part is kept from the first pass.
            long len = endOffset - HEADER_LEN;
            if (len > options.limits().maxBlock()) {
                throw new CaptureException.LimitExceeded(ID, H_END_OFFSET, -1, "wrapped part of a circular capture ("
                        + len + " bytes) over the limit of " + options.limits().maxBlock());
            }
            if (len > 0) {
                if (!in.ensure((int) endOffset)) {
                    throw new CaptureException.Truncated(ID, in.offset(), -1, "file ends before end_offset " + endOffset);
                }
                wrapped = java.util.Arrays.copyOfRange(in.buffer(), in.pos() + HEADER_LEN, in.pos() + (int) endOffset);
            } else {
                wrapped = new byte[0];
            }
        }
        // Seek to the first record; an offset inside the header is still in the buffer.
        if (startOffset < HEADER_LEN) {
            in.advance((int) startOffset);
        } else {
            in.advance(HEADER_LEN);
            if (in.skip(startOffset - HEADER_LEN) < startOffset - HEADER_LEN) {
                done = startOffset != endOffset; // nothing there; next() reports how Wireshark would
            }
        }
        section = new SectionInfo().setIndex(0).setVersion(versionMajor, versionMinor);
        sections = List.of(section);
    }

    private static boolean match(byte[] b, int p, byte[] magic) {
        for (int i = 0; i < magic.length; i++) {
            if (b[p + i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == 0) {
                break;
            }
            sb.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return sb.toString();
    }

    @Override
    public String formatId() {
        return ID;
    }

    @Override
    public String fileType() {
        return versionMajor == 0 ? "NetXRay 1.x (old)" : "NetXRay / Windows Sniffer " + version;
    }

    /** The number of frames the header announces (informative: Wireshark does not use it). */
    public long announcedFrames() {
        return nframes;
    }

    public double ticksPerSecond() {
        return ticksPerSec;
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
            long at = base + in.offset();
            if (at == endOffset) {
                done = true; // anything after end_offset is crud
                return false;
            }
            int hl = recordHeaderLen;
            if (!in.ensure(hl)) {
                if (in.available() != 0) {
                    throw new CaptureException.Truncated(ID, at, recordIndex,
                            "record header cut short (" + in.available() + " of " + hl + " bytes)");
                }
                if (startOffset < endOffset) {
                    throw new CaptureException.Truncated(ID, at, recordIndex,
                            "file ends at offset " + at + " before end_offset " + endOffset);
                }
                if (didWrap || wrapped == null) {
                    done = true;
                    return false;
                }
                didWrap = true;
                in = Input.of(file.name(), wrapped);
                base = HEADER_LEN;
                continue;
            }
            byte[] b = in.buffer();
            int p = in.pos();
            int padding = 0;
            int fcsKind = 0;
            int incl;
            long orig;
            if (versionMajor == 0) {
                incl = Bytes.u16LE(b, p + R_ORIG_LEN);
                orig = incl;
            } else {
                orig = Bytes.u16LE(b, p + R_ORIG_LEN);
                incl = Bytes.u16LE(b, p + R_INCL_LEN);
            }
            if (versionMajor == 2) {
                boolean ff = Bytes.u8(b, p + R2_XXX + 2) == 0xFF && Bytes.u8(b, p + R2_XXX + 3) == 0xFF;
                if (ff) {
                    switch (encap) {
                        case ETHERNET, IEEE802_11 -> {
                            if (fcsValid) {
                                fcsKind = 1;
                            } else {
                                padding = 4;
                            }
                        }
                        case ISDN, LAPB, FRELAY -> padding = 4;
                        default -> { }
                    }
                }
            }
            if (incl < padding) {
                throw new CaptureException.Corrupt(ID, at, recordIndex,
                        "captured length " + incl + " is shorter than the 4 bytes of padding it claims");
            }
            int size = incl;
            if (size > maxCaplen) {
                throw new CaptureException.LimitExceeded(ID, at, recordIndex,
                        "packet of " + size + " bytes over the limit of " + maxCaplen);
            }
            int total = hl + size;
            if (!in.ensure(total)) {
                throw new CaptureException.Truncated(ID, at, recordIndex,
                        "packet data cut short (" + Math.max(0, in.available() - hl) + " of " + size + " bytes)");
            }
            b = in.buffer();
            p = in.pos();
            int caplen = incl - padding;
            long len = Math.max(0, orig - padding);

            // Wireshark: t = ticks / tps - start_timestamp (doubles); secs = start_time + (long) t;
            // nsecs = (int) ((t - (unsigned long) t) * 1e9). Same operations in the same order.
            double t = (double) Bytes.u32LE(b, p + R_TIMELO) + (double) Bytes.u32LE(b, p + R_TIMEHI) * 4294967296.0;
            t /= ticksPerSec;
            t -= startTimestamp;
            long whole = (long) t;
            pSec = startTime + whole;
            pNanos = (int) ((t - (double) whole) * 1.0e9);

            if (encap.linkType < 0) {
                skipped++;
                options.diagnostics().warn(ID + ": " + encap + " frames have no pcap link type; skipped");
                in.advance(total);
                continue;
            }
            int slot = fcsKind;
            boolean declare = interfaceOf[slot] < 0;
            if (declare) {
                interfaceOf[slot] = interfaces.size();
                int fcs = fcsKind == 1 ? 4 : (versionMajor >= 1 && (encap == Encap.ETHERNET || encap == Encap.IEEE802_11)) ? 0 : -1;
                interfaces.add(new InterfaceInfo().setLinkType(encap.linkType).setSnapLength(0).setTsResolution(9)
                        .setShownDigits(shownDigits).setFcsLength(fcs).setSectionIndex(0).setSource(file.name()));
            }
            pIface = interfaceOf[slot];
            pOrig = len;
            pOffset = at;
            pAdvance = total;
            int data = p + hl;
            if (encap.pseudoHeader == 0) {
                pData = b;
                pOff = data;
                pLen = caplen;
            } else {
                int ph = encap.pseudoHeader;
                if (assembled.length < caplen + ph) {
                    assembled = new byte[Math.max(caplen + ph, 2048)];
                }
                if (encap == Encap.ATM) {
                    sunAtmHeader(b, p + R2_XXX, assembled);
                } else {
                    // xxx[12] bit 0: sent (PPP) / from the DTE (LAPB)
                    assembled[0] = (byte) (versionMajor == 2 ? Bytes.u8(b, p + R2_XXX + 12) & 1 : 0);
                }
                System.arraycopy(b, data, assembled, ph, caplen);
                pData = assembled;
                pOff = 0;
                pLen = caplen + ph;
                pOrig = len + ph;
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

    private void emitPacket(PacketRecord r) {
        r.reset(PacketRecord.Kind.PACKET).setInterfaceId(pIface);
        r.setTime(pSec, pNanos);
        r.setData(pData, pOff, pLen);
        r.setOriginalLength(pOrig);
        r.setPosition(recordIndex++, pOffset);
        in.advance(pAdvance); // the padding, if any, is inside pAdvance (incl covers it)
    }

    /** SunATM pseudo-header from a 2.x record's xxx[]: direction, traffic type, VPI, VCI (big-endian). */
    private static void sunAtmHeader(byte[] b, int xxx, byte[] out) {
        int channel = (b[xxx + 15] & 0x10) != 0 ? 1 : 0;
        int aal = b[xxx] & 0x70;
        int type = 0;
        if (aal == 0x30 || aal == 0x50 || aal == 0x60 || aal == 0x70) {
            type = switch (b[xxx] & 0x07) {
                case 1, 2 -> 6;       // signalling
                case 3 -> 5;          // ILMI
                case 0, 4, 5 -> 1;    // LANE
                case 7 -> 2;          // LLC multiplexed
                default -> 0;
            };
        }
        out[0] = (byte) ((channel == 0 ? 0x80 : 0) | type);
        out[1] = b[xxx + 11];
        Bytes.putI16BE(out, 2, Bytes.u16LE(b, xxx + 12));
    }

    @Override
    public long position() {
        return base + in.offset();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
