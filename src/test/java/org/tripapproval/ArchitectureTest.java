package org.tripapproval;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages depend on each other one way (docs/adr/0012): no cycles between them, the web edge
 * and the wiring know the features and no feature knows them, and each feature uses only the ones
 * below it. A new dependency that runs the wrong way fails here, naming the classes.
 */
class ArchitectureTest {

  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.tripapproval");

  @Test
  void packagesHaveNoCycles() {
    slices().matching("org.tripapproval.(*)..").should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void eachPackageUsesOnlyThePackagesBelowIt() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("application")
        .definedBy("org.tripapproval")
        .layer("config")
        .definedBy("org.tripapproval.config..")
        .layer("web")
        .definedBy("org.tripapproval.web..")
        .layer("approval")
        .definedBy("org.tripapproval.approval..")
        .layer("notification")
        .definedBy("org.tripapproval.notification..")
        .layer("rules")
        .definedBy("org.tripapproval.rules..")
        .layer("audit")
        .definedBy("org.tripapproval.audit..")
        .layer("registry")
        .definedBy("org.tripapproval.registry..")
        .optionalLayer("people")
        .definedBy("org.tripapproval.people..")
        .layer("identity")
        .definedBy("org.tripapproval.identity..")
        .layer("trip")
        .definedBy("org.tripapproval.trip..")
        .layer("calendar")
        .definedBy("org.tripapproval.calendar..")
        .layer("csv")
        .definedBy("org.tripapproval.csv..")
        .layer("refusal")
        .definedBy("org.tripapproval.refusal..")
        .whereLayer("application")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("config")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("web")
        .mayOnlyBeAccessedByLayers("config")
        .whereLayer("approval")
        .mayOnlyBeAccessedByLayers("web", "config")
        .whereLayer("notification")
        .mayOnlyBeAccessedByLayers("approval", "web", "config")
        .whereLayer("rules")
        .mayOnlyBeAccessedByLayers("approval", "web", "config")
        .whereLayer("audit")
        .mayOnlyBeAccessedByLayers("notification", "approval", "web", "config")
        .whereLayer("registry")
        .mayOnlyBeAccessedByLayers("audit", "rules", "notification", "approval", "web", "config")
        .whereLayer("people")
        .mayOnlyBeAccessedByLayers(
            "registry", "audit", "rules", "notification", "approval", "web", "config")
        .whereLayer("identity")
        .mayOnlyBeAccessedByLayers(
            "people", "registry", "audit", "rules", "notification", "approval", "web", "config")
        .whereLayer("trip")
        .mayOnlyBeAccessedByLayers(
            "people",
            "identity",
            "registry",
            "audit",
            "rules",
            "notification",
            "approval",
            "web",
            "config")
        .whereLayer("calendar")
        .mayOnlyBeAccessedByLayers(
            "trip",
            "people",
            "identity",
            "registry",
            "audit",
            "rules",
            "notification",
            "approval",
            "web",
            "config")
        .check(CLASSES);
  }
}
