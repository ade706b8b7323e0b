package org.govkg.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.server.CommunityBootstrapper;
import org.neo4j.server.configuration.ServerSettings;

/**
 * Neo4j Community in this process, with a Bolt connector on 127.0.0.1 and, with --http-port, the
 * HTTP connector on 127.0.0.1 serving Neo4j Browser at /browser/; safe by default on a shared machine.
 *
 * <pre>NEO4J_PASSWORD=... java -jar govkg-neo4j.jar [--home DIR] [--port N] [--http-port N]</pre>
 * The server is Neo4j's own (CommunityBootstrapper: the database, Bolt and the web server with
 * its Browser module; the Browser's pages come from the neo4j-browser jar on the class path),
 * configured here instead of by a neo4j.conf, so that no setting below can be lost to a file.
 * The password comes from env NEO4J_PASSWORD (or --password, which other users see in `ps`);
 * there is no default: govkg generates one per home ({home}/password).  It is set on the system
 * database at every start as "CHANGE NOT REQUIRED", so the database always has the password it
 * was started with and clients (Neo4j Browser too) never see a change-password step.
 * Nothing listens beyond 127.0.0.1; HTTP is off unless --http-port is given, and then only the
 * Browser and the transactional endpoint are on (no unmanaged extensions), cross-origin requests
 * only from the Browser's own address, the Browser sends no telemetry, and its pages may load and
 * connect to nothing but this server (a Content-Security-Policy of 'self' and the Bolt port).  LOAD CSV can read
 * neither files (file URLs are refused; the import root is the empty {home}/import) nor URLs
 * (every IPv4 and IPv6 address is blocked), so whoever reaches Bolt cannot read the owner's files
 * or fetch from the owner's network through it (tests/test_neo4j_safety.py).
 * Prints "GOVKG-NEO4J READY port=N" once Bolt is listening; SIGTERM shuts down cleanly.
 */
public final class Server {
    public static void main(String[] args) throws Exception {
        String home = ".neo4j";
        int port = 7687;
        int httpPort = 0;
        String password = System.getenv("NEO4J_PASSWORD");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--home": home = v; i++; break;
                case "--port": port = Integer.parseInt(v); i++; break;
                case "--http-port": httpPort = Integer.parseInt(v); i++; break;
                case "--password": password = v; i++; break;
                default:
                    System.err.println("usage: Server [--home DIR] [--port N] [--http-port N] [--password PW]");
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

        CommunityBootstrapper server = new CommunityBootstrapper();
        int code = server.start(homeDir, settings(homeDir, importDir, port, httpPort));
        if (code != 0) {
            System.err.println("GOVKG-NEO4J ERROR the server did not start (code " + code + "); see "
                    + homeDir.resolve("logs"));
            System.exit(code);
        }
        setPassword(server.getDatabaseManagementService(), password);

        System.out.println("GOVKG-NEO4J READY port=" + port
                + (httpPort > 0 ? " browser=http://127.0.0.1:" + httpPort + "/browser/" : "") + " home=" + homeDir);
        System.out.flush();
        new CountDownLatch(1).await(); // SIGTERM/SIGINT: the bootstrapper shuts down and exits
    }

    /** Every setting, by the name of its Setting (an upgrade that drops one no longer compiles). */
    static Map<String, String> settings(Path homeDir, Path importDir, int port, int httpPort) {
        Map<String, String> c = new LinkedHashMap<>();
        put(c, GraphDatabaseSettings.default_listen_address, "127.0.0.1");
        put(c, GraphDatabaseSettings.default_advertised_address, "127.0.0.1");
        put(c, BoltConnector.enabled, "true");
        put(c, BoltConnector.listen_address, "127.0.0.1:" + port);
        put(c, BoltConnector.advertised_address, "127.0.0.1:" + port);
        put(c, HttpConnector.enabled, String.valueOf(httpPort > 0));
        if (httpPort > 0) {
            put(c, HttpConnector.listen_address, "127.0.0.1:" + httpPort);
            put(c, HttpConnector.advertised_address, "127.0.0.1:" + httpPort);
            put(c, ServerSettings.http_enabled_modules, "BROWSER,TRANSACTIONAL_ENDPOINTS");
            put(c, ServerSettings.http_access_control_allow_origin, "http://127.0.0.1:" + httpPort);
            put(c, ServerSettings.allow_telemetry, "false");
            // The Browser's pages may load and connect to nothing but this server: its default
            // policy lets it fetch scripts and fonts from segment, canny and Google.
            put(c, ServerSettings.http_static_content_security_policy,
                    "default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                    + "font-src 'self'; connect-src 'self' ws://127.0.0.1:" + port + " http://127.0.0.1:" + port
                    + "; base-uri 'none'; object-src 'none'; frame-ancestors 'none'");
        }
        put(c, GraphDatabaseSettings.auth_enabled, "true");
        // LOAD CSV: no file URLs at all, and should they be allowed again, only the empty import
        // folder; no URL either: its host's address must be outside 0.0.0.0/0 and ::/0 (an internal
        // setting in 5.26: should an upgrade drop it, this no longer compiles).
        put(c, GraphDatabaseSettings.allow_file_urls, "false");
        put(c, GraphDatabaseSettings.load_csv_file_url_root, importDir.toString());
        put(c, GraphDatabaseInternalSettings.cypher_ip_blocklist, "0.0.0.0/0,::/0");
        put(c, GraphDatabaseSettings.logs_directory, homeDir.resolve("logs").toString());
        put(c, GraphDatabaseSettings.pagecache_memory, "128m");
        put(c, GraphDatabaseSettings.tx_state_max_off_heap_memory, "128m");
        return c;
    }

    private static void put(Map<String, String> c, Setting<?> setting, String value) {
        c.put(setting.name(), value);
    }

    /** Embedded transactions run without auth, so the system database accepts this directly.  A
     * restart with the same password is refused ("Old password and new password cannot be the
     * same"), so only a real failure stops the server. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            if (!msg.contains("Old password and new password cannot be the same")) {
                System.err.println("GOVKG-NEO4J ERROR setting the password: " + msg);
                System.exit(1); // runs the shutdown hooks
            }
        }
    }
}
