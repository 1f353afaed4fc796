package org.cnnworkbench.app.ui.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.cnnworkbench.app.ui.document.DocumentState;
import org.cnnworkbench.engine.io.NodePosition;
import org.cnnworkbench.samples.SampleNetworks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryStoreTest {

    @TempDir
    Path dir;

    @Test
    void savedCopyIsOfferedWithItsOriginUntilCleared() throws Exception {
        RecoveryStore store = new RecoveryStore(dir);
        assertThat(store.pending()).isEmpty();
        DocumentState state = new DocumentState(SampleNetworks.load("nin").spec(),
                Map.of("conv1", new NodePosition(3, 4)));
        store.save(state, dir.resolve("nin-edited.json"));

        RecoveryStore.Recovered found = new RecoveryStore(dir).pending().orElseThrow();
        assertThat(found.network().spec()).isEqualTo(state.spec());
        assertThat(found.network().layout()).isEqualTo(state.layout());
        assertThat(found.originalFile()).isEqualTo(dir.resolve("nin-edited.json").toAbsolutePath());

        store.clear();
        assertThat(store.pending()).isEmpty();
    }

    @Test
    void damagedOrDeclinedCopiesAreMovedAsideNotDeleted() throws Exception {
        RecoveryStore store = new RecoveryStore(dir);
        Files.writeString(dir.resolve("recovery.json"), "{ not json");
        assertThat(store.pending()).isEmpty();
        assertThat(dir.toFile().list()).anyMatch(n -> n.startsWith("recovery-damaged-"));

        store.save(DocumentState.of(SampleNetworks.load("alexnet").spec()), null);
        assertThat(store.pending().orElseThrow().originalFile()).isNull();
        store.setAside();
        assertThat(store.pending()).isEmpty();
        assertThat(dir.toFile().list()).anyMatch(n -> n.startsWith("recovery-declined-"));
    }

    @Test
    void recentFilesKeepTheNewestFirstWithoutDuplicates() {
        RecentFiles recent = new RecentFiles(dir);
        for (int i = 0; i < 12; i++) {
            recent.add(dir.resolve("net" + i + ".json"));
        }
        recent.add(dir.resolve("net5.json"));
        assertThat(recent.list()).hasSize(RecentFiles.MAX);
        assertThat(recent.list().get(0)).isEqualTo(dir.resolve("net5.json").toAbsolutePath());
        assertThat(recent.list()).doesNotHaveDuplicates();
    }
}
