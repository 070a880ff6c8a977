package org.tripapproval.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class KnownServicesTest {

  /** A class loader that counts how often it is asked for service files. */
  static final class Counting extends ClassLoader {
    final List<String> serviceLookups = new CopyOnWriteArrayList<>();

    Counting() {
      super(KnownServicesTest.class.getClassLoader());
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      if (name.startsWith("META-INF/services/")) {
        serviceLookups.add(name);
      }
      return super.getResources(name);
    }
  }

  @Test
  void aRequestFindsTheEngineProviderAsBeforeButTheJarIsReadOncePerService() throws Exception {
    Counting own = new Counting();
    KnownServices filter = new KnownServices();
    AtomicReference<ClassLoader> during = new AtomicReference<>();
    List<String> found = new ArrayList<>();
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(own);
    try {
      for (int call = 0; call < 50; call++) {
        filter.doFilter(
            new MockHttpServletRequest("GET", "/engine-rest/task"),
            new MockHttpServletResponse(),
            new MockFilterChain(
                new HttpServlet() {
                  @Override
                  protected void service(HttpServletRequest request, HttpServletResponse response) {
                    during.set(Thread.currentThread().getContextClassLoader());
                    // as Camunda's EngineUtil does for every REST resource it makes
                    found.add(
                        ServiceLoader.load(ProcessEngineProvider.class)
                            .iterator()
                            .next()
                            .getClass()
                            .getName());
                  }
                }));
      }
      assertThat(thread.getContextClassLoader()).as("restored after the request").isSameAs(own);
      assertThat(own.serviceLookups)
          .as("service files read from the jar in 50 requests: each name once")
          .contains("META-INF/services/" + ProcessEngineProvider.class.getName())
          .doesNotHaveDuplicates();
    } finally {
      thread.setContextClassLoader(before);
    }
    String first =
        ServiceLoader.load(ProcessEngineProvider.class, own).iterator().next().getClass().getName();
    assertThat(found).hasSize(50).containsOnly(first);
    String service = "META-INF/services/" + ProcessEngineProvider.class.getName();
    List<URL> kept = Collections.list(during.get().getResources(service));
    assertThat(kept).singleElement().extracting(URL::getProtocol).isEqualTo("kept-service");
    StringBuilder inTheJar = new StringBuilder();
    for (URL file : Collections.list(own.getResources(service))) {
      try (InputStream in = file.openStream()) {
        inTheJar.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
      }
    }
    try (InputStream in = kept.get(0).openStream()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .as("the lines of every such file, kept")
          .isEqualTo(inTheJar.toString());
    }
    assertThat(during.get()).isNotSameAs(own);
    assertThat(during.get().loadClass(ProcessEngineProvider.class.getName()))
        .isSameAs(ProcessEngineProvider.class);
    assertThat(Collections.list(during.get().getResources("application.yaml")))
        .isEqualTo(Collections.list(own.getResources("application.yaml")));
  }

  @Test
  void withoutTheFilterEveryLookupReadsTheJar() {
    Counting own = new Counting();
    for (int call = 0; call < 5; call++) {
      ServiceLoader.load(ProcessEngineProvider.class, own).iterator().hasNext();
    }
    assertThat(own.serviceLookups).hasSize(5);
  }
}
