package org.tripapproval.support;

import static org.tripapproval.support.RestTripDriver.expect;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Logged in to the Camunda webapps as a browser is: the session cookie and the CSRF token. */
public record WebappSession(RestClient client, String session, String xsrf) {

  public static WebappSession logIn(RestClient anonymous, String user) {
    HttpResponse<String> page = anonymous.get("/camunda/app/tasklist/default/");
    String xsrf = cookie(page, "XSRF-TOKEN");
    String session = cookie(page, "JSESSIONID");
    HttpResponse<String> login =
        anonymous.send(
            anonymous
                .request("/camunda/api/admin/auth/user/default/login/tasklist")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", xsrf)
                .header("Cookie", "JSESSIONID=" + session + "; XSRF-TOKEN=" + xsrf)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "username=" + user + "&password=" + RestClient.PASSWORD)));
    expect(login, 200);
    String loggedIn =
        login.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("JSESSIONID="))
            ? cookie(login, "JSESSIONID")
            : session;
    String token =
        login.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("XSRF-TOKEN="))
            ? cookie(login, "XSRF-TOKEN")
            : xsrf;
    return new WebappSession(anonymous, loggedIn, token);
  }

  public HttpResponse<String> get(String path) {
    return client.send(client.request(path).header("Cookie", cookies()));
  }

  public HttpResponse<String> post(String path) {
    return client.send(
        client
            .request(path)
            .header("Cookie", cookies())
            .header("X-XSRF-TOKEN", xsrf)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")));
  }

  private String cookies() {
    return "JSESSIONID=" + session + "; XSRF-TOKEN=" + xsrf;
  }

  private static String cookie(HttpResponse<?> response, String name) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no cookie " + name));
  }
}
