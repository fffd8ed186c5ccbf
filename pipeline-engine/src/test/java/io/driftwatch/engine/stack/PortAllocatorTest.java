package io.driftwatch.engine.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    @Test
    void reusesAPreviousPortThatIsStillFree() throws Exception {
        int free;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = socket.getLocalPort();
        }
        assertThat(new PortAllocator().reuseOrAllocate(free)).isEqualTo(free);
    }

    @Test
    void allocatesAnotherPortWhenThePreviousOneIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = new PortAllocator().reuseOrAllocate(taken.getLocalPort());
            assertThat(port).isNotEqualTo(taken.getLocalPort()).isPositive();
        }
    }

    @Test
    void neverHandsOutTheSamePortTwice() {
        PortAllocator allocator = new PortAllocator();
        int first = allocator.reuseOrAllocate(null);
        assertThat(allocator.reuseOrAllocate(first)).isNotEqualTo(first);
    }
}
