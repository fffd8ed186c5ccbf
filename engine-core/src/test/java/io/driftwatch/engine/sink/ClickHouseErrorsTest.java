package io.driftwatch.engine.sink;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClickHouseErrorsTest {
    private static final String URL = "http://127.0.0.1:8123/";

    @Test
    void aFullDiskNamesTheServerWhatToDoAndKeepsWhatClickHouseSaid() {
        String said = "Code: 75, e.displayText() = DB::ErrnoException: Cannot write to file /var/lib/clickhouse/data/dw/t/tmp/primary.idx, "
                + "errno: 28, strerror: No space left on device";
        assertThat(ClickHouseErrors.explain(URL, said)).startsWith("ClickHouse at " + URL + " is out of disk space: free space")
                .contains("resumes writing by itself").endsWith(said);
        assertThat(ClickHouseErrors.isDiskFull("Code: 243, e.displayText() = DB::Exception: Cannot reserve 1.00 MiB, not enough space"))
                .isTrue();
    }

    @Test
    void otherRefusalsKeepTheirOwnMessage() {
        String said = "Code: 60, e.displayText() = DB::Exception: Table dw.x doesn't exist.";
        assertThat(ClickHouseErrors.explain(URL, said)).isEqualTo(said);
    }

    @Test
    void anUnreachableServerIsNamedWithWhatToCheck() {
        assertThat(ClickHouseErrors.unreachable(URL, "Connection refused")).isEqualTo("ClickHouse at " + URL
                + " is unreachable (Connection refused): check that the server runs and listens there; the processing job retries "
                + "from its last checkpoint and resumes writing by itself once it answers");
    }
}
