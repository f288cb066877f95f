package dev.capmill.text;

import dev.capmill.format.CaptureMetadata;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.PacketRecord;
import java.util.Arrays;
import java.util.List;

/**
 * Frame numbers and times of the packets a text output writes: frames are numbered from 1 in the
 * order written, relative times count from the first packet written and deltas from the one
 * before. Also caches each interface's link type, precision and whether the file records
 * interface ids (they never change once declared). Allocates nothing per packet.
 */
public final class Clock {
    private final CaptureMetadata metadata;
    private int known;
    private int[] linkTypes = new int[4];
    private int[] precision = new int[4];
    private boolean[] idRecorded = new boolean[4];

    /** Number of the current frame, from 1. */
    public long frame;
    public long seconds;
    public int nanos;
    public long firstSeconds;
    public int firstNanos;
    /** Time of the packet written before the current one (the current one's for the first). */
    public long previousSeconds;
    public int previousNanos;
    /** Link type, fraction digits and interface of the current packet. */
    public int linkType;
    public int digits;
    public int interfaceId;
    /** Whether the current packet's file names its interface (pcapng), so that frame.interface_id shows. */
    public boolean interfaceIdRecorded;
    /** Whether the packet has a timestamp (a pcapng simple packet block has none: tshark shows no time). */
    public boolean hasTime;
    /**
     * The packet's interface numbered within its pcapng section, as tshark's frame.interface_id
     * counts (each section's first interface is 0).
     */
    public int interfaceIdInSection;
    private int[] inSection = new int[4];
    private int sectionStart;

    public Clock(CaptureMetadata metadata) {
        this.metadata = metadata;
    }

    /**
     * Advances to frame {@code r}: a packet, or a block that tshark shows as a frame
     * ({@link BlockFrames}). A block without a timestamp (a pcapng custom block) takes the time of
     * the frame before it, or 0 when it is the first: tshark 4.0 reuses its record's last time for
     * such a record, so relative times count from 0 after a leading custom block and the next
     * packet's delta is from the packet before the block (observed with tshark 4.0.17 on
     * gopacket's test102.pcapng). A simple packet block's time is 0, as tshark's reader sets it.
     */
    public void next(PacketRecord r) {
        frame++;
        boolean block = !r.isPacket();
        long s = block && !r.hasTimestamp() ? seconds : r.seconds();
        int n = block && !r.hasTimestamp() ? nanos : r.nanos();
        if (frame == 1) {
            firstSeconds = s;
            firstNanos = n;
            previousSeconds = s;
            previousNanos = n;
        } else {
            previousSeconds = seconds;
            previousNanos = nanos;
        }
        seconds = s;
        nanos = n;
        hasTime = r.hasTimestamp();
        if (block) {
            // a block belongs to no interface: no frame.interface_id; the time shows with the
            // first interface's precision (NetMon frames, the only blocks with a time, share it)
            if (known == 0) {
                learnInterfaces();
            }
            interfaceId = -1;
            linkType = -1;
            digits = known > 0 ? precision[0] : 6;
            interfaceIdRecorded = false;
            interfaceIdInSection = -1;
            return;
        }
        int id = r.interfaceId();
        if (id >= known) {
            learnInterfaces();
        }
        interfaceId = id;
        boolean declared = id >= 0 && id < known;
        linkType = declared ? linkTypes[id] : 1;
        digits = declared ? precision[id] : 6;
        interfaceIdRecorded = declared && idRecorded[id];
        interfaceIdInSection = declared ? inSection[id] : id;
    }

    private void learnInterfaces() {
        List<InterfaceInfo> all = metadata.interfaces();
        if (all.size() > linkTypes.length) {
            int n = Math.max(all.size(), 2 * linkTypes.length);
            linkTypes = Arrays.copyOf(linkTypes, n);
            precision = Arrays.copyOf(precision, n);
            idRecorded = Arrays.copyOf(idRecorded, n);
            inSection = Arrays.copyOf(inSection, n);
        }
        for (int i = known; i < all.size(); i++) {
            InterfaceInfo info = all.get(i);
            // a section's interfaces follow one another in the global numbering
            if (i == 0 || info.sectionIndex() != all.get(i - 1).sectionIndex()) {
                sectionStart = i;
            }
            inSection[i] = i - sectionStart;
            linkTypes[i] = info.linkType();
            precision[i] = info.shownDigits() >= 0 ? info.shownDigits() : digits(info.tsResolution());
            idRecorded[i] = info.idRecorded();
        }
        known = all.size();
    }

    /**
     * Fraction digits tshark shows for an interface's if_tsresol: the precision (seconds, 1/10,
     * 1/100, ms, µs, ns) that holds at least as many units per second.
     */
    public static int digits(int tsresol) {
        double unitsPerSecond = (tsresol & 0x80) != 0 ? Math.pow(2, tsresol & 0x7f) : Math.pow(10, tsresol & 0x7f);
        if (unitsPerSecond >= 1e9) {
            return 9;
        }
        if (unitsPerSecond >= 1e6) {
            return 6;
        }
        if (unitsPerSecond >= 1e3) {
            return 3;
        }
        if (unitsPerSecond >= 100) {
            return 2;
        }
        return unitsPerSecond >= 10 ? 1 : 0;
    }
}
