package io.credence.bench.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;

class GcLogTest {

    @Test
    void followsTheHeapAfterTheNewestCollection(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gc.log");
        GcLog log = new GcLog(file);
        assertThat(log.option()).isEqualTo("-Xlog:gc:file=" + file);
        assertThat(log.liveMib()).as("no log yet").isNaN();

        append(file, "[0.010s][info][gc] Using G1\n"
                + "[1.200s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 24M->5M(256M) 3.456ms\n"
                + "[2.400s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 60M->9M(256M) 2.100ms\n");
        assertThat(log.liveMib()).isEqualTo(9);
        assertThat(log.committedMib()).isEqualTo(256);

        append(file, "[3.000s][info][gc] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 70M->12M(300M) 2.0ms\n"
                + "[3.500s][info][gc] GC(3) Pause Young (Normal) (G1 Evacuation Pause) 80M->1");
        assertThat(log.liveMib()).as("the half-written line waits").isEqualTo(12);
        append(file, "3M(300M) 2.0ms\n");
        assertThat(log.liveMib()).isEqualTo(13);
        assertThat(log.liveMib()).as("nothing new").isEqualTo(13);
    }

    private static void append(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
