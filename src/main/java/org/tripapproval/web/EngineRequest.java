package org.tripapproval.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A call to one of the engine's APIs, its path normalized so that every spelling of one operation
 * is matched as one: percent-decoding, repeated and trailing slashes, and the named-engine twin
 * {@code /engine-rest/engine/default/task} of {@code /engine-rest/task}. Spellings that a server
 * could read differently from this check are refused outright: encoded '/', '\', '.', ';' and '%',
 * path parameters (';'), '.' and '..' segments.
 *
 * @param api which API: the engine's REST API (both prefixes, and the webapps' engine API) or a
 *     webapp plugin
 * @param engine the engine addressed (null where the path names none)
 * @param resource the path within that API, e.g. {@code /task/123/claim} or {@code
 *     /cockpit/plugin/base/default/...}
 */
record EngineRequest(Api api, String engine, String resource) {

  enum Api {
    ENGINE,
    WEBAPP_PLUGIN
  }

  static final String ENGINE_REST = "/engine-rest";
  static final String DEFAULT_ENGINE = "default";
  static final String ENGINE_LIST = "/engine";

  /** A path that cannot be trusted to mean one thing. */
  static final class Unreadable extends Exception {
    Unreadable(String reason) {
      super(reason, null, false, false);
    }
  }

  /**
   * @param path the request URI without the context path, undecoded
   * @param webappPath where the Camunda webapps are (camunda.bpm.webapp.application-path, /camunda)
   * @return the request, or null when the path is none of the engine's APIs
   */
  static EngineRequest of(String path, String webappPath) throws Unreadable {
    List<String> segments = segments(path);
    if (!segments.isEmpty() && ("/" + segments.get(0)).equals(ENGINE_REST)) {
      return named(segments.subList(1, segments.size()), true);
    }
    List<String> webapp = segments(webappPath);
    int api = webapp.size();
    if (segments.size() > api + 1
        && segments.subList(0, api).equals(webapp)
        && "api".equals(segments.get(api))) {
      List<String> rest = segments.subList(api + 1, segments.size());
      if ("engine".equals(rest.get(0))) {
        // /camunda/api/engine/engine/{name}/...: the same resources as
        // /engine-rest/engine/{name}/...
        return named(rest.subList(1, rest.size()), false);
      }
      return new EngineRequest(Api.WEBAPP_PLUGIN, DEFAULT_ENGINE, "/" + String.join("/", rest));
    }
    return null;
  }

  /**
   * {@code engine/{name}/...} or, on /engine-rest only, the default engine's resources directly.
   */
  private static EngineRequest named(List<String> rest, boolean defaultWithoutName) {
    if (!rest.isEmpty() && "engine".equals(rest.get(0))) {
      if (rest.size() == 1) {
        return new EngineRequest(Api.ENGINE, null, ENGINE_LIST);
      }
      return new EngineRequest(
          Api.ENGINE, rest.get(1), "/" + String.join("/", rest.subList(2, rest.size())));
    }
    return new EngineRequest(
        Api.ENGINE, defaultWithoutName ? DEFAULT_ENGINE : null, "/" + String.join("/", rest));
  }

  /** The decoded, non-empty segments of the path; refuses what could be read two ways. */
  static List<String> segments(String path) throws Unreadable {
    List<String> segments = new ArrayList<>();
    for (String raw : path.split("/", -1)) {
      if (raw.isEmpty()) {
        continue; // repeated and trailing slashes
      }
      if (raw.indexOf(';') >= 0) {
        throw new Unreadable("path parameter (;)");
      }
      String segment = decode(raw);
      if (segment.equals(".") || segment.equals("..")) {
        throw new Unreadable("dot segment");
      }
      segments.add(segment);
    }
    return segments;
  }

  private static String decode(String raw) throws Unreadable {
    if (raw.indexOf('\\') >= 0) {
      throw new Unreadable("backslash");
    }
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    byte[] bytes = new byte[raw.length()];
    int length = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        bytes[length++] = (byte) c;
        continue;
      }
      if (i + 2 >= raw.length()) {
        throw new Unreadable("malformed percent-encoding");
      }
      int value = hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2));
      if (value == '/'
          || value == '\\'
          || value == '.'
          || value == ';'
          || value == '%'
          || value < 0x20) {
        throw new Unreadable("encoded '/', '\\', '.', ';', '%' or control character");
      }
      bytes[length++] = (byte) value;
      i += 2;
    }
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private static int hex(char c) throws Unreadable {
    int digit = Character.digit(c, 16);
    if (digit < 0) {
      throw new Unreadable("malformed percent-encoding");
    }
    return digit;
  }
}
