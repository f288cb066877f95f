package dev.capmill.format;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects warnings from readers, writers and stages (library code never prints). The same
 * warning repeated is counted once with its number of occurrences.
 */
public final class Diagnostics {
    private final Map<String, long[]> warnings = new LinkedHashMap<>();

    public synchronized void warn(String message) {
        warnings.computeIfAbsent(message, k -> new long[1])[0]++;
    }

    public synchronized boolean isEmpty() {
        return warnings.isEmpty();
    }

    /** Each distinct warning once, with " (N times)" when repeated. */
    public synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : warnings.entrySet()) {
            long n = e.getValue()[0];
            out.add(n > 1 ? e.getKey() + " (" + n + " times)" : e.getKey());
        }
        return out;
    }

    public synchronized void clear() {
        warnings.clear();
    }
}
