package dev.capmill.testing;

import java.nio.ByteBuffer;

/**
 * Frames built field by field for decoder and matching tests: Ethernet (optionally 802.1Q-tagged),
 * Linux cooked, IPv4 (header checksum computed), IPv6, TCP, UDP and ARP. Checksums of TCP/UDP are
 * left 0 unless set, which the code under test must not care about.
 */
public final class Frames {
    public static final byte[] MAC_A = {2, 0, 0, 0, 0, 0x0a};
    public static final byte[] MAC_B = {2, 0, 0, 0, 0, 0x0b};
    public static final byte[] MAC_C = {2, 0, 0, 0, 0, 0x0c};
    public static final byte[] IP_1 = {10, 1, 0, 1};
    public static final byte[] IP_2 = {(byte) 192, 0, 2, 80};

    private Frames() {
    }

    public static byte[] cat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) {
            b.put(p);
        }
        return b.array();
    }

    /** Ethernet II; {@code vlan} >= 0 adds one 802.1Q tag with that VLAN id. */
    public static byte[] eth(byte[] dst, byte[] src, int vlan, int etherType, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + (vlan >= 0 ? 4 : 0) + payload.length);
        b.put(dst).put(src);
        if (vlan >= 0) {
            b.putShort((short) 0x8100).putShort((short) vlan);
        }
        b.putShort((short) etherType).put(payload);
        return b.array();
    }

    /** Linux cooked capture v1 header (LINKTYPE_LINUX_SLL) before {@code payload}. */
    public static byte[] sll(int protocol, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(16 + payload.length);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 6).put(MAC_C).putShort((short) 0)
                .putShort((short) protocol).put(payload);
        return b.array();
    }

    /** IPv4 with a 20-byte header, the checksum computed; {@code tos} is the whole TOS byte. */
    public static byte[] ipv4(int ttl, int tos, int id, int flagsOffset, int proto, byte[] src, byte[] dst, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) tos).putShort((short) (20 + payload.length)).putShort((short) id)
                .putShort((short) flagsOffset).put((byte) ttl).put((byte) proto).putShort((short) 0).put(src).put(dst)
                .put(payload);
        byte[] a = b.array();
        int sum = 0;
        for (int i = 0; i < 20; i += 2) {
            sum += (a[i] & 0xff) << 8 | (a[i + 1] & 0xff);
        }
        while (sum > 0xffff) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        int c = ~sum & 0xffff;
        a[10] = (byte) (c >> 8);
        a[11] = (byte) c;
        return a;
    }

    public static byte[] ipv4(int ttl, int id, int proto, byte[] payload) {
        return ipv4(ttl, 0, id, 0x4000, proto, IP_1, IP_2, payload);
    }

    /** IPv6 fixed header; addresses 2001:db8::{@code srcLow} and 2001:db8::{@code dstLow}. */
    public static byte[] ipv6(int hopLimit, int flowLabel, int next, int srcLow, int dstLow, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(40 + payload.length);
        b.putInt(0x60000000 | flowLabel).putShort((short) payload.length).put((byte) next).put((byte) hopLimit);
        b.putInt(0x20010db8).putInt(0).putInt(0).putInt(srcLow);
        b.putInt(0x20010db8).putInt(0).putInt(0).putInt(dstLow);
        b.put(payload);
        return b.array();
    }

    /** TCP with {@code options} (a multiple of 4 bytes) and {@code data}. */
    public static byte[] tcp(int sport, int dport, long seq, long ack, int flags, byte[] options, int checksum, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(20 + options.length + data.length);
        b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack)
                .putShort((short) (((20 + options.length) / 4) << 12 | flags)).putShort((short) 64240)
                .putShort((short) checksum).putShort((short) 0).put(options).put(data);
        return b.array();
    }

    public static byte[] tcp(int sport, int dport, long seq, long ack, byte[] data) {
        return tcp(sport, dport, seq, ack, 0x18, new byte[0], 0, data);
    }

    public static byte[] udp(int sport, int dport, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length);
        b.putShort((short) sport).putShort((short) dport).putShort((short) (8 + data.length)).putShort((short) 0).put(data);
        return b.array();
    }

    /** Ethernet/IPv4 ARP body (28 bytes). */
    public static byte[] arp(int op, byte[] sha, byte[] spa, byte[] tha, byte[] tpa) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) op)
                .put(sha).put(spa).put(tha).put(tpa);
        return b.array();
    }

    /** {@code n} bytes that depend on {@code seed}. */
    public static byte[] bytes(int seed, int n) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = (byte) (seed * 131 + i * 7 + (seed >>> 8));
        }
        return d;
    }
}
