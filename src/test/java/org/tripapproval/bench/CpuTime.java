package org.tripapproval.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU seconds used so far by the processes that share the machine's cores in a run, read from
 * Linux's {@code /proc}: the node (and of it, its JIT compiler's and its garbage collector's
 * threads), PostgreSQL (the postmaster with every process it started, ended ones included) and this
 * JVM (the benchmark's clients and GreenMail). A snapshot's difference to an earlier one is what a
 * run cost each of them.
 */
record CpuTime(double node, double nodeJit, double nodeGc, double postgres, double bench) {

  /** Clock ticks per second of /proc's times (USER_HZ): 100 on Linux's usual builds. */
  private static final double TICKS = 100.0;

  /** False where there is no /proc (not Linux): the benchmark then leaves the figures out. */
  static boolean available() {
    return Files.isReadable(Path.of("/proc/self/stat"));
  }

  /**
   * @param postmaster PostgreSQL's server process, or 0 where it does not run on this machine
   */
  static CpuTime of(long node, long postmaster) throws IOException {
    // a backend that ends between the server's own read and the listing of its children is counted
    // in neither (its time goes to the server's cutime after the listing): with the node's pooled
    // connections that is rare, and a few ticks at most
    return new CpuTime(
        seconds(node, false),
        threads(node, JIT),
        threads(node, GC),
        postmaster == 0 ? Double.NaN : seconds(postmaster, true) + children(postmaster),
        seconds(ProcessHandle.current().pid(), false));
  }

  /**
   * The server process of the PostgreSQL backend with this pid, if it runs on this machine; 0
   * otherwise (a database given with -Dbench.jdbcUrl on another host).
   */
  static long postmasterOf(long backend) {
    try {
      String command = Files.readString(proc(backend, "comm")).strip();
      return command.startsWith("postgres") ? parentOf(backend) : 0;
    } catch (IOException notHere) {
      return 0;
    }
  }

  CpuTime minus(CpuTime before) {
    return new CpuTime(
        node - before.node,
        nodeJit - before.nodeJit,
        nodeGc - before.nodeGc,
        postgres - before.postgres,
        bench - before.bench);
  }

  CpuTime per(int trips) {
    return new CpuTime(
        node / trips, nodeJit / trips, nodeGc / trips, postgres / trips, bench / trips);
  }

  /** All three; PostgreSQL counted as nothing where it runs elsewhere. */
  double total() {
    return node + (Double.isNaN(postgres) ? 0 : postgres) + bench;
  }

  /** The parent of a process, 0 if it has ended. */
  static long parentOf(long pid) {
    String[] fields = stat(proc(pid, "stat"));
    return fields == null ? 0 : Long.parseLong(fields[1]);
  }

  /**
   * HotSpot's names of its JIT compiler threads and of G1's threads (Linux keeps a thread's first
   * 15 characters).
   */
  private static final Pattern JIT = Pattern.compile("C[12] CompilerThre");

  private static final Pattern GC = Pattern.compile("GC Thread#\\d+|G1 .*");

  /**
   * The CPU seconds of the process's threads named so, as long as they live: the JVM ends compiler
   * threads it no longer needs, and their time then counts only in the process's total.
   */
  private static double threads(long pid, Pattern named) throws IOException {
    double total = 0;
    try (Stream<Path> threads = Files.list(proc(pid, "task"))) {
      for (Path thread : threads.toList()) {
        String name;
        try {
          name = Files.readString(thread.resolve("comm")).strip();
        } catch (IOException ended) {
          continue;
        }
        if (named.matcher(name).matches()) {
          total += seconds(thread.resolve("stat"), false);
        }
      }
    }
    return total;
  }

  private static double children(long parent) throws IOException {
    double total = 0;
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : processes.toList()) {
        String name = process.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        long pid = Long.parseLong(name);
        if (parentOf(pid) == parent) {
          total += seconds(pid, false);
        }
      }
    }
    return total;
  }

  /**
   * utime + stime, and with {@code reaped} also cutime + cstime (children that ended and were
   * waited for), in seconds; 0 if the process has ended meanwhile.
   */
  private static double seconds(long pid, boolean reaped) {
    return seconds(proc(pid, "stat"), reaped);
  }

  private static double seconds(Path statFile, boolean reaped) {
    String[] fields = stat(statFile);
    if (fields == null) {
      return 0;
    }
    // fields after the command's closing parenthesis: state is [0], ppid [1], utime [11]
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    if (reaped) {
      ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }
    return ticks / TICKS;
  }

  /** A file of the process in /proc. */
  private static Path proc(long pid, String file) {
    return Path.of("/proc", Long.toString(pid), file);
  }

  private static String[] stat(Path statFile) {
    String line;
    try {
      line = Files.readString(statFile);
    } catch (IOException ended) {
      return null; // the process or thread ended between the listing and the read
    }
    // the command may hold spaces and parentheses: the fields start after its last ')'
    return line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
  }
}
