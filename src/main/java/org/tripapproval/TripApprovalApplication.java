package org.tripapproval;

import org.camunda.bpm.spring.boot.starter.annotation.EnableProcessApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A process application, so that Tasklist resolves {@code embedded:app:forms/...} against this
 * application's static files (see META-INF/processes.xml).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableProcessApplication("trip-approval")
public class TripApprovalApplication {

  public static void main(String[] args) {
    SpringApplication.run(TripApprovalApplication.class, args);
  }
}
