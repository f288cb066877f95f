package dev.capmill.decode;

import dev.capmill.model.TextBuffer;

/**
 * OpenFlow as tshark 4.0 writes its columns (packet-openflow.c, packet-openflow_v1.c,
 * packet-openflow_v4.c; facts only, checked against the corpus). The dissector is registered on TCP
 * port 6653; its heuristic takes any data sent to 6633 or 6653 and claims the conversation, so a
 * switch's message on 6633 before the controller's first one is a TCP line.
 *
 * <p>The data is cut into messages of the length at bytes 2–3, reassembled
 * across segments as tcp_dissect_pdus does. For each message the Protocol is "OpenFlow", Info is
 * cleared (to the fence TCP set) and the version's dissector appends "Type: " and the message
 * type's name (OpenFlow 1.0 and 1.3; "Unknown message type" outside the table); a 1.3 multipart
 * request or reply adds ", " and the multipart type's name. Info stays empty for other versions
 * (tshark 4.0 also names the types of 1.4 and 1.5, which the corpus does not hold).
 * A segment of several messages shows the last one. Of the reads of the messages' bodies only one
 * is modelled: a 1.0 FLOW_MOD without room for an action ends malformed, as tshark 4.0 shows
 * every such message in the corpus. Not modelled: a PACKET_IN or PACKET_OUT whose carried frame
 * ends tshark's Ethernet dissector with an exception leaves the columns unwritable and the
 * addresses the inner frame's (3 corpus lines).
 */
final class OpenFlow {
    static final int LEGACY_PORT = 6633;
    static final int IANA_PORT = 6653;
    /** What tcp_dissect_pdus needs to read a message's length: version, type, length. */
    private static final int FIXED = 4;
    private static final int HEADER = 8;

    /** OpenFlow 1.0 (wire version 1) message types. */
    private static final String[] V1 = {"OFPT_HELLO", "OFPT_ERROR", "OFPT_ECHO_REQUEST", "OFPT_ECHO_REPLY",
        "OFPT_VENDOR", "OFPT_FEATURES_REQUEST", "OFPT_FEATURES_REPLY", "OFPT_GET_CONFIG_REQUEST",
        "OFPT_GET_CONFIG_REPLY", "OFPT_SET_CONFIG", "OFPT_PACKET_IN", "OFPT_FLOW_REMOVED", "OFPT_PORT_STATUS",
        "OFPT_PACKET_OUT", "OFPT_FLOW_MOD", "OFPT_PORT_MOD", "OFPT_STATS_REQUEST", "OFPT_STATS_REPLY",
        "OFPT_BARRIER_REQUEST", "OFPT_BARRIER_REPLY", "OFPT_QUEUE_GET_CONFIG_REQUEST",
        "OFPT_QUEUE_GET_CONFIG_REPLY"};
    /** OpenFlow 1.3 (wire version 4) message types. */
    private static final String[] V4 = {"OFPT_HELLO", "OFPT_ERROR", "OFPT_ECHO_REQUEST", "OFPT_ECHO_REPLY",
        "OFPT_EXPERIMENTER", "OFPT_FEATURES_REQUEST", "OFPT_FEATURES_REPLY", "OFPT_GET_CONFIG_REQUEST",
        "OFPT_GET_CONFIG_REPLY", "OFPT_SET_CONFIG", "OFPT_PACKET_IN", "OFPT_FLOW_REMOVED", "OFPT_PORT_STATUS",
        "OFPT_PACKET_OUT", "OFPT_FLOW_MOD", "OFPT_GROUP_MOD", "OFPT_PORT_MOD", "OFPT_TABLE_MOD",
        "OFPT_MULTIPART_REQUEST", "OFPT_MULTIPART_REPLY", "OFPT_BARRIER_REQUEST", "OFPT_BARRIER_REPLY",
        "OFPT_QUEUE_GET_CONFIG_REQUEST", "OFPT_QUEUE_GET_CONFIG_REPLY", "OFPT_ROLE_REQUEST", "OFPT_ROLE_REPLY",
        "OFPT_GET_ASYNC_REQUEST", "OFPT_GET_ASYNC_REPLY", "OFPT_SET_ASYNC", "OFPT_METER_MOD"};
    /** OpenFlow 1.3 multipart types (0xffff: OFPMP_EXPERIMENTER). */
    private static final String[] V4_MULTIPART = {"OFPMP_DESC", "OFPMP_FLOW", "OFPMP_AGGREGATE", "OFPMP_TABLE",
        "OFPMP_PORT_STATS", "OFPMP_QUEUE", "OFPMP_GROUP", "OFPMP_GROUP_DESC", "OFPMP_GROUP_FEATURES", "OFPMP_METER",
        "OFPMP_METER_CONFIG", "OFPMP_METER_FEATURES", "OFPMP_TABLE_FEATURES", "OFPMP_PORT_DESC"};

