package dev.capmill.filter;

import java.net.Inet4Address;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.PcapHandle;

/**
 * One expression compiled by libpcap (through pcap4j, optimised, as tcpdump compiles it) and by
 * capmill, for the differential tests: each side's program, or its error message.
 */
record BothCompilers(org.pcap4j.core.BpfProgram ref, String refError, BpfProgram mine, String myError) {

    static BothCompilers compile(PcapHandle handle, String expression, int linkType, Inet4Address netmask) {
        org.pcap4j.core.BpfProgram ref = null;
        String refError = null;
        try {
            ref = handle.compileFilter(expression, BpfCompileMode.OPTIMIZE, netmask);
        } catch (Exception ex) {
            refError = ex.getMessage();
        }
        BpfProgram mine = null;
        String myError = null;
        try {
            mine = BpfProgram.compile(expression, linkType);
        } catch (FilterException ex) {
            myError = ex.getMessage();
        }
        return new BothCompilers(ref, refError, mine, myError);
    }
}
