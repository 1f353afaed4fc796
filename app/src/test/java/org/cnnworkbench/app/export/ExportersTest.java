package org.cnnworkbench.app.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.dl4j.Dl4jModelExporter;
import org.cnnworkbench.engine.dl4j.ModelChoice;
import org.cnnworkbench.engine.io.JsonExporter;
import org.junit.jupiter.api.Test;

class ExportersTest {

    @Test
    void theBuiltInExportersAreFoundByIdInMenuOrder() {
        Exporters exporters = Exporters.available();
        assertThat(exporters.ids()).containsExactly("json", "dl4j", "prototxt", "report");
        assertThat(exporters.require("dl4j").label()).isEqualTo("DL4J model");
        assertThat(exporters.require("dl4j").fileExtension()).isEqualTo("zip");
        assertThat(exporters.require("report").writesDirectory()).isTrue();
    }

    @Test
    void anUnknownIdIsRefusedListingTheValidOnes() {
        assertThatThrownBy(() -> Exporters.available().require("onnx"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("there is no export 'onnx'; use one of: json, dl4j, prototxt, report");
    }

    @Test
    void twoExportersWithOneIdAreRefused() {
        assertThatThrownBy(() -> new Exporters(List.of(new JsonExporter(), new JsonExporter())))
                .hasMessageContaining("'json'");
    }

    @Test
    void configuredSetsTheModelChoiceOfTheDl4jExporter() {
        var dl4j = Exporters.configured(new Dl4jModelExporter(), Map.of(), ModelChoice.LAST);
        assertThat(((Dl4jModelExporter) dl4j).modelChoice()).isEqualTo(ModelChoice.LAST);
        var report = new ReportExporter();
        assertThat(Exporters.configured(report, Map.of(), ModelChoice.LAST)).isSameAs(report);
    }
}
