package dev.capmill.model;

/**
 * One capture interface: a pcap file's single link, a pcapng IDB, one media type of a NetMon file.
 * Mutable while the reader builds it; readers hand it out once declared and do not change it after.
 */
public final class InterfaceInfo {
    /** if_name */
    public static final int OPT_NAME = 2;
    /** if_description */
    public static final int OPT_DESCRIPTION = 3;
    /** if_tsresol */
    public static final int OPT_TSRESOL = 9;
    /** if_fcslen */
    public static final int OPT_FCSLEN = 13;
    /** if_tsoffset */
    public static final int OPT_TSOFFSET = 14;

    private int linkType;
    private long snapLength;
    private int tsResolution = 6;
    private long tsOffset;
    private int fcsLength = -1;
    private int sectionIndex;
    private String source = "";
    private boolean idRecorded;
    private int shownDigits = -1;
    private final Options options = new Options();

    public int linkType() {
        return linkType;
    }

    public InterfaceInfo setLinkType(int lt) {
        linkType = lt;
        return this;
    }

    /** Snapshot length; 0 means unlimited (pcapng) or unknown. */
    public long snapLength() {
        return snapLength;
    }

    public InterfaceInfo setSnapLength(long s) {
        snapLength = s;
        return this;
    }

    /**
     * Timestamp resolution in the pcapng if_tsresol encoding: bit 7 clear, 10^-n seconds; set,
     * 2^-n seconds. 6 (microseconds) is the default of both pcap and pcapng.
     */
    public int tsResolution() {
        return tsResolution;
    }

    public InterfaceInfo setTsResolution(int r) {
        tsResolution = r;
        return this;
    }

    /** Seconds added to every timestamp of this interface (pcapng if_tsoffset). */
    public long tsOffset() {
        return tsOffset;
    }

    public InterfaceInfo setTsOffset(long s) {
        tsOffset = s;
        return this;
    }

    /** Bytes of frame check sequence at the end of every packet, or -1 when unknown. */
    public int fcsLength() {
        return fcsLength;
    }

    public InterfaceInfo setFcsLength(int n) {
        fcsLength = n;
        return this;
    }

    public int sectionIndex() {
        return sectionIndex;
    }

    public InterfaceInfo setSectionIndex(int i) {
        sectionIndex = i;
        return this;
    }

    /** Where the interface came from (an input name when several inputs are combined), for messages. */
    public String source() {
        return source;
    }

    public InterfaceInfo setSource(String s) {
        source = s;
        return this;
    }

    /**
     * Whether the file names this interface in each packet record (pcapng's interface id); tshark
     * shows frame.interface_id only for such files.
     */
    public boolean idRecorded() {
        return idRecorded;
    }

    public InterfaceInfo setIdRecorded(boolean b) {
        idRecorded = b;
        return this;
    }

    /**
     * Fraction digits tshark shows for this interface's times when it reads the file itself, where
     * that is not what the resolution implies (NetMon 2 files: Wireshark reads them at nanosecond
     * precision, 9 digits, though their ticks are of 100 ns or 1 µs); -1 to derive it from the
     * resolution. Not written to any output.
     */
    public int shownDigits() {
        return shownDigits;
    }

    public InterfaceInfo setShownDigits(int digits) {
        shownDigits = digits;
        return this;
    }

    /** Every IDB option as read, little-endian where the layout is known (if_tsresol and if_tsoffset included). */
    public Options options() {
        return options;
    }

    public String name() {
        return options.string(OPT_NAME, null);
    }

    public String description() {
        return options.string(OPT_DESCRIPTION, null);
    }

    /** Whether timestamps of this interface are in decimal units of at most nanosecond precision. */
    public boolean decimalResolution() {
        return (tsResolution & 0x80) == 0;
    }

    /** Digits after the decimal point that this interface's time resolution gives (9 at most). */
    public int precisionDigits() {
        if (decimalResolution()) {
            return Math.min(tsResolution, 9);
        }
        int p = tsResolution & 0x7F;
        // 2^-p s: enough decimal digits to show one tick, as Wireshark rounds it.
        return p == 0 ? 0 : Math.min(9, (int) Math.ceil(p * Math.log10(2)));
    }

    public InterfaceInfo copy() {
        InterfaceInfo c = new InterfaceInfo();
        c.linkType = linkType;
        c.snapLength = snapLength;
        c.tsResolution = tsResolution;
        c.tsOffset = tsOffset;
        c.fcsLength = fcsLength;
        c.sectionIndex = sectionIndex;
        c.source = source;
        c.idRecorded = idRecorded;
        c.shownDigits = shownDigits;
        c.options.copyFrom(options);
        return c;
    }

    @Override
    public String toString() {
        return "Interface{" + LinkType.name(linkType) + ", snaplen=" + snapLength + ", tsresol=" + tsResolution
                + (name() != null ? ", name=" + name() : "") + "}";
    }
}
