package dev.capmill.format.pcap;

import static dev.capmill.format.pcap.PcapConstants.*;

import dev.capmill.format.CaptureException;
import dev.capmill.format.CaptureMetadata;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.ReadLimits;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Output;
import dev.capmill.model.Bytes;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.LinkType;
import dev.capmill.model.Options;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import java.io.IOException;
import java.util.Arrays;

/**
 * Writes little-endian pcap 2.4 (thiszone 0, sigfigs 0), microsecond or nanosecond magic as
 * {@link WriteOptions#pcapPrecision()} says. The file header is written when the first INTERFACE
 * record arrives. Everything pcap cannot hold is refused or, with {@link WriteOptions.LossPolicy#WARN},
 * dropped and counted in the diagnostics; see {@link dev.capmill.format.pcap} for the rules.
 */
public final class PcapWriter implements CaptureWriter {
    private static final byte IFACE_UNSEEN = 0;
    private static final byte IFACE_OK = 1;

    private final Output out;
    private final CaptureMetadata metadata;
    private final WriteOptions options;
    private final byte[] scratch = new byte[FILE_HEADER_LEN];

    private boolean headerWritten;
    private int linkType;
    private boolean nanos;
    private int maxCaplen;
    private byte[] ifaceState = new byte[4];
    private boolean[] sectionChecked = new boolean[1];
    private long packets;

    public PcapWriter(Output out, CaptureMetadata metadata, WriteOptions options) {
        this.out = out;
        this.metadata = metadata;
        this.options = options;
    }

    @Override
    public String formatId() {
        return PcapReader.ID;
    }

    /** Whether the file uses the nanosecond magic (known once the header is written). */
    public boolean nanosecond() {
        return nanos;
    }

    @Override
    public void write(PacketRecord r) throws IOException {
        switch (r.kind()) {
            case PACKET -> writePacket(r);
            case INTERFACE -> interfaceDeclared(r.interfaceId());
            case SECTION -> sectionStarted(r.sectionIndex());
            case BLOCK -> lose(blockName(r.blockType()) + " blocks", "record " + r.recordIndex());
        }
    }

    private void sectionStarted(int index) throws IOException {
        if (index >= sectionChecked.length) {
            sectionChecked = Arrays.copyOf(sectionChecked, Math.max(index + 1, sectionChecked.length * 2));
        }
        if (sectionChecked[index]) {
            return;
        }
        sectionChecked[index] = true;
        if (index < metadata.sections().size()) {
            SectionInfo s = metadata.sections().get(index);
            // Descriptive SHB options (hardware, OS, application) describe the old file's
            // writer and are dropped, as editcap does; comments are the user's data.
            if (s.options().contains(Options.COMMENT)) {
                lose("section comments", "section " + index);
            }
        }
    }

    private void interfaceDeclared(int id) throws IOException {
        InterfaceInfo info = interfaceInfo(id);
        if (!headerWritten) {
            writeHeader(info);
        }
        checkInterface(id, info);
    }

    private InterfaceInfo interfaceInfo(int id) {
        if (id < 0 || id >= metadata.interfaces().size()) {
            throw new IllegalStateException("record refers to interface " + id + " but the metadata has "
                    + metadata.interfaces().size());
        }
        return metadata.interfaces().get(id);
    }

    /** Checks an interface once: same link type as the file, and what it carries that pcap cannot. */
    private void checkInterface(int id, InterfaceInfo info) throws IOException {
        if (id >= ifaceState.length) {
            ifaceState = Arrays.copyOf(ifaceState, Math.max(id + 1, ifaceState.length * 2));
        }
        if (ifaceState[id] == IFACE_OK) {
            return;
        }
        if (info.linkType() != linkType) {
            throw new CaptureException.Unwritable(PcapReader.ID, "pcap holds one link type; input has "
                    + LinkType.describe(linkType) + " and " + LinkType.describe(info.linkType())
                    + " (interface " + id + (info.source().isEmpty() ? "" : " of " + info.source())
                    + "); use pcapng or split the input by link type");
        }
        if (info.options().contains(Options.COMMENT)) {
            lose("interface comments", "interface " + id);
        }
        if (!nanos && finerThanMicroseconds(info)) {
            options.diagnostics().warn("pcap: timestamps finer than microseconds truncated to microseconds"
                    + " (use nanosecond pcap to keep them)");
        }
        ifaceState[id] = IFACE_OK;
    }

    private void writeHeader(InterfaceInfo info) throws IOException {
        linkType = info.linkType();
        if (linkType < 0 || linkType > LT_LINKTYPE_MASK) {
            throw new CaptureException.Unwritable(PcapReader.ID, "link type " + linkType + " does not fit pcap's 16 bits");
        }
        maxCaplen = ReadLimits.DEFAULT.maxPacket(linkType);
        nanos = switch (options.pcapPrecision()) {
            case MICRO -> false;
            case NANO -> true;
            case AUTO -> finerThanMicroseconds(info);
        };
        int network = linkType;
        int fcs = info.fcsLength();
        if (fcs >= 0) {
            if (fcs % 2 == 0 && fcs / 2 <= 0xF) {
                network |= LT_FCS_PRESENT | ((fcs / 2) << LT_FCS_SHIFT);
            } else {
                options.diagnostics().warn("pcap: an FCS length of " + fcs + " bytes cannot be recorded in pcap; left out");
            }
        }
        long snap = info.snapLength();
        if (snap <= 0) {
            // Wireshark writes the link type's maximum when the snapshot length is unknown
            // (libpcap.c libpcap_dump_write_file_header); editcap writes 262144 for Ethernet.
            snap = maxCaplen;
        } else if (snap > MAX_SECONDS) {
            snap = MAX_SECONDS;
        }
        byte[] h = scratch;
        Bytes.putI32LE(h, FH_MAGIC, nanos ? MAGIC_NSEC : MAGIC_USEC);
        Bytes.putI16LE(h, FH_VERSION_MAJOR, VERSION_MAJOR);
        Bytes.putI16LE(h, FH_VERSION_MINOR, VERSION_MINOR);
        Bytes.putI32LE(h, FH_THISZONE, 0);
        Bytes.putI32LE(h, FH_SIGFIGS, 0);
        Bytes.putI32LE(h, FH_SNAPLEN, (int) snap);
        Bytes.putI32LE(h, FH_LINKTYPE, network);
        out.bytes(h, 0, FILE_HEADER_LEN);
        headerWritten = true;
    }

