package io.keyrenewal.renewal.dryrun;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.keyrenewal.renewal.query.OpenRenewalAliases;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The dry run reads; it reaches nothing that sends a command, stores or publishes an event or schedules a deadline. */
@AnalyzeClasses(packages = "io.keyrenewal.renewal", importOptions = ImportOption.DoNotIncludeTests.class)
class DryRunArchitectureTest {

    @ArchTest
    static final ArchRule theDryRunChangesNothing = noClasses()
            .that().resideInAPackage("..renewal.dryrun..")
            .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.commandhandling..",
                    "org.axonframework.eventhandling..", "org.axonframework.eventsourcing..",
                    "org.axonframework.deadline..", "org.axonframework.modelling..", "org.springframework.kafka..",
                    "org.apache.kafka..", "org.springframework.jdbc..")
            .orShould().callMethod(OpenRenewalAliases.class, "claim", String.class, String.class);
}
