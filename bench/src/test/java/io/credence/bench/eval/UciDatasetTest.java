package io.credence.bench.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UciDatasetTest {

    @Test
    void readsTheLayoutAndPicksSplitRows(@TempDir Path dir) throws Exception {
        UciDataset d = UciDataset.load(UciFixture.write(dir.resolve("lin"), 50, 3, 1));
        assertThat(d.name()).isEqualTo("lin");
        assertThat(d.rows()).isEqualTo(50);
        assertThat(d.features()).isEqualTo(2);
        assertThat(d.splits()).isEqualTo(3);
        UciDataset.Split s = d.split(1);
        assertThat(s.trainX()).hasNumberOfRows(40);
        assertThat(s.testX()).hasNumberOfRows(10);
        // Test row 0 of split 1 is file row 4: features are columns 0 and 2, the target column 1.
        String[] row4 = Files.readAllLines(dir.resolve("lin/data.txt")).get(4).strip().split("\\s+");
        assertThat(s.testX()[0]).containsExactly(Double.parseDouble(row4[0]), Double.parseDouble(row4[2]));
        assertThat(s.testY()[0]).isEqualTo(Double.parseDouble(row4[1]));
    }

    @Test
    void validationHoldsOutTheLastRowsOfTheTrainingSplit(@TempDir Path dir) throws Exception {
        UciDataset.Split s = UciDataset.load(UciFixture.write(dir.resolve("lin"), 50, 1, 1)).split(0);
        UciDataset.Split v = s.validation(0.2);
        assertThat(v.trainX()).hasNumberOfRows(32);
        assertThat(v.testX()).hasNumberOfRows(8);
        assertThat(v.testY()[7]).isEqualTo(s.trainY()[39]);
        assertThat(v.trainY()[0]).isEqualTo(s.trainY()[0]);
    }

    @Test
    void badIndicesAndSplitsSayWhatIsWrong(@TempDir Path dir) throws Exception {
        Path folder = UciFixture.write(dir.resolve("lin"), 20, 1, 1);
        UciDataset d = UciDataset.load(folder);
        assertThatThrownBy(() -> d.split(1)).hasMessageContaining("splits 0..0");
        Files.writeString(folder.resolve("index_test_0.txt"), "3\n25\n");
        assertThatThrownBy(() -> d.split(0)).hasMessageContaining("row index 25 outside 0..19");
        Files.writeString(folder.resolve("index_target.txt"), "7\n");
        assertThatThrownBy(() -> UciDataset.load(folder)).hasMessageContaining("column index 7 outside 0..2");
    }
}
