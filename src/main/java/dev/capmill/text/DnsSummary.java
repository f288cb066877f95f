package dev.capmill.text;

import dev.capmill.decode.Addresses;
import dev.capmill.decode.Dns;
import dev.capmill.model.TextBuffer;

/**
 * The Info column of a DNS, mDNS or LLMNR message as tshark 4.0 writes it (facts from
 * epan/dissectors/packet-dns.c, dissect_dns_common/dissect_dns_query/dissect_dns_answer, and
 * from tshark's output): "&lt;opcode&gt;[ response] 0x&lt;id&gt;[ &lt;rcode&gt;]", then every
 * question as " TYPE name" (mDNS adds ", \"QM\" question" or "QU"), then every record of all
 * three sections as " TYPE" (mDNS adds ", cache flush") followed by what tshark shows of its data.
 * A read past the data stops the walk where tshark's exception would, and the caller appends
 * "[Malformed Packet]" or "[Packet size limited during capture]".
 */
final class DnsSummary {
    private final TextBuffer owner = new TextBuffer(256);

    /** Appends the Info text; returns {@link Dns#OK} or the error that stopped it. */
    int append(Dns dns, TextBuffer info, boolean mdns) {
        int id = dns.u16(0);
        int flags = dns.u16(2);
        if (dns.failed()) {
            return dns.error();
        }
        int opcode = (flags >> 11) & 15;
        String op = DnsNames.opcode(opcode);
        if (op == null) {
            info.append("Unknown operation (").append(opcode).append(')');
        } else {
            info.append(op);
        }
        boolean response = (flags & 0x8000) != 0;
        info.append(response ? " response 0x" : " 0x");
        hex4(info, id);
        int rcode = flags & 15;
        if (response && rcode != 0) {
            String rc = DnsNames.rcode(rcode);
            info.append(' ');
            if (rc == null) {
                info.append("Unknown error (").append(rcode).append(')');
            } else {
                info.append(rc);
            }
        }
        int qd = dns.u16(4);
        int an = dns.u16(6);
        int ns = dns.u16(8);
        int ar = dns.u16(10);
        if (dns.failed()) {
            return dns.error();
        }
        int cur = Dns.HEADER;
        for (int i = 0; i < qd; i++) {
            owner.setLength(0);
            int used = dns.name(cur, owner);
            if (used < 0) {
                return dns.error();
            }
            int type = dns.u16(cur + used);
            int cls = dns.u16(cur + used + 2);
            if (dns.failed()) {
                return dns.error();
            }
            info.append(' ');
            type(info, type);
            info.append(' ').append(owner);
            if (mdns) {
                info.append((cls & 0x8000) != 0 ? ", \"QU\" question" : ", \"QM\" question");
            }
            cur += used + 4;
        }
        long records = (long) an + ns + ar;
        for (long i = 0; i < records; i++) {
            int next = record(dns, cur, info, mdns);
            if (next < 0) {
                return dns.error();
            }
            cur = next;
        }
        return Dns.OK;
    }

