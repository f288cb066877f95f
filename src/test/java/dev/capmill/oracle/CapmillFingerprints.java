package dev.capmill.oracle;

import dev.capmill.format.Diagnostics;
import dev.capmill.format.FormatRegistry;
import dev.capmill.format.ReadOptions;
import dev.capmill.model.PacketRecord;
import dev.capmill.pipeline.ConcatSource;
import dev.capmill.pipeline.InputFailure;
import dev.capmill.pipeline.Statistics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** capmill's own reading of a capture, summarised like {@link TsharkFingerprints} for comparison. */
public final class CapmillFingerprints {
    /** Result: the fingerprint, the error (empty when read to the end), the statistics `info` reports. */
    public static final class Reading {
        public final String fingerprint;
        public final String error;
        public final boolean truncated;
        public final Statistics stats;
        public final int unmappedLinkType;

        Reading(String fingerprint, String error, boolean truncated, Statistics stats, int unmappedLinkType) {
            this.fingerprint = fingerprint;
            this.error = error;
            this.truncated = truncated;
            this.stats = stats;
            this.unmappedLinkType = unmappedLinkType;
        }
    }

    private CapmillFingerprints() {
    }

    /**
     * Reads {@code file} with capmill. Link types are turned into Wireshark encapsulation numbers
     * by {@code linkToEncap}; an unknown link type is reported in {@code unmappedLinkType} (and
     * counted as encapsulation -2, which never matches). {@code perPacket} sees each packet with its
     * link type (for building the mapping), may be null.
     */
    public static Reading read(Path file, Map<Integer, Integer> linkToEncap, PacketVisitor perPacket) throws IOException {
        Fingerprint fp = new Fingerprint();
        Statistics st = new Statistics();
        int unmapped = -1;
        try (ConcatSource src = new ConcatSource(FormatRegistry.standard(),
                new ReadOptions(dev.capmill.format.ReadLimits.DEFAULT, false, new Diagnostics()), List.of(file.toString()))) {
            PacketRecord r = new PacketRecord();
            while (src.next(r)) {
                st.add(r);
                if (!r.isPacket()) {
                    continue;
                }
                int lt = src.interfaces().get(r.interfaceId()).linkType();
                Integer encap = linkToEncap.get(lt);
                if (encap == null) {
                    unmapped = lt;
                    encap = -2;
                }
                if (perPacket != null) {
                    perPacket.packet(r, lt);
                }
                fp.add(r.hasTimestamp(), r.seconds(), r.nanos(), r.originalLength(), r.capturedLength(), encap,
                        r.data(), r.offset());
            }
            String err = "";
            boolean trunc = false;
            for (InputFailure f : src.failures()) {
                err = f.cause().getMessage();
                trunc = f.truncation();
            }
            return new Reading(fp.summary(), err, trunc, st, unmapped);
        }
    }

    /** Sees each packet capmill reads, with its link type. */
    public interface PacketVisitor {
        void packet(PacketRecord r, int linkType);
    }

    static Consumer<String> none() {
        return s -> { };
    }
}
