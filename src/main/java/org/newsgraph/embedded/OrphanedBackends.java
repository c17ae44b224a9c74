package org.newsgraph.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backends a killed postmaster leaves behind. A backend in the middle of a long statement does not notice
 * that its postmaster is gone; it stays attached to the server's System V shared memory segment, and a new
 * postmaster refuses to start on the data directory ("pre-existing shared memory block is still in use") until
 * it exits, which after a flood of heavy queries took a minute or never happened within two. They are found by
 * that segment (its key is line 7 of the old {@code postmaster.pid}; {@code /proc/<pid>/maps} names it
 * {@code /SYSV<key in hex>}), so that only this data directory's processes are ever touched, and killed: their
 * work is lost with the postmaster anyway, and killing them is what PostgreSQL's own hint asks. Linux only;
 * elsewhere nothing is found.
 */
final class OrphanedBackends {

    private static final Logger log = LoggerFactory.getLogger(OrphanedBackends.class);

    private OrphanedBackends() {}

    /** Kills the processes still attached to the shared memory of the postmaster that ran on {@code dataDirectory}. */
    static int kill(Path dataDirectory) {
        String segment = segmentName(dataDirectory.resolve("postmaster.pid"));
        if (segment == null) return 0;
        List<ProcessHandle> attached = attachedTo(segment);
        for (ProcessHandle process : attached) {
            log.warn(
                    "Killing PostgreSQL backend {} left by the dead postmaster (it holds shared memory {})",
                    process.pid(),
                    segment);
            process.destroyForcibly();
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        for (ProcessHandle process : attached) {
            while (process.isAlive() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return attached.size();
                }
            }
        }
        return attached.size();
    }

    /** {@code SYSV<key>} of the segment named in a {@code postmaster.pid}, or null. */
    static String segmentName(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.size() < 7) return null;
            String[] keyAndId = lines.get(6).trim().split("\\s+");
            long key = Long.parseLong(keyAndId[0]);
            return key == 0 ? null : String.format(Locale.ROOT, "SYSV%08x", key);
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    private static List<ProcessHandle> attachedTo(String segment) {
        var found = new ArrayList<ProcessHandle>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) return found;
        long self = ProcessHandle.current().pid();
        try (Stream<Path> processes = Files.list(proc)) {
            processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(p -> {
                        long pid = Long.parseLong(p.getFileName().toString());
                        if (pid != self && maps(p.resolve("maps"), segment)) {
                            ProcessHandle.of(pid).ifPresent(found::add);
                        }
                    });
        } catch (IOException | RuntimeException unlisted) {
            log.debug("Listing processes: {}", unlisted.getMessage());
        }
        return found;
    }

    private static boolean maps(Path maps, String segment) {
        try (Stream<String> lines = Files.lines(maps, StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(line -> line.contains("/" + segment + " ") || line.endsWith("/" + segment));
        } catch (IOException | RuntimeException gone) {
            return false;
        }
    }
}
