package dev.capmill.pipeline;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows packets, bytes, rate and estimated time left on one self-overwriting line of a terminal,
 * every half second, from a daemon thread that only reads counters. Nothing is shown unless the
 * caller has established that the stream is a terminal, so redirected output never gets
 * control characters.
 */
public final class Progress implements AutoCloseable {
    private final PrintStream out;
    private final LongSupplier packets;
    private final LongSupplier bytes;
    private final long totalBytes;
    private final long start = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;
    private int lastWidth;

    private Progress(PrintStream out, LongSupplier packets, LongSupplier bytes, long totalBytes) {
        this.out = out;
        this.packets = packets;
        this.bytes = bytes;
        this.totalBytes = totalBytes;
        this.thread = new Thread(this::run, "capmill-progress");
        this.thread.setDaemon(true);
    }

    /** Starts showing progress on {@code out} if {@code enabled}; returns a handle to close either way. */
    public static Progress start(boolean enabled, PrintStream out, LongSupplier packets, LongSupplier bytes, long totalBytes) {
        Progress p = new Progress(out, packets, bytes, totalBytes);
        if (enabled) {
            p.thread.start();
        } else {
            p.running = false;
        }
        return p;
    }

    private void run() {
        try {
            Thread.sleep(1000);
            while (running) {
                show();
                Thread.sleep(500);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void show() {
        if (!running) {
            return;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        long p = packets.getAsLong();
        long b = bytes.getAsLong();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%,d packets, %s, %s/s", p, human(b), human((long) (b / Math.max(secs, 1e-3)))));
        if (totalBytes > 0 && b > 0) {
            double frac = Math.min(1.0, (double) b / totalBytes);
            double left = secs / frac - secs;
            sb.append(String.format(Locale.ROOT, ", %.0f%%, %s left", frac * 100, duration(left)));
        }
        String line = sb.toString();
        int pad = Math.max(0, lastWidth - line.length());
        lastWidth = line.length();
        out.print("\r" + line + " ".repeat(pad));
        out.flush();
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String duration(double s) {
        long t = Math.round(s);
        return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, (t % 3600) / 60)
                : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }

    @Override
    public synchronized void close() {
        if (running) {
            running = false;
            thread.interrupt();
            if (lastWidth > 0) {
                out.print("\r" + " ".repeat(lastWidth) + "\r");
                out.flush();
            }
        }
    }
}
