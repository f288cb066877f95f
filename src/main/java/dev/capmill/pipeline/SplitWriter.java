package dev.capmill.pipeline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.capmill.format.CaptureFormat;
import dev.capmill.format.CaptureMetadata;
import dev.capmill.format.CaptureWriter;
import dev.capmill.format.WriteOptions;
import dev.capmill.io.Compression;
import dev.capmill.io.Sink;
import dev.capmill.model.PacketRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the stream into pieces: a new piece after {@code count} packets, when a packet's time
 * reaches the piece's start plus {@code durationNanos} (intervals aligned on the first packet's
 * time, as editcap -i; empty intervals make no file), or before a packet that would take the
 * piece past {@code sizeBytes}. Pieces are named {@code <base>_<NNNNN>_<yyyymmddTHHMMSSZ>.<ext>}
 * (the UTC time of the piece's first packet), so names sort in time order; every piece is a
 * complete capture with every interface declared so far. {@link #finish()} writes
 * {@code <base>_manifest.json}. Each piece is written atomically; {@link #abort()} removes every
 * piece of the run.
 */
public final class SplitWriter implements CaptureWriter {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final CaptureFormat format;
    private final CaptureMetadata metadata;
    private final WriteOptions options;
    private final String base;
    private final String ext;
    private final Collection<String> inputs;
    private final long count;
    private final long durationNanos;
    private final long sizeBytes;

    private final List<PacketRecord> held = new ArrayList<>();
    private final List<Map<String, Object>> manifest = new ArrayList<>();
    private final List<Path> committed = new ArrayList<>();
    private Sink sink;
    private CaptureWriter writer;
    private int pieceIndex;
    private long piecePackets;
    private long pieceBytes;
    private long intervalEndS;
    private long intervalEndN;
    private boolean anyInterval;
    private String firstTime;
    private String lastTime;
    private long lastSec;
    private int lastNs;
    private boolean haveLast;
    private final PacketRecord scratch = new PacketRecord();

    /** {@code output} is the name given with -o; its extension (and compression suffix) is kept for pieces. */
    public SplitWriter(CaptureFormat format, CaptureMetadata metadata, WriteOptions options, String output,
            Collection<String> inputs, long count, long durationNanos, long sizeBytes) {
        this.format = format;
        this.metadata = metadata;
        this.options = options;
        this.inputs = inputs;
        this.count = count;
        this.durationNanos = durationNanos;
        this.sizeBytes = sizeBytes;
        String stripped = Compression.stripSuffix(output);
        String compression = output.substring(stripped.length());
        String fileName = Path.of(stripped).getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String e = dot > 0 ? fileName.substring(dot) : "." + format.id();
        this.base = dot > 0 ? stripped.substring(0, stripped.length() - (fileName.length() - dot)) : stripped;
        this.ext = e + compression;
    }

    @Override
    public String formatId() {
        return format.id();
    }

    /** The manifest's path. */
    public Path manifestPath() {
        return Path.of(base + "_manifest.json");
    }

    public int pieces() {
        return manifest.size() + (sink != null ? 1 : 0);
    }

    @Override
    public void write(PacketRecord r) throws IOException {
        if (!r.isPacket()) {
            if (writer != null) {
                writer.write(r);
            } else if (r.kind() == PacketRecord.Kind.BLOCK) {
                held.add(r.copy());
            }
            return;
        }
        long size = 16L + r.capturedLength();
        if (writer == null || needsNewPiece(r, size)) {
            if (writer != null) {
                closePiece();
            }
            openPiece(r);
        }
        writer.write(r);
        piecePackets++;
        pieceBytes += size;
        if (r.hasTimestamp()) {
            // kept as numbers: formatting them for every packet cost more than writing the packet
            lastSec = r.seconds();
            lastNs = r.nanos();
            haveLast = true;
        }
    }

    private boolean needsNewPiece(PacketRecord r, long size) {
        if (count > 0 && piecePackets >= count) {
            return true;
        }
        if (sizeBytes > 0 && piecePackets > 0 && pieceBytes + size > sizeBytes) {
            return true;
        }
        if (durationNanos > 0 && r.hasTimestamp() && anyInterval && TimeSpec.compare(r, intervalEndS, intervalEndN) >= 0) {
            // move the interval on by whole durations until the packet is inside it
            while (TimeSpec.compare(r, intervalEndS, intervalEndN) >= 0) {
                advanceInterval();
            }
            return true;
        }
        return false;
    }

    private void advanceInterval() {
        long n = intervalEndN + durationNanos % 1_000_000_000L;
        intervalEndS += durationNanos / 1_000_000_000L + n / 1_000_000_000L;
        intervalEndN = n % 1_000_000_000L;
    }

    private void openPiece(PacketRecord first) throws IOException {
        if (durationNanos > 0 && !anyInterval && first.hasTimestamp()) {
            intervalEndS = first.seconds();
            intervalEndN = first.nanos();
            advanceInterval();
            anyInterval = true;
        }
        String stamp = STAMP.format(Instant.ofEpochSecond(first.hasTimestamp() ? first.seconds() : 0));
        String name = String.format("%s_%05d_%s%s", base, pieceIndex, stamp, ext);
        sink = Sink.open(name, inputs);
        writer = format.writer(sink.output(), metadata, options);
        piecePackets = 0;
        pieceBytes = 0;
        firstTime = first.hasTimestamp() ? time(first) : null;
        lastTime = firstTime;
        haveLast = false;
        // a complete capture: the section, then every interface declared so far
        if (!metadata.sections().isEmpty()) {
            scratch.reset(PacketRecord.Kind.SECTION).setSectionIndex(0);
            writer.write(scratch);
        }
        for (int i = 0; i < metadata.interfaces().size(); i++) {
            scratch.reset(PacketRecord.Kind.INTERFACE).setInterfaceId(i)
                    .setSectionIndex(metadata.interfaces().get(i).sectionIndex());
            writer.write(scratch);
        }
        for (PacketRecord b : held) {
            writer.write(b);
        }
        held.clear();
    }

    private static String time(PacketRecord r) {
        return r.seconds() + "." + String.format("%09d", r.nanos());
    }

    private void closePiece() throws IOException {
        if (haveLast) {
            lastTime = lastSec + "." + String.format("%09d", lastNs);
        }
        writer.finish();
        sink.commit();
        Path p = Path.of(sink.name());
        committed.add(p);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", pieceIndex);
        m.put("file", p.getFileName().toString());
        m.put("packets", piecePackets);
        m.put("bytes", Files.size(p));
        m.put("first_time", firstTime == null ? null : new java.math.BigDecimal(firstTime));
        m.put("last_time", lastTime == null ? null : new java.math.BigDecimal(lastTime));
        m.put("first_time_utc", firstTime == null ? null : iso(firstTime));
        m.put("last_time_utc", lastTime == null ? null : iso(lastTime));
        manifest.add(m);
        pieceIndex++;
        sink = null;
        writer = null;
    }

    private static String iso(String t) {
        int dot = t.indexOf('.');
        return Instant.ofEpochSecond(Long.parseLong(t.substring(0, dot)), Long.parseLong(t.substring(dot + 1))).toString();
    }

    @Override
    public void finish() throws IOException {
        if (writer != null) {
            closePiece();
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", format.id());
        doc.put("pieces", manifest);
        Sink m = Sink.open(manifestPath().toString(), inputs);
        try (m) {
            byte[] json = json(doc);
            m.output().bytes(json, 0, json.length);
            m.output().bytes(new byte[] {'\n'}, 0, 1);
            m.commit();
        }
        committed.add(manifestPath());
    }

    /**
     * The manifest as indented JSON, through Jackson's streaming generator: an ObjectMapper costs
     * about a tenth of a second of CPU to set up, more than writing a small split takes.
     */
    static byte[] json(Map<String, Object> doc) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(bytes).useDefaultPrettyPrinter()) {
            value(g, doc);
        }
        return bytes.toByteArray();
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName(e.getKey().toString());
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object o : list) {
                value(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof java.math.BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else {
            g.writeString(v.toString());
        }
    }

    /** Removes the piece being written and every piece written before. */
    public void abort() {
        if (sink != null) {
            sink.abort();
            sink = null;
        }
        for (Path p : committed) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** Names of the pieces written (and the manifest), for messages. */
    public List<Path> written() {
        return committed;
    }
}
