package io.driftwatch.engine.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Commands travel as JSON that names no class: each kind reads back equal, and nothing else is read. */
class CommandFormatTest {

    @Test
    void everyKindOfCommandReadsBackEqual() {
        List<Command> commands = List.of(
                new Command.ResolveConflict("c1", "alice", 1_000, "conflict-9", 1, null, false, "US price is authoritative"),
                new Command.ResolveConflict("c2", "alice", 1_000, "conflict-9", null, "6.50", false, "head office"),
                new Command.ResolveConflict("c3", "bob", 1_000, "conflict-8", null, null, true, "oversold: restock ordered"),
                new Command.MoveProcessing("c4", "carol", 2_000, false, null, "us-east-1 is down"),
                new Command.MoveProcessing("c6", "carol", 2_500, false, "eu-west-1", "us-east-1 is slow"),
                new Command.MoveProcessing("c5", "carol", 3_000, true, null, "us-east-1 is back"),
                new Command.Resnapshot("c6", "dave", 4_000, "eu-west-1", "slot lost during the outage"));

        for (Command command : commands) {
            assertThat(CommandFormat.decode(CommandFormat.encode(command))).isEqualTo(command);
        }
    }

    @Test
    void anAcknowledgementReadsBackEqual() {
        Command.Ack ack = new Command.Ack("c1", "etl-1/42", true, "conflict resolved", 5_000);

        assertThat(CommandFormat.decodeAck(CommandFormat.encode(ack))).isEqualTo(ack);
    }

    @Test
    void whatIsNotAVersionOneCommandIsRefusedWithTheReason() {
        byte[] serialized = io.driftwatch.engine.merging.StateBytes.write(new java.util.ArrayList<>(List.of("x")));
        assertThatThrownBy(() -> CommandFormat.decode(serialized)).hasMessageContaining("Java-serialized object");
        assertThatThrownBy(() -> decode("{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"sh\"]}"))
                .hasMessageContaining("\"format\" must be \"driftwatch.command\"");
        assertThatThrownBy(() -> decode("{\"format\":\"driftwatch.command\",\"version\":2}")).hasMessageContaining("command version 2 is not supported");
        String base = "{\"format\":\"driftwatch.command\",\"version\":1,\"id\":\"c1\",\"operator\":\"alice\",\"issuedMs\":1,";
        assertThatThrownBy(() -> decode(base + "\"kind\":\"drop-database\"}")).hasMessageContaining("unknown command kind 'drop-database'");
        assertThatThrownBy(() -> decode(base + "\"kind\":\"resolve-conflict\",\"conflict\":\"x\",\"keepSide\":0,\"acceptMerge\":true}"))
                .hasMessageContaining("exactly one of keepSide, value and acceptMerge; this one gives 2");
        assertThatThrownBy(() -> decode(base + "\"kind\":\"resnapshot\"}")).hasMessageContaining("\"region\" must be non-empty text");
        assertThatThrownBy(() -> decode(base + "\"kind\":\"fail-back\",\"region\":\"eu-west-1\"}"))
                .hasMessageContaining("a fail-back goes to the primary region");
        assertThatThrownBy(() -> decode(base.replace("\"operator\":\"alice\",", "") + "\"kind\":\"fail-over\"}"))
                .hasMessageContaining("\"operator\" must be non-empty text");
    }

    private static Command decode(String json) {
        return CommandFormat.decode(json.getBytes(StandardCharsets.UTF_8));
    }
}
