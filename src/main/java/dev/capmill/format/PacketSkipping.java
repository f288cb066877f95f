package dev.capmill.format;

import java.io.IOException;

/**
 * An optional capability of a {@link CaptureReader}: leaving out packets its caller does not want
 * without decoding them, and, on a file, jumping over them without reading them. The pipeline
 * uses it to find a time window ({@code --from/--to}); nothing else needs it. Records that are
 * not packets (sections, interfaces, other blocks) are never left out, so the metadata read is the
 * same as without skipping. Call these between two {@link CaptureReader#next} calls: a jump moves
 * the input, so the record returned last is no longer valid afterwards.
 */
public interface PacketSkipping {
    /**
     * Leaves out the packets that come before the first packet at or after {@code seconds} +
     * {@code nanos} (epoch time), starting with the next record. A reader of a seekable file may
     * first jump forward to a record earlier than that time found by a binary search, without
     * reading what it jumps over: it assumes that the packets before that record are earlier
     * than the time, so a caller whose input is out of time order by up to some margin asks for
     * a time that much earlier. Packets without a time are left out too while skipping.
     */
    void skipUntil(long seconds, int nanos) throws IOException;

    /** Leaves out every further packet; records that are not packets still come (pcap has none). */
    void skipRemainingPackets() throws IOException;

    /** Packets left out so far that the reader looked at (the ones it jumped over are not counted). */
    long packetsSkipped();

    /** Bytes of the file the reader jumped over without reading them. */
    long bytesJumped();

    /** Bytes read from the input so far (all of it for a reader that neither skips nor jumps). */
    long bytesRead();
}
