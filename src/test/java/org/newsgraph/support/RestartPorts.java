package org.newsgraph.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers that a test stops and starts again on the same port (a PostgreSQL taken down and brought
 * back). A port from {@code new ServerSocket(0)} lies in the kernel's ephemeral range, which the kernel also hands
 * to every other {@code ServerSocket(0)} and outgoing connection on the machine: while the server is down, another
 * test (or another build) can get it, and the server cannot come back. These ports lie below that range, so only
 * someone who asks for that very port can take it.
 */
public final class RestartPorts {

    private static final int LOWEST = 20_000;

    private RestartPorts() {}

    /** A port below the ephemeral range that nothing listens on now. */
    public static int free() {
        int ephemeral = ephemeralRangeStart();
        var random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 500; attempt++) {
            int port = LOWEST + random.nextInt(ephemeral - LOWEST);
            try (var probe = new ServerSocket(port)) {
                return port;
            } catch (IOException taken) {
                // another one
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST + " and " + ephemeral);
    }

    /** The first port of the kernel's ephemeral range (Linux: {@code ip_local_port_range}; else IANA's 49152). */
    static int ephemeralRangeStart() {
        try {
            // a stream: Files.readString reads a /proc file by its reported size, and gets one character of it
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .get(0)
                    .trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > LOWEST + 1000 ? start : 49_152;
        } catch (IOException | RuntimeException notLinux) {
            return 49_152;
        }
    }
}
