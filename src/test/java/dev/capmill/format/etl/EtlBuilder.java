package dev.capmill.format.etl;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds ETL files for tests from the layouts in the format notes: a header buffer with the
 * header event (64- or 32-bit), then buffers of EVENT_HEADER records per CPU, uncompressed
 * (fixed size, 0xFF fill) or XPRESS-compressed with {@link #compress}.
 */
final class EtlBuilder {
    static final long QPC_FREQ = 10_000_000L;
    static final long START_FILETIME = 133_625_243_150_000_000L; // 2024-06-10T20:18:35Z
    static final long REF_CLOCK = 5_000_000_000L;

    boolean bits64 = true;
    boolean compressed;
    int bufferSize = 4096;
    long perfFreq = QPC_FREQ;
    int clockType = 1;
    int processors = 2;
    /**
     * A circular-mode file (LogFileMode 0x2) that wrapped: the newest {@code wrapped} data buffers
     * were written over the first slots, so the file holds them first and the oldest after them.
     * Data buffers carry their logical sequence numbers (1, 2, ...) either way.
     */
    boolean circular;
    int wrapped;
    final List<byte[]> buffers = new ArrayList<>();
    private final List<byte[]> pending = new ArrayList<>();
    private int pendingCpu;
    private int pendingFlags;

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Starts collecting records of a buffer of {@code cpu}. */
    EtlBuilder buffer(int cpu) {
        return buffer(cpu, 0);
    }

    /** Starts a buffer of {@code cpu} with extra BufferFlag bits (0x2 events lost, 0x4 buffer lost). */
    EtlBuilder buffer(int cpu, int flags) {
        flush();
        pendingCpu = cpu;
        pendingFlags = flags;
        return this;
    }

    EtlBuilder record(byte[] rec) {
        pending.add(rec);
        return this;
    }

    /** An EVENT_HEADER record of provider (lo, hi) with user data. */
    static byte[] event(long guidLo, long guidHi, int id, long keyword, long rawTime, int pid, int tid, byte[] user) {
        return event(true, guidLo, guidHi, id, keyword, rawTime, pid, tid, user);
    }

    /** An EVENT_HEADER64 (0xC013) or EVENT_HEADER32 (0xC012, 4-byte pointers in the user data) record. */
    static byte[] event(boolean ptr64, long guidLo, long guidHi, int id, long keyword, long rawTime, int pid, int tid,
            byte[] user) {
        ByteBuffer b = le(0x50 + user.length);
        b.putShort((short) (0x50 + user.length)).put((byte) (ptr64 ? 0x13 : 0x12)).put((byte) 0xC0).putShort((short) 0)
                .putShort((short) 0);
        b.putInt(tid).putInt(pid).putLong(rawTime).putLong(guidLo).putLong(guidHi);
        b.putShort((short) id).put((byte) 0).put((byte) 0).put((byte) 4).put((byte) 0).putShort((short) 0);
        b.putLong(keyword).putLong(0).putLong(0).putLong(0);
        b.put(user);
        return b.array();
    }

    static byte[] ndis(int miniport, int lower, long keyword, long rawTime, byte[] fragment) {
        ByteBuffer u = le(12 + fragment.length + 16);
        u.putInt(miniport).putInt(lower).putInt(fragment.length).put(fragment);
        return event(EtlConstants.NDIS_GUID_LO, EtlConstants.NDIS_GUID_HI, 1001, keyword, rawTime, 4, 8, u.array());
    }

    static byte[] utf16z(String s) {
        return (s + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    }

    /**
     * NDIS 1003 VMSwitchPacketFragment: u32 MiniportIfIndex, u32 LowerIfIndex, u32 SourcePortId, three
     * wstr (port name, NIC name, NIC type), u32 DestinationCount, 8 B × count, u32 FragmentSize,
     * fragment, u32 OOBDataSize, OOB data = NBL info values of the pointer size (VLAN at index 4, hash at 8).
     */
    static byte[] vmswitch(boolean ptr64, int miniport, int lower, int port, String portName, String nicName, String nicType,
            int destinations, long keyword, long rawTime, int vlan, int priority, long hash, byte[] fragment) {
        int ptr = ptr64 ? 8 : 4;
        byte[] pn = utf16z(portName);
        byte[] nn = utf16z(nicName);
        byte[] nt = utf16z(nicType);
        int oob = 10 * ptr;
        ByteBuffer u = le(12 + pn.length + nn.length + nt.length + 4 + 8 * destinations + 4 + fragment.length + 4 + oob);
        u.putInt(miniport).putInt(lower).putInt(port).put(pn).put(nn).put(nt).putInt(destinations);
        for (int i = 0; i < destinations; i++) {
            u.putLong(0x1000L + i);
        }
        u.putInt(fragment.length).put(fragment).putInt(oob);
        int base = u.position();
        // NDIS_NET_BUFFER_LIST_8021Q_INFO: UserPriority:3, CanonicalFormatId:1, VlanId:12
        u.putInt(base + 4 * ptr, priority | vlan << 4);
        u.putInt(base + 8 * ptr, (int) hash);
        return event(ptr64, EtlConstants.NDIS_GUID_LO, EtlConstants.NDIS_GUID_HI, 1003, keyword, rawTime, 4, 8, u.array());
    }

    /** NDIS 1002 PacketMetadata with a DOT11_EXTSTA_RECV_CONTEXT of {@code size} bytes (48 is the real one). */
    static byte[] wlanMetadata(int miniport, int lower, int size, long rawTime, int flags, int phy, int freq, int mpdus, int rssi,
            int rate) {
        ByteBuffer m = le(Math.max(size, 48));
        m.put((byte) 0x80).put((byte) 1).putShort((short) 48).putInt(flags).putInt(phy).putInt(freq).putShort((short) mpdus)
                .putShort((short) 0).putInt(rssi).put((byte) rate);
        ByteBuffer u = le(12 + size);
        u.putInt(miniport).putInt(lower).putInt(size).put(m.array(), 0, size);
        return event(EtlConstants.NDIS_GUID_LO, EtlConstants.NDIS_GUID_HI, 1002, 0x10000L | 0x200000000L, rawTime, 4, 8,
                u.array());
    }

    /** RAS NdisWan 5001 (send) or 5002 (receive): wstr RoutingDomainID, wstr RRASUserName, u32 FragmentSize, fragment. */
    static byte[] ras(int id, String domain, String user, long rawTime, byte[] fragment) {
        byte[] d = utf16z(domain);
        byte[] n = utf16z(user);
        ByteBuffer u = le(d.length + n.length + 4 + fragment.length);
        u.put(d).put(n).putInt(fragment.length).put(fragment);
        return event(EtlConstants.RAS_GUID_LO, EtlConstants.RAS_GUID_HI, id, id == 5001 ? 0x100000000L : 0x200000000L, rawTime,
                9, 10, u.array());
    }

    /** PktMon 65 (IPv4) / 66 (IPv6): u16 ComponentId, u16 Type 13, address bytes. */
    static byte[] pktmonAddress(int id, int component, byte[] address) {
        ByteBuffer u = le(4 + address.length);
        u.putShort((short) component).putShort((short) 13).put(address);
        return event(EtlConstants.PKTMON_GUID_LO, EtlConstants.PKTMON_GUID_HI, id, 0x2, REF_CLOCK, 0, 0, u.array());
    }

    /** PktMon 70: u16 ComponentId, u16 Type (6 = PhysAddress), u32 Size, value. */
    static byte[] pktmonProperty(int component, int type, byte[] value) {
        ByteBuffer u = le(8 + value.length);
        u.putShort((short) component).putShort((short) type).putInt(value.length).put(value);
        return event(EtlConstants.PKTMON_GUID_LO, EtlConstants.PKTMON_GUID_HI, 70, 0x2, REF_CLOCK, 0, 0, u.array());
    }

    static byte[] pktmon(int id, long group, int dir, int type, int component, int origSize, long rawTime, byte[] payload) {
        ByteBuffer u = le(34 + payload.length);
        u.putLong(group).putShort((short) 1).putShort((short) 1).putShort((short) dir).putShort((short) type)
                .putShort((short) component).putShort((short) 1).putShort((short) 0).putInt(id == 170 ? 1204 : 0)
                .putInt(id == 170 ? 0x1234 : 0).putShort((short) origSize).putShort((short) payload.length).put(payload);
        return event(EtlConstants.PKTMON_GUID_LO, EtlConstants.PKTMON_GUID_HI, id, 0x10, rawTime, 0, 0, u.array());
    }

    static byte[] pktmonComponent(int id, String name, String desc) {
        byte[] n = (name + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        byte[] d = (desc + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        ByteBuffer u = le(4 + n.length + d.length);
        u.putShort((short) id).putShort((short) 1).put(n).put(d);
        return event(EtlConstants.PKTMON_GUID_LO, EtlConstants.PKTMON_GUID_HI, 20, 0x2, REF_CLOCK, 0, 0, u.array());
    }

    /** A SYSTEM_TRACE_HEADER record (kernel event) with {@code n} bytes of data, to be skipped. */
    static byte[] system(int n) {
        ByteBuffer b = le(0x20 + n);
        b.putShort((short) 2).put((byte) 2).put((byte) 0xC0).putShort((short) (0x20 + n)).putShort((short) 0x0A01);
        return b.array();
    }

    /** A PERFINFO_TRACE_HEADER record with {@code n} bytes of data. */
    static byte[] perfinfo(int n) {
        ByteBuffer b = le(0x10 + n);
        b.putShort((short) 2).put((byte) 0x11).put((byte) 0xC0).putShort((short) (0x10 + n)).putShort((short) 0x0524);
        return b.array();
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (byte[] r : pending) {
            payload.writeBytes(r);
            payload.writeBytes(new byte[(8 - r.length % 8) % 8]);
        }
        pending.clear();
        buffers.add(dataBuffer(pendingCpu, payload.toByteArray(), pendingFlags));
    }

    private byte[] dataBuffer(int cpu, byte[] payload, int extraFlags) {
        int filled = 0x48 + payload.length;
        byte[] body;
        int flags = extraFlags;
        int total;
        if (compressed) {
            body = compress(payload);
            flags |= EtlConstants.BUFFER_FLAG_COMPRESSED;
            total = 0x48 + body.length;
        } else {
            if (filled > bufferSize) {
                throw new IllegalStateException("records do not fit the buffer");
            }
            body = payload;
            total = bufferSize;
        }
        ByteBuffer b = le(total);
        bufferHeader(b, total, filled, cpu, flags, 0, 0);
        b.put(body);
        while (b.hasRemaining()) {
            b.put((byte) 0xFF);
        }
        return b.array();
    }

    private static void bufferHeader(ByteBuffer b, int size, int filled, int cpu, int flags, int type, int state) {
        b.putInt(size).putInt(filled).putInt(filled).putInt(0).putLong(0).putLong(0).putLong(0);
        b.putShort((short) cpu).putShort((short) 1).putInt(state).putInt(filled).putShort((short) flags).putShort((short) type);
        b.put(new byte[16]);
    }

    byte[] build() {
        flush();
        int lh = bits64 ? 0x118 : 0x110;
        int shift = bits64 ? 0 : 8;
        byte[] strings = "Relogger\0t.etl\0".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
        int recLen = 0x20 + lh + strings.length;
        ByteBuffer ev = le(recLen);
        ev.putShort((short) 2).put((byte) (bits64 ? 2 : 1)).put((byte) 0xC0).putShort((short) recLen).putShort((short) 0);
        ev.putInt(0).putInt(0).putLong(REF_CLOCK).putLong(0);
        int l = 0x20;
        ev.putInt(l, bufferSize);
        ev.put(l + 4, (byte) 10).put(l + 5, (byte) 0).put(l + 6, (byte) (compressed ? 2 : 1)).put(l + 7, (byte) (compressed ? 0 : 5));
        ev.putInt(l + 8, 20348).putInt(l + 0x0C, processors);
        ev.putInt(l + 0x20, 0x10000 | (circular ? EtlConstants.MODE_CIRCULAR : 1)
                | (compressed ? EtlConstants.MODE_COMPRESSED : 0));
        ev.putInt(l + 0x24, buffers.size() + 1).putInt(l + 0x2C, bits64 ? 8 : 4).putInt(l + 0x34, 3000);
        ev.putLong(l + 0x100 - shift, perfFreq).putLong(l + 0x108 - shift, START_FILETIME).putInt(l + 0x110 - shift, clockType);
        ev.position(0x20 + lh);
        ev.put(strings);
        int headerSize = 1024;
        ByteBuffer h = le(headerSize);
        int filled = 0x48 + ((recLen + 7) & ~7);
        bufferHeader(h, headerSize, filled, 0, 1, EtlConstants.BUFFER_TYPE_HEADER, compressed ? EtlConstants.COMPRESSION_XPRESS : 0);
        h.put(ev.array());
        h.position(filled);
        while (h.hasRemaining()) {
            h.put((byte) 0xFF);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(h.array());
        int n = buffers.size();
        for (int i = 0; i < n; i++) {
            ByteBuffer.wrap(buffers.get(i)).order(ByteOrder.LITTLE_ENDIAN).putLong(0x18, i + 1);
        }
        for (int i = 0; i < n; i++) {
            out.writeBytes(buffers.get((i + n - wrapped) % n));
        }
        return out.toByteArray();
    }

    /**
     * A plain LZ77 (MS-XCA) compressor for tests: greedy matches of 3+ bytes found by a naive
     * backwards search within 8 KiB, all length encodings (3 bits, shared nibble, byte, u16, u32).
     */
    static byte[] compress(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] o = new byte[in.length * 2 + 64];
        int op = 0;
        int flagPos = -1;
        int flagCount = 0;
        long flags = 0;
        int half = -1;
        int ip = 0;
        while (ip < in.length) {
            if (flagCount == 0) {
                if (flagPos >= 0) {
                    putU32(o, flagPos, flags);
                }
                flagPos = op;
                op += 4;
                flagCount = 32;
                flags = 0;
            }
            int bestLen = 0;
            int bestDist = 0;
            for (int d = 1; d <= Math.min(ip, 8192); d++) {
                int n = 0;
                while (ip + n < in.length && in[ip + n] == in[ip - d + n] && n < 70_000) {
                    n++;
                }
                if (n > bestLen) {
                    bestLen = n;
                    bestDist = d;
                }
                if (bestLen >= 256) {
                    break;
                }
            }
            flagCount--;
            if (bestLen < 3) {
                o[op++] = in[ip++];
                continue;
            }
            flags |= 1L << flagCount;
            int len = bestLen - 3;
            int low = Math.min(len, 7);
            int m = (bestDist - 1) << 3 | low;
            o[op++] = (byte) m;
            o[op++] = (byte) (m >>> 8);
            if (len >= 7) {
                int rest = len - 7;
                int nib = Math.min(rest, 15);
                if (half < 0) {
                    half = op;
                    o[op++] = (byte) nib;
                } else {
                    o[half] |= (byte) (nib << 4);
                    half = -1;
                }
                if (rest >= 15) {
                    int r2 = rest - 15;
                    if (r2 < 255) {
                        o[op++] = (byte) r2;
                    } else {
                        o[op++] = (byte) 255;
                        int full = bestLen - 3;
                        if (full <= 0xFFFF) {
                            o[op++] = (byte) full;
                            o[op++] = (byte) (full >>> 8);
                        } else {
                            o[op++] = 0;
                            o[op++] = 0;
                            putU32(o, op, full);
                            op += 4;
                        }
                    }
                }
            }
            ip += bestLen;
        }
        if (flagPos >= 0) {
            putU32(o, flagPos, flags);
        }
        out.write(o, 0, op);
        return out.toByteArray();
    }

    private static void putU32(byte[] b, int at, long v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
        b[at + 2] = (byte) (v >>> 16);
        b[at + 3] = (byte) (v >>> 24);
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + seed + (i / 13));
        }
        return Arrays.copyOf(b, n);
    }
}
