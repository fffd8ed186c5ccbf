package io.driftwatch.app.common;

/** Failure messages as a screen's status line shows them. */
public final class Messages {
    private Messages() {}

    /**
     * The first line of {@code message}: a server that did not start answers with the last lines
     * of its log, which would push the screen's content out of the window; the sentence before
     * them names the server and where the log is.
     */
    public static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).strip();
    }
}
