package dev.capmill.oracle;

import dev.capmill.testing.Shared;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Shows, packet by packet, where capmill's reading of a capture differs from tshark's — the tool
 * to use when a corpus fingerprint does not match.
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.capmill.oracle.CompareOne -Dexec.args="FILE..."</pre>
 */
public final class CompareOne {
    private CompareOne() {
    }

    public static void main(String[] args) throws Exception {
        Map<Integer, Integer> encaps = CorpusGolden.loadEncaps(Shared.projectDir());
        for (String a : args) {
            Path f = Path.of(a);
            List<String> t = TestdataGolden.fromTshark(Shared.projectDir(), f.toAbsolutePath());
            t = t.subList(1, t.size());
            List<String> c;
            try {
                c = Goldens.capmillRows(f, encaps);
            } catch (Exception e) {
                System.out.println(a + ": capmill: " + e.getMessage());
                continue;
            }
            int shown = 0;
            for (int i = 0; i < Math.max(t.size(), c.size()) && shown < 4; i++) {
                String x = i < t.size() ? t.get(i) : "(none)";
                String y = i < c.size() ? c.get(i) : "(none)";
                if (!x.equals(y)) {
                    System.out.println(a + " #" + (i + 1) + "\n  tshark  " + x + "\n  capmill " + y);
                    shown++;
                }
            }
            System.out.println(a + ": tshark " + t.size() + " packets, capmill " + c.size() + (shown == 0 ? ", same" : ""));
        }
    }
}
