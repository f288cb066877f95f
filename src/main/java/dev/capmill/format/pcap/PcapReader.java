package dev.capmill.format.pcap;

import static dev.capmill.format.pcap.PcapConstants.*;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.PacketSkipping;
import dev.capmill.format.ReadOptions;
import dev.capmill.io.Input;
import dev.capmill.model.Bytes;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import java.io.IOException;
import java.util.List;

/**
 * Reads classic pcap and its variants (see {@link dev.capmill.format.pcap} for the list). Returns
 * one SECTION, one INTERFACE, then a PACKET per record whose payload is a view into the input's
 * buffer. The variant is settled when the reader is opened, by looking at the first
 * {@link PcapConstants#HEURISTIC_RECORDS} records within {@link PcapConstants#HEURISTIC_LOOKAHEAD}
 * bytes without consuming them.
 */
public final class PcapReader implements CaptureReader, PacketSkipping {
    static final String ID = "pcap";

    /** The record layouts pcap files come in (Wireshark's pcap_variant_t). */
    public enum Variant {
        STANDARD(RECORD_HEADER_LEN, false, null),
        NSEC(RECORD_HEADER_LEN, true, null),
        AIX(RECORD_HEADER_LEN, true, "AIX"),
        SS990417(RECORD_HEADER_SS990417_LEN, false, "Red Hat 6.1 ss990417"),
        SS991029(RECORD_HEADER_SS990417_LEN, false, "modified ss991029"),
        SS990915(RECORD_HEADER_SS990915_LEN, false, "modified ss990915"),
        NOKIA(RECORD_HEADER_NOKIA_LEN, false, "Nokia");

        final int headerLength;
        final boolean nanoseconds;
        final String label;

        Variant(int headerLength, boolean nanoseconds, String label) {
            this.headerLength = headerLength;
            this.nanoseconds = nanoseconds;
            this.label = label;
        }
    }

    private enum LengthSwap { NONE, ALWAYS, IF_CAPLEN_BIGGER }

    private static final Variant[] STANDARD_CANDIDATES = {Variant.STANDARD, Variant.SS990417, Variant.NOKIA};
    private static final Variant[] MODIFIED_CANDIDATES = {Variant.SS991029, Variant.SS990915};

    private final Input in;
    private final ReadOptions options;
    private final boolean bigEndian;
    private final Variant variant;
    private final int headerLength;
    private final boolean nanoseconds;
    private final LengthSwap lengthSwap;
    private final int maxCaplen;
    /** Bytes dropped at the front of every record (AIX FDDI padding). */
    private final int frontPad;
    private final String fileType;
    private final SectionInfo section;
    private final InterfaceInfo iface;
    private final List<SectionInfo> sections;
    private final List<InterfaceInfo> interfaces;

    private final long snaplen;
    /** Offset of the first record header. */
    private final long dataStart;

    private int state;
    private long recordIndex;
    /** False once a jump has left records uncounted: record indexes are then reported as -1. */
    private boolean indexKnown = true;
    /** 0 reading, 1 skipping packets before (skipS, skipN), 2 no more packets wanted. */
    private int skipMode;
    private long skipS;
    private long skipN;
    private long packetsSkipped;
    private long bytesJumped;
    private long seekLinear = PcapSeek.LINEAR;

