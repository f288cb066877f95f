package dev.capmill.pipeline;

import dev.capmill.format.CaptureMetadata;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.PacketRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What {@code capmill info} reports, gathered in one pass: the figures capinfos gives (packet
 * count, sizes, first and last time, rates, time order, per-interface counts) plus counts of
 * metadata blocks. Fixed memory: one counter per interface and per block type.
 */
public final class Statistics {
    private long packets;
    private long dataBytes;
    private long capturedBytes;
    private long packetsWithoutTime;
    private boolean anyTime;
    private long firstSec;
    private int firstNs;
    private long lastSec;
    private int lastNs;
    private long prevSec = Long.MIN_VALUE;
    private int prevNs;
    private boolean strictOrder = true;
    private int minCaptured = Integer.MAX_VALUE;
    private int maxCaptured;
    private final List<long[]> perInterface = new ArrayList<>();
    private final TreeMap<Integer, long[]> blocks = new TreeMap<>();
    private long comments;

    public void add(PacketRecord r) {
        switch (r.kind()) {
            case PACKET:
                addPacket(r);
                break;
            case BLOCK:
                blocks.computeIfAbsent(r.blockType(), k -> new long[1])[0]++;
                break;
            default:
                break;
        }
    }

    private void addPacket(PacketRecord r) {
        packets++;
        dataBytes += r.originalLength();
        capturedBytes += r.capturedLength();
        minCaptured = Math.min(minCaptured, r.capturedLength());
        maxCaptured = Math.max(maxCaptured, r.capturedLength());
        int id = r.interfaceId();
        while (perInterface.size() <= id) {
            perInterface.add(new long[1]);
        }
        perInterface.get(id)[0]++;
        for (int i = 0; i < r.options().size(); i++) {
            if (r.options().code(i) == 1) {
                comments++;
            }
        }
        if (!r.hasTimestamp()) {
            packetsWithoutTime++;
            return;
        }
        long s = r.seconds();
        int ns = r.nanos();
        if (!anyTime) {
            anyTime = true;
            firstSec = s;
            firstNs = ns;
            lastSec = s;
            lastNs = ns;
        } else {
            if (s < firstSec || (s == firstSec && ns < firstNs)) {
                firstSec = s;
                firstNs = ns;
            }
            if (s > lastSec || (s == lastSec && ns > lastNs)) {
                lastSec = s;
                lastNs = ns;
            }
        }
        if (prevSec != Long.MIN_VALUE && (s < prevSec || (s == prevSec && ns < prevNs))) {
            strictOrder = false;
        }
        prevSec = s;
        prevNs = ns;
    }

    public long packets() {
        return packets;
    }

    /** Sum of the packets' original (wire) lengths, as capinfos' "Data size". */
    public long dataBytes() {
        return dataBytes;
    }

    public long capturedBytes() {
        return capturedBytes;
    }

    public long packetsWithoutTime() {
        return packetsWithoutTime;
    }

    public boolean hasTimes() {
        return anyTime;
    }

    public long firstSeconds() {
        return firstSec;
    }

    public int firstNanos() {
        return firstNs;
    }

    public long lastSeconds() {
        return lastSec;
    }

    public int lastNanos() {
        return lastNs;
    }

    /** Elapsed time between the earliest and the latest packet, in nanoseconds (saturating). */
    public double durationSeconds() {
        return (lastSec - firstSec) + (lastNs - firstNs) / 1e9;
    }

    /** True when every packet's time is at or after the previous one's. */
    public boolean strictTimeOrder() {
        return strictOrder;
    }

    public int minCapturedLength() {
        return packets == 0 ? 0 : minCaptured;
    }

    public int maxCapturedLength() {
        return maxCaptured;
    }

    public long packetsOnInterface(int id) {
        return id < perInterface.size() ? perInterface.get(id)[0] : 0;
    }

    public long comments() {
        return comments;
    }

    /** Count of metadata blocks by block type. */
    public TreeMap<Integer, long[]> blocks() {
        return blocks;
    }

    /** The link types of the interfaces that carry packets, by packet count (capinfos' "in use" list). */
    public TreeMap<Integer, Long> linkTypesInUse(CaptureMetadata meta) {
        TreeMap<Integer, Long> m = new TreeMap<>();
        List<InterfaceInfo> ifs = meta.interfaces();
        for (int i = 0; i < ifs.size(); i++) {
            long n = packetsOnInterface(i);
            if (n > 0) {
                m.merge(ifs.get(i).linkType(), n, Long::sum);
            }
        }
        return m;
    }
}
