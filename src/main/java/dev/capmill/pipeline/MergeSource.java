package dev.capmill.pipeline;

import dev.capmill.format.CaptureException;
import dev.capmill.model.InterfaceInfo;
import dev.capmill.model.PacketRecord;
import dev.capmill.model.SectionInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * k-way merge of inputs by packet time, stable: equal times come out in input order (as mergecap).
 * Inputs are opened when the merge starts reading, each holds one packet (its head, a view into
 * its reader's buffer, so nothing is copied), and a binary heap picks the earliest. Records that
 * are not packets go on as soon as they are read.
 *
 * <p>The output has one section (the first input's section header). Each input's interfaces get
 * global numbers; they stay apart, and when {@code label} is set an interface's if_name says which
 * input it came from ({@code a.pcap} or {@code a.pcapng:eth0}). With {@code mergeIdentical},
 * interfaces equal in link type, snapshot length, time resolution and options become one (mergecap
 * -I all). A failing input is recorded as an {@link InputFailure}; the packets read from it before
 * stay, and the others go on. Opens every input at once: see {@link TreeMerge} for many inputs.
 */
public final class MergeSource implements RecordSource {
    /** Opens input {@code i} (a reader, possibly with per-input stages over it). */
    public interface Opener {
        RecordSource open(int index) throws IOException;
    }

    private final List<String> names;
    private final Opener opener;
    private final boolean mergeIdentical;
    private final IntPredicate label;
    private final List<SectionInfo> sections = new ArrayList<>();
    private final List<InterfaceInfo> interfaces = new ArrayList<>();
    private final List<InputFailure> failures = new ArrayList<>();
    private final RecordSource[] src;
    private final PacketRecord[] head;
    private final int[][] ifaceMap;
    private final int[] heap;
    private int heapSize;
    private int primeNext;
    private int advancing = -1;
    private long positionDone;

    public MergeSource(List<String> names, Opener opener, boolean mergeIdentical, boolean label) {
        this(names, opener, mergeIdentical, i -> label);
    }

    /** A merge whose input {@code i}'s interfaces are labelled with its name when {@code label} says so. */
    public MergeSource(List<String> names, Opener opener, boolean mergeIdentical, IntPredicate label) {
        this.names = List.copyOf(names);
        this.opener = opener;
        this.mergeIdentical = mergeIdentical;
        this.label = label;
        int n = names.size();
        src = new RecordSource[n];
        head = new PacketRecord[n];
        ifaceMap = new int[n][];
        heap = new int[n];
    }

    @Override
    public List<SectionInfo> sections() {
        return sections;
    }

    @Override
    public List<InterfaceInfo> interfaces() {
        return interfaces;
    }

    public List<InputFailure> failures() {
        return failures;
    }

    @Override
    public boolean next(PacketRecord into) throws IOException {
        while (true) {
            if (advancing >= 0) {
                int i = advancing;
                PacketRecord h = head[i];
                boolean got;
                try {
                    got = src[i].next(h);
                } catch (CaptureException.Truncated e) {
                    failures.add(new InputFailure(names.get(i), e, true));
                    got = false;
                } catch (IOException e) {
                    failures.add(new InputFailure(names.get(i), e, false));
                    got = false;
                }
                if (!got) {
                    closeInput(i);
                    advancing = -1;
                    continue;
                }
                if (h.isPacket()) {
                    h.setInterfaceId(global(i, h.interfaceId()));
                    h.setSectionIndex(0);
                    push(i);
                    advancing = -1;
                    continue;
                }
                if (metadata(i, h)) {
                    into.shareFrom(h);
                    return true;
                }
                continue;
            }
            if (primeNext < src.length) {
                int i = primeNext++;
                try {
                    src[i] = opener.open(i);
                    head[i] = new PacketRecord();
                    ifaceMap[i] = new int[0];
                    advancing = i;
                } catch (IOException e) {
                    failures.add(new InputFailure(names.get(i), e, false));
                }
                continue;
            }
            if (heapSize == 0) {
                return false;
            }
            int i = pop();
            into.shareFrom(head[i]);
            advancing = i;
            return true;
        }
    }

    /** Renumbers a record that is not a packet; false when it is swallowed. */
    private boolean metadata(int i, PacketRecord h) {
        switch (h.kind()) {
            case SECTION: {
                if (!sections.isEmpty()) {
                    return false;
                }
                SectionInfo s = src[i].sections().get(h.sectionIndex()).copy();
                s.setIndex(0);
                sections.add(s);
                h.setSectionIndex(0);
                return true;
            }
            case INTERFACE: {
                InterfaceInfo info = src[i].interfaces().get(h.interfaceId()).copy();
                info.setSectionIndex(0);
                info.setSource(names.get(i));
                int local = h.interfaceId();
                if (mergeIdentical) {
                    for (int g = 0; g < interfaces.size(); g++) {
                        if (same(interfaces.get(g), info)) {
                            map(i, local, g);
                            return false;
                        }
                    }
                } else if (label.test(i)) {
                    String base = java.nio.file.Path.of(names.get(i)).getFileName() == null ? names.get(i)
                            : java.nio.file.Path.of(names.get(i)).getFileName().toString();
                    String old = info.name();
                    info.options().remove(InterfaceInfo.OPT_NAME);
                    info.options().addString(InterfaceInfo.OPT_NAME, old == null ? base : base + ":" + old);
                }
                interfaces.add(info);
                map(i, local, interfaces.size() - 1);
                h.setInterfaceId(interfaces.size() - 1);
                h.setSectionIndex(0);
                return true;
            }
            default:
                h.setInterfaceId(global(i, h.interfaceId()));
                h.setSectionIndex(0);
                return true;
        }
    }

    private static boolean same(InterfaceInfo a, InterfaceInfo b) {
        return a.linkType() == b.linkType() && a.snapLength() == b.snapLength()
                && a.tsResolution() == b.tsResolution() && a.tsOffset() == b.tsOffset()
                && a.fcsLength() == b.fcsLength() && a.options().equals(b.options());
    }

    private void map(int i, int local, int g) {
        int[] m = ifaceMap[i];
        if (local >= m.length) {
            int old = m.length;
            m = Arrays.copyOf(m, Math.max(local + 1, old * 2));
            Arrays.fill(m, old, m.length, -1);
            ifaceMap[i] = m;
        }
        m[local] = g;
    }

    private int global(int i, int local) {
        int[] m = ifaceMap[i];
        if (local < 0 || local >= m.length || m[local] < 0) {
            // a reader declares interfaces before their packets; keep the number visibly wrong otherwise
            return Integer.MAX_VALUE;
        }
        return m[local];
    }

    private boolean less(int a, int b) {
        int c = PacketRecord.compareTime(head[a], head[b]);
        return c != 0 ? c < 0 : a < b;
    }

    private void push(int i) {
        int k = heapSize++;
        heap[k] = i;
        while (k > 0) {
            int p = (k - 1) >>> 1;
            if (!less(heap[k], heap[p])) {
                break;
            }
            int t = heap[k];
            heap[k] = heap[p];
            heap[p] = t;
            k = p;
        }
    }

    private int pop() {
        int top = heap[0];
        heap[0] = heap[--heapSize];
        int k = 0;
        while (true) {
            int l = 2 * k + 1;
            if (l >= heapSize) {
                break;
            }
            int m = l + 1 < heapSize && less(heap[l + 1], heap[l]) ? l + 1 : l;
            if (!less(heap[m], heap[k])) {
                break;
            }
            int t = heap[k];
            heap[k] = heap[m];
            heap[m] = t;
            k = m;
        }
        return top;
    }

    private void closeInput(int i) {
        if (src[i] != null) {
            positionDone += src[i].position();
            try {
                src[i].close();
            } catch (IOException ignored) {
                // read to its end already
            }
            src[i] = null;
            head[i] = null;
        }
    }

    @Override
    public long position() {
        long p = positionDone;
        for (RecordSource s : src) {
            if (s != null) {
                p += s.position();
            }
        }
        return p;
    }

    @Override
    public void close() {
        for (int i = 0; i < src.length; i++) {
            closeInput(i);
        }
        primeNext = src.length;
        heapSize = 0;
        advancing = -1;
    }
}
