package io.credence.cli.console;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    @Test
    void withoutATerminalItPrintsTheStartAndOneLinePerTenth() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar("work", 200, new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        for (int i = 1; i <= 200; i++) bar.update(i);
        bar.finish();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(11); // 0%, 10%..100%; nothing again at finish
        assertThat(lines[0]).contains("  0%  1/200");
        assertThat(lines[1]).contains(" 10%  20/200");
        assertThat(lines[10]).startsWith("work").contains("[##############################] 100%  200/200");
    }

    @Test
    void progressIsClampedToTheTotal() {
        ProgressBar bar = new ProgressBar("x", 10, new PrintStream(new ByteArrayOutputStream()), false);
        bar.update(25);
        assertThat(bar.line()).contains("100%  10/10");
        bar.update(-3);
        assertThat(bar.line()).contains("  0%  0/10");
    }
}
