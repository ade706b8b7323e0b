package org.govkg.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import inet.ipaddr.IPAddressString;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Embedded Neo4j Community with a Bolt connector on 127.0.0.1, safe by default on a shared machine.
 *
 * <pre>NEO4J_PASSWORD=... java -jar govkg-neo4j.jar [--home DIR] [--port N]</pre>
 * The password comes from env NEO4J_PASSWORD (or --password, which other users see in `ps`);
 * there is no default: govkg generates one per home ({home}/password).  It is set on the system
 * database at every start as "CHANGE NOT REQUIRED", so the database always has the password it
 * was started with and clients never see a change-password step.
 * Nothing listens beyond 127.0.0.1, HTTP is off, and LOAD CSV can read neither files (file URLs
 * are refused; the import root is the empty {home}/import) nor URLs (every IPv4 and IPv6
 * address is blocked), so whoever reaches Bolt cannot read the owner's files or fetch from the
 * owner's network through it (tests/test_neo4j_safety.py).
 * Prints "GOVKG-NEO4J READY port=N" once Bolt is listening; SIGTERM shuts down cleanly.
 */
public final class Server {
    public static void main(String[] args) throws Exception {
        String home = ".neo4j";
        int port = 7687;
        String password = System.getenv("NEO4J_PASSWORD");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--home": home = v; i++; break;
                case "--port": port = Integer.parseInt(v); i++; break;
                case "--password": password = v; i++; break;
                default:
                    System.err.println("usage: Server [--home DIR] [--port N] [--password PW]");
                    System.exit(2);
            }
        }
        if (password == null || password.length() < 8) {
            System.err.println("govkg-neo4j: set NEO4J_PASSWORD (at least 8 characters)");
            System.exit(2);
        }
        Path homeDir = Path.of(home).toAbsolutePath();
        Files.createDirectories(homeDir.resolve("logs"));
        Path importDir = homeDir.resolve("import");
        if (!Files.isDirectory(importDir)) {
            Files.createDirectory(importDir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(homeDir)
                .setConfig(GraphDatabaseSettings.default_listen_address, new SocketAddress("127.0.0.1"))
                .setConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress("127.0.0.1"))
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // LOAD CSV: no file URLs at all, and should they be allowed again, only the empty
                // import folder; no URL either: its host's address must be outside 0.0.0.0/0 and ::/0
                // (an internal setting in 5.26: should an upgrade drop it, this no longer compiles).
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist,
                        List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
                .setConfig(GraphDatabaseSettings.logs_directory, homeDir.resolve("logs"))
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(128))
                .setConfig(GraphDatabaseSettings.tx_state_max_off_heap_memory, ByteUnit.mebiBytes(128))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("GOVKG-NEO4J stopping");
            try {
                dbms.shutdown();
            } finally {
                System.out.println("GOVKG-NEO4J stopped");
                System.out.flush();
                stopped.countDown();
            }
        }, "govkg-neo4j-shutdown"));

        // Embedded transactions run without auth, so the system database accepts this directly.
        // A restart with the same password is refused ("Old password and new password cannot be
        // the same"), so only a real failure stops the server.
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            if (!msg.contains("Old password and new password cannot be the same")) {
                System.err.println("GOVKG-NEO4J ERROR setting the password: " + msg);
                System.exit(1); // runs the shutdown hook
            }
        }

        System.out.println("GOVKG-NEO4J READY port=" + port + " home=" + homeDir);
        System.out.flush();
        stopped.await();
    }
}
