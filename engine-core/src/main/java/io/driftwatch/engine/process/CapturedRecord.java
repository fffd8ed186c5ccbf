package io.driftwatch.engine.process;

/** A raw record from a capture topic, with Driftwatch's headers lifted out. */
public class CapturedRecord {
    public String topic;
    public int partition;
    public long offset;
    /** The Kafka record's timestamp: the capture's clock when it was produced, kept by MirrorMaker 2's copies. */
    public long timestamp;
    public byte[] key;
    public byte[] value;
    public String region;
    public String txId;
    public String lsn;
    public String commitLsn;
    public String sourceTs;
    /** A snapshot row's ordinal within its table's snapshot, or null (older records and streamed changes). */
    public String snapshotRow;
    /** The identity of the keyless row a re-snapshot's delete removes, or null. */
    public String rowIdentity;
    /** The row's version vector and hybrid timestamp, as the capture stamped them (binary headers). */
    public byte[] vv;
    public byte[] hlc;

    public CapturedRecord() {}

    public String coordinates() {
        return topic + "/" + partition + "@" + offset;
    }
}