    public PcapReader(Input in, ReadOptions options) throws IOException {
        this.in = in;
        this.options = options;
        if (!in.ensure(FILE_HEADER_LEN)) {
            throw new CaptureException.Truncated(ID, in.offset(), -1,
                    "file header cut short (" + in.available() + " of " + FILE_HEADER_LEN + " bytes)");
        }
        byte[] b = in.buffer();
        int p = in.pos();
        int magic = Bytes.i32LE(b, p + FH_MAGIC);
        boolean be;
        Variant fixed = null; // null: decided by the heuristic
        Variant[] candidates = null;
        boolean ixia = false;
        if (magic == MAGIC_USEC || magic == Integer.reverseBytes(MAGIC_USEC)) {
            be = magic != MAGIC_USEC;
            candidates = STANDARD_CANDIDATES;
        } else if (magic == MAGIC_NSEC || magic == Integer.reverseBytes(MAGIC_NSEC)) {
            be = magic != MAGIC_NSEC;
            fixed = Variant.NSEC;
        } else if (magic == MAGIC_MODIFIED || magic == Integer.reverseBytes(MAGIC_MODIFIED)) {
            be = magic != MAGIC_MODIFIED;
            candidates = MODIFIED_CANDIDATES;
        } else if (magic == MAGIC_IXIA_HW || magic == Integer.reverseBytes(MAGIC_IXIA_HW)) {
            be = magic != MAGIC_IXIA_HW;
            fixed = Variant.NSEC;
            ixia = true;
        } else if (magic == MAGIC_IXIA_SW || magic == Integer.reverseBytes(MAGIC_IXIA_SW)) {
            be = magic != MAGIC_IXIA_SW;
            fixed = Variant.STANDARD;
            ixia = true;
        } else {
            throw new CaptureException.UnknownFormat("not a pcap file (magic " + Bytes.hex(magic & 0xFFFFFFFFL) + ")");
        }
        this.bigEndian = be;
        int major = Bytes.u16(b, p + FH_VERSION_MAJOR, be);
        int minor = Bytes.u16(b, p + FH_VERSION_MINOR, be);
        long snaplen = Bytes.u32(b, p + FH_SNAPLEN, be);
        int network = Bytes.i32(b, p + FH_LINKTYPE, be);

        // Wireshark reads any major version >= 2; libpcap only 2.0-2.4 and 543.0.
        if (major < 2) {
            throw new CaptureException.Unsupported(ID, 0, -1, "major version " + major + " unsupported");
        }
        LengthSwap swap = LengthSwap.NONE;
        if (major == VERSION_MAJOR) {
            // Before 2.3 caplen and len were stored the other way round; some 2.3 writers
            // still did, so 2.3 swaps when caplen > len (Wireshark libpcap.c, libpcap sf-pcap.c).
            if (minor < 3) {
                swap = LengthSwap.ALWAYS;
                fixed = fixed == null || fixed == Variant.NSEC ? Variant.STANDARD : fixed;
            } else if (minor == 3) {
                swap = LengthSwap.IF_CAPLEN_BIGGER;
                fixed = fixed == null || fixed == Variant.NSEC ? Variant.STANDARD : fixed;
            }
        } else if (major == VERSION_MAJOR_DGUX) {
            swap = LengthSwap.ALWAYS;
            fixed = Variant.STANDARD;
        }
        if (fixed == Variant.STANDARD && magicIsNsec(magic)) {
            // Wireshark settles the variant from the version before looking at the magic's
            // resolution, so a nanosecond magic with version < 2.4 is read as microseconds.
            options.diagnostics().warn("pcap: nanosecond magic with version " + major + "." + minor
                    + "; timestamps read as microseconds, as Wireshark does");
        }
        if (!(major == VERSION_MAJOR && minor <= VERSION_MINOR) && major != VERSION_MAJOR_DGUX) {
            options.diagnostics().warn("pcap: version " + major + "." + minor
                    + " is not a standard pcap version; read as 2.4, as Wireshark does (libpcap refuses it)");
        }
        // AIX writes version 2.2 with RFC 1573 ifTypes instead of link types, and ns timestamps.
        // Only the standard magic (either byte order) qualifies (Wireshark libpcap.c).
        if (candidates == STANDARD_CANDIDATES && major == 2 && minor == 2) {
            int aixLinkType = switch (network) {
                case 6 -> 1;     // ethernetCsmacd -> Ethernet
                case 9 -> 6;     // iso88025TokenRing -> Token Ring
                case 15 -> 10;   // fddi -> FDDI
                case 24 -> 0;    // softwareLoopback -> NULL
                default -> -1;
            };
            if (aixLinkType >= 0) {
                network = aixLinkType;
                fixed = Variant.AIX;
            }
        }
        if ((network & LT_RESERVED1_MASK) != 0) {
            throw new CaptureException.Corrupt(ID, FH_LINKTYPE, -1, String.format(
                    "network type reserved field not zero (0x%08x)", network & LT_RESERVED1_MASK));
        }
        int linkType = network & LT_LINKTYPE_MASK;
        int fcsLength = -1;
        if ((network & LT_FCS_PRESENT) != 0) {
            fcsLength = 2 * ((network >>> LT_FCS_SHIFT) & 0xF);
        }
        this.maxCaplen = options.limits().maxPacket(linkType);
        this.lengthSwap = swap;

        int headerBytes = FILE_HEADER_LEN + (ixia ? IXIA_EXTRA_LEN : 0);
        if (ixia && !in.ensure(headerBytes)) {
            throw new CaptureException.Truncated(ID, in.offset(), -1,
                    "file header cut short (" + in.available() + " of " + headerBytes + " bytes)");
        }
        in.advance(headerBytes);
        this.dataStart = in.offset();
        this.snaplen = snaplen;

        Variant v = fixed;
        if (v == null) {
            v = chooseVariant(candidates, snaplen);
        }
        this.variant = v;
        this.headerLength = v.headerLength;
        this.nanoseconds = v.nanoseconds;
        this.frontPad = v == Variant.AIX && linkType == 10 ? AIX_FDDI_PAD : 0;

        StringBuilder ft = new StringBuilder("pcap");
        String sep = " (";
        if (ixia) {
            ft.append(sep).append(magic == MAGIC_IXIA_HW || magic == Integer.reverseBytes(MAGIC_IXIA_HW)
                    ? "Ixia lcap hardware" : "Ixia lcap software");
            sep = ", ";
        } else if (v.label != null) {
            ft.append(sep).append(v.label);
            sep = ", ";
        }
        if (v == Variant.NSEC) {
            ft.append(sep).append("nanosecond");
            sep = ", ";
        }
        if (be) {
            ft.append(sep).append("big-endian");
            sep = ", ";
        }
        if (!sep.equals(" (")) {
            ft.append(')');
        }
        this.fileType = ft.toString();

        this.section = new SectionInfo().setIndex(0).setVersion(major, minor).setBigEndian(be);
        this.iface = new InterfaceInfo().setLinkType(linkType).setSnapLength(snaplen)
                .setTsResolution(nanoseconds ? 9 : 6).setFcsLength(fcsLength).setSectionIndex(0)
                .setSource(in.name());
        this.sections = List.of(section);
        this.interfaces = List.of(iface);
    }

