package dev.capmill.text;

import dev.capmill.decode.Addresses;
import dev.capmill.decode.Dhcp;
import dev.capmill.decode.Dhcpv6;
import dev.capmill.decode.Dissection;
import dev.capmill.decode.Dns;
import dev.capmill.decode.Ntp;
import dev.capmill.model.TextBuffer;

/**
 * Protocol and Info columns of the UDP application protocols tshark 4.0 decodes by port: DNS,
 * mDNS, LLMNR, NBNS, DHCP/BOOTP, DHCPv6, NTP and SSDP. Each summary follows what tshark 4.0.17
 * prints for the same bytes; the facts come from Wireshark's dissectors (named in each method)
 * and from tshark's output for captures made for the purpose. A read past the data ends the
 * text the way tshark's exception does: "[Malformed Packet]" when the message claims fewer bytes,
 * "[Packet size limited during capture]" when the capture cut it, appended without a space.
 */
final class UdpApps {
    static final String MALFORMED = dev.capmill.decode.Columns.MALFORMED;
    static final String LIMITED = dev.capmill.decode.Columns.LIMITED;

    private final DnsSummary dnsSummary = new DnsSummary();
    private final TextBuffer name = new TextBuffer(256);

    /**
     * Writes the protocol and info of a UDP payload of {@code reported} bytes at {@code off}, of
     * which {@code captured} are at hand, for {@code app}, the protocol {@link UdpPorts#choose}
     * gave its ports; false (nothing written) when tshark would show the datagram as plain UDP or
     * as a protocol capmill does not decode.
     */
    boolean summarize(Dissection d, byte[] b, int off, int captured, int reported, int app,
            TextBuffer protocol, TextBuffer info) {
        if (reported <= 0) {
            return false; // tshark hands an empty payload to no dissector
        }
        switch (app) {
            case UdpPorts.DNS, UdpPorts.MDNS, UdpPorts.LLMNR -> {
                d.dns.reset(b, off, captured, reported);
                long layer = app == UdpPorts.DNS ? Dissection.DNS : app == UdpPorts.MDNS ? Dissection.MDNS : Dissection.LLMNR;
                d.add(layer);
                protocol.append(app == UdpPorts.DNS ? "DNS" : app == UdpPorts.MDNS ? "MDNS" : "LLMNR");
                end(info, dnsSummary.append(d.dns, info, app == UdpPorts.MDNS));
                return true;
            }
            case UdpPorts.NBNS -> {
                d.nbns.reset(b, off, captured, reported);
                d.add(Dissection.NBNS);
                protocol.append("NBNS");
                end(info, nbns(d.nbns, info));
                return true;
            }
            case UdpPorts.DHCP -> {
                d.dhcp.reset(b, off, captured, reported);
                d.add(Dissection.DHCP);
                dhcp(d.dhcp, protocol, info);
                return true;
            }
            case UdpPorts.DHCPV6 -> {
                d.dhcpv6.reset(b, off, captured, reported);
                d.add(Dissection.DHCPV6);
                protocol.append("DHCPv6");
                int end = Math.min(captured, reported);
                end(info, dhcpv6(d.dhcpv6, 0, end, reported, reported, info));
                return true;
            }
            case UdpPorts.NTP -> {
                d.ntp.reset(b, off, captured, reported);
                d.add(Dissection.NTP);
                protocol.append("NTP");
                end(info, ntp(d.ntp, info));
                return true;
            }
            case UdpPorts.SSDP -> {
                if (ssdp(b, off, Math.min(captured, reported), info)) {
                    d.add(Dissection.SSDP);
                    // tshark's SSDP is its HTTP dissector: the http.* fields are there too
                    d.tcpPayload.ssdpFields(b, off, Math.min(captured, reported));
                    d.add(Dissection.HTTP);
                    protocol.append("SSDP");
                    return true;
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    /**
     * Wireshark keeps at most COL_MAX_INFO_LEN (4096) bytes of a column, its terminating NUL
     * included (epan/column-info.h): the Info text is cut after 4095 bytes of UTF-8.
     */
    static void capInfo(TextBuffer info) {
        if (info.length() <= 1365) {
            return; // cannot exceed 4095 bytes
        }
        int bytes = 0;
        for (int i = 0; i < info.length(); i++) {
            char c = info.charAt(i);
            int n = c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
            if (bytes + n > 4095) {
                info.setLength(i);
                return;
            }
            bytes += n;
        }
    }

    /**
     * One DNS message carried over TCP (cut out by decode.DnsTcp): the same Info as over UDP, and
     * the same fields (of the segment's last message, the one whose Info is shown).
     */
    void dnsOverTcp(Dissection d, byte[] b, int off, int captured, int reported, TextBuffer info) {
        d.dns.reset(b, off, captured, reported);
        d.add(Dissection.DNS);
        end(info, dnsSummary.append(d.dns, info, false));
    }

    private static void end(TextBuffer info, int error) {
        if (error == Dns.MALFORMED) {
            info.append(MALFORMED);
        } else if (error == Dns.TRUNCATED) {
            info.append(LIMITED);
        }
    }

    /** Why a read of bytes up to {@code need} fails, or OK. */
    private static int shortOf(int need, int captured, int reported) {
        if (need <= captured) {
            return Dns.OK;
        }
        return need > reported ? Dns.MALFORMED : Dns.TRUNCATED;
    }

    // ---- NBNS: epan/dissectors/packet-nbns.c (dissect_nbns, dissect_nbns_query/answer, get_nbns_name)

    private int nbns(Dns m, TextBuffer info) {
        m.u16(0);
        int flags = m.u16(2);
        if (m.failed()) {
            return m.error();
        }
        int opcode = (flags >> 11) & 15;
        boolean response = (flags & 0x8000) != 0;
        String op = nbnsOpcode(opcode);
        if (op == null) {
            info.append("Unknown operation (").append(opcode).append(')');
        } else {
            info.append(op);
        }
        if (response) {
            info.append(" response");
            int rcode = flags & 15;
            if (rcode != 0) {
                info.append(", ").append(nbnsRcode(rcode));
            }
        }
        int qd = m.u16(4);
        int an = m.u16(6);
        int ns = m.u16(8);
        int ar = m.u16(10);
        if (m.failed()) {
            return m.error();
        }
        int cur = Dns.HEADER;
        for (int i = 0; i < qd; i++) {
            int used = nbnsName(m, cur);
            if (used < 0) {
                return m.error();
            }
            int type = m.u16(cur + used);
            m.u16(cur + used + 2);
            if (m.failed()) {
                return m.error();
            }
            if (!response) {
                info.append(' ').append(nbnsType(type)).append(' ').append(name);
            }
            cur += used + 4;
        }
        long records = (long) an + ns + ar;
        for (long i = 0; i < records; i++) {
            boolean shown = response && i < an;
            int used = nbnsName(m, cur);
            if (used < 0) {
                return m.error();
            }
            int type = m.u16(cur + used);
            m.u16(cur + used + 2);
            m.u32(cur + used + 4);
            int dataLen = m.u16(cur + used + 8);
            if (m.failed()) {
                return m.error();
            }
            int p = cur + used + 10;
            if (type == 0x20) {
                if (shown && opcode != 7) {
                    if (!m.ensure(p + 2, 4)) {
                        return m.error();
                    }
                    info.append(" NB ");
                    Addresses.ipv4(info, m.buffer(), m.absolute(p + 2));
                }
                while (dataLen > 0) {
                    if (dataLen < 2) {
                        break;
                    }
                    m.u16(p);
                    if (m.failed()) {
                        return m.error();
                    }
                    p += 2;
                    dataLen -= 2;
                    if (opcode == 7) {
                        continue;
                    }
                    if (dataLen < 4) {
                        break;
                    }
                    p += 4;
                    dataLen -= 4;
                }
            } else if (type == 0x21) {
                if (shown) {
                    info.append(" NBSTAT");
                }
                if (dataLen >= 1) {
                    int names = m.u8(p);
                    if (m.failed()) {
                        return m.error();
                    }
                    p += 1;
                    p = nbstat(p, dataLen, names);
                }
            } else {
                if (shown) {
                    info.append(" Unknown");
                }
                p += dataLen;
            }
            cur = p;
        }
        return Dns.OK;
    }

    /** Where tshark's NBSTAT walk ends: the names, then the statistics while the length lasts. */
    private static int nbstat(int p, int dataLen, int names) {
        for (int n = names; n != 0; n--) {
            if (dataLen < 16) {
                return p;
            }
            p += 16;
            dataLen -= 16;
            if (dataLen < 2) {
                return p;
            }
            p += 2;
            dataLen -= 2;
        }
        for (int size : NBSTAT_FIELDS) {
            if (dataLen < size) {
                return p;
            }
            p += size;
            dataLen -= size;
        }
        return p;
    }

    private static final int[] NBSTAT_FIELDS = {6, 1, 1, 2, 2, 2, 2, 2, 2, 4, 4, 2, 2, 2, 2, 2, 2, 2};

    /**
     * Reads the encoded NetBIOS name at {@code p} into {@link #name} as tshark shows it: the 15
     * name characters (printable ones as is, others as &lt;xx&gt;, trailing spaces removed), the
     * type as &lt;xx&gt;, then the scope; or tshark's "Illegal NetBIOS name" text. Returns the
     * bytes used, or -1 when a read failed.
     */
    private int nbnsName(Dns m, int p) {
        name.setLength(0);
        int used = m.name(p, name);
        if (used < 0) {
            return -1;
        }
        int len = name.length();
        byte[] raw = nbRaw;
        int idx = 0;
        int i = 0;
        String bad = null;
        while (i < len && name.charAt(i) != '.') {
            char c = name.charAt(i);
            if (c < 'A' || c > 'Z') {
                bad = "Illegal NetBIOS name (1st character not between A and Z in first-level encoding)";
                break;
            }
            i++;
            if (i >= len || name.charAt(i) == '.') {
                bad = "Illegal NetBIOS name (odd number of bytes)";
                break;
            }
            char c2 = name.charAt(i);
            if (c2 < 'A' || c2 > 'Z') {
                bad = "Illegal NetBIOS name (2nd character not between A and Z in first-level encoding)";
                break;
            }
            i++;
            if (idx < 16) {
                raw[idx++] = (byte) (((c - 'A') << 4) | (c2 - 'A'));
            }
        }
        if (bad == null && idx != 16) {
            name.setLength(0);
            name.append("Illegal NetBIOS name (").append(idx).append(" bytes long)");
            return used;
        }
        if (bad != null) {
            name.setLength(0);
            name.append(bad);
            return used;
        }
        int scopeStart = i;
        // the scope (".example.com") is kept: move it behind the decoded name
        scope.setLength(0);
        if (scopeStart < len) {
            scope.append(name, scopeStart, len);
        }
        name.setLength(0);
        NetbiosNames.append(name, raw, 0);
        name.append(scope);
        return used;
    }

    private final byte[] nbRaw = new byte[16];
    private final TextBuffer scope = new TextBuffer(64);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private static String nbnsOpcode(int op) {
        return switch (op) {
            case 0 -> "Name query";
            case 5 -> "Registration";
            case 6 -> "Release";
            case 7 -> "Wait for acknowledgment";
            case 8 -> "Refresh";
            case 9 -> "Refresh (alternate opcode)";
            case 15 -> "Multi-homed registration";
            default -> null;
        };
    }

    private static String nbnsRcode(int rc) {
        return switch (rc) {
            case 1 -> "Request was invalidly formatted";
            case 2 -> "Server failure";
            case 3 -> "Requested name does not exist";
            case 4 -> "Request is not implemented";
            case 5 -> "Request was refused";
            case 6 -> "Name is owned by another node";
            case 7 -> "Name is in conflict";
            default -> "Unknown error";
        };
    }

    private static String nbnsType(int t) {
        return t == 0x20 ? "NB" : t == 0x21 ? "NBSTAT" : "Unknown";
    }

    // ---- DHCP/BOOTP: epan/dissectors/packet-dhcp.c (dissect_dhcp); names from tshark -G values

    private static void dhcp(Dhcp m, TextBuffer protocol, TextBuffer info) {
        int captured = m.captured();
        int reported = m.reported();
        int type = m.messageType();
        if (captured < 1 || (type < 0 && m.op() == 1 && captured < 28 + Math.min(16, m.hardwareLength()))
                || (type >= 0 && captured < 8)) {
            protocol.append(type >= 0 ? "DHCP" : "BOOTP");
            end(info, shortOf(captured < 1 ? 1 : captured + 1, captured, reported));
            return;
        }
        if (type >= 0) {
            protocol.append("DHCP");
            info.append("DHCP ");
            String n = dhcpType(type);
            int mark = info.length();
            if (n == null) {
                info.append("Unknown Message Type (0x");
                info.append(HEX[type >> 4]).append(HEX[type & 15]).append(')');
            } else {
                info.append(n);
            }
            while (info.length() - mark < 8) {
                info.append(' ');
            }
            info.append(" - Transaction ID 0x");
            long xid = m.transactionId();
            boolean digits = false;
            for (int sh = 28; sh >= 0; sh -= 4) {
                int v = (int) (xid >> sh) & 15;
                if (v != 0 || digits || sh == 0) {
                    info.append(HEX[v]);
                    digits = true;
                }
            }
            if (m.valueOverrun()) {
                end(info, Dns.MALFORMED);
            }
        } else {
            protocol.append("BOOTP");
            int op = m.op();
            if (op == 1) {
                info.append("Boot Request from ");
                int mark = info.length();
                hardware(info, m);
                int end = info.length();
                if (m.hardwareType() == 1 && m.hardwareLength() == 6) {
                    info.append(" (");
                    for (int i = mark; i < end; i++) {
                        info.append(info.charAt(i));
                    }
                    info.append(')');
                }
            } else if (op == 2) {
                info.append("Boot Reply");
            } else {
                info.append("Unknown BOOTP message type (").append(op).append(')');
            }
            if (captured < Dhcp.HEADER || reported < Dhcp.HEADER) {
                end(info, shortOf(Dhcp.HEADER, captured, reported));
            } else if (m.optionsBroken()) {
                end(info, shortOf(m.brokenAt() + 1, captured, reported));
            } else if (m.valueOverrun()) {
                end(info, Dns.MALFORMED);
            }
        }
    }

    private static void hardware(TextBuffer info, Dhcp m) {
        int n = Math.min(16, Math.max(0, m.hardwareLength()));
        if (m.hardwareType() == 1 && n == 6) {
            Addresses.mac(info, bytesOf(m), m.clientHardwareOffset());
            return;
        }
        byte[] b = bytesOf(m);
        for (int i = 0; i < n && m.clientHardwareOffset() + i < b.length; i++) {
            if (i > 0) {
                info.append(':');
            }
            int v = b[m.clientHardwareOffset() + i] & 0xff;
            info.append(HEX[v >> 4]).append(HEX[v & 15]);
        }
    }

    private static byte[] bytesOf(Dhcp m) {
        return m.buffer();
    }

    private static String dhcpType(int t) {
        return switch (t) {
            case 1 -> "Discover";
            case 2 -> "Offer";
            case 3 -> "Request";
            case 4 -> "Decline";
            case 5 -> "ACK";
            case 6 -> "NAK";
            case 7 -> "Release";
            case 8 -> "Inform";
            case 9 -> "Force Renew";
            case 10 -> "Lease query";
            case 11 -> "Lease Unassigned";
            case 12 -> "Lease Unknown";
            case 13 -> "Lease Active";
            case 14 -> "Bulk Lease Query";
            case 15 -> "Lease Query Done";
            case 16 -> "Active LeaseQuery";
            case 17 -> "Lease Query Status";
            case 18 -> "TLS";
            default -> null;
        };
    }

    // ---- DHCPv6: epan/dissectors/packet-dhcpv6.c (dissect_dhcpv6, dhcpv6_option: CID, IAA)

    /**
     * One message from {@code p}, captured up to {@code end}, that ends at {@code msgEnd} in the
     * datagram (the datagram's end, or a relayed message's option end); relay messages recurse
     * into their option 9.
     */
    private int dhcpv6(Dhcpv6 m, int p, int end, int msgEnd, int reported, TextBuffer info) {
        if (p >= end) {
            return shortOf(p + 1, end, reported);
        }
        int type = m.u8(p);
        String n = dhcpv6Type(type);
        if (n == null) {
            info.append("Message Type ").append(type);
        } else {
            info.append(n);
        }
        info.append(' ');
        int opts;
        if (type == 12 || type == 13) {
            if (p + 34 > end) {
                return shortOf(p + 34, end, reported);
            }
            info.append("L: ");
            Addresses.ipv6(info, m.buffer(), m.absolute(p + 2));
            info.append(' ');
            opts = p + 34;
        } else {
            if (p + 4 > end) {
                return shortOf(p + 4, end, reported);
            }
            int xid = (m.u8(p + 1) << 16) | (m.u8(p + 2) << 8) | m.u8(p + 3);
            info.append("XID: 0x");
            for (int s = 20; s >= 0; s -= 4) {
                info.append(HEX[(xid >> s) & 15]);
            }
            info.append(' ');
            opts = p + 4;
        }
        return dhcpv6Options(m, opts, end, msgEnd, reported, info, type == 12 || type == 13, 0);
    }

    /**
     * The options from {@code p}, captured up to {@code end}, of an area that ends at {@code
     * msgEnd} in the datagram. As packet-dhcpv6.c: an option whose length overruns the area ends the
     * walk quietly (an expert note in tshark), fewer than 4 bytes left are ignored, but an option
     * the snap length cut is "[Packet size limited during capture]" before anything of it shows
     * (probed with tshark 4.0.17: DhcpTest.dhcpv6Options).
     */
    private int dhcpv6Options(Dhcpv6 m, int p, int end, int msgEnd, int reported, TextBuffer info, boolean relay,
            int depth) {
        while (p + 4 <= msgEnd) {
            if (p + 4 > end) {
                return shortOf(p + 4, end, reported);
            }
            int code = m.u16(p);
            int len = m.u16(p + 2);
            int data = p + 4;
            if (data + len > msgEnd) {
                break;
            }
            if (data + len > end) {
                return shortOf(data + len, end, reported);
            }
            switch (code) {
                case 1 -> { // client identifier
                    if (len > 0) {
                        info.append("CID: ");
                        for (int i = 0; i < len; i++) {
                            int v = m.u8(data + i);
                            info.append(HEX[v >> 4]).append(HEX[v & 15]);
                        }
                        info.append(' ');
                    }
                }
                case 3 -> { // IA_NA: IAID, T1, T2, options
                    if (len >= 12 && depth < 8) {
                        int r = dhcpv6Options(m, data + 12, data + len, data + len, reported, info, false, depth + 1);
                        if (r != Dns.OK) {
                            return r;
                        }
                    }
                }
                case 4 -> { // IA_TA: IAID, options
                    if (len >= 4 && depth < 8) {
                        int r = dhcpv6Options(m, data + 4, data + len, data + len, reported, info, false, depth + 1);
                        if (r != Dns.OK) {
                            return r;
                        }
                    }
                }
                case 5 -> { // IA address
                    if (len >= 24) {
                        info.append("IAA: ");
                        Addresses.ipv6(info, m.buffer(), m.absolute(data));
                        info.append(' ');
                    }
                }
                case 9 -> { // relay message
                    if (relay && depth < 8) {
                        int r = dhcpv6(m, data, data + len, data + len, reported, info);
                        if (r != Dns.OK) {
                            return r;
                        }
                    }
                }
                default -> {
                }
            }
            p = data + len;
        }
        return Dns.OK;
    }

    private static String dhcpv6Type(int t) {
        return switch (t) {
            case 1 -> "Solicit";
            case 2 -> "Advertise";
            case 3 -> "Request";
            case 4 -> "Confirm";
            case 5 -> "Renew";
            case 6 -> "Rebind";
            case 7 -> "Reply";
            case 8 -> "Release";
            case 9 -> "Decline";
            case 10 -> "Reconfigure";
            case 11 -> "Information-request";
            case 12 -> "Relay-forw";
            case 13 -> "Relay-reply";
            case 14 -> "Leasequery";
            case 15 -> "Leasequery-reply";
            case 16 -> "Leasequery-done";
            case 17 -> "Leasequery-data";
            case 18 -> "Reconfigure-request";
            case 19 -> "Reconfigure-reply";
            default -> null;
        };
    }

    // ---- NTP: epan/dissectors/packet-ntp.c (dissect_ntp: "%s, %s" of ver_nums and info_mode_types)

    private static int ntp(Ntp m, TextBuffer info) {
        int captured = m.captured();
        int reported = m.reported();
        if (captured < 1) {
            return shortOf(1, captured, reported);
        }
        int vn = m.version();
        info.append(vn >= 1 && vn <= 4 ? NTP_VERSIONS[vn] : "reserved").append(", ").append(NTP_MODES[m.mode()]);
        switch (m.mode()) {
            case 7 -> {
                if (captured < 4) {
                    return shortOf(4, captured, reported);
                }
                info.append(", ").append((m.u8(0) & 0x80) != 0 ? "Response" : "Request").append(", ");
                String code = NtpNames.requestCode(m.u8(3));
                if (code == null) {
                    info.append("Unknown (").append(m.u8(3)).append(')');
                } else {
                    info.append(code);
                }
                return shortOf(8, captured, reported);
            }
            case 6 -> {
                return shortOf(12, captured, reported);
            }
            default -> {
                return shortOf(48, captured, reported);
            }
        }
    }

    private static final String[] NTP_VERSIONS = {"reserved", "NTP Version 1", "NTP Version 2", "NTP Version 3",
        "NTP Version 4"};
    private static final String[] NTP_MODES = {"reserved", "symmetric active", "symmetric passive", "client",
        "server", "broadcast", "control", "private"};

    // ---- SSDP: HTTP over UDP (epan/dissectors/packet-ssdp.c hands the datagram to packet-http.c)

    /** Info for an SSDP datagram; false when the HTTP dissector would reject it (shown as UDP). */
    private static boolean ssdp(byte[] b, int off, int n, TextBuffer info) {
        int eol = -1;
        for (int i = 0; i < n; i++) {
            if (b[off + i] == '\n') {
                eol = i;
                break;
            }
        }
        int lineEnd = eol < 0 ? n : (eol > 0 && b[off + eol - 1] == '\r' ? eol - 1 : eol);
        boolean known = startsWithMethod(b, off, lineEnd) || startsWith(b, off, lineEnd, "HTTP/");
        if (known && eol >= 0) {
            Dns.appendText(info, b, off, lineEnd);
            info.append(' ');
            return true;
        }
        if (known || contains(b, off, lineEnd, "HTTP/1.")) {
            info.append("Continuation");
            return true;
        }
        return false;
    }

    private static final String[] METHODS = {"GET", "PUT", "POST", "HEAD", "COPY", "LOCK", "MOVE", "POLL", "BCOPY",
        "BMOVE", "MKCOL", "TRACE", "LABEL", "MERGE", "PATCH", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE",
        "NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST", "M-SEARCH",
        "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE",
        "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL", "BASELINE-CONTROL"};

    private static boolean startsWithMethod(byte[] b, int off, int n) {
        for (String m : METHODS) {
            if (n > m.length() && b[off + m.length()] == ' ' && startsWith(b, off, n, m)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] b, int off, int n, String s) {
        if (n < s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] b, int off, int n, String s) {
        for (int i = 0; i + s.length() <= n; i++) {
            if (startsWith(b, off + i, n - i, s)) {
                return true;
            }
        }
        return false;
    }
}
