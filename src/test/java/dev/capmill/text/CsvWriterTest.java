package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV is RFC 4180: read back by Jackson's CSV parser it gives tshark's values, unescaped. */
class CsvWriterTest {
    static List<List<String>> parse(String csv) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(csv)) {
            while (it.hasNext()) {
                rows.add(Arrays.asList(it.next()));
            }
        }
        return rows;
    }

    /** tshark's -T fields value with its escapes undone (\n, \r, \t, \b, \f). */
    static String unescape(String v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length() && "nrtbf".indexOf(v.charAt(i + 1)) >= 0) {
                char e = v.charAt(++i);
                sb.append(e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e == 'b' ? '\b' : '\f');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Test
    void quotesCommasAndLineBreaksSurviveAReadBack() throws IOException {
        List<String> golden = TextOutputs.lines(TextOutputs.read(TextOutputs.golden(TextOutputs.FIELDS, ".tshark-fields.tsv")));
        List<String> fields = Arrays.asList(golden.get(0).split("\t", -1));
        String csv = TextOutputs.csv(TextOutputs.FIELDS, TextOptions.defaults().fields(fields));
        assertTrue(csv.contains("\r\n"), "records end in CRLF");
        assertTrue(csv.contains(",\"say \"\"hi\"\", twice\","), "quotes doubled inside a quoted value");
        assertTrue(csv.contains(",\"reply\nwith two lines\ttab\","), "a line break stays inside quotes");
        List<List<String>> rows = parse(csv);
        assertEquals(49, rows.size(), "header and 48 records");
        assertEquals(fields, rows.get(0));
        // the same values as the TSV writer's, which the golden test holds to tshark's
        List<String> tsv = TextOutputs.lines(TextOutputs.tsv(TextOutputs.FIELDS, TextOptions.defaults().fields(fields)));
        for (int i = 1; i < rows.size(); i++) {
            List<String> expected = new ArrayList<>();
            for (String v : tsv.get(i - 1).split("\t", -1)) {
                expected.add(unescape(v));
            }
            assertEquals(expected, rows.get(i), "record " + i);
        }
        assertEquals("say \"hi\", twice", rows.get(3).get(fields.indexOf("frame.comment")));
        assertEquals("reply\nwith two lines\ttab", rows.get(10).get(fields.indexOf("frame.comment")));
        assertEquals("back\\slash\r\u0001 caf\u00e9", rows.get(12).get(fields.indexOf("frame.comment")));
    }

    @Test
    void unquotedWhenNothingNeedsQuotesAndHeaderOptional() throws IOException {
        String csv = TextOutputs.csv(TextOutputs.PCAP, TextOptions.defaults()
                .fields(List.of("frame.number", "ip.src", "tcp.flags", "_ws.col.Protocol")).header(false));
        List<String> lines = Arrays.asList(csv.split("\r\n", -1));
        assertEquals(25, lines.size(), "24 records and the empty rest after the last CRLF");
        assertEquals("1,,,ARP", lines.get(0));
        assertEquals("5,10.1.0.5,0x0002,TCP", lines.get(4));
        assertEquals("", lines.get(24));
    }

    @Test
    void defaultFieldsWithHeader() throws IOException {
        List<List<String>> rows = parse(TextOutputs.csv(TextOutputs.PCAP, TextOptions.defaults()));
        assertEquals(dev.capmill.text.fields.FieldRegistry.DEFAULT, rows.get(0));
        assertEquals(List.of("5", "1709294400.085440000", "10.1.0.5", "", "192.0.2.80", "", "6", "40000", "80", "", "",
                "58", "TCP", "40000 \u2192 80 [SYN] Seq=0 Win=64240 Len=0 MSS=1460"), rows.get(5));
    }

    @Test
    void anEmptyCaptureStillHasItsHeader() throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        dev.capmill.io.Output out = new dev.capmill.io.Output(bytes);
        dev.capmill.format.CaptureMetadata none = dev.capmill.format.CaptureMetadata.of(List.of(), List.of());
        CsvWriter w = new CsvWriter(out, none, TextOptions.defaults().fields(List.of("frame.number", "ip.src")));
        w.finish();
        assertEquals("frame.number,ip.src\r\n", bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
}
