package dev.capmill.text;

import dev.capmill.model.Bytes;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.TextBuffer;

/**
 * Records that tshark 4.0 numbers and shows as frames although they are not packets, so that a
 * text output's frame numbers are Wireshark's:
 * <ul>
 * <li>pcapng custom blocks (0x00000BAD, and 0x40000BAD "not to be copied"): wiretap's pcapng
 *     reader returns each as a record of its own. tshark's line: no time, no addresses, Protocol
 *     "PCAPNG", Length the bytes after the Private Enterprise Number (padding included), Info
 *     "Custom Block: PEN = NAME (N), will [not ]be copied". Observed with tshark 4.0.17 on
 *     gopacket's pcapng test files and on blocks made for testdata/pcap/custom-blocks.</li>
 * <li>NetMon's frames that have no LINKTYPE (events, filters, network information, 802.11 with
 *     NetMon's radio header): capmill's NetMon reader returns them as custom blocks of PEN 311
 *     (formats/netmon.md) <em>with</em> the frame's time, which is how they are told from pcapng's
 *     own custom blocks (those never have a time). tshark's packet-netmon.c names them "NetMon
 *     Event" (Info: thread and process ids and the provider GUID), "NetMon Filter" ("Filter: "
 *     and the filter), "NetMon Network Info" ("Adapter count: N").</li>
 * </ul>
 * The enterprise names are those of IANA's registry that capture files use; tshark knows the
 * whole registry, so another PEN shows as "Unknown" here and by name in tshark.
 */
final class BlockFrames {
    static final int CUSTOM = 0x00000BAD;
    static final int CUSTOM_NO_COPY = 0x40000BAD;
    /** The Private Enterprise Number of Microsoft, which capmill's NetMon reader puts in its blocks. */
    private static final int PEN_MICROSOFT = 311;
    /** Bytes capmill's NetMon reader puts before the frame: PEN, media, 0, original length (formats/netmon.md). */
    private static final int NETMON_PREFIX = 12;
    private static final int NETMON_EVENT = 0xFFE0;
    private static final int NETMON_NETWORK_INFO_EX = 0xFFFB;
    private static final int NETMON_FILTER = 0xFFFF;

    private BlockFrames() {
    }

    /** Whether tshark shows record {@code r} as a frame: a packet, or a custom block. */
    static boolean isFrame(PacketRecord r) {
        if (r.isPacket()) {
            return true;
        }
        return r.kind() == PacketRecord.Kind.BLOCK && (r.blockType() == CUSTOM || r.blockType() == CUSTOM_NO_COPY)
                && r.capturedLength() >= 4;
    }

    private static boolean fromNetmon(PacketRecord r) {
        return r.hasTimestamp() && r.capturedLength() >= NETMON_PREFIX
                && Bytes.i32LE(r.data(), r.offset()) == PEN_MICROSOFT;
    }

    /** The frame's length as tshark gives it (frame.len and frame.cap_len alike). */
    static long length(PacketRecord r) {
        return fromNetmon(r) ? r.capturedLength() - NETMON_PREFIX : r.capturedLength() - 4;
    }

    /** The length on the wire of a NetMon frame (tshark's frame.len), else {@link #length}. */
    static long originalLength(PacketRecord r) {
        return fromNetmon(r) ? r.originalLength() : length(r);
    }

    /** Writes the Protocol and Info columns of custom block {@code r} (the other columns stay empty). */
    static void summarize(PacketRecord r, TextBuffer protocol, TextBuffer info) {
        byte[] b = r.data();
        int at = r.offset();
        int end = at + r.capturedLength();
        long pen = Bytes.i32LE(b, at) & 0xFFFFFFFFL;
        if (fromNetmon(r)) {
            netmon(r, b, at + NETMON_PREFIX, end, protocol, info);
            return;
        }
        protocol.append("PCAPNG");
        info.append("Custom Block: PEN = ").append(enterprise(pen)).append(" (").append(pen).append("), will ")
                .append(r.blockType() == CUSTOM ? "be copied" : "not be copied");
    }

    /** Names of IANA's Private Enterprise Numbers (https://www.iana.org/assignments/enterprise-numbers). */
    private static String enterprise(long pen) {
        if (pen == 0) {
            return "Reserved";
        }
        if (pen == PEN_MICROSOFT) {
            return "Microsoft";
        }
        if (pen == 32473) {
            return "Example Enterprise Number for Documentation Use"; // RFC 5612
        }
        return "Unknown";
    }

    private static void netmon(PacketRecord r, byte[] b, int p, int end, TextBuffer protocol, TextBuffer info) {
        int media = Bytes.u16LE(b, r.offset() + 4);
        switch (media) {
            case NETMON_EVENT -> {
                // the ETW event header: size, type, flags, property (2 each), thread id, process
                // id (4 each, little-endian), time (8), provider GUID (16); tshark prints the ids
                // with %d
                protocol.append("NetMon Event");
                if (end - p >= 40) {
                    info.append("Thread ID: ").append(Bytes.i32LE(b, p + 8)).append(", Process ID: ")
                            .append(Bytes.i32LE(b, p + 12)).append(", Provider ID: ");
                    guid(b, p + 24, info);
                }
            }
            case NETMON_FILTER -> {
                // version (2), type, application major and minor version (4 each), then the
                // application's name and the filter, NUL-terminated UTF-16LE strings
                protocol.append("NetMon Filter");
                int q = utf16End(b, Math.min(end, p + 14), end);
                info.append("Filter: ");
                appendUtf16(b, Math.min(end, q + 2), end, info);
            }
            case NETMON_NETWORK_INFO_EX -> {
                protocol.append("NetMon Network Info");
                if (end - p >= 4) {
                    info.append("Adapter count: ").append(Bytes.u16BE(b, p + 2));
                }
            }
            default -> {
                protocol.append("NetMon");
                info.append("media 0x").appendHex(media, 4).append(" frame (not decoded)");
            }
        }
    }

    /** Where the NUL-terminated UTF-16LE string at {@code p} ends (the NUL's offset, or {@code end}). */
    private static int utf16End(byte[] b, int p, int end) {
        int q = p;
        while (q + 1 < end && (b[q] != 0 || b[q + 1] != 0)) {
            q += 2;
        }
        return Math.min(q, end);
    }

    private static void appendUtf16(byte[] b, int p, int end, TextBuffer out) {
        int stop = utf16End(b, p, end);
        for (int q = p; q < stop && q + 1 < end; q += 2) {
            out.append((char) ((b[q] & 0xFF) | (b[q + 1] & 0xFF) << 8));
        }
    }

    /** A GUID as Wireshark writes it: the first three fields little-endian, in hex. */
    private static void guid(byte[] b, int p, TextBuffer out) {
        out.appendHex(Bytes.i32LE(b, p) & 0xFFFFFFFFL, 8).append('-').appendHex(Bytes.u16LE(b, p + 4), 4).append('-')
                .appendHex(Bytes.u16LE(b, p + 6), 4).append('-');
        for (int i = 8; i < 16; i++) {
            if (i == 10) {
                out.append('-');
            }
            out.appendHex(b[p + i] & 0xFF, 2);
        }
    }
}
