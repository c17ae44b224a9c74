// Starts a PostgreSQL primary on an existing data directory and a hot standby streaming from it, with the
// embedded PostgreSQL binaries from Maven Central (no pg_basebackup there: the standby is a cold copy of the
// primary's directory, made while it is stopped). Used by bench/replica.sh; runs until killed.
//
//   java -cp "$(cat classpath)" bench/ReplicatedPostgres.java PRIMARY_DIR REPLICA_DIR PRIMARY_PORT REPLICA_PORT
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;

public class ReplicatedPostgres {

    public static void main(String[] args) throws Exception {
        Path primaryDir = Path.of(args[0]);
        Path replicaDir = Path.of(args[1]);
        int primaryPort = Integer.parseInt(args[2]);
        int replicaPort = Integer.parseInt(args[3]);
        if (!Files.exists(replicaDir)) {
            if (Files.exists(primaryDir.resolve("postmaster.pid"))) {
                throw new IllegalStateException(primaryDir + " is in use (postmaster.pid): stop that server first");
            }
            var copy = new ProcessBuilder("cp", "-a", primaryDir.toString(), replicaDir.toString()).inheritIO().start();
            if (copy.waitFor() != 0) throw new IllegalStateException("copy failed");
            Files.deleteIfExists(replicaDir.resolve("epg-lock"));
            Files.createFile(replicaDir.resolve("standby.signal"));
            Files.writeString(replicaDir.resolve("postgresql.auto.conf"),
                    "\nprimary_conninfo = 'host=localhost port=" + primaryPort + " user=postgres application_name=replica'\n",
                    StandardOpenOption.APPEND);
            Files.setPosixFilePermissions(replicaDir, PosixFilePermissions.fromString("rwx------"));
        }
        EmbeddedPostgres primary = server(primaryDir, primaryPort);
        EmbeddedPostgres replica = server(replicaDir, replicaPort);
        System.out.println("primary jdbc:postgresql://localhost:" + primaryPort + "/newsgraph");
        System.out.println("replica jdbc:postgresql://localhost:" + replicaPort + "/newsgraph");
        System.out.println("ready");
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                replica.close();
                primary.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            stopped.countDown();
        }));
        stopped.await();
    }

    static EmbeddedPostgres server(Path directory, int port) throws Exception {
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                // a shared, busy machine: a standby may need a while to reach a consistent state
                .setPGStartupWait(java.time.Duration.ofMinutes(2))
                .setPort(port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100")
                .setServerConfig("wal_level", "replica")
                .setServerConfig("max_wal_senders", "10")
                .setServerConfig("wal_keep_size", "1GB")
                .setServerConfig("hot_standby", "on")
                .setServerConfig("hot_standby_feedback", "on")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(directory.resolveSibling(directory.getFileName() + ".log").toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(directory.resolveSibling(directory.getFileName() + ".log").toFile()))
                .start();
    }
}
