package io.driftwatch.engine.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeylessIdentityTest {
    @Test
    void aSnapshotRowIsTheSameRowInTheOriginalTopicAndInMirrorMakersCopy() {
        CapturedRecord original = record(7, "3");
        CapturedRecord copy = record(5, "3");

        assertThat(DecodeFunction.keylessIdentity(copy, "r")).isEqualTo(DecodeFunction.keylessIdentity(original, "r"));
        assertThat(DecodeFunction.keylessIdentity(record(7, "4"), "r")).isNotEqualTo(DecodeFunction.keylessIdentity(original, "r"));
    }

    @Test
    void aStreamedRowIsItsChangesWalPositionWhereverItIsRead() {
        assertThat(DecodeFunction.keylessIdentity(record(7, null), "c"))
                .isEqualTo(DecodeFunction.keylessIdentity(record(2, null), "c")).isEqualTo("lsn:4096");
    }

    @Test
    void aSnapshotRowWithoutTheOrdinalFallsBackToItsPlaceInTheTopic() {
        assertThat(DecodeFunction.keylessIdentity(record(7, null), "r")).isEqualTo("snapshot:0@7");
    }

    @Test
    void aReSnapshotsDeleteIsTheRowItNames() {
        CapturedRecord delete = record(9, null);
        delete.rowIdentity = "lsn:1024";
        assertThat(DecodeFunction.keylessIdentity(delete, "d")).isEqualTo("lsn:1024");
    }

    private static CapturedRecord record(long offset, String snapshotRow) {
        CapturedRecord r = new CapturedRecord();
        r.partition = 0;
        r.offset = offset;
        r.txId = "700:4096";
        r.lsn = "4096";
        r.snapshotRow = snapshotRow;
        return r;
    }
}