    /** One resource record at {@code p}; returns the offset after it, or -1 on a failed read. */
    private int record(Dns dns, int p, TextBuffer info, boolean mdns) {
        owner.setLength(0);
        int used = dns.name(p, owner);
        if (used < 0) {
            return -1;
        }
        int type = dns.u16(p + used);
        int cls = dns.u16(p + used + 2);
        int dataLen = dns.u16(p + used + 8);
        if (dns.failed()) {
            return -1;
        }
        info.append(' ');
        type(info, type);
        if (mdns && (cls & 0x8000) != 0) {
            info.append(", cache flush");
        }
        int d = p + used + 10;
        int next = d + dataLen;
        if (dataLen == 0) {
            return next;
        }
        switch (type) {
            case 1 -> { // A
                if (!dns.ensure(d, 4)) {
                    return -1;
                }
                info.append(' ');
                Addresses.ipv4(info, dns.buffer(), dns.absolute(d));
            }
            case 28 -> { // AAAA
                if (!dns.ensure(d, 16)) {
                    return -1;
                }
                info.append(' ');
                Addresses.ipv6(info, dns.buffer(), dns.absolute(d));
            }
            case 2, 5, 12, 39 -> { // NS, CNAME, PTR, DNAME: the target name
                if (!appendName(dns, d, info)) {
                    return -1;
                }
            }
            case 30, 47 -> { // NXT, NSEC: the next name, then the type bit map is read
                if (!appendName(dns, d, info)) {
                    return -1;
                }
                int next2 = dns.name(d, null);
                if (!typeBitmap(dns, d + next2, dataLen - next2, type == 47)) {
                    return -1;
                }
            }
            case 6 -> { // SOA: mname shown, then rname and four 32-bit intervals are read
                if (!appendName(dns, d, info)) {
                    return -1;
                }
                int m = dns.name(d, null);
                int r = dns.name(d + m, null);
                if (r < 0 || !dns.ensure(d + m + r, 20)) {
                    return -1;
                }
            }
            case 15 -> { // MX: preference and exchange
                int pref = dns.u16(d);
                if (dns.failed()) {
                    return -1;
                }
                int mark = info.length();
                info.append(' ').append(pref);
                if (!appendName(dns, d + 2, info)) {
                    info.setLength(mark);
                    return -1;
                }
            }
            case 36 -> { // KX
                int mark = info.length();
                info.append(' ');
                int afterPref = info.length();
                if (!appendName(dns, d + 2, info)) {
                    info.setLength(mark);
                    return -1;
                }
                int pref = dns.u16(d);
                if (dns.failed()) {
                    info.setLength(mark);
                    return -1;
                }
                info.insert(afterPref, pref);
            }
            case 33 -> { // SRV: priority weight port target
                int prio = dns.u16(d);
                int weight = dns.u16(d + 2);
                int port = dns.u16(d + 4);
                if (dns.failed()) {
                    return -1;
                }
                int mark = info.length();
                info.append(' ').append(prio).append(' ').append(weight).append(' ').append(port);
                if (!appendName(dns, d + 6, info)) {
                    info.setLength(mark);
                    return -1;
                }
            }
            case 13 -> { // HINFO: cpu and os character strings
                int cpuLen = dns.u8(d);
                if (!dns.ensure(d + 1, cpuLen)) {
                    return -1;
                }
                int osLen = dns.u8(d + 1 + cpuLen);
                if (!dns.ensure(d + 2 + cpuLen, osLen)) {
                    return -1;
                }
                info.append(' ');
                ascii(info, dns, d + 1, cpuLen);
                info.append(' ');
                ascii(info, dns, d + 2 + cpuLen, osLen);
            }
            case 11 -> { // WKS: address, then protocol and the bit map are read
                if (!dns.ensure(d, 4)) {
                    return -1;
                }
                info.append(' ');
                Addresses.ipv4(info, dns.buffer(), dns.absolute(d));
                if (!dns.ensure(d + 4, Math.max(1, dataLen - 4))) {
                    return -1;
                }
            }
            case 16, 99 -> { // TXT, SPF: the strings are walked, nothing is shown
                int left = dataLen;
                int q = d;
                while (left != 0) {
                    int n = dns.u8(q);
                    if (dns.failed()) {
                        return -1;
                    }
                    q += 1 + n;
                    left -= 1 + n;
                }
            }
            case 41 -> { // OPT: the options are walked, nothing is shown
                int left = dataLen;
                int q = d;
                while (left > 0) {
                    dns.u16(q);
                    int optLen = dns.u16(q + 2);
                    if (dns.failed()) {
                        return -1;
                    }
                    q += 4 + optLen;
                    left -= 4 + optLen;
                }
            }
            case 35 -> { // NAPTR: order preference flags
                int order = dns.u16(d);
                int pref = dns.u16(d + 2);
                int flagsLen = dns.u8(d + 4);
                if (dns.failed() || !dns.ensure(d + 5, flagsLen)) {
                    return -1;
                }
                int q = d + 5 + flagsLen;
                int serviceLen = dns.u8(q);
                q += 1 + serviceLen;
                int regexLen = dns.u8(q);
                q += 1 + regexLen;
                if (dns.failed() || dns.name(q, null) < 0) {
                    return -1;
                }
                info.append(' ').append(order).append(' ').append(pref).append(' ');
                ascii(info, dns, d + 5, flagsLen);
            }
            case 24, 46 -> { // SIG, RRSIG: fixed part and signer read; the signature's length must not be negative
                if (!dns.ensure(d, 18)) {
                    return -1;
                }
                int signer = dns.name(d + 18, null);
                if (signer < 0) {
                    return -1;
                }
                if (dataLen < 18 + signer) {
                    dns.markMalformed();
                    return -1;
                }
            }
            case 43, 48, 59, 60, 32769 -> { // DS, DNSKEY, CDS, CDNSKEY, DLV: 4 fixed bytes, then a digest or key
                if (!dns.ensure(d, 4)) {
                    return -1;
                }
                if (dataLen < 4) {
                    dns.markMalformed();
                    return -1;
                }
            }
            // these show the record's owner name (Wireshark appends the unformatted name)
            case 3, 4, 7, 8, 9, 23 -> { // MD, MF, MB, MG, MR, NSAP-PTR: owner, then a name is read
                info.append(' ').append(owner);
                if (dns.name(d, null) < 0) {
                    return -1;
                }
            }
            case 14, 17 -> { // MINFO, RP: owner, then two names are read
                info.append(' ').append(owner);
                int m = dns.name(d, null);
                if (m < 0 || dns.name(d + m, null) < 0) {
                    return -1;
                }
            }
            case 18, 21 -> { // AFSDB, RT: owner, then a name after a 16-bit value
                info.append(' ').append(owner);
                if (dns.name(d + 2, null) < 0) {
                    return -1;
                }
            }
            case 10, 19, 20, 22, 26, 27, 42, 49, 51, 52, 55 -> // NULL, X25, ISDN, NSAP, PX, GPOS, APL, DHCID, NSEC3PARAM, TLSA, HIP
                info.append(' ').append(owner);
            default -> {
            }
        }
        return next;
    }