    /** After {@link #dissect}: bytes still needed (0: none; Http.ONE_MORE_SEGMENT) and where that message starts. */
    int desegLen;
    int desegOffset;

    /** Whether OpenFlow's heuristic takes data sent to port {@code p}. */
    static boolean isPort(int p) {
        return p == LEGACY_PORT || p == IANA_PORT;
    }

    /** Dissects the segment data {@code b[off, off+len)} (all of it captured when {@code canDesegment}). */
    void dissect(byte[] b, int off, int len, boolean canDesegment, Columns col) {
        desegLen = 0;
        desegOffset = 0;
        int at = 0;
        while (at < len) {
            int rest = len - at;
            if (rest < FIXED) {
                if (canDesegment) {
                    desegOffset = at;
                    desegLen = Http.ONE_MORE_SEGMENT;
                    return;
                }
                // the length cannot be read: the segment's dissection ends there
                col.setProtocol("OpenFlow");
                col.info.append(Columns.LIMITED);
                return;
            }
            int plen = Bytes16.be(b, off + at + 2);
            if (plen < FIXED) {
                // tcp_dissect_pdus: a length shorter than the fixed part is malformed, and the last PDU
                col.setProtocol("OpenFlow");
                col.info.append(Columns.MALFORMED);
                return;
            }
            if (canDesegment && rest < plen) {
                desegOffset = at;
                desegLen = plen - rest;
                return;
            }
            message(b, off + at, Math.min(rest, plen), plen, col);
            at += plen;
        }
    }

    private static void message(byte[] b, int p, int captured, int plen, Columns col) {
        col.setProtocol("OpenFlow");
        TextBuffer info = col.replace();
        int version = b[p] & 0x7f;
        if (version != 1 && version != 4) {
            return; // 1.4 and 1.5 are not decoded here; other versions are "not dissected" by tshark too
        }
        if (captured < 2) {
            info.append(Columns.truncationMark(2, plen));
            return;
        }
        int type = b[p + 1] & 0xff;
        String[] names = version == 1 ? V1 : V4;
        info.append("Type: ").append(type < names.length ? names[type] : "Unknown message type");
        if (version == 4 && (type == 18 || type == 19)) {
            if (captured < HEADER + 2) {
                info.append(Columns.truncationMark(HEADER + 2, plen));
                return;
            }
            int mp = Bytes16.be(b, p + HEADER);
            info.append(", ").append(mp < V4_MULTIPART.length ? V4_MULTIPART[mp]
                    : mp == 0xffff ? "OFPMP_EXPERIMENTER" : "Unknown type");
        }
        if (version == 1 && type == 14) {
            // a FLOW_MOD: match (40), cookie, command, timeouts, priority, buffer id, out port, flags
            // (72 bytes with the header), then tshark 4.0 reads an action header even when none follows
            int need = 72 + 4;
            if (captured < need) {
                info.append(Columns.truncationMark(need, plen));
            }
        }
    }

}
