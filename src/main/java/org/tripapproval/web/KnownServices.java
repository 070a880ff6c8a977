package org.tripapproval.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
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
 * own once per service name and keeps the answer. Classes and every other resource still come from
 * the request's own class loader.
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

  /** A class loader that keeps the service files its parent finds, per name. */
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
        return Collections.enumeration(
            services.computeIfAbsent(
                name,
                service -> {
                  try {
                    return List.copyOf(Collections.list(getParent().getResources(service)));
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                }));
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
  }
}
