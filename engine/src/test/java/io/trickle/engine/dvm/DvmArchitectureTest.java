package io.trickle.engine.dvm;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.trickle.engine.db.PgQuote;
import java.sql.SQLException;

/**
 * The seams inside the differential engine (issue 15), as tests: the operator tree, the translator,
 * the rewrites, the rules and the SQL writer each keep to their part. ArchUnit sees types, not string
 * literals, so "only render writes SQL" is checked where it can be: quoting, and what each part may
 * reach.
 */
@AnalyzeClasses(packages = "io.trickle.engine.dvm", importOptions = ImportOption.DoNotIncludeTests.class)
class DvmArchitectureTest {

    @ArchTest
    static final ArchRule theDifferentialEngineRunsNoStatement = noClasses().that().resideInAPackage("..engine.dvm..")
            .should().dependOnClassesThat(resideInAnyPackage("java.sql..", "javax.sql..")
                    .and(not(assignableTo(SQLException.class))))
            .because("the translator, the rewrites and the delta rules are functions of a query and of what "
                    + "RelationCatalog and TypeOracle answer: they reach the database only through those two, so a rule "
                    + "cannot read it behind the refresh's back and every rule is checked from the SQL it writes "
                    + "(SQLException only passes through from the catalog)");

    @ArchTest
    static final ArchRule onlyRenderQuotes = noClasses().that().resideInAPackage("..engine.dvm..")
            .and().resideOutsideOfPackage("..engine.dvm.render..")
            .should().dependOnClassesThat().haveFullyQualifiedName(PgQuote.class.getName())
            .because("dvm.render.SqlWriter is the one place that turns a name or a value into SQL text (STYLE §1.1), "
                    + "so a column called \"Order\" or a\"b is quoted alike by the FULL path and every delta rule");

    @ArchTest
    static final ArchRule theOperatorTreeKnowsNoSql = noClasses().that().resideInAPackage("..engine.dvm.op..")
            .should().dependOnClassesThat().resideInAnyPackage("io.trickle.engine.dvm", "..engine.dvm.render..",
                    "..engine.dvm.delta..", "..engine.dvm.translate..", "..engine.dvm.rewrite..", "..engine.db..")
            .because("an operator says what a query computes and what it is (its inputs, its properties); how it is "
                    + "written as SQL (render) and differentiated (delta) lives beside it, so a new rendering or rule "
                    + "never edits an operator");

    @ArchTest
    static final ArchRule renderIsTheBottomWriter = noClasses().that().resideInAPackage("..engine.dvm.render..")
            .should().dependOnClassesThat().resideInAnyPackage("io.trickle.engine.dvm", "..engine.dvm.delta..",
                    "..engine.dvm.translate..", "..engine.dvm.rewrite..")
            .because("the FULL path, the delta rules and the translator's probes all write through render; it knows "
                    + "the operator tree and nothing that uses it, so its fragments mean the same to every caller");

    @ArchTest
    static final ArchRule rulesSeeOnlyFinishedTrees = noClasses().that().resideInAnyPackage("..engine.dvm.delta..",
                    "..engine.dvm.rewrite..")
            .should().dependOnClassesThat().resideInAPackage("..engine.dvm.translate..")
            .because("how SQL became a tree changes as constructs are added; the rewrites and delta rules work on the "
                    + "tree alone, so a new construct reaches them only as operators");

    @ArchTest
    static final ArchRule theTranslatorDoesNotDifferentiate = noClasses().that().resideInAPackage("..engine.dvm.translate..")
            .should().dependOnClassesThat().resideInAnyPackage("..engine.dvm.delta..", "..engine.dvm.rewrite..")
            .because("translation ends with a tree; normalising and differentiating it are the planner's later "
                    + "passes (DvmPlanner), so each can be read and tested on its own");
}
