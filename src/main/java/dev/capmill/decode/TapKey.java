package dev.capmill.decode;

import dev.capmill.model.Bytes;

/**
 * What identifies one packet seen at several points of a network: a 128-bit digest of the fields
 * that stay the same from hop to hop, computed in place without allocating.
 *
 * <p>Included: the IP version, source and destination addresses, the IPv4 identification,
 * fragment offset and more-fragments bit, the IP total/payload length and protocol (IPv6 next
 * header); for TCP the ports, sequence and acknowledgement numbers, flags and a digest of the
 * segment data; for UDP the ports, length and a digest of the data; for anything else (ICMP,
 * fragments, IPv6 with extension headers) a digest of the whole IP payload. Left out, because a
 * router or a capture point changes them: the link-layer header (MAC addresses, 802.1Q tags, the
 * Linux cooked header), TTL and hop limit, the IPv4 header checksum, DSCP/ECN (IPv4 TOS, IPv6
 * traffic class), the IPv4 don't-fragment bit and options, the IPv6 flow label, TCP options (MSS
 * clamping rewrites them) and the TCP/UDP checksums (which cover those), and Ethernet padding or a
 * trailing FCS (bytes after the length the IP header declares). ARP (RFC 826) is keyed by its
 * whole body. Other frames have no key.
 *
 * <p>Packets cut short by a snapshot length are digested as captured, so two points with
 * different snapshot lengths do not match the packets one of them cut. Header layouts: RFC 791
 * (IPv4), RFC 8200 (IPv6), RFC 9293 (TCP), RFC 768 (UDP), RFC 826 (ARP); the Linux cooked headers
 * as tcpdump.org's LINKTYPE_LINUX_SLL and LINKTYPE_LINUX_SLL2 pages describe them (protocol type
 * at offset 14 of 16, and at offset 0 of 20).
 */
public final class TapKey {
    private static final long K1 = 0x9E3779B97F4A7C15L;
    private static final long K2 = 0xC2B2AE3D27D4EB4FL;
    private static final long K3 = 0x165667B19E3779F9L;
    private static final long K4 = 0x27D4EB2F165667C5L;

    private final Ethernet eth = new Ethernet();
    private long h1;
    private long h2;

    /**
     * Computes the key of the frame at {@code b[off .. off+len)} of link type {@code linkType};
     * false when it has none (not IP or ARP, an unsupported link type, too short).
     */
    public boolean compute(byte[] b, int off, int len, int linkType) {
        if (b == null || off < 0 || len <= 0 || off > b.length - len) {
            return false;
        }
        int end = off + len;
        int p;
        int etherType;
        switch (linkType) {
            case 1 -> { // Ethernet, tags skipped
                if (!eth.reset(b, off, len)) {
                    return false;
                }
                p = eth.payloadOffset();
                etherType = eth.etherType();
            }
            case 101, 12, 14, 228, 229 -> { // raw IP (LINKTYPE_RAW and its old DLT numbers), IPv4, IPv6
                p = off;
                etherType = versionType(b[off]);
            }
            case 0, 108 -> { // BSD loopback: a 4-byte address family, then the packet
                if (len < 5) {
                    return false;
                }
                p = off + 4;
                etherType = versionType(b[p]);
            }
            case 113 -> { // Linux cooked v1
                if (len < 16) {
                    return false;
                }
                p = off + 16;
                etherType = Bytes16.be(b, off + 14);
            }
            case 276 -> { // Linux cooked v2
                if (len < 20) {
                    return false;
                }
                p = off + 20;
                etherType = Bytes16.be(b, off);
            }
            default -> {
                return false;
            }
        }
        if (p > end) {
            return false;
        }
        h1 = K1;
        h2 = K3;
        return switch (etherType) {
            case 0x0800 -> ipv4(b, p, end);
            case 0x86DD -> ipv6(b, p, end);
            case 0x0806 -> arp(b, p, end);
            default -> false;
        };
    }

    private static int versionType(byte first) {
        return switch ((first & 0xf0) >> 4) {
            case 4 -> 0x0800;
            case 6 -> 0x86DD;
            default -> -1;
        };
    }

