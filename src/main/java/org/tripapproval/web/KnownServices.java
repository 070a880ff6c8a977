package org.tripapproval.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Camunda's REST resources look the engine up with a {@link java.util.ServiceLoader} each time one
 * is made, several times per call: each lookup asks the class loader for every {@code
 * META-INF/services} file of that name, which in the application's jar means reading every nested
 * jar (issue 19's profile: 4 to 5 % of the node's CPU). The service files in the jar do not change
 * while it runs, so on the engine's APIs this filter gives the request a class loader that asks its
 * own once per service name and keeps the files' lines (opening a nested jar's entry costs as much
 * as finding it). Classes and every other resource still come from the request's own class loader.
 */
class KnownServices extends OncePerRequestFilter {

  private static final String SERVICES = "META-INF/services/";

  private final Map<ClassLoader, Loader> loaders = new ConcurrentHashMap<>();

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Thread thread = Thread.currentThread();
    ClassLoader own = thread.getContextClassLoader();
    if (own == null || own instanceof Loader) {
      chain.doFilter(request, response);
      return;
    }
    thread.setContextClassLoader(loaders.computeIfAbsent(own, Loader::new));
    try {
      chain.doFilter(request, response);
    } finally {
      thread.setContextClassLoader(own);
    }
  }

  /**
   * A class loader that keeps the service files its parent finds, per name: their lines, read once,
   * served from memory (opening an entry of a nested jar costs as much as finding it).
   */
  static final class Loader extends ClassLoader {

    static {
      registerAsParallelCapable();
    }

    private final Map<String, List<URL>> services = new ConcurrentHashMap<>();

    Loader(ClassLoader parent) {
      super(parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (!name.startsWith(SERVICES)) {
        return super.getResources(name);
      }
      try {
        return Collections.enumeration(services.computeIfAbsent(name, this::read));
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }

    private List<URL> read(String name) {
      try {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (URL file : Collections.list(getParent().getResources(name))) {
          try (InputStream in = file.openStream()) {
            in.transferTo(lines);
          }
          lines.write('\n');
        }
        if (lines.size() == 0) {
          return List.of();
        }
        return List.of(Kept.url(name, lines.toByteArray()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A service file's lines in memory, as a URL that a ServiceLoader can read. */
  private static final class Kept extends URLStreamHandler {

    private final byte[] lines;

    private Kept(byte[] lines) {
      this.lines = lines;
    }

    @SuppressWarnings("deprecation") // the URL constructor with a handler, as Java 17 offers it
    static URL url(String name, byte[] lines) throws MalformedURLException {
      return new URL("kept-service", "", -1, "/" + name, new Kept(lines));
    }

    @Override
    protected URLConnection openConnection(URL url) {
      return new URLConnection(url) {
        @Override
        public void connect() {
          connected = true;
        }

        @Override
        public InputStream getInputStream() {
          return new ByteArrayInputStream(lines);
        }
      };
    }
  }
}
