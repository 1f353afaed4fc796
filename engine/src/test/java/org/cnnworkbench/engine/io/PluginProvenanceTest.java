package org.cnnworkbench.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.analysis.Diagnostic;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.junit.jupiter.api.Test;

/** A spec names the plugin of each kind that is not built in; without that plugin, nothing of the file is lost. */
class PluginProvenanceTest {

    private static final String SPEC = """
            {
              "format" : "cnn-workbench-network",
              "version" : 1,
              "name" : "mobile",
              "nodes" : [ {
                "id" : "data",
                "kind" : "input",
                "channels" : 3,
                "height" : 32,
                "width" : 32
              }, {
                "id" : "sep1",
                "kind" : "dwsep",
                "plugin" : "depthwise-separable",
                "inputs" : [ "data" ],
                "filters" : 64,
                "alpha" : 0.75,
                "stride" : 2
              }, {
                "id" : "pool",
                "kind" : "globalavgpool",
                "inputs" : [ "sep1" ]
              } ]
            }
            """;

    @Test
    void aKindOfAMissingPluginIsAnErrorOnItsNodeThatNamesThePlugin() throws SpecFormatException {
        NetworkSpec spec = NetworkJson.read(SPEC, "mobile.json").spec();
        assertThat(spec.node("sep1").orElseThrow().plugin()).isEqualTo("depthwise-separable");
        AnalysisReport report = Analyzer.standard().analyze(spec);
        Diagnostic error = report.diagnostics().stream().filter(d -> "sep1".equals(d.node())).findFirst()
                .orElseThrow();
        assertThat(error.isError()).isTrue();
        assertThat(error.message()).contains("'dwsep'", "plugin 'depthwise-separable'", "not installed");
    }

    @Test
    void savingASpecWithAnUnknownKindKeepsEveryFieldOfItsNodes() throws SpecFormatException {
        NetworkSpec spec = NetworkJson.read(SPEC, "mobile.json").spec();
        String saved = NetworkJson.write(spec);
        NetworkSpec again = NetworkJson.read(saved, "saved.json").spec();
        assertThat(again).isEqualTo(spec);
        assertThat(saved).contains("{\"id\":\"sep1\",\"kind\":\"dwsep\",\"plugin\":\"depthwise-separable\",\"inputs\":[\"data\"],\"filters\":64,\"alpha\":0.75,\"stride\":2}");
    }

    @Test
    void aBuiltInKindRecordsNoPlugin() throws SpecFormatException {
        String saved = NetworkJson.write(NetworkJson.read(SPEC, "mobile.json").spec());
        assertThat(saved.split("\"plugin\"", -1)).hasSize(2);   // only sep1's
    }

    @Test
    void aPluginThatIsNotTextIsAFormatErrorWithItsLocation() {
        SpecFormatException e = assertThrows(SpecFormatException.class, () -> NetworkJson.read(
                SPEC.replace("\"plugin\" : \"depthwise-separable\"", "\"plugin\" : 7"), "bad.json"));
        assertThat(e.getMessage()).contains("bad.json", "\"plugin\" of node \"sep1\"");
    }
}
