package dev.capmill.oracle;

import dev.capmill.format.Diagnostics;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadLimits;
import dev.capmill.format.ReadOptions;
import dev.capmill.model.PacketRecord;
import dev.capmill.pipeline.ConcatSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reading the committed per-packet goldens of testdata/, and producing the same rows from capmill's reading. */
public final class Goldens {
    private Goldens() {
    }

    /** The committed rows for a fixture (header line dropped). */
    public static List<String> rows(Path fixture) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(TestdataGolden.goldenOf(fixture), StandardCharsets.UTF_8)) {
            if (!l.startsWith("#")) {
                out.add(l);
            }
        }
        return out;
    }

    /** capmill's reading of {@code file} in the golden rows' form. Fails on any read problem. */
    public static List<String> capmillRows(Path file, Map<Integer, Integer> linkToEncap) throws IOException {
        List<String> out = new ArrayList<>();
        try (ConcatSource src = new ConcatSource(FormatRegistry.standard(),
                new ReadOptions(ReadLimits.DEFAULT, false, new Diagnostics()), List.of(file.toString()))) {
            PacketRecord r = new PacketRecord();
            while (src.next(r)) {
                if (r.isPacket()) {
                    int lt = src.interfaces().get(r.interfaceId()).linkType();
                    Integer e = linkToEncap.get(lt);
                    out.add(TestdataGolden.row(r.hasTimestamp(), r.seconds(), r.nanos(), r.originalLength(),
                            r.capturedLength(), e == null ? -2 : e, r.data(), r.offset()));
                }
            }
            if (!src.failures().isEmpty()) {
                throw new IOException(src.failures().get(0).message());
            }
        }
        return out;
    }
}
