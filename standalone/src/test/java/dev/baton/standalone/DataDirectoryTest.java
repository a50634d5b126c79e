package dev.baton.standalone;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the standalone keeps its data: a named directory is created and kept, a path that cannot be one is refused
 * in one line, one standalone at a time may use it, and temporary directories go when they are let go or when the
 * run that made them was killed.
 */
class DataDirectoryTest {
    @TempDir
    Path temp;

    @Test
    void aNamedDirectoryIsCreatedWhenMissingAndKeptWhenReleased() {
        Path root = temp.resolve("a/b/baton-data");
        DataDirectory data = DataDirectory.kept(root);
        assertThat(root).isDirectory();
        assertThat(data.postgres()).isEqualTo(root.resolve("pg"));
        assertThat(data.kafka()).isEqualTo(root.resolve("kafka"));
        assertThat(data.describe()).isEqualTo(root + " (kept)");
        data.release();
        assertThat(root).isDirectory();
    }

    @Test
    void aPathThatIsAFileIsRefusedInOneLine() throws Exception {
        Path file = Files.writeString(temp.resolve("notes.txt"), "not a directory");
        assertThatThrownBy(() -> DataDirectory.kept(file))
                .isInstanceOf(StartupSettings.StartFailure.class)
                .hasMessage("the data directory " + file + " (--data-dir or BATON_DATA_DIR) exists but is not a "
                        + "directory; name a directory");
    }

    @Test
    void aDirectoryInUseIsRefusedUntilItsUserReleasesIt() {
        Path root = temp.resolve("baton-data");
        DataDirectory first = DataDirectory.kept(root);
        assertThatThrownBy(() -> DataDirectory.kept(root))
                .isInstanceOf(StartupSettings.StartFailure.class)
                .hasMessage("another Baton standalone is using the data directory " + root + "; stop it first, or "
                        + "start this one with another --data-dir");
        first.release();
        DataDirectory.kept(root).release();
    }

    @Test
    void aTemporaryDirectoryIsDeletedWhenReleased() throws Exception {
        String tmp = System.getProperty("java.io.tmpdir");
        System.setProperty("java.io.tmpdir", temp.toString());
        try {
            DataDirectory data = DataDirectory.temporary();
            assertThat(data.root().getParent()).isEqualTo(temp);
            assertThat(data.root().getFileName().toString()).startsWith("baton-standalone-");
            assertThat(data.describe()).isEqualTo("temporary, deleted on stop (--data-dir <path> keeps it)");
            Files.createDirectories(data.kafka().resolve("baton.ticket.events-0"));
            Files.writeString(data.kafka().resolve("baton.ticket.events-0/00000000000000000000.log"), "records");
            data.release();
            assertThat(data.root()).doesNotExist();
        } finally {
            System.setProperty("java.io.tmpdir", tmp);
        }
    }

    @Test
    void temporaryDirectoriesOfKilledRunsAreDeletedButNotThoseInUseOrNotOurs() throws Exception {
        Path killed = Files.createDirectories(temp.resolve("baton-standalone-1"));
        Files.createFile(killed.resolve(DataDirectory.LOCK_FILE));
        Files.createDirectories(killed.resolve("postgres/base"));
        Path running = temp.resolve("baton-standalone-2");
        DataDirectory inUse = DataDirectory.kept(running);
        Path withoutLock = Files.createDirectories(temp.resolve("baton-standalone-3"));
        Path other = Files.createDirectories(temp.resolve("something-else"));
        Files.createFile(other.resolve(DataDirectory.LOCK_FILE));

        DataDirectory.deleteAbandoned(temp);

        assertThat(killed).doesNotExist();
        assertThat(running).isDirectory();
        assertThat(withoutLock).isDirectory();
        assertThat(other).isDirectory();
        inUse.release();
    }
}
