package org.tripapproval.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Demo users (published passwords) exist only where asked for: never because a profile is missing.
 */
class DemoDataSettingTest {

  @Test
  void demoUsersAreOffWithoutAProfileAndOnPostgresAndOnWithTheDemoProfile() {
    assertThat(demoData()).as("no profile").isFalse();
    assertThat(demoData("postgres")).as("postgres").isFalse();
    assertThat(demoData("demo")).as("demo").isTrue();
    assertThat(demoData("postgres", "demo")).as("postgres and demo").isTrue();
  }

  /**
   * trips.demo-data as the application's yaml files give it for these profiles, without the
   * machine's environment.
   */
  private static boolean demoData(String... profiles) {
    StandardEnvironment environment = new StandardEnvironment();
    MutablePropertySources sources = environment.getPropertySources();
    sources.remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    load("application.yaml").forEach(sources::addFirst);
    for (String profile : profiles) {
      load("application-" + profile + ".yaml").forEach(sources::addFirst);
    }
    return environment.getRequiredProperty("trips.demo-data", Boolean.class);
  }

  private static List<PropertySource<?>> load(String file) {
    try {
      return new YamlPropertySourceLoader().load(file, new ClassPathResource(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
