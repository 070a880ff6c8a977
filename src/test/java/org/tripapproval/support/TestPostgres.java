package org.tripapproval.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/** One real PostgreSQL server for the ITs of a test run, started on first use (zonky). */
public final class TestPostgres {

  private static EmbeddedPostgres server;
  private static final Map<String, String> DATABASES = new HashMap<>();

  private TestPostgres() {}

  public static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.close();
                    } catch (IOException ignored) {
                      // the JVM is ending; the data directory is temporary
                    }
                  }));
    }
    return server;
  }

  /** The application under test on this database of the shared server, as the postgres user. */
  public static void use(DynamicPropertyRegistry registry, String database) {
    String url = newDatabase(database);
    registry.add("spring.datasource.url", () -> url);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }

  /**
   * A database of its own on the shared server, created empty on first use, so each test context
   * starts empty.
   */
  public static synchronized String newDatabase(String name) {
    if (DATABASES.containsKey(name)) {
      return DATABASES.get(name);
    }
    try (var connection = server().getPostgresDatabase().getConnection();
        var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    DATABASES.put(name, server().getJdbcUrl("postgres", name));
    return DATABASES.get(name);
  }
}
