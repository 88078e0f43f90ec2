package io.keyrenewal.keystore;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "io.keyrenewal.keystore", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule onlyTheCertificateFeatureUsesBouncyCastle = noClasses()
            .that().resideOutsideOfPackage("..keystore.certificate..")
            .should().dependOnClassesThat().resideInAPackage("org.bouncycastle..");

    @ArchTest
    static final ArchRule theWebApiNeverTouchesPrivateKeys = noClasses()
            .that().resideInAPackage("..keystore.web..")
            .should().dependOnClassesThat().haveFullyQualifiedName("java.security.PrivateKey")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.security.KeyStore")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(
                    "io.keyrenewal.keystore.certificate.IssuedKeyPair");

    @ArchTest
    static final ArchRule keysAndStoreKnowNothingOfKafkaOrTheWeb = noClasses()
            .that().resideInAnyPackage("..keystore.certificate..", "..keystore.store..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..",
                    "org.springframework.web..", "..keystore.messaging..", "..keystore.web..");

    @ArchTest
    static final ArchRule featuresDoNotReachIntoTheKafkaAdapter = noClasses()
            .that().resideInAnyPackage("..keystore.generation..", "..keystore.removal..", "..keystore.seed..",
                    "..keystore.exchange..", "..keystore.rollback..", "..keystore.discard..", "..keystore.history..",
                    "..keystore.crypto..", "..keystore.issuance..",
                    "..keystore.journal..", "..keystore.partner..")
            .should().dependOnClassesThat().resideInAnyPackage("..keystore.messaging..", "..keystore.web..",
                    "org.apache.kafka..", "org.springframework.kafka..");
}
