package org.tripapproval.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain's head as this node saw it, appended to a file outside the database, each line sealed
 * with the key. Someone who can write the database can cut the chain and move audit_chain_head
 * back, or recompute it; they cannot make it agree with a checkpoint they cannot reach. Each node
 * keeps its own file or several share one (ADR 0010); every line is also logged, for a copy in the
 * log store.
 */
final class Checkpoints {

  /**
   * One line of the file: the chain ended at row lastId, sealed lastMac; keyed from row keyedFrom.
   */
  record Checkpoint(
      long number, Instant writtenAt, String node, long lastId, String lastMac, long keyedFrom) {}

  /** The file's checkpoints, or the first line that is not what this node wrote. */
  record Reading(List<Checkpoint> checkpoints, String problem) {}

  private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
  private static final String VERSION = "v1";

  private final Path file;
  private final ChainMac mac;
  private final String node;
  private final Clock clock;

  Checkpoints(Path file, ChainMac mac, String node, Clock clock) {
    this.file = file;
    this.mac = mac;
    this.node = node.replaceAll("[^A-Za-z0-9._-]", "_");
    this.clock = clock;
  }

  Path file() {
    return file;
  }

  /**
   * Appends a checkpoint unless the head has not moved since the file's last one; returns what the
   * file ends with. The file is locked from reading to appending, so nodes that share one file (a
   * shared volume) number their lines in one sequence.
   */
  synchronized Checkpoint write(long lastId, String lastMac, long keyedFrom) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try (FileChannel channel =
              FileChannel.open(
                  file,
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE,
                  StandardOpenOption.APPEND);
          FileLock lock = channel.lock()) {
        Reading reading = read();
        List<Checkpoint> existing = reading.checkpoints();
        Checkpoint last = existing.isEmpty() ? null : existing.get(existing.size() - 1);
        if (reading.problem() == null
            && last != null
            && last.lastId() == lastId
            && last.lastMac().equals(lastMac)
            && last.keyedFrom() == keyedFrom) {
          return last;
        }
        Checkpoint next =
            new Checkpoint(
                last == null ? 1 : last.number() + 1,
                clock.instant(),
                node,
                lastId,
                lastMac,
                keyedFrom);
        String fields = fields(next);
        // forced to disk before the caller goes on: a checkpoint that a crash loses protects
        // nothing
        channel.write(
            ByteBuffer.wrap(
                (fields + " " + mac.sign(fields) + "\n").getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
        log.info(
            "audit checkpoint {} in {}: chain ends at row {} sealed {}",
            next.number(),
            file,
            lastId,
            lastMac);
        return next;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every line, its seal checked; stops at the first line that is not sealed with the key or out of
   * order.
   */
  Reading read() {
    if (!Files.exists(file)) {
      return new Reading(List.of(), null);
    }
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // a line without its newline is being appended by another node right now: the next reading has
    // it
    List<String> lines = List.of(content.substring(0, content.lastIndexOf('\n') + 1).split("\n"));
    List<Checkpoint> checkpoints = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        continue;
      }
      long expected = checkpoints.size() + 1;
      Checkpoint checkpoint = parse(line);
      if (checkpoint == null || checkpoint.number() != expected) {
        return new Reading(
            checkpoints,
            "checkpoint "
                + expected
                + " in "
                + file
                + " is not sealed with the key (changed, forged or out of order)");
      }
      checkpoints.add(checkpoint);
    }
    return new Reading(checkpoints, null);
  }

  private Checkpoint parse(String line) {
    String[] parts = line.trim().split(" ");
    if (parts.length != 8 || !parts[0].equals(VERSION)) {
      return null;
    }
    String fields = String.join(" ", List.of(parts).subList(0, 7));
    if (!ChainMac.same(mac.sign(fields), parts[7])) {
      return null;
    }
    try {
      return new Checkpoint(
          Long.parseLong(parts[1]),
          Instant.parse(parts[2]),
          parts[3],
          Long.parseLong(parts[4]),
          parts[5],
          Long.parseLong(parts[6]));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String fields(Checkpoint checkpoint) {
    return String.join(
        " ",
        VERSION,
        Long.toString(checkpoint.number()),
        checkpoint.writtenAt().toString(),
        checkpoint.node(),
        Long.toString(checkpoint.lastId()),
        checkpoint.lastMac(),
        Long.toString(checkpoint.keyedFrom()));
  }
}
