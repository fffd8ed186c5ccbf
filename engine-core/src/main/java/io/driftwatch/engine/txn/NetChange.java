package io.driftwatch.engine.txn;

/**
 * What a transaction did to one row, when it changed the row more than once: one change from
 * the row as it was before the first to the row as the last left it.
 *
 * <p>Why: a view shows only a row's last image, but a merged table's counter and set columns
 * merge by delta — the difference between the images before and after. An order with two lines
 * for one SKU updates its stock twice in one transaction; keeping only the second update (whose
 * before image is the first one's after) would drop the first line's sale from the merged
 * stock. Folding the changes into one keeps the whole delta and applies it once, under the last
 * change's version vector and clock.
 *
 * @param op         Debezium's operation for the whole: an insert stays an insert however often
 *                   it is then updated, a delete ends as a delete, a delete then insert is an insert
 * @param beforeJson the row before the first change, or null where there was none (an insert)
 */
public record NetChange(String op, String beforeJson) {

    /** Folds a row's next change (in WAL order, same transaction) into what came before it. */
    public static NetChange fold(String firstOp, String firstBefore, String nextOp) {
        boolean inserted = firstOp.equals("c") || firstOp.equals("r");
        String op = inserted && nextOp.equals("u") ? firstOp : nextOp;
        return new NetChange(op, inserted ? null : firstBefore);
    }
}
