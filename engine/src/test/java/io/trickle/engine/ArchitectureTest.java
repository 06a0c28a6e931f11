package io.trickle.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The direction of DESIGN §1 and the package rules of STYLE §2, as tests. */
@AnalyzeClasses(packages = "io.trickle.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule engineImportsNoJavaFx = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("javafx..")
            .because("the engine is a library and a daemon; only the desktop knows JavaFX (DESIGN §1)");

    @ArchTest
    static final ArchRule engineImportsNoDesktopOrViewer = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.trickle.desktop..", "io.trickle.dagviewer..")
            .because("the desktop depends on the engine, never the reverse (DESIGN §1)");

    @ArchTest
    static final ArchRule dbIsTheBottomLayer = noClasses().that().resideInAPackage("..engine.db..")
            .should().dependOnClassesThat().resideInAnyPackage("..engine.catalog..", "..engine.cdc..", "..engine.sql..",
                    "..engine.dvm..", "..engine.refresh..", "..engine.graph..", "..engine.scheduler..",
                    "..engine.watermark..", "..engine.cli..", "..engine.embedded..", "..engine.metrics..")
            .because("db holds the pool, quoting and error mapping that every other package uses (STYLE §2)");

    @ArchTest
    static final ArchRule catalogKnowsNothingAbove = noClasses().that().resideInAPackage("..engine.catalog..")
            .should().dependOnClassesThat().resideInAnyPackage("..engine.dvm..", "..engine.refresh..",
                    "..engine.scheduler..", "..engine.graph..", "..engine.cli..")
            .because("the catalog is read by everything above it and must not depend on it (STYLE §2)");

    @ArchTest
    static final ArchRule cliUsesOnlyTheApi = noClasses().that().resideInAPackage("..engine.cli..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "..engine.dvm..", "..engine.catalog..",
                    "..engine.cdc..", "..engine.refresh..", "..engine.db..")
            .because("the command line is a front end of the public API (STYLE §2)");

    @ArchTest
    static final ArchRule embeddedIsNotAFrontEnd = noClasses().that().resideInAPackage("..engine.embedded..")
            .should().dependOnClassesThat().resideInAnyPackage("..engine.cli..")
            .because("the embedded server is used by the command line and the desktop alike (STYLE §2)");

    @ArchTest
    static final ArchRule graphIsPure = noClasses().that().resideInAPackage("..engine.graph..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "..engine.db..", "..engine.catalog..",
                    "..engine.cdc..", "..engine.refresh..", "..engine.scheduler..", "..engine.cli..")
            .because("the dependency graph is pure functions over records, tested without a database (STYLE §2)");

    @ArchTest
    static final ArchRule schedulerIsNotAFrontEnd = noClasses().that().resideInAPackage("..engine.scheduler..")
            .should().dependOnClassesThat().resideInAnyPackage("..engine.cli..", "..engine.metrics..",
                    "..engine.embedded..")
            .because("the daemon runs under the command line and inside the desktop alike; metrics hear of it "
                    + "through listener interfaces (STYLE §2)");

    @ArchTest
    static final ArchRule watermarksSitBelowTheScheduler = noClasses().that().resideInAPackage("..engine.watermark..")
            .should().dependOnClassesThat().resideInAnyPackage("..engine.scheduler..", "..engine.cli..",
                    "..engine.embedded..", "..engine.metrics..")
            .because("the scheduler and manual refreshes both use the watermark gate; the scheduler imports "
                    + "watermark, never the reverse (STYLE §2)");

    @ArchTest
    static final ArchRule nothingBelowTheSchedulerImportsIt = noClasses().that().resideInAnyPackage("..engine.db..",
                    "..engine.catalog..", "..engine.cdc..", "..engine.sql..", "..engine.dvm..", "..engine.refresh..",
                    "..engine.graph..", "..engine.lifecycle..")
            .should().dependOnClassesThat().resideInAnyPackage("..engine.scheduler..")
            .because("dependencies follow the data flow of DESIGN §1; news travels back through listeners (STYLE §2)");

    @ArchTest
    static final ArchRule apiIsTheFacadeNotAFrontEnd = noClasses().that().resideInAPackage("..engine.api..")
            .should().dependOnClassesThat().resideInAnyPackage("..engine.demo..", "..engine.embedded..",
                    "..engine.cli..", "..engine.metrics..")
            .because("the facade serves the command line, the desktop and embedding applications; the demo is "
                    + "installed where the embedded server lives, metrics subscribe through listeners (issue 15)");

    @ArchTest
    static final ArchRule onlyMetricsImportsPrometheus = noClasses().that().resideOutsideOfPackage("..engine.metrics..")
            .should().dependOnClassesThat().resideInAnyPackage("io.prometheus..")
            .because("the engine publishes to listener interfaces and one package turns them into Prometheus "
                    + "metrics, as HikariCP keeps its metrics libraries behind a tracker factory (STYLE §1.4)");

    @ArchTest
    static final ArchRule benchmarksDriveOnlyThePublicPaths = noClasses().that().resideInAPackage("..engine.bench..")
            .should().dependOnClassesThat().resideInAnyPackage("..engine.catalog..", "..engine.cdc..", "..engine.sql..",
                    "..engine.dvm..", "..engine.refresh..", "..engine.graph..", "..engine.scheduler..",
                    "..engine.watermark..", "..engine.lifecycle..", "..engine.cli..")
            .because("the benchmark suite measures what users run (the Trickle facade, trickle processes, the "
                    + "catalog's history), so it keeps measuring while the engine's insides change (issue 14)");
}
