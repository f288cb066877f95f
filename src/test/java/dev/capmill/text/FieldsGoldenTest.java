package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.text.fields.FieldRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TSV of every field capmill extracts against {@code TZ=UTC tshark -n -T fields -E header=y -e ...}
 * (TShark 4.0.17, committed beside the captures). Every value must be tshark's, except the
 * Protocol and Info columns of packets whose application protocol (DNS, HTTP, NBNS, NTP) or TCP
 * analysis flags are not decoded yet.
 */
class FieldsGoldenTest {
    @ParameterizedTest
    @ValueSource(strings = {"pcap/sample.pcap", "pcap/sample-nsec.pcap", "pcapng/sample-fields.pcapng"})
    void everyFieldIsTsharks(String name) throws IOException {
        Path capture = TextOutputs.PCAP.getParent().getParent().resolve(name);
        List<String> golden = TextOutputs.lines(TextOutputs.read(TextOutputs.golden(capture, ".tshark-fields.tsv")));
        List<String> fields = Arrays.asList(golden.get(0).split("\t", -1));
        assertEquals(FieldRegistry.standard().names(), fields, "the golden covers every field, in registry order");
        List<String> mine = TextOutputs.lines(TextOutputs.tsv(capture, TextOptions.defaults().fields(fields).header(true)));
        assertEquals(golden.size(), mine.size(), "header and one line per packet");
        assertEquals(golden.get(0), mine.get(0), "header row");
        int protocol = fields.indexOf("_ws.col.Protocol");
        int info = fields.indexOf("_ws.col.Info");
        int identical = 0;
        for (int i = 1; i < golden.size(); i++) {
            String[] g = golden.get(i).split("\t", -1);
            String[] m = mine.get(i).split("\t", -1);
            assertEquals(fields.size(), m.length, "frame " + i + ": one value per field");
            // the pcapng holds each packet twice (interfaces 0 and 1): the summary's columns of the
            // second copies (retransmissions, duplicate echo replies to tshark) are not compared yet
            boolean copy = "1".equals(g[fields.indexOf("frame.interface_id")]);
            boolean decoded = TextOutputs.DECODED.contains(g[protocol]) && !copy;
            for (int f = 0; f < fields.size(); f++) {
                if (decoded || (f != protocol && f != info)) {
                    assertEquals(g[f], m[f], name + " frame " + i + " " + fields.get(f));
                }
            }
            if (golden.get(i).equals(mine.get(i))) {
                identical++;
            }
        }
        // sample.pcap: 15 of 24 frames decoded to the end; sample-fields.pcapng holds it twice
        assertEquals(name.startsWith("pcapng") ? 20 : 15, identical, "lines identical to tshark's");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pcap/sample.pcap", "pcapng/sample-fields.pcapng"})
    void withoutHeaderTheLinesAreTsharksLineForLine(String name) throws IOException {
        Path capture = TextOutputs.PCAP.getParent().getParent().resolve(name);
        List<String> golden = TextOutputs.lines(TextOutputs.read(TextOutputs.golden(capture, ".tshark-fields.tsv")));
        List<String> some = List.of("frame.number", "frame.time", "frame.comment", "eth.type", "vlan.id", "ip.id",
                "tcp.seq", "tcp.flags");
        List<String> all = Arrays.asList(golden.get(0).split("\t", -1));
        List<String> mine = TextOutputs.lines(TextOutputs.tsv(capture, TextOptions.defaults().fields(some)));
        assertEquals(golden.size() - 1, mine.size(), "no header by default, as tshark");
        for (int i = 1; i < golden.size(); i++) {
            String[] g = golden.get(i).split("\t", -1);
            StringBuilder expected = new StringBuilder();
            for (String f : some) {
                expected.append(expected.length() == 0 ? "" : "\t").append(g[all.indexOf(f)]);
            }
            assertEquals(expected.toString(), mine.get(i - 1));
        }
        if (name.startsWith("pcapng")) {
            // tshark escapes tab, CR and LF (and \b, \f) inside a value, nothing else
            assertTrue(mine.get(9).contains("\treply\\nwith two lines\\ttab\t"), mine.get(9));
            assertTrue(mine.get(11).contains("\tback\\slash\\r\u0001 caf\u00e9\t"), mine.get(11));
            assertTrue(mine.get(2).contains("\tsay \"hi\", twice\t"), mine.get(2));
        }
    }
}
