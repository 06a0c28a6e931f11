package io.trickle.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layers of STYLE §3 and the naming of §4, checked on the compiled classes. */
@AnalyzeClasses(packages = "io.trickle.desktop", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** A class of a view package whose name says it draws: the view itself or one of its nested cells. */
    private static final String VIEW_CLASS = ".*View(\\$.*)?";

    @ArchTest
    static final ArchRule desktopUsesOnlyTheEnginesPublicApi = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.trickle.engine.catalog..", "io.trickle.engine.cdc..", "io.trickle.engine.dvm..",
                    "io.trickle.engine.refresh..", "io.trickle.engine.db..", "io.trickle.engine.sql..",
                    "io.trickle.engine.cli..", "io.trickle.engine.scheduler..")
            .because("the desktop talks to the engine only through its public API (DESIGN §1)");

    @ArchTest
    static final ArchRule servicesHaveNoJavaFxInInterfaces = noClasses().that().resideInAPackage("..desktop.services")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("service interfaces are free of JavaFX; FX implementations live in services.fx (STYLE §3)");

    @ArchTest
    static final ArchRule workbenchKitIsDomainFree = noClasses().that().resideInAPackage("..desktop.workbench..")
            .should().dependOnClassesThat().resideInAnyPackage("io.trickle.engine..", "..desktop.views..",
                    "..desktop.services..", "..desktop.app..", "..desktop.theme..", "java.sql..")
            .because("the workbench is a reusable RCP kit with no domain in it (STYLE §3)");

    @ArchTest
    static final ArchRule viewsUseNoEngineInternalsSqlOrServiceImplementations = noClasses()
            .that().resideInAPackage("..desktop.views..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "..desktop.services.fx..",
                    "..desktop.app..", "io.trickle.engine.embedded..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.trickle.engine.api.Trickle")
            .because("views and view models reach the engine and the platform only through service interfaces "
                    + "(STYLE §3); they may hold engine.api records as data");

    @ArchTest
    static final ArchRule viewModelsDoNotTouchTheSceneGraph = noClasses()
            .that().resideInAPackage("..desktop.views..").and().haveNameNotMatching(VIEW_CLASS)
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
                    "atlantafx..", "org.kordamp.ikonli..")
            .because("only XxxView classes hold nodes; view models are tested without a display (STYLE §3, §5)");

    @ArchTest
    static final ArchRule viewModelsLiveBesideTheirViews = classes().that().haveSimpleNameEndingWith("ViewModel")
            .should().resideInAPackage("..desktop.views..")
            .because("a feature's view and view model sit side by side in desktop.views.<feature> (STYLE §3)");

    @ArchTest
    static final ArchRule viewsLiveInViewPackages = classes().that().haveSimpleNameEndingWith("View")
            .and().resideOutsideOfPackage("..desktop.workbench..")
            .should().resideInAPackage("..desktop.views..")
            .because("feature views live in desktop.views.<feature> (STYLE §3)");

    @ArchTest
    static final ArchRule servicesDoNotKnowTheViews = noClasses().that().resideInAPackage("..desktop.services..")
            .should().dependOnClassesThat().resideInAnyPackage("..desktop.views..", "..desktop.app..")
            .because("services serve the views, never the reverse (STYLE §3)");

    @ArchTest
    static final ArchRule onlyTheAppCreatesTheEmbeddedServer = noClasses().that().resideOutsideOfPackage("..desktop.app..")
            .should().dependOnClassesThat().resideInAPackage("io.trickle.engine.embedded..")
            .because("the composition root alone decides what runs in-process (STYLE §3)");

    @ArchTest
    static final ArchRule onlyTheAppKnowsTheFxServiceImplementations = noClasses()
            .that().resideOutsideOfPackages("..desktop.app..", "..desktop.services.fx..")
            .should().dependOnClassesThat().resideInAPackage("..desktop.services.fx..")
            .because("the composition root creates services and passes them as interfaces (STYLE §3)");

    @ArchTest
    static final ArchRule viewsDoNotHopThreadsThemselves = noClasses().that().resideInAPackage("..desktop.views..")
            .should().callMethod(javafx.application.Platform.class, "runLater", Runnable.class)
            .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
            .because("background work goes through the TaskExecutor, whose callbacks arrive on the FX thread "
                    + "(STYLE §6)");

    @ArchTest
    static final ArchRule noStaticState = fields().that().areStatic().and().areDeclaredInClassesThat()
            .resideInAPackage("io.trickle.desktop..")
            .should().beFinal()
            .because("no static singletons: dependencies come through constructors from the composition root "
                    + "(STYLE §6)");

    @ArchTest
    static final ArchRule noSleeps = noClasses().should().callMethod(Thread.class, "sleep", long.class)
            .because("nothing waits by sleeping; work is awaited through callbacks (STYLE §6)");

    @ArchTest
    static final ArchRule featuresMeetOnlyInTheSharedCatalog = slices().matching("io.trickle.desktop.views.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(DescribedPredicate.alwaysTrue(), JavaClass.Predicates.resideInAnyPackage(
                    "..desktop.views.catalog..", "..desktop.views.connections..", "..desktop.views.sql.."))
            .because("the navigator, graph, properties, history and editor share state only through the catalog "
                    + "model and the selection service (and SQL text only through the shared SQL area), so each can be "
                    + "moved, closed or replaced alone");

    @ArchTest
    static final ArchRule onlyTheDependenciesViewDrawsTheGraph = noClasses()
            .that().resideOutsideOfPackage("..desktop.views.dag..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("io.trickle.dagviewer..")
                    .and(DescribedPredicate.not(JavaClass.Predicates.type(io.trickle.dagviewer.StatusStyles.class))))
            .because("the dag-viewer control belongs to the Dependencies view; the others share only its status "
                    + "style names, so the navigator's icons and the graph's colours cannot drift apart");

    @ArchTest
    static final ArchRule onlyTheSqlAreasUseRichTextFx = noClasses()
            .that().resideOutsideOfPackages("..desktop.views.editor..", "..desktop.views.sql..")
            .or().haveNameNotMatching(VIEW_CLASS)
            .should().dependOnClassesThat().resideInAnyPackage("org.fxmisc..")
            .because("RichTextFX is a control: the shared SQL area and the editor view draw with it, view models "
                    + "keep plain text");
}
