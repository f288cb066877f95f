package dev.capmill.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every -t format against {@code TZ=UTC tshark -n -t FORMAT -r sample-fields.pcapng} (TShark
 * 4.0.17): µs and ns interfaces interleaved, so each line shows its own interface's precision.
 */
class TimeFormatGoldenTest {
    @ParameterizedTest
    @EnumSource(TimeFormat.class)
    void timeColumnIsTsharksOnEveryLine(TimeFormat format) throws IOException {
        List<String> golden = TextOutputs.lines(TextOutputs.read(
                TextOutputs.golden(TextOutputs.FIELDS, ".tshark-t" + format.option() + ".txt")));
        List<String> numberAndTime = TextOutputs.lines(TextOutputs.text(TextOutputs.FIELDS, TextOptions.defaults()
                .timeFormat(format).columns(List.of(TextOptions.Column.NO, TextOptions.Column.TIME))));
        assertEquals(48, golden.size());
        assertEquals(golden.size(), numberAndTime.size());
        for (int i = 0; i < golden.size(); i++) {
            // No. and Time padded as tshark pads them, then the Source column
            assertTrue(golden.get(i).startsWith(numberAndTime.get(i) + " "),
                    "frame " + (i + 1) + ": tshark " + golden.get(i) + "\ncapmill " + numberAndTime.get(i));
        }
        List<String> whole = TextOutputs.lines(TextOutputs.text(TextOutputs.FIELDS, TextOptions.defaults().timeFormat(format)));
        int identical = 0;
        for (int i = 0; i < golden.size(); i++) {
            if (golden.get(i).equals(whole.get(i))) {
                identical++;
            }
        }
        // the decoded lines of the first copies (15) and the copies tshark sees no analysis flag on (5)
        assertEquals(20, identical, "whole lines identical to tshark's");
    }

    @ParameterizedTest
    @EnumSource(TimeFormat.class)
    void everyFormatParsesFromItsOption(TimeFormat format) {
        assertEquals(format, TimeFormat.parse(format.option()));
        assertEquals(format, TimeFormat.parse(format.option().toUpperCase(java.util.Locale.ROOT)));
        assertNotNull(format.description());
    }
}
