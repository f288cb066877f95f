package dev.capmill.format.netmon;

import dev.capmill.format.ReadOptions;
import dev.capmill.format.pcap.PcapReader;
import dev.capmill.io.Input;
import dev.capmill.model.PacketRecord;
import dev.capmill.testing.Shared;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the hand-built NetMon fixtures of testdata/netmon/ (what editcap cannot write: 2.1-2.3
 * trailers, comments, special frames), from the packets of testdata/pcap/sample.pcap:
 * <pre>./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.capmill.format.netmon.NetmonFixtures</pre>
 */
public final class NetmonFixtures {
    static final String MIXED_2_1 = "hand-2.1-mixed-media.cap";
    static final String UTC_2_3 = "hand-2.3-utc-out-of-order.cap";
    static final String SPECIAL_2_2 = "hand-2.2-comments-special-frames.cap";

    private NetmonFixtures() {
    }

    /** The sample's packets: time (s, ns) and bytes. */
    static List<Object[]> samplePackets(Path project) throws IOException {
        byte[] pcap = Files.readAllBytes(project.resolve("testdata/pcap/sample.pcap"));
        List<Object[]> out = new ArrayList<>();
        try (PcapReader r = new PcapReader(Input.of("sample.pcap", pcap), ReadOptions.defaults())) {
            PacketRecord rec = new PacketRecord();
            while (r.next(rec)) {
                if (rec.isPacket()) {
                    out.add(new Object[] {rec.seconds(), (long) rec.nanos(), rec.payloadCopy()});
                }
            }
        }
        return out;
    }

    /** An IPv4 packet of the sample without its Ethernet header, or null. */
    static byte[] rawIp(byte[] eth) {
        if (eth.length > 14 && eth[12] == 0x08 && eth[13] == 0x00) {
            return java.util.Arrays.copyOfRange(eth, 14, eth.length);
        }
        return null;
    }

    /** Starts the header at the first packet's time (UTC) and gives each frame its delta in µs. */
    static NetmonBuilder withPackets(int minor, List<Object[]> pk) {
        NetmonBuilder b = new NetmonBuilder().version(2, minor);
        long s0 = (Long) pk.get(0)[0];
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(s0, 0, java.time.ZoneOffset.UTC);
        b.start = new int[] {t.getYear(), t.getMonthValue(), t.getDayOfWeek().getValue() % 7, t.getDayOfMonth(),
            t.getHour(), t.getMinute(), t.getSecond(), 0};
        for (int i = 0; i < pk.size(); i++) {
            long sec = (Long) pk.get(i)[0];
            long ns = (Long) pk.get(i)[1];
            byte[] data = (byte[]) pk.get(i)[2];
            int media = 1;
            byte[] raw = rawIp(data);
            if (minor >= 1 && i % 3 == 2 && raw != null) {
                data = raw;
                media = 0xE065; // converted pcap, LINKTYPE_RAW
            } else if (minor >= 1 && i % 5 == 4) {
                media = 0; // Ethernet, as NetMon 3.4 VPN captures write it
            }
            NetmonBuilder.Frame f = b.add((sec - s0) * 1_000_000L + ns / 1000, media, data);
            f.filetime = NetmonBuilder.filetime(sec, ns);
        }
        return b;
    }

    static byte[] mixed21(List<Object[]> pk) {
        return withPackets(1, pk).build();
    }

    static byte[] utc23(List<Object[]> pk) {
        NetmonBuilder b = withPackets(3, pk);
        b.start[4] = (b.start[4] + 1) % 24; // a wrong header start: 2.3 times come from the FILETIMEs
        int n = b.frames.size();
        b.physicalOrder = new int[n];
        for (int i = 0; i < n; i++) {
            b.physicalOrder[i] = (i * 7) % n; // n = 24: 7 is coprime, a permutation
        }
        b.hole = 5;
        b.tableFirst = true;
        return b.build();
    }

    static byte[] special22(List<Object[]> pk) {
        NetmonBuilder b = withPackets(2, pk.subList(0, 8));
        b.frames.get(1).commentTitle = "DNS query";
        b.frames.get(1).commentDesc = "first lookup";
        b.frames.get(5).commentTitle = "Handshake";
        ByteArrayOutputStream filter = new ByteArrayOutputStream();
        filter.writeBytes(new byte[] {1, 0, 0, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0});
        filter.writeBytes("capmill\0".getBytes(StandardCharsets.UTF_16LE));
        filter.writeBytes("tcp.port == 80\0".getBytes(StandardCharsets.UTF_16LE));
        long d = b.frames.get(7).delta;
        b.add(d, 0xFFFF, filter.toByteArray());
        b.add(d, 0xFFFD, NetmonBuilder.payload(40, 1));
        b.add(d, 0xFFFE, NetmonBuilder.payload(40, 2));
        b.add(d, 0xFFE0, NetmonBuilder.payload(100, 3));
        b.processes.add(new Object[] {4242, "C:\\Windows\\System32\\svchost.exe"});
        return b.build();
    }

    public static void main(String[] args) throws IOException {
        Path project = Shared.projectDir();
        List<Object[]> pk = samplePackets(project);
        Path dir = project.resolve("testdata/netmon");
        Files.createDirectories(dir);
        Files.write(dir.resolve(MIXED_2_1), mixed21(pk));
        Files.write(dir.resolve(UTC_2_3), utc23(pk));
        Files.write(dir.resolve(SPECIAL_2_2), special22(pk));
        System.err.println("wrote " + MIXED_2_1 + ", " + UTC_2_3 + ", " + SPECIAL_2_2 + " in " + dir);
    }
}
