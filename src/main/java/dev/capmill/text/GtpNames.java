package dev.capmill.text;

/**
 * GTP version 1 message types as tshark 4.0 names them in the Info column: the value string of the
 * field gtp.message, read from {@code tshark -G values} (tshark 4.0.17; packet-gtp.c's
 * gtp_message_type). A type without a name is not GTP to tshark: its heuristic leaves the datagram
 * to UDP.
 */
final class GtpNames {
    private GtpNames() {
    }

    private static final String[] NAMES = new String[256];

    static {
        NAMES[0] = "For future use";
        NAMES[1] = "Echo request";
        NAMES[2] = "Echo response";
        NAMES[3] = "Version not supported";
        NAMES[4] = "Node alive request";
        NAMES[5] = "Node alive response";
        NAMES[6] = "Redirection request";
        NAMES[7] = "Redirection response";
        NAMES[16] = "Create PDP context request";
        NAMES[17] = "Create PDP context response";
        NAMES[18] = "Update PDP context request";
        NAMES[19] = "Update PDP context response";
        NAMES[20] = "Delete PDP context request";
        NAMES[21] = "Delete PDP context response";
        NAMES[22] = "Initiate PDP Context Activation Request";
        NAMES[23] = "Initiate PDP Context Activation Response";
        NAMES[24] = "Delete AA PDP Context Request";
        NAMES[25] = "Delete AA PDP Context Response";
        NAMES[26] = "Error indication";
        NAMES[27] = "PDU notification request";
        NAMES[28] = "PDU notification response";
        NAMES[29] = "PDU notification reject request";
        NAMES[30] = "PDU notification reject response";
        NAMES[31] = "Supported extension header notification";
        NAMES[32] = "Send routing information for GPRS request";
        NAMES[33] = "Send routing information for GPRS response";
        NAMES[34] = "Failure report request";
        NAMES[35] = "Failure report response";
        NAMES[36] = "Note MS GPRS present request";
        NAMES[37] = "Note MS GPRS present response";
        NAMES[48] = "Identification request";
        NAMES[49] = "Identification response";
        NAMES[50] = "SGSN context request";
        NAMES[51] = "SGSN context response";
        NAMES[52] = "SGSN context acknowledgement";
        NAMES[53] = "Forward relocation request";
        NAMES[54] = "Forward relocation response";
        NAMES[55] = "Forward relocation complete";
        NAMES[56] = "Relocation cancel request";
        NAMES[57] = "Relocation cancel response";
        NAMES[58] = "Forward SRNS context";
        NAMES[59] = "Forward relocation complete acknowledge";
        NAMES[60] = "Forward SRNS context acknowledge";
        NAMES[61] = "UE Registration Query Request";
        NAMES[62] = "UE Registration Query Response";
        NAMES[70] = "RAN Information Relay";
        NAMES[96] = "MBMS Notification Request";
        NAMES[97] = "MBMS Notification Response";
        NAMES[98] = "MBMS Notification Reject Request";
        NAMES[99] = "MBMS Notification Reject Response";
        NAMES[100] = "Create MBMS Context Request";
        NAMES[101] = "Create MBMS Context Response";
        NAMES[102] = "Update MBMS Context Request";
        NAMES[103] = "Update MBMS Context Response";
        NAMES[104] = "Delete MBMS Context Request";
        NAMES[105] = "Delete MBMS Context Response";
        NAMES[112] = "MBMS Registration Request";
        NAMES[113] = "MBMS Registration Response";
        NAMES[114] = "MBMS De-Registration Request";
        NAMES[115] = "MBMS De-Registration Response";
        NAMES[116] = "MBMS Session Start Request";
        NAMES[117] = "MBMS Session Start Response";
        NAMES[118] = "MBMS Session Stop Request";
        NAMES[119] = "MBMS Session Stop Response";
        NAMES[120] = "MBMS Session Update Request";
        NAMES[121] = "MBMS Session Update Response";
        NAMES[128] = "MS Info Change Notification Request";
        NAMES[129] = "MS Info Change Notification Response";
        NAMES[240] = "Data record transfer request";
        NAMES[241] = "Data record transfer response";
        NAMES[254] = "End Marker";
        NAMES[255] = "T-PDU";
    }

    /** The name of message type {@code type} (0 to 255), or null. */
    static String of(int type) {
        return NAMES[type];
    }
}
