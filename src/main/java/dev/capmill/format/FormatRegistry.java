package dev.capmill.format;

import dev.capmill.format.etl.EtlFormat;
import dev.capmill.format.netmon.NetmonFormat;
import dev.capmill.format.netxray.NetxrayFormat;
import dev.capmill.format.pcap.PcapFormat;
import dev.capmill.format.pcapng.PcapngFormat;
import dev.capmill.format.sniffer.SnifferFormat;
import dev.capmill.io.Input;
import dev.capmill.io.Sources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The formats capmill knows, in probe order: magic-number formats first, heuristic ones last.
 * Adding a format is one line in {@link #standard()}.
 */
public final class FormatRegistry {
    private final List<CaptureFormat> formats;

    public FormatRegistry(List<CaptureFormat> formats) {
        this.formats = List.copyOf(formats);
    }

    public static FormatRegistry standard() {
        List<CaptureFormat> f = new ArrayList<>();
        f.add(new PcapngFormat());
        f.add(new PcapFormat());
        f.add(new NetmonFormat());
        f.add(new SnifferFormat());
        f.add(new NetxrayFormat());
        f.add(new EtlFormat());
        f.add(new dev.capmill.text.TextFormat());
        f.add(new dev.capmill.text.CsvFormat());
        f.add(new dev.capmill.text.TsvFormat());
        return new FormatRegistry(f);
    }

    public List<CaptureFormat> formats() {
        return formats;
    }

    /** The format with this id, or null. */
    public CaptureFormat byId(String id) {
        for (CaptureFormat f : formats) {
            if (f.id().equalsIgnoreCase(id)) {
                return f;
            }
        }
        return null;
    }

    /** The writable format whose extension ends this (uncompressed) output name, or null. */
    public CaptureFormat byOutputName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (CaptureFormat f : formats) {
            if (!f.writable()) {
                continue;
            }
            for (String ext : f.extensions()) {
                if (lower.endsWith("." + ext)) {
                    return f;
                }
            }
        }
        return null;
    }

    /** The format of the input at its current position (nothing is consumed). */
    public CaptureFormat detect(Input in) throws IOException {
        in.ensure(CaptureFormat.PROBE_BYTES);
        int n = Math.min(in.available(), CaptureFormat.PROBE_BYTES);
        byte[] head = new byte[n];
        System.arraycopy(in.buffer(), in.pos(), head, 0, n);
        for (CaptureFormat f : formats) {
            if (f.probe(head, n)) {
                return f;
            }
        }
        throw new CaptureException.UnknownFormat(KnownSignatures.describe(head, n, in.compressed()));
    }

    /** Opens {@code name} (a path or "-"), decompressing and detecting the format. */
    public CaptureReader open(String name, ReadOptions options) throws IOException {
        Input in = Sources.open(name, options.bufferSize());
        try {
            return detect(in).open(in, options);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }
}
