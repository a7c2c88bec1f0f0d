package dev.oktainputs.kafka;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local cache directory of one task instance, {@code <okta.state.dir>/<connector>/<task>-<random>}: locked while
 * the task runs, deleted when it stops. A directory left by a task that crashed (its lock died with its process) is
 * deleted by the next task of the connector that starts on the worker, so the cache never grows with restarts.
 */
final class TaskCacheDir implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskCacheDir.class);
    private static final String LOCK = ".lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    /**
     * @param connectorDir the connector's directory under {@code okta.state.dir}
     * @param task         a name for the task, e.g. its families
     * @throws IOException when the directory cannot be made
     */
    TaskCacheDir(Path connectorDir, String task) throws IOException {
        Files.createDirectories(connectorDir);
        sweep(connectorDir);
        String name = task.replaceAll("[^A-Za-z0-9_-]", "_") + "-" + UUID.randomUUID().toString().substring(0, 8);
        // Locked before it is visible under its name, so that another task's sweep never takes it for a dead one.
        Path making = Files.createDirectories(connectorDir.resolve("." + name));
        this.channel = FileChannel.open(making.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        this.lock = channel.lock();
        this.dir = Files.move(making, connectorDir.resolve(name));
    }

    /** @return the directory */
    Path path() {
        return dir;
    }

    /** Deletes the directories of the connector whose lock nobody holds (tasks that died without stopping). */
    private static void sweep(Path connectorDir) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(connectorDir, Files::isDirectory)) {
            for (Path d : dirs) {
                if (!d.getFileName().toString().startsWith(".") && unlocked(d)) {
                    delete(d);
                    LOG.info("removed the state cache {} of a task that did not stop", d);
                }
            }
        } catch (IOException e) {
            LOG.warn("could not tidy the state cache directory {}: {}", connectorDir, e.getMessage());
        }
    }

    private static boolean unlocked(Path d) {
        Path lockFile = d.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel c = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l = c.tryLock();
            if (l == null) {
                return false;
            }
            l.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held by a task of this JVM
        } catch (IOException e) {
            return false;
        }
    }

    private static void delete(Path d) throws IOException {
        try (Stream<Path> all = Files.walk(d)) {
            for (Path p : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
            delete(dir);
        } catch (IOException e) {
            LOG.warn("could not remove the state cache {}: {}", dir, e.getMessage());
        }
    }
}
