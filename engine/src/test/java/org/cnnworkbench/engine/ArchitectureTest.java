package org.cnnworkbench.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine's dependency rules (STYLE.md: engine.model/analysis import neither JavaFX nor DL4J). */
@AnalyzeClasses(packages = {"org.cnnworkbench.engine", "org.nd4j"},
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule engineOutsideDl4jUsesNeitherGuiNorDl4j = noClasses()
            .that().resideInAPackage("org.cnnworkbench.engine..")
            .and().resideOutsideOfPackage("org.cnnworkbench.engine.dl4j..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("javafx..", "org.deeplearning4j..", "org.nd4j..")
            .because("only engine.dl4j may use DL4J, and the engine never uses the GUI toolkit");

    @ArchTest
    static final ArchRule modelAndAnalysisDoNotDependOnFileFormats = noClasses()
            .that().resideInAnyPackage("org.cnnworkbench.engine.model..", "org.cnnworkbench.engine.analysis..")
            .should().dependOnClassesThat().resideInAPackage("org.cnnworkbench.engine.io..")
            .because("the model and the analysis work on specs, whatever file they came from");

    @ArchTest
    static final ArchRule kindsDoNotDependOnAnalysisOrFileFormats = noClasses()
            .that().resideInAPackage("org.cnnworkbench.engine.kinds..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("org.cnnworkbench.engine.analysis..", "org.cnnworkbench.engine.io..")
            .because("a kind (also a plugin's) states only its formulas; the analysis calls it, not the reverse");

    @ArchTest
    static final ArchRule modelKindsAndAnalysisDoNotDependOnTheDl4jBridge = noClasses()
            .that().resideInAnyPackage("org.cnnworkbench.engine.model..", "org.cnnworkbench.engine.kinds..",
                    "org.cnnworkbench.engine.analysis..")
            .should().dependOnClassesThat().resideInAPackage("org.cnnworkbench.engine.dl4j..")
            .because("the DL4J bridge builds on the spec and its analysis, never the reverse");

    /**
     * The engine's classes live under org.cnnworkbench, except exactly one: {@code org.nd4j.nativeblas.Nd4jCpu}
     * (with its nested {@code Environment}), the workaround for DL4J 1.0.0-M2.1's failed reflective lookup of
     * oneDNN support, whose name DL4J dictates (see its Javadoc and docs/dl4j.md).
     */
    @ArchTest
    static final ArchRule onlyTheOneDnnWorkaroundLivesOutsideTheWorkbenchPackages = classes()
            .that().resideOutsideOfPackage("org.cnnworkbench..")
            .should().haveNameMatching("org\\.nd4j\\.nativeblas\\.Nd4jCpu(\\$Environment)?")
            .because("the only class at a foreign name is the DL4J M2.1 workaround that DL4J looks up by name");
}
