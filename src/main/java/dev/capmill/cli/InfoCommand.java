package dev.capmill.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.capmill.format.CaptureReader;
import dev.capmill.format.Diagnostics;
import dev.capmill.format.FormatRegistry;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.LinkType;
import dev.capmill.model.Options;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import dev.capmill.pipeline.ConcatSource;
import dev.capmill.pipeline.InputFailure;
import dev.capmill.pipeline.Statistics;
import dev.capmill.text.Times;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, name = "info",
        description = {"Describe captures, as capinfos does.",
            "",
            "For each file: format, encapsulation(s), packet count, data size, first and last packet "
                + "time (UTC), duration, data and packet rates, average packet size, snapshot length, "
                + "time order, interfaces with names, link types and packet counts, section metadata "
                + "(hardware, OS, application, comments) and counts of metadata blocks.",
            "",
            "For ETL files also what was read besides packets: buffers, trace records, events, packet "
                + "and metadata events, every other event counted by provider and event id, and the "
                + "buffers the trace flags as having lost events."},
        footer = {"%nExamples:",
            "  capmill info trace.pcapng",
            "  capmill info --json *.pcap > summary.json"})
public final class InfoCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Captures to describe (\"-\" for standard input).")
    List<String> files;

    @Option(names = "--json", description = "Write one JSON document: an array with an object per file.")
    boolean json;

    @Mixin
    ReadingOptions reading;

    private final FormatRegistry registry = FormatRegistry.standard();

    @Override
    public Integer call() throws IOException {
        int exit = ExitCodes.OK;
        List<Map<String, Object>> all = new ArrayList<>();
        PrintStream out = System.out;
        for (String f : files) {
            Diagnostics diag = new Diagnostics();
            Map<String, Object> info = new LinkedHashMap<>();
            int code = describe(f, diag, info);
            exit = Math.max(exit, code);
            Console.warnings(diag, reading.quiet);
            if (info.isEmpty()) {
                continue;
            }
            if (json) {
                all.add(info);
            } else {
                if (all.size() > 0 || files.indexOf(f) > 0) {
                    out.println();
                }
                printText(out, info);
                all.add(info);
            }
        }
        if (json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(m.writeValueAsString(all));
        }
        out.flush();
        return exit;
    }

    private int describe(String file, Diagnostics diag, Map<String, Object> info) throws IOException {
        Statistics st = new Statistics();
        int exit = ExitCodes.OK;
        try (ConcatSource src = new ConcatSource(registry, reading.readOptions(diag), List.of(file))) {
            PacketRecord r = new PacketRecord();
            CaptureReader reader = null;
            while (src.next(r)) {
                st.add(r);
                if (reader == null) {
                    reader = src.currentReader(); // kept for its details, which are complete at the end
                }
            }
            List<InputFailure> failures = src.failures();
            for (InputFailure fail : failures) {
                if (fail.truncation() && !reading.strict) {
                    if (!reading.quiet) {
                        Console.warning(fail.message() + " (figures cover the packets before it)");
                    }
                } else {
                    Console.error(fail.message());
                    exit = ExitCodes.INPUT;
                }
            }
            if (src.fileTypes().isEmpty() || "?".equals(src.fileTypes().get(0))) {
                return exit;
            }
            fill(info, file, src, st, failures);
            Map<String, Object> details = reader != null ? reader.details() : Map.of();
            if (!details.isEmpty()) {
                info.put("formatDetails", details);
            }
        }
        return exit;
    }

    private void fill(Map<String, Object> info, String file, ConcatSource src, Statistics st, List<InputFailure> failures) {
        info.put("file", file);
        info.put("fileType", src.fileTypes().get(0));
        try {
            if (!"-".equals(file)) {
                info.put("fileSize", Files.size(Path.of(file)));
            }
        } catch (IOException e) {
            // size unknown; leave it out
        }
        List<InterfaceInfo> ifs = src.interfaces();
        Map<Integer, Long> inUse = st.linkTypesInUse(src);
        List<Map<String, Object>> encaps = new ArrayList<>();
        for (Map.Entry<Integer, Long> e : inUse.entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("linkType", e.getKey());
            m.put("name", LinkType.describe(e.getKey()));
            m.put("packets", e.getValue());
            encaps.add(m);
        }
        info.put("encapsulation", encapsulation(ifs, inUse));
        info.put("encapsulationsInUse", encaps);
        info.put("timePrecisionDigits", precision(ifs));
        info.put("packets", st.packets());
        info.put("dataBytes", st.dataBytes());
        info.put("capturedBytes", st.capturedBytes());
        if (st.packetsWithoutTime() > 0) {
            info.put("packetsWithoutTime", st.packetsWithoutTime());
        }
        int digits = precision(ifs);
        if (st.hasTimes()) {
            double dur = st.durationSeconds();
            info.put("firstTime", Times.utc(st.firstSeconds(), st.firstNanos(), digits));
            info.put("lastTime", Times.utc(st.lastSeconds(), st.lastNanos(), digits));
            info.put("firstEpoch", Times.epoch(st.firstSeconds(), st.firstNanos()));
            info.put("lastEpoch", Times.epoch(st.lastSeconds(), st.lastNanos()));
            info.put("durationSeconds", Times.epochDiff(st.firstSeconds(), st.firstNanos(), st.lastSeconds(), st.lastNanos()));
            if (dur > 0) {
                info.put("dataByteRate", round2(st.dataBytes() / dur));
                info.put("dataBitRate", round2(st.dataBytes() * 8 / dur));
                info.put("packetRate", round2(st.packets() / dur));
            }
        }
        if (st.packets() > 0) {
            info.put("averagePacketSize", round2((double) st.dataBytes() / st.packets()));
        }
        info.put("strictTimeOrder", st.strictTimeOrder());
        List<Map<String, Object>> secs = new ArrayList<>();
        for (SectionInfo s : src.sections()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", s.index());
            m.put("version", s.majorVersion() + "." + s.minorVersion());
            m.put("byteOrder", s.bigEndian() ? "big-endian" : "little-endian");
            putIfPresent(m, "hardware", s.options().string(SectionInfo.OPT_HARDWARE, null));
            putIfPresent(m, "os", s.options().string(SectionInfo.OPT_OS, null));
            putIfPresent(m, "application", s.options().string(SectionInfo.OPT_USERAPPL, null));
            List<String> comments = s.options().strings(Options.COMMENT);
            if (!comments.isEmpty()) {
                m.put("comments", comments);
            }
            secs.add(m);
        }
        info.put("sections", secs);
        List<Map<String, Object>> ifl = new ArrayList<>();
        for (int i = 0; i < ifs.size(); i++) {
            InterfaceInfo f = ifs.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", i);
            putIfPresent(m, "name", f.name());
            putIfPresent(m, "description", f.description());
            m.put("linkType", f.linkType());
            m.put("linkTypeName", LinkType.describe(f.linkType()));
            m.put("snapLength", f.snapLength());
            m.put("timePrecisionDigits", f.precisionDigits());
            if (f.tsOffset() != 0) {
                m.put("tsOffsetSeconds", f.tsOffset());
            }
            if (f.fcsLength() >= 0) {
                m.put("fcsLength", f.fcsLength());
            }
            m.put("section", f.sectionIndex());
            m.put("packets", st.packetsOnInterface(i));
            ifl.add(m);
        }
        info.put("interfaces", ifl);
        if (st.comments() > 0) {
            info.put("packetComments", st.comments());
        }
        if (!st.blocks().isEmpty()) {
            Map<String, Object> b = new LinkedHashMap<>();
            st.blocks().forEach((type, n) -> b.put(blockName(type), n[0]));
            info.put("metadataBlocks", b);
        }
        if (!failures.isEmpty()) {
            List<String> msgs = new ArrayList<>();
            failures.forEach(x -> msgs.add(x.message()));
            info.put("problems", msgs);
        }
    }

    static String blockName(int type) {
        switch (type) {
            case 4: return "NRB (name resolution)";
            case 5: return "ISB (interface statistics)";
            case 0x0A: return "DSB (decryption secrets)";
            case 0xBAD: return "custom (copyable)";
            case 0x40000BAD: return "custom (do not copy)";
            default: return String.format(Locale.ROOT, "block type 0x%08x", type);
        }
    }

    private static String encapsulation(List<InterfaceInfo> ifs, Map<Integer, Long> inUse) {
        java.util.Set<Integer> types = new java.util.TreeSet<>();
        for (InterfaceInfo f : ifs) {
            types.add(f.linkType());
        }
        if (types.size() == 1) {
            return LinkType.describe(types.iterator().next());
        }
        return types.isEmpty() ? "(none)" : "per packet";
    }

    private static int precision(List<InterfaceInfo> ifs) {
        int p = ifs.isEmpty() ? 6 : 0;
        for (InterfaceInfo f : ifs) {
            p = Math.max(p, f.precisionDigits());
        }
        return p;
    }

    private static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    private static void putIfPresent(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintStream out, Map<String, Object> info) {
        row(out, "File name", info.get("file"));
        row(out, "File type", info.get("fileType"));
        row(out, "File encapsulation", info.get("encapsulation"));
        List<Map<String, Object>> encaps = (List<Map<String, Object>>) info.get("encapsulationsInUse");
        if (encaps.size() > 1) {
            out.println("Encapsulation in use by packets (# of pkts):");
            for (Map<String, Object> e : encaps) {
                out.printf(Locale.ROOT, "%-22s%s (%d)%n", "", e.get("name"), e.get("packets"));
            }
        }
        row(out, "Timestamp precision", digitsName((Integer) info.get("timePrecisionDigits")));
        row(out, "Number of packets", info.get("packets"));
        if (info.containsKey("packetsWithoutTime")) {
            row(out, "Packets without time", info.get("packetsWithoutTime"));
        }
        if (info.containsKey("fileSize")) {
            row(out, "File size", info.get("fileSize") + " bytes");
        }
        row(out, "Data size", info.get("dataBytes") + " bytes");
        row(out, "Captured size", info.get("capturedBytes") + " bytes");
        if (info.containsKey("firstTime")) {
            row(out, "Capture duration", digits((String) info.get("durationSeconds"),
                    (Integer) info.get("timePrecisionDigits")) + " seconds");
            row(out, "First packet time", info.get("firstTime"));
            row(out, "Last packet time", info.get("lastTime"));
        }
        if (info.containsKey("dataByteRate")) {
            row(out, "Data byte rate", String.format(Locale.ROOT, "%.2f bytes/s", (Double) info.get("dataByteRate")));
            row(out, "Data bit rate", String.format(Locale.ROOT, "%.2f bits/s", (Double) info.get("dataBitRate")));
        }
        if (info.containsKey("averagePacketSize")) {
            row(out, "Average packet size", String.format(Locale.ROOT, "%.2f bytes", (Double) info.get("averagePacketSize")));
        }
        if (info.containsKey("packetRate")) {
            row(out, "Average packet rate", String.format(Locale.ROOT, "%.2f packets/s", (Double) info.get("packetRate")));
        }
        row(out, "Strict time order", (Boolean) info.get("strictTimeOrder") ? "True" : "False");
        List<Map<String, Object>> secs = (List<Map<String, Object>>) info.get("sections");
        for (Map<String, Object> s : secs) {
            String p = secs.size() > 1 ? "Section #" + s.get("index") + " " : "";
            if (s.containsKey("hardware")) {
                row(out, p + "Capture hardware", s.get("hardware"));
            }
            if (s.containsKey("os")) {
                row(out, p + "Capture oper-sys", s.get("os"));
            }
            if (s.containsKey("application")) {
                row(out, p + "Capture application", s.get("application"));
            }
            if (s.containsKey("comments")) {
                for (Object c : (List<Object>) s.get("comments")) {
                    row(out, p + "Capture comment", c);
                }
            }
        }
        List<Map<String, Object>> ifs = (List<Map<String, Object>>) info.get("interfaces");
        row(out, "Number of interfaces", ifs.size());
        for (Map<String, Object> f : ifs) {
            out.println("Interface #" + f.get("id") + " info:");
            String ind = String.format("%22s", "");
            if (f.containsKey("name")) {
                out.println(ind + "Name = " + f.get("name"));
            }
            if (f.containsKey("description")) {
                out.println(ind + "Description = " + f.get("description"));
            }
            out.println(ind + "Encapsulation = " + f.get("linkTypeName") + " (LINKTYPE " + f.get("linkType") + ")");
            out.println(ind + "Capture length = " + f.get("snapLength"));
            out.println(ind + "Time precision = " + digitsName((Integer) f.get("timePrecisionDigits")));
            if (f.containsKey("fcsLength")) {
                out.println(ind + "FCS length = " + f.get("fcsLength"));
            }
            out.println(ind + "Number of packets = " + f.get("packets"));
        }
        if (info.containsKey("packetComments")) {
            row(out, "Packet comments", info.get("packetComments"));
        }
        if (info.containsKey("metadataBlocks")) {
            out.println("Metadata blocks:");
            ((Map<String, Object>) info.get("metadataBlocks")).forEach((k, v) ->
                    out.printf(Locale.ROOT, "%-22s%s: %s%n", "", k, v));
        }
        if (info.containsKey("formatDetails")) {
            ((Map<String, Object>) info.get("formatDetails")).forEach((k, v) -> {
                if (v instanceof Map) {
                    Map<String, Object> m = (Map<String, Object>) v;
                    if (m.isEmpty()) {
                        row(out, k, "none");
                    } else {
                        out.println(k + ":");
                    }
                    m.forEach((k2, v2) -> out.printf(Locale.ROOT, "%-22s%s: %s%n", "", k2, v2));
                } else {
                    row(out, k, v);
                }
            });
        }
    }

    /** "0.534394000" cut to {@code d} fraction digits, as capinfos prints at the file's precision. */
    private static String digits(String nineDigits, int d) {
        int dot = nineDigits.indexOf('.');
        return d == 0 ? nineDigits.substring(0, dot) : nineDigits.substring(0, Math.min(nineDigits.length(), dot + 1 + d));
    }

    private static String digitsName(int d) {
        switch (d) {
            case 0: return "seconds (0)";
            case 3: return "milliseconds (3)";
            case 6: return "microseconds (6)";
            case 9: return "nanoseconds (9)";
            default: return "10^-" + d + " seconds (" + d + ")";
        }
    }

    private static void row(PrintStream out, String label, Object value) {
        out.printf(Locale.ROOT, label.length() < 21 ? "%-22s%s%n" : "%s %s%n", label + ":", value);
    }
}