    /** The first half of the key; its bits are evenly spread, so a fixed subset of them samples packets consistently. */
    public long hi() {
        return h1;
    }

    /** The second half of the key. */
    public long lo() {
        return h2;
    }

    private boolean ipv4(byte[] b, int o, int end) {
        if (end - o < 20 || (b[o] & 0xf0) != 0x40) {
            return false;
        }
        int ihl = (b[o] & 0x0f) * 4;
        if (ihl < 20 || o + ihl > end) {
            return false;
        }
        int total = Bytes16.be(b, o + 2);
        int id = Bytes16.be(b, o + 4);
        int frag = Bytes16.be(b, o + 6) & 0x3fff; // more-fragments bit and offset; DF left out
        int proto = b[o + 9] & 0xff;
        // the IP payload ends where the header says, not at Ethernet padding or an FCS; a length
        // below the header (TSO captures write 0) means "as captured"
        int ipEnd = total >= ihl && o + total < end ? o + total : end;
        mix(4L << 56 | (long) proto << 48 | (long) total << 32 | (long) id << 16 | frag);
        mix(Bytes.u32BE(b, o + 12) << 32 | Bytes.u32BE(b, o + 16));
        transport(b, o + ihl, ipEnd, proto, frag != 0);
        return true;
    }

    private boolean ipv6(byte[] b, int o, int end) {
        if (end - o < 40 || (b[o] & 0xf0) != 0x60) {
            return false;
        }
        int plen = Bytes16.be(b, o + 4);
        int next = b[o + 6] & 0xff;
        int ipEnd = plen > 0 && o + 40 + plen < end ? o + 40 + plen : end;
        mix(6L << 56 | (long) next << 48 | plen);
        mix(Bytes.i64BE(b, o + 8));
        mix(Bytes.i64BE(b, o + 16));
        mix(Bytes.i64BE(b, o + 24));
        mix(Bytes.i64BE(b, o + 32));
        transport(b, o + 40, ipEnd, next, false);
        return true;
    }

    private void transport(byte[] b, int p, int end, int proto, boolean fragment) {
        if (!fragment && proto == 6 && end - p >= 20) {
            int hl = ((b[p + 12] & 0xf0) >> 4) * 4;
            if (hl >= 20 && p + hl <= end) {
                mix(1L << 60 | (long) Bytes16.be(b, p) << 32 | (long) Bytes16.be(b, p + 2) << 16
                        | (Bytes16.be(b, p + 12) & 0x1ff));
                mix(Bytes.u32BE(b, p + 4) << 32 | Bytes.u32BE(b, p + 8));
                payload(b, p + hl, end);
                return;
            }
        }
        if (!fragment && proto == 17 && end - p >= 8) {
            mix(2L << 60 | (long) Bytes16.be(b, p) << 32 | (long) Bytes16.be(b, p + 2) << 16 | Bytes16.be(b, p + 4));
            payload(b, p + 8, end);
            return;
        }
        payload(b, p, end);
    }

    private boolean arp(byte[] b, int o, int end) {
        if (end - o < 8) {
            return false;
        }
        int body = 8 + 2 * ((b[o + 4] & 0xff) + (b[o + 5] & 0xff));
        if (end - o < body) {
            return false;
        }
        mix(3L << 60 | 0x0806);
        payload(b, o, o + body);
        return true;
    }

    private void payload(byte[] b, int p, int end) {
        int n = end - p;
        mix(5L << 60 | n);
        while (end - p >= 8) {
            mix(Bytes.i64BE(b, p));
            p += 8;
        }
        long tail = 0;
        int shift = 0;
        while (p < end) {
            tail |= (long) (b[p++] & 0xff) << shift;
            shift += 8;
        }
        mix(tail);
        h1 = fmix(h1);
        h2 = fmix(h2 ^ h1);
    }

    private void mix(long v) {
        h1 = Long.rotateLeft(h1 ^ v * K2, 31) * K1;
        h2 = Long.rotateLeft(h2 ^ v * K4, 27) * K3 + h1;
    }

    /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
