package dev.capmill.pipeline;

import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/** Packets made by functions of their index, on interfaces of given link types: a source without a file. */
class FrameSource implements RecordSource {
    private final int count;
    private final IntFunction<byte[]> frame;
    private final IntToLongFunction timeNs;
    private final IntUnaryOperator iface;
    private final List<InterfaceInfo> interfaces = new ArrayList<>();
    private int next;
    boolean closed;

    FrameSource(int count, IntFunction<byte[]> frame, IntToLongFunction timeNs, IntUnaryOperator iface, int... linkTypes) {
        this.count = count;
        this.frame = frame;
        this.timeNs = timeNs;
        this.iface = iface;
        for (int lt : linkTypes) {
            interfaces.add(new InterfaceInfo().setLinkType(lt));
        }
    }

    /** One Ethernet interface. */
    FrameSource(int count, IntFunction<byte[]> frame, IntToLongFunction timeNs) {
        this(count, frame, timeNs, i -> 0, 1);
    }

    @Override
    public boolean next(PacketRecord into) {
        if (next >= count) {
            return false;
        }
        int i = next++;
        byte[] d = frame.apply(i);
        long t = timeNs.applyAsLong(i);
        into.reset(PacketRecord.Kind.PACKET).setInterfaceId(iface.applyAsInt(i)).setData(d, 0, d.length)
                .setOriginalLength(d.length).setTime(Math.floorDiv(t, 1_000_000_000L), Math.floorMod(t, 1_000_000_000L));
        return true;
    }

    @Override
    public long position() {
        return next;
    }

    @Override
    public List<SectionInfo> sections() {
        return List.of();
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return interfaces;
    }

    @Override
    public void close() {
        closed = true;
    }
}
