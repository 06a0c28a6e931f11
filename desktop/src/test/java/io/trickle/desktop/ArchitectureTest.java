package io.trickle.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.trickle.desktop", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule desktopUsesOnlyTheEnginesPublicApi = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.trickle.engine.catalog..", "io.trickle.engine.cdc..", "io.trickle.engine.dvm..",
                    "io.trickle.engine.refresh..", "io.trickle.engine.db..", "io.trickle.engine.sql..",
                    "io.trickle.engine.cli..", "io.trickle.engine.scheduler..")
            .because("the desktop talks to the engine only through its public API (DESIGN §1)");

    @ArchTest
    static final ArchRule servicesHaveNoJavaFxInInterfaces = noClasses().that().resideInAPackage("..desktop.services")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..")
            .because("service interfaces are free of JavaFX; FX implementations live in services.fx (STYLE §3)");
}