    private static boolean magicIsNsec(int magic) {
        return magic == MAGIC_NSEC || magic == Integer.reverseBytes(MAGIC_NSEC)
                || magic == MAGIC_IXIA_HW || magic == Integer.reverseBytes(MAGIC_IXIA_HW);
    }

    /**
     * The variant heuristic of Wireshark (wiretap/libpcap.c, libpcap_try_variants), as tshark
     * 4.0.17 applies it: read up to three records with each candidate's record header and add 1
     * for each thing that looks wrong: a fraction ≥ 10^6, caplen over the link type's maximum
     * (which also ends the look), caplen over snaplen, len over 128 MiB, caplen over len, and for
     * the ss99 headers an ifindex over 10000, an implausible protocol or a packet type over 4;
     * a partial header or data cut short add 1 and end the look, a clean end of input adds
     * nothing. The first candidate scoring 0 wins, else the lowest (the first of equals).
     * Wireshark also scores Nokia's 4 extra bytes in later versions; 4.0.17 does not (it calls
     * editcap's Nokia output of atm_oam_sunatm and tcp_handshake_nano Nokia, which the extra
     * check would not), and with this rule capmill's choice equals capinfos' for every
     * standard-magic and modified-magic file of the corpus. Lengths are taken as stored, before
     * any version swap, as Wireshark does here.
     */
    private Variant chooseVariant(Variant[] candidates, long snaplen) throws IOException {
        Variant best = candidates[0];
        int bestScore = Integer.MAX_VALUE;
        for (Variant c : candidates) {
            int score = score(c, snaplen);
            if (score == 0) {
                return c;
            }
            if (score < bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    private int score(Variant c, long snaplen) throws IOException {
        int merit = 0;
        int at = 0;
        int hl = c.headerLength;
        boolean ss = c == Variant.SS990417 || c == Variant.SS991029 || c == Variant.SS990915;
        for (int i = 0; i < HEURISTIC_RECORDS; i++) {
            if (at + hl > HEURISTIC_LOOKAHEAD) {
                break; // beyond what capmill looks at: no evidence either way
            }
            if (!in.ensure(at + hl)) {
                if (in.available() > at) {
                    merit++; // a partial record header
                }
                break;
            }
            byte[] b = in.buffer();
            int p = in.pos() + at;
            long frac = Bytes.u32(b, p + RH_TS_FRAC, bigEndian);
            long incl = Bytes.u32(b, p + RH_INCL_LEN, bigEndian);
            long orig = Bytes.u32(b, p + RH_ORIG_LEN, bigEndian);
            if (frac >= 1_000_000) {
                merit++;
            }
            boolean inclOk = incl <= maxCaplen;
            if (!inclOk) {
                merit++;
            }
            if (incl > snaplen) {
                merit++;
            }
            if (orig > HEURISTIC_MAX_ORIG_LEN) {
                merit++;
            }
            if (incl > orig) {
                merit++;
            }
            if (ss) {
                long ifindex = Bytes.u32(b, p + RH_SS_IFINDEX, bigEndian);
                int protocol = Bytes.u16(b, p + RH_SS_PROTOCOL, bigEndian);
                int pktType = Bytes.u8(b, p + RH_SS_PKT_TYPE);
                if (ifindex > HEURISTIC_MAX_IFINDEX) {
                    merit++;
                }
                // Ethertypes, ETH_P_LOOP/ECHO/PUP, 0 and the "non DIX" 1..0x17 are plausible.
                if (!(protocol >= 0x0600 || protocol == 0x0060 || protocol == 0x0200 || protocol == 0x0400
                        || protocol <= 0x0017)) {
                    merit++;
                }
                if (pktType > 4) {
                    merit++;
                }
            }
            if (!inclOk) {
                break;
            }
            long end = (long) at + hl + incl;
            if (end > HEURISTIC_LOOKAHEAD) {
                break;
            }
            if (!in.ensure((int) end)) {
                merit++; // the data runs past the end of the input
                break;
            }
            at = (int) end;
        }
        return merit;
    }

    @Override
    public String formatId() {
        return ID;
    }

    @Override
    public String fileType() {
        return fileType;
    }

    public Variant variant() {
        return variant;
    }

    public boolean bigEndian() {
        return bigEndian;
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
    public boolean next(PacketRecord r) throws IOException {
        if (state < 2) {
            if (state == 0) {
                r.reset(PacketRecord.Kind.SECTION).setSectionIndex(0).setPosition(recordIndex++, 0);
            } else {
                r.reset(PacketRecord.Kind.INTERFACE).setInterfaceId(0).setPosition(recordIndex++, 0);
            }
            state++;
            return true;
        }
        if (skipMode == 2) {
            return false;
        }
        while (true) {
            int hl = headerLength;
            if (in.available() < hl && !in.ensure(hl)) {
                int got = in.available();
                if (got == 0) {
                    return false;
                }
                throw new CaptureException.Truncated(ID, in.offset(), index(),
                        "record header cut short (" + got + " of " + hl + " bytes)");
            }
            byte[] b = in.buffer();
            int p = in.pos();
            boolean be = bigEndian;
            long incl = Bytes.u32(b, p + RH_INCL_LEN, be);
            long orig = Bytes.u32(b, p + RH_ORIG_LEN, be);
            if (lengthSwap != LengthSwap.NONE && (lengthSwap == LengthSwap.ALWAYS || incl > orig)) {
                long t = incl;
                incl = orig;
                orig = t;
            }
            if (incl > maxCaplen) {
                throw new CaptureException.Corrupt(ID, in.offset(), index(),
                        "File has " + incl + "-byte packet, bigger than maximum of " + maxCaplen);
            }
            if (incl < frontPad) {
                throw new CaptureException.Corrupt(ID, in.offset(), index(),
                        "AIX FDDI record of " + incl + " bytes is shorter than its " + frontPad + "-byte padding");
            }
            int total = hl + (int) incl;
            if (skipMode == 1) {
                if (earlier(Bytes.u32(b, p + RH_TS_SEC, be), Bytes.u32(b, p + RH_TS_FRAC, be))) {
                    long at = in.offset();
                    long got = in.skip(total);
                    if (got < total) {
                        throw new CaptureException.Truncated(ID, at, index(),
                                "packet data cut short (" + (got - hl) + " of " + incl + " bytes)");
                    }
                    packetsSkipped++;
                    recordIndex++;
                    continue;
                }
                skipMode = 0;
            }
            if (!in.ensure(total)) {
                throw new CaptureException.Truncated(ID, in.offset(), index(),
                        "packet data cut short (" + (in.available() - hl) + " of " + incl + " bytes)");
            }
            b = in.buffer();
            p = in.pos();
            long sec = Bytes.u32(b, p + RH_TS_SEC, be);
            long frac = Bytes.u32(b, p + RH_TS_FRAC, be);
            long offsetInFile = in.offset();
            r.reset(PacketRecord.Kind.PACKET);
            // A fraction >= 1 s (seen in the wild in µs files) carries into the seconds. Wireshark
            // keeps the nanoseconds in a signed 32-bit int (ts_usec * 1000 wraps), so fractions of
            // 2^31 ns or more give the odd times tshark shows; capmill gives the same instant.
            r.setTime(sec, nanoseconds ? (int) frac : (int) (frac * 1000));
            r.setData(b, p + hl + frontPad, (int) incl - frontPad);
            r.setOriginalLength(frontPad == 0 ? orig : Math.max(0, orig - frontPad));
            r.setPosition(index(), offsetInFile);
            recordIndex++;
            in.advance(total);
            return true;
        }
    }

    private long index() {
        return indexKnown ? recordIndex : -1;
    }

    /** Whether a record with these time fields is earlier than the skip target (the same instant next() gives). */
    private boolean earlier(long sec, long frac) {
        long ns = nanoseconds ? (int) frac : (int) (frac * 1000);
        long carry = Math.floorDiv(ns, 1_000_000_000L);
        long s = sec + carry;
        return s < skipS || (s == skipS && ns - carry * 1_000_000_000L < skipN);
    }

    /**
     * On a seekable file, jumps by binary search ({@link PcapSeek}) to a record shortly before the
     * time, then leaves out the earlier packets while reading headers only; on a stream, only the
     * latter.
     */
    @Override
    public void skipUntil(long seconds, int nanos) throws IOException {
        if (state < 2 || skipMode == 2) {
            return;
        }
        skipS = seconds;
        skipN = nanos;
        skipMode = 1;
        if (in.seekable() && seconds >= 0 && seconds < MAX_SECONDS + 1) {
            long start = in.offset();
            PcapSeek seek = new PcapSeek(in, bigEndian, headerLength, nanoseconds,
                    lengthSwap == LengthSwap.ALWAYS, lengthSwap == LengthSwap.IF_CAPLEN_BIGGER, snaplen, maxCaplen, seekLinear);
            long to = seek.find(dataStart, start, seconds * 1_000_000_000L + nanos);
            if (to > start) {
                in.seek(to);
                bytesJumped += to - start;
                indexKnown = false;
            }
        }
    }

    @Override
    public void skipRemainingPackets() {
        skipMode = 2;
    }

    /** Tests: the distance below which the binary search stops (so that small files exercise it). */
    void seekLinearBytes(long n) {
        seekLinear = n;
    }

    @Override
    public long packetsSkipped() {
        return packetsSkipped;
    }

    @Override
    public long bytesJumped() {
        return bytesJumped;
    }

    @Override
    public long bytesRead() {
        return in.bytesRead();
    }

    @Override
    public long position() {
        return in.offset();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
