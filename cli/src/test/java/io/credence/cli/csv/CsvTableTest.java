package io.credence.cli.csv;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTableTest {

    @Test
    void readsHeaderQuotedCellsAndCrlf() {
        CsvTable t = CsvTable.parse("id,x,\"y, quoted\"\r\na,1.5,\"2\"\r\n\"b \"\"c\"\"\",-3,4e2\r\n", "t.csv");
        assertThat(t.columns()).containsExactly("id", "x", "y, quoted");
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.text(1, 0)).isEqualTo("b \"c\"");
        assertThat(t.numbers(1, List.of(1, 2))).containsExactly(-3.0, 400.0);
        assertThat(t.number(0, t.column("y, quoted"))).isEqualTo(2.0);
    }

    @Test
    void quotedCellMaySpanLinesAndLineNumbersFollowTheFile() {
        CsvTable t = CsvTable.parse("note,x\n\"two\nlines\",1\nthird,oops\n", "t.csv");
        assertThat(t.text(0, 0)).isEqualTo("two\nlines");
        assertThatThrownBy(() -> t.number(1, 1)).isInstanceOf(CsvException.class)
                .hasMessage("line 4, column \"x\": \"oops\" is not a number");
    }

    @Test
    void blankLinesAreSkippedAndAMissingFinalNewlineIsFine() {
        CsvTable t = CsvTable.parse("a,b\n\n1,2\n\n3,4", "t.csv");
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.lines()).containsExactly(3, 5);
    }

    @Test
    void refusesRaggedRowsDuplicateColumnsUnclosedQuotesAndEmptyFiles() {
        assertThatThrownBy(() -> CsvTable.parse("a,b\n1,2,3\n", "f.csv"))
                .hasMessage("f.csv line 2: 3 cells, but the header has 2");
        assertThatThrownBy(() -> CsvTable.parse("a,a\n1,2\n", "f.csv"))
                .hasMessage("f.csv line 1: column \"a\" appears twice");
        assertThatThrownBy(() -> CsvTable.parse("a,b\n\"1,2\n", "f.csv"))
                .hasMessage("f.csv line 2: a quoted cell is not closed");
        assertThatThrownBy(() -> CsvTable.parse("\n\n", "f.csv")).hasMessageContaining("f.csv is empty");
    }

    @Test
    void refusesNonFiniteNumbersAndNamesMissingColumns() {
        CsvTable t = CsvTable.parse("x,y\nNaN,Infinity\n", "t.csv");
        assertThatThrownBy(() -> t.number(0, 0)).hasMessage("line 2, column \"x\": \"NaN\" is not a finite number");
        assertThatThrownBy(() -> t.column("z")).hasMessage("no column \"z\"; the columns are x, y");
    }

    @Test
    void featureColumnsAreTheNamedOnesOrAllButTheExcluded() {
        CsvTable t = CsvTable.parse("id,a,b,y\n1,2,3,4\n", "t.csv");
        assertThat(t.columnsOrAllBut(List.of(), List.of("id", "y"))).containsExactly(1, 2);
        assertThat(t.columnsOrAllBut(List.of("b", "a"), List.of("y"))).containsExactly(2, 1);
        assertThatThrownBy(() -> t.columnsOrAllBut(List.of(), List.of("nope"))).hasMessageContaining("no column \"nope\"");
    }
}
