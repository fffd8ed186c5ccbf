package io.driftwatch.engine.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Commands as JSON, version 1 — read as a tree into the fixed {@link Command} types, so a record
 * on the command topic names no class and cannot choose what is built:
 *
 * <pre>{@code
 * {"format": "driftwatch.command", "version": 1, "id": "7f9c…", "operator": "alice", "issuedMs": 1733400000000,
 *  "kind": "resolve-conflict", "conflict": "<id>", "keepSide": 0, "reason": "US list price is authoritative"}
 * {"format": "driftwatch.command", "version": 1, "id": "…", "operator": "bob", "issuedMs": …,
 *  "kind": "fail-over", "region": "eu-west-1", "reason": "us-east-1 is down"}   ("region" optional with two regions)
 * {"format": "driftwatch.command", "version": 1, "id": "…", "operator": "bob", "issuedMs": …,
 *  "kind": "fail-back", "reason": "us-east-1 is back"}                           (to the primary)
 * {"format": "driftwatch.command", "version": 1, "id": "…", "operator": "carol", "issuedMs": …,
 *  "kind": "resnapshot", "region": "eu-west-1", "reason": "slot lost during the outage"}
 * }</pre>
 *
 * A resolution gives exactly one of {@code keepSide} (a side's index as listed), {@code value}
 * (JSON text such as {@code 6.50}, or plain text) and {@code "acceptMerge": true}. Acknowledgements
 * ({@link Command.Ack}) are JSON too.
 */
public final class CommandFormat {
    public static final String FORMAT = "driftwatch.command";
    public static final int VERSION = 1;
    static final int MAX_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandFormat() {}

    public static byte[] encode(Command command) {
        ObjectNode n = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION).put("id", command.id())
                .put("operator", command.operator()).put("issuedMs", command.issuedMs());
        if (command instanceof Command.ResolveConflict r) {
            n.put("kind", "resolve-conflict").put("conflict", r.conflict());
            if (r.keepSide() != null) {
                n.put("keepSide", r.keepSide());
            }
            if (r.value() != null) {
                n.put("value", r.value());
            }
            if (r.acceptMerge()) {
                n.put("acceptMerge", true);
            }
            n.put("reason", r.reason());
        } else if (command instanceof Command.MoveProcessing m) {
            n.put("kind", m.failback() ? "fail-back" : "fail-over");
            if (m.region() != null) {
                n.put("region", m.region());
            }
            n.put("reason", m.reason());
        } else if (command instanceof Command.Resnapshot r) {
            n.put("kind", "resnapshot").put("region", r.region()).put("reason", r.reason());
        }
        return n.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** @throws IllegalArgumentException naming what is wrong, for anything that is not a version-1 command */
    public static Command decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("not a command: " + (bytes == null ? 0 : bytes.length) + " bytes (a command is 1 to " + MAX_BYTES + ")");
        }
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a command: not JSON" + ((bytes[0] & 0xff) == 0xac && bytes.length > 1 && (bytes[1] & 0xff) == 0xed
                    ? " (a Java-serialized object, which Driftwatch never reads from Kafka)" : ""));
        }
        if (n == null || !n.isObject() || !FORMAT.equals(n.path("format").asText(null))) {
            throw new IllegalArgumentException("not a command: \"format\" must be \"" + FORMAT + "\"");
        }
        if (!n.path("version").isInt() || n.get("version").intValue() != VERSION) {
            throw new IllegalArgumentException("command version " + n.path("version") + " is not supported (this engine reads version " + VERSION + ")");
        }
        String id = text(n, "id");
        String operator = text(n, "operator");
        long issued = n.path("issuedMs").asLong(0);
        String kind = text(n, "kind");
        switch (kind) {
            case "resolve-conflict" -> {
                Integer keep = n.has("keepSide") ? n.get("keepSide").isInt() ? n.get("keepSide").intValue() : bad("keepSide must be a whole number") : null;
                String value = n.has("value") ? text(n, "value") : null;
                boolean accept = n.path("acceptMerge").asBoolean(false);
                int given = (keep != null ? 1 : 0) + (value != null ? 1 : 0) + (accept ? 1 : 0);
                if (given != 1) {
                    throw new IllegalArgumentException("a resolve-conflict command gives exactly one of keepSide, value and acceptMerge; this one gives " + given);
                }
                return new Command.ResolveConflict(id, operator, issued, text(n, "conflict"), keep, value, accept, n.path("reason").asText(""));
            }
            case "fail-over", "fail-back" -> {
                boolean failback = kind.equals("fail-back");
                String region = n.has("region") ? text(n, "region") : null;
                if (failback && region != null) {
                    throw new IllegalArgumentException("invalid command: a fail-back goes to the primary region; it names no \"region\"");
                }
                return new Command.MoveProcessing(id, operator, issued, failback, region, n.path("reason").asText(""));
            }
            case "resnapshot" -> {
                return new Command.Resnapshot(id, operator, issued, text(n, "region"), n.path("reason").asText(""));
            }
            default -> throw new IllegalArgumentException("unknown command kind '" + kind + "'; known: resolve-conflict, fail-over, fail-back, resnapshot");
        }
    }

    public static byte[] encode(Command.Ack ack) {
        try {
            return JSON.writeValueAsBytes(ack);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Command.Ack decodeAck(byte[] bytes) {
        try {
            return JSON.readValue(bytes, Command.Ack.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an acknowledgement: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static <T> T bad(String why) {
        throw new IllegalArgumentException("invalid command: " + why);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("invalid command: \"" + field + "\" must be non-empty text");
        }
        return v.asText();
    }
}
