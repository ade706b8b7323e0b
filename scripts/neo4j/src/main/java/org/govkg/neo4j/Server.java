package org.govkg.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Embedded Neo4j Community with a Bolt connector on 127.0.0.1.
 *
 * <pre>java -jar govkg-neo4j.jar [--home DIR] [--port N] [--password PW]</pre>
 * The password also comes from env NEO4J_PASSWORD (default govkg-dev-pw); it is set on
 * the system database as "CHANGE NOT REQUIRED", so clients never see a change-password step.
 * Prints "GOVKG-NEO4J READY port=N" once Bolt is listening; SIGTERM shuts down cleanly.
 */
public final class Server {
    public static void main(String[] args) throws Exception {
        String home = "/work/main/.neo4j";
        int port = 7687;
        String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "govkg-dev-pw");
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
            System.err.println("govkg-neo4j: password must have at least 8 characters");
            System.exit(2);
        }
        Path homeDir = Path.of(home).toAbsolutePath();
        Files.createDirectories(homeDir.resolve("logs"));

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(homeDir)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
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
