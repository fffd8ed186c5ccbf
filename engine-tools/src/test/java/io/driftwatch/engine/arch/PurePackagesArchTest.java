package io.driftwatch.engine.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The heart of the engine, transaction assembly and causal merge, is pure: it takes values and
 * returns values, so it can be tested exhaustively and reasoned about without servers.
 */
@AnalyzeClasses(packages = "io.driftwatch.engine", importOptions = MainCodeOnly.class)
class PurePackagesArchTest {

    private static final String[] IO_PACKAGES = {
        "java.io..", "java.net..", "java.nio.file..", "java.nio.channels..", "java.sql..", "javax.sql..",
        "java.net.http..", "okhttp3..", "org.apache.kafka..", "org.apache.flink..", "io.debezium..",
        "com.clickhouse..", "software.amazon..", "org.postgresql..", "java.util.concurrent.."
    };

    @ArchTest
    static final ArchRule transactionAssemblyDoesNoIo = noClasses()
            .that().resideInAPackage("io.driftwatch.engine.txn..")
            .should().dependOnClassesThat().resideInAnyPackage(IO_PACKAGES)
            .because("transaction assembly is pure logic; the Flink operator around it does the I/O");

    // Serializable is a marker, not I/O: it lets the job keep row states in Flink's state backend.
    @ArchTest
    static final ArchRule mergeDoesNoIo = noClasses()
            .that().resideInAPackage("io.driftwatch.engine.merge..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage(IO_PACKAGES)
                    .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(java.io.Serializable.class))))
            .because("merges must be pure, commutative, associative and idempotent, and testable as such");

    @ArchTest
    static final ArchRule alertDecisionsDoNoIo = noClasses()
            .that().resideInAPackage("io.driftwatch.engine.alerts..")
            .should().dependOnClassesThat().resideInAnyPackage(IO_PACKAGES)
            .because("when an alert fires or resolves is decided from readings and times given to it; delivery is in alerting");

    @ArchTest
    static final ArchRule pureCodeDependsOnNoOtherEnginePackage = noClasses()
            .that().resideInAnyPackage("io.driftwatch.engine.txn..", "io.driftwatch.engine.merge..")
            .should().dependOnClassesThat().resideInAnyPackage("io.driftwatch.engine.stack..", "io.driftwatch.engine.cli..");

    @ArchTest
    static final ArchRule apiValuesDoNotReachIntoTheCli = noClasses()
            .that().resideInAPackage("io.driftwatch.engine.api..")
            .should().dependOnClassesThat().resideInAPackage("io.driftwatch.engine.cli..");
}
