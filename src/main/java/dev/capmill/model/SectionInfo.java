package dev.capmill.model;

/** A pcapng section (SHB), or the one implicit section of the other formats. */
public final class SectionInfo {
    /** shb_hardware */
    public static final int OPT_HARDWARE = 2;
    /** shb_os */
    public static final int OPT_OS = 3;
    /** shb_userappl */
    public static final int OPT_USERAPPL = 4;

    private int index;
    private int majorVersion = 1;
    private int minorVersion;
    private long sectionLength = -1;
    private boolean bigEndian;
    private final Options options = new Options();

    public int index() {
        return index;
    }

    public SectionInfo setIndex(int i) {
        index = i;
        return this;
    }

    public int majorVersion() {
        return majorVersion;
    }

    public int minorVersion() {
        return minorVersion;
    }

    public SectionInfo setVersion(int major, int minor) {
        majorVersion = major;
        minorVersion = minor;
        return this;
    }

    /** The SHB's section length, -1 when unknown (as most writers leave it). */
    public long sectionLength() {
        return sectionLength;
    }

    public SectionInfo setSectionLength(long l) {
        sectionLength = l;
        return this;
    }

    /** Byte order the section was stored in (informative; options are kept little-endian). */
    public boolean bigEndian() {
        return bigEndian;
    }

    public SectionInfo setBigEndian(boolean b) {
        bigEndian = b;
        return this;
    }

    /** SHB options: comments, shb_hardware, shb_os, shb_userappl, custom options, little-endian where known. */
    public Options options() {
        return options;
    }

    public SectionInfo copy() {
        SectionInfo c = new SectionInfo();
        c.index = index;
        c.majorVersion = majorVersion;
        c.minorVersion = minorVersion;
        c.sectionLength = sectionLength;
        c.bigEndian = bigEndian;
        c.options.copyFrom(options);
        return c;
    }
}