    /** Decimal resolution finer than 10^-6, or binary finer than 2^-20 (about 0.95 µs). */
    static boolean finerThanMicroseconds(InterfaceInfo info) {
        int res = info.tsResolution();
        if ((res & 0x80) == 0) {
            return res > 6;
        }
        return (res & 0x7F) > 20;
    }

    private void writePacket(PacketRecord r) throws IOException {
        packets++;
        if (!headerWritten) {
            throw new IllegalStateException("pcap writer: packet before any INTERFACE record");
        }
        int id = r.interfaceId();
        if (id < 0 || id >= ifaceState.length || ifaceState[id] != IFACE_OK) {
            checkInterface(id, interfaceInfo(id));
        }
        if (!r.options().isEmpty()) {
            lose(optionNames(r.options()), "packet " + packets);
        }
        long sec = 0;
        int frac = 0;
        if (r.hasTimestamp()) {
            sec = r.seconds();
            if (sec < 0 || sec > MAX_SECONDS) {
                throw new CaptureException.Unwritable(PcapReader.ID, "pcap cannot hold the time of packet " + packets
                        + " (" + sec + " s since 1970 is outside 0.." + MAX_SECONDS + ")");
            }
            // editcap truncates nanoseconds to microseconds (libpcap.c: nsecs / 1000).
            frac = nanos ? r.nanos() : r.nanos() / 1000;
        }
        int caplen = r.capturedLength();
        if (caplen > maxCaplen) {
            throw new CaptureException.Unwritable(PcapReader.ID, "packet " + packets + " has " + caplen
                    + " bytes, more than pcap readers accept for " + LinkType.describe(linkType) + " (" + maxCaplen + ")");
        }
        long orig = r.originalLength();
        if (orig < 0 || orig > 0xFFFF_FFFFL) {
            throw new CaptureException.Unwritable(PcapReader.ID, "pcap cannot hold the original length "
                    + orig + " of packet " + packets);
        }
        byte[] h = scratch;
        Bytes.putI32LE(h, RH_TS_SEC, (int) sec);
        Bytes.putI32LE(h, RH_TS_FRAC, frac);
        Bytes.putI32LE(h, RH_INCL_LEN, caplen);
        Bytes.putI32LE(h, RH_ORIG_LEN, (int) orig);
        out.bytes(h, 0, RECORD_HEADER_LEN);
        out.bytes(r.data(), r.offset(), caplen);
    }

    /** Refuses or drops (with a counted warning) something pcap cannot hold. */
    private void lose(String what, String where) throws IOException {
        if (options.lossPolicy() == WriteOptions.LossPolicy.FAIL) {
            throw new CaptureException.Unwritable(PcapReader.ID, "pcap cannot hold " + what + " (" + where
                    + "); use pcapng or --lossy");
        }
        options.diagnostics().warn("pcap: " + what + " dropped");
    }

    static String optionNames(Options o) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < o.size(); i++) {
            String n = optionName(o.code(i));
            if (sb.indexOf(n) < 0) {
                if (sb.length() > 0) {
                    sb.append(", ");
                }
                sb.append(n);
            }
        }
        return sb.toString();
    }

    /** Names of the pcapng EPB options (draft-tuexen-opsawg-pcapng, "Enhanced Packet Block"). */
    private static String optionName(int code) {
        return switch (code) {
            case Options.COMMENT -> "packet comments";
            case 2 -> "packet flags (epb_flags)";
            case 3 -> "packet hashes (epb_hash)";
            case 4 -> "drop counts (epb_dropcount)";
            case 5 -> "packet ids (epb_packetid)";
            case 6 -> "queue numbers (epb_queue)";
            case 7 -> "verdicts (epb_verdict)";
            case 2988, 2989, 19372, 19373 -> "custom packet options";
            default -> "packet option " + code;
        };
    }

    private static String blockName(int type) {
        return switch (type) {
            case 4 -> "name resolution";
            case 5 -> "interface statistics";
            case 0x0A -> "decryption secrets";
            case 0x0BAD, 0x40000BAD -> "custom";
            default -> "metadata (type " + Bytes.hex(type & 0xFFFFFFFFL) + ")";
        };
    }

    @Override
    public void finish() throws IOException {
        if (!headerWritten) {
            // editcap refuses too ("can't be written as a pcap file") when the input has no interface.
            throw new CaptureException.Unwritable(PcapReader.ID,
                    "pcap needs a link type, and the input declares no interface");
        }
        out.flush();
    }
}