    /**
     * Walks a type bit map the way tshark reads it (windows of block number and length for NSEC,
     * RFC 4034 section 4.1.2; plain bytes for NXT): until the remaining length is exactly zero, so
     * that a length that does not fit reads on until the data ends. False when a read failed.
     */
    private static boolean typeBitmap(Dns dns, int p, int left, boolean windows) {
        while (left != 0) {
            if (windows) {
                dns.u8(p);
                int size = dns.u8(p + 1);
                if (dns.failed()) {
                    return false;
                }
                p += 2;
                left -= 2;
                for (; size > 0; size--) {
                    dns.u8(p);
                    if (dns.failed()) {
                        return false;
                    }
                    p++;
                    left--;
                }
            } else {
                dns.u8(p);
                if (dns.failed()) {
                    return false;
                }
                p++;
                left--;
            }
        }
        return true;
    }

    private static boolean appendName(Dns dns, int p, TextBuffer info) {
        int mark = info.length();
        info.append(' ');
        if (dns.name(p, info) < 0) {
            info.setLength(mark);
            return false;
        }
        return true;
    }

    /** Bytes decoded as ASCII the way tvb_get_string_enc(ENC_ASCII) does: high bytes become U+FFFD. */
    private static void ascii(TextBuffer sb, Dns dns, int p, int n) {
        byte[] b = dns.buffer();
        int a = dns.absolute(p);
        for (int i = 0; i < n; i++) {
            int c = b[a + i] & 0xff;
            if (c == 0) {
                break;
            }
            sb.append(c < 0x80 ? (char) c : '\ufffd');
        }
    }

    static void type(TextBuffer sb, int type) {
        String name = DnsNames.type(type);
        if (name == null) {
            sb.append("Unknown (").append(type).append(')');
        } else {
            sb.append(name);
        }
    }

    static void hex4(TextBuffer sb, int v) {
        for (int s = 12; s >= 0; s -= 4) {
            sb.append(Character.forDigit((v >> s) & 15, 16));
        }
    }
}
