package io.credence.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MarkdownReportTest {

    @Test
    void aNewReportGetsTheTitleAndTheSection(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("docs/benchmarks.md");
        MarkdownReport.merge(file, "core", "## Core\n\nfigures");
        String doc = Files.readString(file);
        assertThat(doc).startsWith("# Credence benchmarks").contains("<!-- bench:core -->\n## Core\n\nfigures\n<!-- /bench:core -->");
    }

    @Test
    void rerunningAGroupReplacesOnlyItsSectionAndKeepsEverythingElse() {
        String doc = MarkdownReport.merge(MarkdownReport.TITLE, "core", "core v1");
        doc = doc + "\n## Findings (hand-written)\n\nkeep me\n";
        doc = MarkdownReport.merge(doc, "eval", "eval v1");
        doc = MarkdownReport.merge(doc, "core", "core v2");
        assertThat(doc).contains("core v2").doesNotContain("core v1").contains("keep me").contains("eval v1");
        assertThat(doc.indexOf("core v2")).isLessThan(doc.indexOf("keep me"));
        assertThat(doc.indexOf("keep me")).isLessThan(doc.indexOf("eval v1"));
        assertThat(doc.split("<!-- bench:core -->", -1)).hasSize(2);
    }

    @Test
    void anOpenedButUnclosedSectionIsAnError() {
        assertThatThrownBy(() -> MarkdownReport.merge("x\n<!-- bench:core -->\nold\n", "core", "new"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never closed");
    }

    @Test
    void sectionIdsAreRestrictedSoTheyCannotBreakTheMarkers() {
        assertThatThrownBy(() -> MarkdownReport.merge("", "Core -->", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
