package org.cnnworkbench.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.model.NetworkSpec;
import org.cnnworkbench.engine.model.Node;
import org.junit.jupiter.api.Test;

class LayoutJsonTest {

    private final NetworkSpec spec = NetworkSpec.of("tiny", List.of(
            Node.of("data", "input", List.of(), Map.of("channels", 3, "height", 8, "width", 8)),
            Node.of("act", "relu", List.of("data"))));

    @Test
    void positionsRoundTripWithTheSpec() throws Exception {
        Map<String, NodePosition> layout = Map.of("data", new NodePosition(10, 20.5), "act", new NodePosition(-3, 140));
        LoadedNetwork back = NetworkJson.read(NetworkJson.write(spec, layout), "tiny.json");
        assertThat(back.spec()).isEqualTo(spec);
        assertThat(back.layout()).isEqualTo(layout);
    }

    @Test
    void positionsOfUnknownNodesAreDroppedAndAFileWithoutLayoutHasNone() throws Exception {
        String text = NetworkJson.write(spec, Map.of("ghost", new NodePosition(1, 2)));
        assertThat(text).doesNotContain("layout");
        assertThat(NetworkJson.read(text, "x").layout()).isEmpty();
        String handWritten = text.replace("\n}\n", ",\n  \"layout\": {\"ghost\": [1, 2], \"act\": [5, 6]}\n}\n");
        assertThat(NetworkJson.read(handWritten, "x").layout()).containsOnlyKeys("act");
    }

    @Test
    void malformedPositionIsRefusedWithItsLocation() {
        String text = NetworkJson.write(spec).replace("\n}\n", ",\n  \"layout\": {\"act\": [5]}\n}\n");
        SpecFormatException e = assertThrows(SpecFormatException.class, () -> NetworkJson.read(text, "x"));
        assertThat(e.reason()).contains("layout of \"act\" must be [x, y]");
        assertThat(e.location().line()).isEqualTo(text.split("\n").length - 1);
    }

    @Test
    void positionsFarBeyondAnyCanvasAreDroppedWithAWarning() throws Exception {
        // Cards at 1.7e308 made the canvas's bounds infinite: zoom to fit panned to infinity and showed nothing.
        String text = NetworkJson.write(spec).replace("\n}\n",
                ",\n  \"layout\": {\"data\": [1.7976931348623157E308, 0],\n    \"act\": [5, -2e7]}\n}\n");
        LoadedNetwork loaded = NetworkJson.read(text, "far.json");
        assertThat(loaded.layout()).isEmpty();
        assertThat(loaded.warnings()).hasSize(2);
        assertThat(loaded.warnings().get(0)).startsWith("far.json:" + (text.split("\n").length - 2) + ":")
                .contains("\"data\"", "beyond \u00b110000000", "laid out again");
        Map<String, NodePosition> edge = Map.of("data", new NodePosition(-NetworkJson.MAX_COORDINATE, 0),
                "act", new NodePosition(0, NetworkJson.MAX_COORDINATE));
        LoadedNetwork kept = NetworkJson.read(NetworkJson.write(spec, edge), "edge.json");
        assertThat(kept.layout()).isEqualTo(edge);
        assertThat(kept.warnings()).isEmpty();
    }
}
