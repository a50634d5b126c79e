package dev.baton.standalone;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Where the standalone keeps the embedded PostgreSQL's data ({@code postgres/}) and the broker's ({@code kafka/}):
 * a directory the newcomer named, kept across restarts, or a temporary one deleted on a clean stop. Either is locked
 * ({@code baton.lock}) for as long as the standalone runs, so a second standalone cannot open the same data; the lock
 * also tells which temporary directories a killed run left behind: those whose lock nobody holds are deleted at the
 * next start. The database's binaries are not data: they are unpacked once into the user's cache folder
 * ({@link #binariesCache()}) and shared by every run.
 */
final class DataDirectory {
    static final String TEMPORARY_PREFIX = "baton-standalone-";
    static final String LOCK_FILE = "baton.lock";

    private final Path root;
    private final boolean kept;
    private final FileChannel lockChannel;

    private DataDirectory(Path root, boolean kept, FileChannel lockChannel) {
        this.root = root;
        this.kept = kept;
        this.lockChannel = lockChannel;
    }

    /** The directory the newcomer named, created if missing, locked; refused in one line if it cannot be used. */
    static DataDirectory kept(Path root) {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new StartupSettings.StartFailure("the data directory " + root + " (--data-dir or BATON_DATA_DIR) "
                    + "exists but is not a directory; name a directory");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StartupSettings.StartFailure("cannot create the data directory " + root
                    + " (--data-dir or BATON_DATA_DIR): " + BatonStandalone.reason(e));
        }
        if (!Files.isWritable(root)) {
            throw new StartupSettings.StartFailure("the data directory " + root + " (--data-dir or BATON_DATA_DIR) "
                    + "is not writable; name a directory this user may write to");
        }
        FileChannel lock = lock(root);
        if (lock == null) {
            throw new StartupSettings.StartFailure("another Baton standalone is using the data directory " + root
                    + "; stop it first, or start this one with another --data-dir");
        }
        return new DataDirectory(root, true, lock);
    }

    /** A new temporary directory, locked; first deletes those that killed runs left behind. */
    static DataDirectory temporary() {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            deleteAbandoned(tmp);
            Path root = Files.createTempDirectory(tmp, TEMPORARY_PREFIX);
            FileChannel lock = lock(root);
            if (lock == null) {
                throw new IllegalStateException("cannot lock the new temporary directory " + root);
            }
            return new DataDirectory(root, false, lock);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path root() {
        return root;
    }

    boolean kept() {
        return kept;
    }

    Path postgres() {
        return root.resolve("pg"); // the name tools that look for the standalone's postmaster (-D .../pg) know
    }

    Path kafka() {
        return root.resolve("kafka");
    }

    /** For the banner: where the data is, and whether it outlives this run. */
    String describe() {
        return kept ? root + " (kept)" : "temporary, deleted on stop (--data-dir <path> keeps it)";
    }

    /**
     * Where the embedded PostgreSQL's binaries are unpacked and reused: {@code $XDG_CACHE_HOME/baton} (else
     * {@code ~/.cache/baton}), so that nothing stays in the temporary folder after a stop. Empty (the library's own
     * choice, a folder in the temporary one) when {@code -Dot.epg.working-dir} names another or the cache folder
     * cannot be written.
     */
    static Optional<File> binariesCache() {
        if (System.getProperty("ot.epg.working-dir") != null) {
            return Optional.empty();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = (xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg))
                .resolve("baton");
        try {
            Files.createDirectories(cache);
            return Files.isWritable(cache) ? Optional.of(cache.toFile()) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Lets the directory go, once the database and the broker have stopped: a temporary one is deleted. */
    void release() {
        try {
            lockChannel.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
        if (!kept) {
            deleteTree(root);
        }
    }

    /** The lock on {@code dir}, held until the returned channel is closed; null when another process holds it. */
    private static FileChannel lock(Path dir) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return null;
            }
            return channel;
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            return null; // this JVM holds it already
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StartupSettings.StartFailure("cannot lock the data directory " + dir + ": "
                    + BatonStandalone.reason(e));
        }
    }

    /**
     * Deletes the temporary directories of standalones that did not stop cleanly (killed, or the machine went down):
     * those holding a lock file nobody holds. A directory without a lock file is not one of these, and stays.
     */
    static void deleteAbandoned(Path tmp) {
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(tmp, TEMPORARY_PREFIX + "*")) {
            for (Path candidate : candidates) {
                if (!Files.isDirectory(candidate) || !Files.exists(candidate.resolve(LOCK_FILE))) {
                    continue;
                }
                FileChannel lock;
                try {
                    lock = lock(candidate);
                } catch (StartupSettings.StartFailure notOurs) {
                    continue; // another user's, or unreadable: not ours to judge
                }
                if (lock != null) {
                    closeQuietly(lock);
                    deleteTree(candidate);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: an old temporary directory is not a reason not to start
        }
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException gone) {
            // nothing left to delete
        } catch (IOException e) {
            System.err.println("Baton could not delete its temporary data " + root + ": " + BatonStandalone.reason(e));
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing held
            }
        }
    }
}
