package io.trickle.dagviewer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "io.trickle.dagviewer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule viewerKnowsNothingOfTheEngine = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("io.trickle.engine..", "io.trickle.desktop..")
            .allowEmptyShould(true)
            .because("dag-viewer is reusable: it draws any JGraphT graph and knows nothing of Trickle (DESIGN §1)");

    @ArchTest
    static final ArchRule coloursLiveInTheStylesheet = noClasses().should().dependOnClassesThat()
            .haveFullyQualifiedName("javafx.scene.paint.Color")
            .because("colours are looked-up colours in dag-viewer.css, so that a theme can override them (issue 7)");

    @ArchTest
    static final ArchRule layoutIsFreeOfTheSceneGraph = noClasses().that().resideInAPackage("..dagviewer.layout..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..")
            .allowEmptyShould(true)
            .because("the layout is computed and tested without a display (STYLE §3)");
}
