package dev.agentgraph.plugins.lines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private final List<String> lines = new ArrayList<>();
    private final List<Long> ends = new ArrayList<>();
    private final List<Long> tooLong = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(10, new LineSplitter.Lines() {
        @Override
        public void line(byte[] buf, int off, int len, long start, long end) {
            lines.add(new String(buf, off, len, StandardCharsets.UTF_8) + "@" + start);
            ends.add(end);
        }

        @Override
        public void tooLong(long start) {
            tooLong.add(start);
        }
    });

    private void feed(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        splitter.feed(b, 0, b.length);
    }

    @Test
    void splitsWholeLinesAndHoldsAPartialOneUntilItsNewline() {
        feed("ab\ncd\nef");
        assertThat(lines).containsExactly("ab@0", "cd@3");
        assertThat(splitter.hasPartial()).isTrue();

        feed("g\n");

        assertThat(lines).containsExactly("ab@0", "cd@3", "efg@6");
        assertThat(ends).containsExactly(3L, 6L, 10L);
        assertThat(splitter.position()).isEqualTo(10);
    }

    @Test
    void aLineOverTheCapIsReportedOnceAndSkippedWithoutStoppingTheNext() {
        feed("ok\n0123456");
        feed("789abcdef");
        feed("ghijk\nnext\n0123456789abc\nlast\n");

        assertThat(lines).containsExactly("ok@0", "next@25", "last@44");
        assertThat(tooLong).containsExactly(3L, 30L);
    }

    @Test
    void aLineOfExactlyTheCapIsKept() {
        feed("0123456789\n");
        assertThat(lines).containsExactly("0123456789@0");
    }

    @Test
    void resetInTheMiddleSkipsToTheNextLine() {
        splitter.reset(100, true);
        feed("tail of a line\nwhole\n");
        assertThat(lines).containsExactly("whole@115");
        assertThat(tooLong).isEmpty();
    }

    @Test
    void finishDeliversALastLineWithoutNewline() {
        feed("a\nlast");
        splitter.finish();
        assertThat(lines).containsExactly("a@0", "last@2");
    }
}
