package io.credence.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BenchMainTest {

    @Test
    void quickIsShortAndWritesNoReportUnlessAsked() {
        BenchOptions o = BenchMain.parse(List.of("--quick", "--json", "out.json"));
        assertThat(o.quick()).isTrue();
        assertThat(o.repetitions()).isEqualTo(1);
        assertThat(o.twoThreadReference()).isFalse();
        assertThat(o.json()).isEqualTo(Path.of("out.json"));
        assertThat(o.markdown()).isNull();
    }

    @Test
    void theFullRunReportsIntoDocsUnlessTurnedOff() {
        assertThat(BenchMain.parse(List.of()).markdown()).isEqualTo(Path.of("docs", "benchmarks.md"));
        assertThat(BenchMain.parse(List.of("--no-markdown")).markdown()).isNull();
        BenchOptions o = BenchMain.parse(List.of("--repetitions", "5", "--rows", "60000", "--seed", "3", "--reference", "/x/ref"));
        assertThat(o.repetitions()).isEqualTo(5);
        assertThat(o.rows()).isEqualTo(60000);
        assertThat(o.seed()).isEqualTo(3);
        assertThat(o.reference()).isEqualTo(Path.of("/x/ref"));
        assertThat(o.twoThreadReference()).isTrue();
    }

    @Test
    void badArgumentsExitWithTwoAndUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = BenchMain.run(new String[] {"--rows"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--rows needs a value").contains("usage:");
        assertThat(BenchMain.run(new String[] {"--rows", "10"}, System.out, new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString()).contains("rows must be >= 2048");
    }
}
