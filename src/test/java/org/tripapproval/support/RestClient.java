package org.tripapproval.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * HTTP as a REST client sends it: one base URL, HTTP Basic as a demo user (password Trip-Demo-2026)
 * or nobody.
 */
public final class RestClient {

  public static final String PASSWORD = "Trip-Demo-2026";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final String user;

  public RestClient(String baseUrl, String user) {
    this.baseUrl = baseUrl;
    this.user = user;
  }

  public RestClient as(String otherUser) {
    return new RestClient(baseUrl, otherUser);
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  public HttpResponse<String> post(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  public HttpResponse<String> put(String path, String json) {
    return send(
        request(path)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  /**
   * Deploys models through the engine's REST API ({@code POST /engine-rest/deployment/create}), as
   * an administrator would: resource name to its text.
   */
  public HttpResponse<String> deploy(String deploymentName, Map<String, String> resources) {
    String boundary = "----trips" + System.nanoTime();
    StringBuilder body = new StringBuilder();
    body.append("--")
        .append(boundary)
        .append("\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n")
        .append(deploymentName)
        .append("\r\n");
    resources.forEach(
        (name, text) ->
            body.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(name)
                .append("\"; filename=\"")
                .append(name)
                .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .append(text)
                .append("\r\n"));
    body.append("--").append(boundary).append("--\r\n");
    return send(
        request("/engine-rest/deployment/create")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    return send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The response body as a stream, e.g. a large export read as it arrives. */
  public HttpResponse<InputStream> sendForStream(HttpRequest.Builder request) {
    return send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  private static <T> HttpResponse<T> send(
      HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
    try {
      return HTTP.send(request.build(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        // a bound for a machine busy with other builds, where the first calls of a cold node are
        // slow
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofMinutes(2));
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }
    return request;
  }
}
