package org.cnnworkbench.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cnnworkbench.engine.model.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading spec files: every problem is refused with a clear reason and, where it has one, a line and column. */
class NetworkJsonReaderTest {

    private static SpecFormatException readFails(String text) {
        return assertThrows(SpecFormatException.class, () -> NetworkJson.read(text, "net.json"));
    }

    @Test
    void readsAMinimalSpecWithNodeLocations() throws SpecFormatException {
        LoadedNetwork loaded = NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "name": "tiny",
                 "nodes": [
                   {"id": "data", "kind": "input", "channels": 3, "height": 32, "width": 32},
                   {"id": "conv1", "kind": "conv", "inputs": ["data"], "filters": 16, "kernel": [3, 5]}
                 ]}
                """, "tiny.json");

        assertThat(loaded.spec().name()).isEqualTo("tiny");
        assertThat(loaded.spec().node("conv1")).contains(Node.of("conv1", "conv", List.of("data"),
                Map.of("filters", 16L, "kernel", List.of(3L, 5L))));
        assertThat(loaded.locationOf("conv1")).isEqualTo(new SourceLocation(4, 4));
        assertThat(loaded.source()).isEqualTo("tiny.json");
    }

    @Test
    void nameDefaultsToTheFileName() throws SpecFormatException {
        LoadedNetwork loaded = NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "nodes": []}""", "dir/my-net.json");
        assertThat(loaded.spec().name()).isEqualTo("my-net");
    }

    @Test
    void missingCommaIsReportedAtItsLineAndColumn() {
        SpecFormatException e = readFails("""
                {
                  "format": "cnn-workbench-network",
                  "version": 1
                  "name": "x",
                  "nodes": []
                }
                """);
        // the unexpected '"' of "name" is at line 4, column 3
        assertThat(e.location()).isEqualTo(new SourceLocation(4, 3));
        assertThat(e.reason()).startsWith("malformed JSON").contains("comma");
        assertThat(e.getMessage()).startsWith("net.json:4:3: ");
    }

    @Test
    void unclosedListIsMalformedJson() {
        SpecFormatException e = readFails("""
                {"format": "cnn-workbench-network", "version": 1, "nodes": [
                """);
        assertThat(e.reason()).startsWith("malformed JSON");
        assertThat(e.location()).isNotNull();
    }

    @Test
    void newerVersionIsRefusedWithAClearMessage() {
        SpecFormatException e = readFails("""
                {
                  "format": "cnn-workbench-network",
                  "version": 2,
                  "nodes": []
                }
                """);
        assertThat(e.reason()).contains("version 2", "newer workbench", "versions up to 1");
        assertThat(e.location()).isEqualTo(new SourceLocation(3, 14));
    }

    @Test
    void versionMustBeAWholeNumber() {
        SpecFormatException e = readFails("""
                {"format": "cnn-workbench-network", "version": "one", "nodes": []}""");
        assertThat(e.reason()).contains("\"version\": a whole number >= 1");
    }

    @Test
    void wrongFormatFieldIsNotAWorkbenchNetwork() {
        SpecFormatException e = readFails("""
                {
                  "format": "keras-model",
                  "version": 1,
                  "nodes": []
                }
                """);
        assertThat(e.reason()).contains("not a workbench network", "\"format\": \"cnn-workbench-network\"");
        assertThat(e.location()).isEqualTo(new SourceLocation(2, 13));
    }

    @Test
    void missingFormatFieldIsNotAWorkbenchNetwork() {
        SpecFormatException e = readFails("""
                {"version": 1, "nodes": []}""");
        assertThat(e.reason()).contains("not a workbench network");
        assertThat(e.location()).isEqualTo(new SourceLocation(1, 1));
    }

    @Test
    void unknownTopLevelFieldIsRefusedWhereItIs() {
        SpecFormatException e = readFails("""
                {
                  "format": "cnn-workbench-network",
                  "version": 1,
                  "nodez": []
                }
                """);
        assertThat(e.reason()).contains("unknown field \"nodez\"", "format, version, name, description, nodes and layout");
        assertThat(e.location()).isEqualTo(new SourceLocation(4, 3));
    }

    @Test
    void missingNodesIsRefused() {
        SpecFormatException e = readFails("""
                {"format": "cnn-workbench-network", "version": 1}""");
        assertThat(e.reason()).contains("missing \"nodes\"");
    }

    @Test
    void duplicateNodeIdIsReportedAtTheSecondNode() {
        SpecFormatException e = readFails("""
                {"format": "cnn-workbench-network", "version": 1, "nodes": [
                  {"id": "a", "kind": "input", "channels": 1, "height": 1, "width": 1},
                  {"id": "a", "kind": "relu", "inputs": ["a"]}
                ]}
                """);
        assertThat(e.location()).isEqualTo(new SourceLocation(3, 3));
        assertThat(e.reason()).contains("second node has the id \"a\"", "the first is at line 2, column 3",
                "unique");
    }

    @Test
    void nodeWithoutIdIsRefused() {
        SpecFormatException e = readFails("""
                {"format": "cnn-workbench-network", "version": 1, "nodes": [
                  {"kind": "relu"}
                ]}
                """);
        assertThat(e.reason()).contains("node without an \"id\"");
        assertThat(e.location()).isEqualTo(new SourceLocation(2, 3));
    }

    @Test
    void nodeWithoutKindIsRefused() {
        SpecFormatException e = readFails("""
                {"format": "cnn-workbench-network", "version": 1, "nodes": [
                  {"id": "conv1", "filters": 8}
                ]}
                """);
        assertThat(e.reason()).contains("node \"conv1\" has no \"kind\"");
        assertThat(e.location()).isEqualTo(new SourceLocation(2, 3));
    }

    @Test
    void inputsThatAreNotAListAreRefused() {
        SpecFormatException e = readFails("""
                {"format": "cnn-workbench-network", "version": 1, "nodes": [
                  {"id": "data", "kind": "input", "channels": 1, "height": 1, "width": 1},
                  {"id": "r", "kind": "relu", "inputs": "data"}
                ]}
                """);
        assertThat(e.reason()).contains("\"inputs\" of node \"r\" must be a list of node ids");
        assertThat(e.location()).isEqualTo(new SourceLocation(3, 3));
    }

    @Test
    void nodesThatAreNotAListAreRefused() {
        SpecFormatException e = readFails("""
                {"format": "cnn-workbench-network", "version": 1, "nodes": {}}""");
        assertThat(e.reason()).contains("\"nodes\" must be a list");
    }

    @Test
    void listNestedThreeDeepIsRefused() {
        SpecFormatException e = readFails("""
                {"format": "cnn-workbench-network", "version": 1, "nodes": [
                  {"id": "c", "kind": "conv", "kernel": [[[3, 3]]]}
                ]}
                """);
        assertThat(e.reason()).contains("parameter \"kernel\" of node \"c\" must be a value, a list of values");
    }

    @Test
    void objectInsideAListIsRefused() {
        SpecFormatException e = readFails("""
                {"format": "cnn-workbench-network", "version": 1, "nodes": [
                  {"id": "c", "kind": "conv", "kernel": [{"h": 3}]}
                ]}
                """);
        assertThat(e.reason()).contains("parameter \"kernel\" of node \"c\" must be a value, a list of values");
    }

    @Test
    void listOfListsIsReadWithWholeNumbersAsLongsAndDecimalsAsDoubles() throws SpecFormatException {
        LoadedNetwork loaded = NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "nodes": [
                  {"id": "d", "kind": "convdet", "anchors": [[36, 37], [366.5, 174]]}
                ]}
                """, "net.json");

        assertThat(loaded.spec().node("d").orElseThrow().param("anchors"))
                .isEqualTo(List.of(List.of(36L, 37L), List.of(366.5, 174L)));
    }

    @Test
    void semanticProblemsAreLeftToTheAnalysis() throws SpecFormatException {
        LoadedNetwork loaded = NetworkJson.read("""
                {"format": "cnn-workbench-network", "version": 1, "nodes": [
                  {"id": "c", "kind": "convv", "inputs": ["nowhere"], "filters": "many"}
                ]}
                """, "net.json");
        assertThat(loaded.spec().node("c").orElseThrow().param("filters")).isEqualTo("many");
    }

    @Test
    void emptyFileIsRefused() {
        for (String text : List.of("", "  \n\t\n")) {
            SpecFormatException e = readFails(text);
            assertThat(e.reason()).contains("the file is empty");
            assertThat(e.location()).isNull();
            assertThat(e.source()).isEqualTo("net.json");
        }
    }

    @Test
    void missingFileIsRefused(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");
        SpecFormatException e = assertThrows(SpecFormatException.class, () -> NetworkJson.read(missing));
        assertThat(e.reason()).isEqualTo("no such file");
        assertThat(e.source()).isEqualTo(missing.toString());
        assertThat(e.getMessage()).isEqualTo(missing + ": no such file");
    }

    @Test
    void contentAfterTheNetworkIsRefused() {
        SpecFormatException e = readFails("""
                {"format": "cnn-workbench-network", "version": 1, "nodes": []} {}""");
        assertThat(e.location()).isNotNull();
    }
}
