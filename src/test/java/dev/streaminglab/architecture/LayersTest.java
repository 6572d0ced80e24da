package dev.streaminglab.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.Architectures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The library's packages in layers that only point down, so a change in a lower layer never needs a change above
 * it twice, and a newcomer knows where a class belongs. Packages of one tier do not use each other either: what two
 * of them share belongs a tier lower. A new package must be given a tier here.
 */
class LayersTest {
    /** Bottom first. The root package holds LabHome, LabException and Cli. */
    static final List<List<String>> TIERS = List.of(
            List.of("", "domain", "chart"),
            List.of("kafka"),
            List.of("cluster", "measure"),
            List.of("ingest", "process", "monitor"),
            List.of("connect", "serve"),
            List.of("pipeline", "costs"),
            List.of("bench", "limits", "report", "demo", "faults", "engines"));

    private static final String ROOT = "dev.streaminglab";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages(ROOT);

    @Test
    void layersOnlyPointDown() {
        LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> tier : TIERS) {
            for (String p : tier) {
                layers = layers.layer(layer(p)).definedBy(pattern(p));
            }
        }
        for (int t = 0; t < TIERS.size(); t++) {
            List<String> above = new ArrayList<>();
            TIERS.subList(t + 1, TIERS.size()).forEach(tier -> tier.forEach(p -> above.add(layer(p))));
            for (String p : TIERS.get(t)) {
                layers = above.isEmpty() ? layers.whereLayer(layer(p)).mayNotBeAccessedByAnyLayer()
                        : layers.whereLayer(layer(p)).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
            }
        }
        layers.check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void everyPackageHasATier() {
        String[] known = TIERS.stream().flatMap(List::stream).map(LayersTest::pattern).toArray(String[]::new);
        classes().should().resideInAnyPackage(known)
                .because("a new package needs a tier in LayersTest.TIERS").check(MAIN);
    }

    private static String layer(String p) {
        return p.isEmpty() ? "root" : p;
    }

    private static String pattern(String p) {
        return p.isEmpty() ? ROOT : ROOT + "." + p + "..";
    }
}
