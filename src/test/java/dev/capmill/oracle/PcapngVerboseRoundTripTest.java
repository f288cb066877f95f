package dev.capmill.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.capmill.format.WriteOptions;
import dev.capmill.testing.Shared;
import dev.capmill.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * pcapng → capmill → pcapng keeps every block and option: tshark's most detailed view of the
 * copy ({@code -V}, with the interface, comment and packet-flag lines it prints) equals its view
 * of the original, file names aside. Files rich in metadata: comments, every IDB/EPB option,
 * if_tsresol/if_tsoffset, several sections, NRB/ISB/DSB blocks, obsolete Packet Blocks.
 */
class PcapngVerboseRoundTripTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {
        "testdata/pcapng/sample-comments.pcapng",
        "testdata/pcapng/sample-two-linktypes.pcapng",
        "corpus/pcapng-test-generator/output_le/basic/test007.pcapng",
        "corpus/pcapng-test-generator/output_be/basic/test008.pcapng",
        "corpus/pcapng-test-generator/output_le/basic/test009.pcapng",
        "corpus/pcapng-test-generator/output_be/advanced/test100.pcapng",
        "corpus/pcapng-test-generator/output_le/advanced/test101.pcapng",
        "corpus/pcapng-test-generator/output_be/difficult/test201.pcapng",
        "corpus/mgajda-pcapng/test/wireshark/tls12-dsb.pcapng",
        "corpus/mgajda-pcapng/test/pcapng.org/many_interfaces.pcapng",
        "corpus/scapy/test/pcaps/pfcp.pcap",
        "corpus/generated/multi_section_mixed_endian.pcapng",
        "corpus/tcpdump/tests/dhcp-option-108.pcapng",
    })
    void tsharkShowsTheCopyAsTheOriginal(String name) throws IOException {
        Path original;
        if (name.startsWith("corpus/")) {
            original = Shared.requireCorpus().resolve(name.substring("corpus/".length()));
        } else {
            original = Shared.projectDir().resolve(name);
        }
        Tools.require("tshark");
        assertTrue(Files.isRegularFile(original), original + " is missing");
        Path copy = tmp.resolve("copy.pcapng");
        CorpusConvertOracleTest.convert(List.of(original.toString()), copy, "pcapng", WriteOptions.PcapPrecision.AUTO);
        List<String> want = verbose(original);
        List<String> got = verbose(copy);
        assertTrue(want.size() > 10, "tshark said too little about " + name);
        assertEquals(String.join("\n", want), String.join("\n", got), name + ": tshark -V differs after the round trip");
    }

    /** tshark -V, without the lines that name the file or depend on where it is. */
    private static List<String> verbose(Path f) throws IOException {
        Tools.Result r = Tools.run(List.of("tshark", "-r", f.toString(), "-V"));
        List<String> out = new ArrayList<>();
        for (String l : r.outText().split("\n")) {
            String t = l.trim();
            if (t.startsWith("[File Name") || t.startsWith("File Name")) {
                continue;
            }
            out.add(l);
        }
        return out.stream().collect(Collectors.toList());
    }
}
