package dev.capmill.text;

import dev.capmill.model.Bytes;
import dev.capmill.model.TextBuffer;

/**
 * IEEE 1588 version 2 (PTPv2) messages as tshark 4.0 names them in the Info column (packet-ptp.c,
 * dissect_ptp_v2; checked against tshark 4.0.17 on made-up frames and the corpus). Over Ethernet
 * (EtherType 0x88F7) every frame goes to the version 2 dissector; over UDP ports 319 and 320 only
 * one whose second byte's low nibble is 2 (the others are PTPv1, not decoded here).
 *
 * <p>Without a protocol tree the dissector reads the first 8 bytes, then writes the message
 * type's name ("Sync Message", ...; "Unknown PTP Message (n)"); a Management message also reads
 * its first TLV: a MANAGEMENT TLV gives "Management (<id>) <action>", a MANAGEMENT_ERROR_STATUS
 * "Management Error Message (<error>)", any other type the plain name. A read past the data ends
 * the line with the exception's mark after whatever Info held before (the carrier's).
 */
final class Ptp {
    private Ptp() {
    }

    private static final String[] MESSAGES = {"Sync Message", "Delay_Req Message", "Peer_Delay_Req Message",
        "Peer_Delay_Resp Message", null, null, null, null, "Follow_Up Message", "Delay_Resp Message",
        "Peer_Delay_Resp_Follow_Up Message", "Announce Message", "Signalling Message", "Management Message"};
    private static final String[] ACTIONS = {"GET", "SET", "RESPONSE", "COMMAND", "ACKNOWLEDGE"};
    /** Management ids 0x0000–0x0007 (ptp_v2_managementID_infocolumn_vals). */
    private static final String[] IDS_0000 = {"Null management", "Clock description", "User description",
        "Save in non volatile storage", "Reset non volatile storage", "Initialize", "Fault log", "Fault log reset"};
    /** Management ids 0x2000–0x2021. */
    private static final String[] IDS_2000 = {"Default dataset", "Current dataset", "Parent dataset",
        "Time properties dataset", "Port dataset", "Priority 1", "Priority 2", "Domain", "Slave only",
        "Log announce interval", "Announce receipt timeout", "Log sync interval", "Version number", "Enable port",
        "Disable port", "Time", "Clock accuracy", "UTC properties", "Traceability properties",
        "Timescale properties", "Unicast negotiation enable", "Path trace list", "Path trace enable",
        "Grandmaster cluster table", "Unicast master table", "Unicast master max table size",
        "Acceptable master table", "Acceptable master table enabled", "Acceptable master max table size",
        "Alternate master", "Alternate time offset enable", "Alternate time offset name",
        "Alternate time offset max key", "Alternate time offset properties"};
    /** Management ids 0x4000–0x4002 (transparent clocks, primary domain) and 0x6000–0x6001. */
    private static final String[] IDS_4000 = {"Transparent clock default dataset", "Transparent clock port dataset",
        "Primary domain"};
    private static final String[] IDS_6000 = {"Delay mechanism", "Log min pdelay req. interval"};
    private static final String[] ERRORS = {"Reserved", "RESPONSE_TOO_BIG", "NO_SUCH_ID", "WRONG_LENGTH",
        "WRONG_VALUE", "NOT_SETABLE", "NOT_SUPPORTED"};

    /** Whether a UDP payload on port 319 or 320 is version 2 (false also when it is too short to tell). */
    static boolean isVersion2(byte[] b, int p, int captured) {
        return captured >= 2 && (b[p + 1] & 0x0f) == 2;
    }

    /**
     * Appends the Info of the message at {@code b[p, p+captured)} ({@code reported} bytes claimed)
     * to {@code info}, which holds the carrier's text: replaced when the reads succeed, kept with
     * the exception's mark after it when they do not.
     */
    static void info(byte[] b, int p, int captured, int reported, TextBuffer info) {
        if (captured < 8) {
            info.append(Summarizer.truncationMark(8, reported));
            return;
        }
        int type = b[p] & 0x0f;
        if (type == 0x0d) {
            if (captured < 50) {
                info.append(Summarizer.truncationMark(50, reported));
                return;
            }
            int tlv = Bytes.u16BE(b, p + 48);
            if (tlv == 1 || tlv == 2) {
                if (captured < 54) {
                    info.append(Summarizer.truncationMark(54, reported));
                    return;
                }
                int id = Bytes.u16BE(b, p + 52);
                info.setLength(0);
                if (tlv == 1) {
                    info.append("Management (");
                    String name = managementId(id);
                    if (name != null) {
                        info.append(name);
                    } else {
                        info.append("Unknown management Id ").append(id);
                    }
                    int action = b[p + 46] & 0x0f;
                    info.append(") ");
                    if (action < ACTIONS.length) {
                        info.append(ACTIONS[action]);
                    } else {
                        info.append("Unknown Action ").append(action);
                    }
                } else {
                    info.append("Management Error Message (");
                    String name = id < ERRORS.length ? ERRORS[id] : id == 0xfffe ? "GENERAL_ERROR"
                            : id == 0xffff || id == 7 ? "Reserved" : null;
                    if (name != null) {
                        info.append(name);
                    } else {
                        info.append("Unknown Error Id ").append(id);
                    }
                    info.append(')');
                }
                return;
            }
        }
        info.setLength(0);
        String name = type < MESSAGES.length ? MESSAGES[type] : null;
        if (name != null) {
            info.append(name);
        } else {
            info.append("Unknown PTP Message (").append(type).append(')');
        }
    }

    private static String managementId(int id) {
        if (id < IDS_0000.length) {
            return IDS_0000[id];
        }
        if (id >= 0x2000 && id - 0x2000 < IDS_2000.length) {
            return IDS_2000[id - 0x2000];
        }
        if (id >= 0x4000 && id - 0x4000 < IDS_4000.length) {
            return IDS_4000[id - 0x4000];
        }
        if (id >= 0x6000 && id - 0x6000 < IDS_6000.length) {
            return IDS_6000[id - 0x6000];
        }
        return null;
    }

}
