package org.tripapproval.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One application node started from the built jar, as an operator starts it ({@code java -jar}),
 * with its log in target/. Settings are command-line arguments, e.g. {@code --DB_URL=...}.
 */
public final class JarNode implements AutoCloseable {

  /** The demo users' password (README); the administrator gets it too where a test sets none. */
  public static final String DEMO_PASSWORD = "Trip-Demo-2026";

  private final String name;
  private final int port;
  private final List<String> settings;
  private final Path workDir;
  private final List<String> jvmOptions;
  private Process process;
  private Duration startUp;

  private JarNode(String name, Path workDir, List<String> jvmOptions, List<String> settings) {
    this.name = name;
    this.port = freePort();
    this.workDir = workDir;
    this.jvmOptions = jvmOptions;
    this.settings = settings;
  }

  /** Starts the node with a 512 MiB heap and waits until its health endpoint says UP. */
  public static JarNode start(String name, Path workDir, String... settings) {
    return start(name, workDir, List.of("-Xmx512m"), settings);
  }

  /** Starts the node with these JVM options and waits until its health endpoint says UP. */
  public static JarNode start(
      String name, Path workDir, List<String> jvmOptions, String... settings) {
    // the tests act as the demo users, which exist only when asked for
    List<String> withDemo = new ArrayList<>(List.of("--trips.demo-data=true"));
    if (Arrays.stream(settings).noneMatch(setting -> setting.startsWith("--ADMIN_PASSWORD="))) {
      withDemo.add("--ADMIN_PASSWORD=" + DEMO_PASSWORD);
    }
    withDemo.addAll(List.of(settings));
    JarNode node = new JarNode(name, workDir, jvmOptions, withDemo);
    try {
      Files.writeString(node.log(), "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    node.start();
    return node;
  }

  /**
   * A node on the given PostgreSQL database that delivers mail to an SMTP server on the loopback
   * port: job executor and mail delivery on, polling every second even when idle (timers are made
   * due by hand, which only wakes the node that was asked), and a host name for the job log.
   */
  public static JarNode onPostgres(
      String name, Path workDir, String url, int smtpPort, String... more) {
    return onPostgres(name, workDir, List.of("-Xmx512m"), url, smtpPort, more);
  }

  /** {@link #onPostgres(String, Path, String, int, String...)} with these JVM options. */
  public static JarNode onPostgres(
      String name,
      Path workDir,
      List<String> jvmOptions,
      String url,
      int smtpPort,
      String... more) {
    return onPostgres(name, workDir, jvmOptions, url, "postgres", "postgres", smtpPort, more);
  }

  /**
   * {@link #onPostgres(String, Path, String, int, String...)} with these JVM options, database user
   * and password.
   */
  public static JarNode onPostgres(
      String name,
      Path workDir,
      List<String> jvmOptions,
      String url,
      String user,
      String password,
      int smtpPort,
      String... more) {
    List<String> settings =
        new ArrayList<>(
            List.of(
                "--DB_URL=" + url,
                "--DB_USER=" + user,
                "--DB_PASSWORD=" + password,
                "--trips.mail.embedded-server=false",
                "--SMTP_HOST=127.0.0.1",
                "--SMTP_PORT=" + smtpPort,
                "--trips.mail.delivery-interval=PT1S",
                "--camunda.bpm.job-execution.wait-time-in-millis=500",
                "--camunda.bpm.job-execution.max-wait=1000",
                "--camunda.bpm.generic-properties.properties.hostname=node-" + name));
    settings.addAll(List.of(more));
    return start(name, workDir, jvmOptions, settings.toArray(String[]::new));
  }

  /** Starts the node again with the same port and settings, e.g. after {@link #kill()}. */
  public void start() {
    String java = ProcessHandle.current().info().command().orElse("java");
    Path log = log();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar().toString(), "--server.port=" + port));
    long launched = System.nanoTime();
    command.addAll(settings);
    try {
      process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    RestClient anonymous = new RestClient(baseUrl(), null);
    try {
      // a bound for a machine busy with other builds, not a measure: a start takes 15 s on 2 idle
      // cores
      await()
          .atMost(Duration.ofMinutes(5))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .failFast("node " + name + " stopped; see " + log, () -> !process.isAlive())
          .until(() -> anonymous.get("/actuator/health").body().contains("UP"));
    } catch (RuntimeException | Error notUp) {
      // a node that did not come up must not outlive the test that started it
      process.destroyForcibly();
      throw notUp;
    }
    startUp = Duration.ofNanos(System.nanoTime() - launched);
  }

  /** From launching the JVM to the health endpoint's first UP, at the last start. */
  public Duration startUp() {
    return startUp;
  }

  public long pid() {
    return process.pid();
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  public int port() {
    return port;
  }

  public Path log() {
    return Path.of("target", "node-" + name + ".log").toAbsolutePath();
  }

  /** SIGKILL: no shutdown hook, no clean close of connections or transactions. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("node " + name + " killed").isTrue();
  }

  /** SIGTERM, as an operator stops a node; SIGKILL if it has not ended after 30 s. */
  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  private static Path jar() {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      List<Path> jars =
          files.filter(p -> p.getFileName().toString().matches("trip-approval-.*\\.jar")).toList();
      assertThat(jars).as("the jar that mvn package built").hasSize(1);
      return jars.get(0).toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
