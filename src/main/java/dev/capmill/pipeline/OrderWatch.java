package dev.capmill.pipeline;

import dev.capmill.model.PacketRecord;

/** Passes everything on and counts packets whose time is earlier than the packet before them. */
public final class OrderWatch extends StageSource.PacketFilter {
    private final String name;
    private final java.util.function.Consumer<String> report;
    private boolean any;
    private long lastS;
    private int lastN;
    private long disorders;
    private long first;

    /** {@code report} gets the warning (if any) when the stage is closed. */
    public OrderWatch(RecordSource upstream, String name, java.util.function.Consumer<String> report) {
        super(upstream);
        this.name = name;
        this.report = report;
    }

    @Override
    public void close() throws java.io.IOException {
        String w = warning();
        if (w != null && report != null) {
            report.accept(w);
        }
        super.close();
    }

    @Override
    protected boolean accept(PacketRecord p) {
        if (p.hasTimestamp()) {
            if (any && TimeSpec.compare(p, lastS, lastN) < 0) {
                if (disorders++ == 0) {
                    first = seen();
                }
            }
            any = true;
            lastS = p.seconds();
            lastN = p.nanos();
        }
        return true;
    }

    public long disorders() {
        return disorders;
    }

    /** A warning when packets were out of time order, else null. */
    public String warning() {
        if (disorders == 0) {
            return null;
        }
        return name + ": not in time order: " + disorders + " packet" + (disorders == 1 ? " is" : "s are")
                + " earlier than the packet before (first: packet " + first + "); --reorder-window DURATION sorts them";
    }
}
