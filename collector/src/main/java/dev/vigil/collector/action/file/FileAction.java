package dev.vigil.collector.action.file;

import dev.vigil.collector.action.Action;
import dev.vigil.collector.action.ActionException;
import dev.vigil.collector.template.OutBuffer;
import dev.vigil.collector.template.Template;
import dev.vigil.core.event.Event;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * rsyslog's omfile: each message rendered with a template and appended to a static file, or to a file
 * whose name is itself a template (a dynafile, {@code ?name}). Open dynamic files are kept in a bounded
 * LRU cache; writes are buffered and flushed by {@link #flush()} (at least once a second) and on close.
 */
public final class FileAction implements Action {
    private static final Logger LOG = LoggerFactory.getLogger(FileAction.class);
    private static final long ERROR_LOG_INTERVAL_NANOS = 60_000_000_000L;

    private final Path staticPath;
    private final Template pathTemplate;
    private final Template line;
    private final FileOptions opts;
    private final OutBuffer out = new OutBuffer(1024);
    private final LinkedHashMap<String, OpenFile> open;
    private OpenFile staticFile;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private long lastErrorLog = System.nanoTime() - ERROR_LOG_INTERVAL_NANOS;

    private FileAction(Path staticPath, Template pathTemplate, Template line, FileOptions opts) {
        this.staticPath = staticPath;
        this.pathTemplate = pathTemplate;
        this.line = line;
        this.opts = opts;
        int cap = opts.dynaFileCacheSize();
        this.open = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, OpenFile> eldest) {
                if (size() > cap) {
                    closeQuietly(eldest.getValue());
                    return true;
                }
                return false;
            }
        };
    }

    /** A static file ({@code *.* /var/log/syslog}). */
    public static FileAction staticFile(Path path, Template line, FileOptions opts) {
        return new FileAction(path, null, line, opts);
    }

    /** A dynamic file whose name is rendered from {@code pathTemplate} for every message. */
    public static FileAction dynamicFile(Template pathTemplate, Template line, FileOptions opts) {
        return new FileAction(null, pathTemplate, line, opts);
    }

    @Override
    public synchronized void process(Event event) throws ActionException {
        OpenFile f;
        try {
            f = staticPath != null ? staticFile() : dynamicFile(event);
        } catch (IOException | RuntimeException e) {
            failed.incrementAndGet();
            logError(e);
            return; // rsyslog reports the open error and goes on; the message is not written
        }
        if (f == null) {
            failed.incrementAndGet();
            return;
        }
        try {
            line.writeTo(event, out, f);
            written.incrementAndGet();
        } catch (IOException e) {
            failed.incrementAndGet();
            logError(e);
            closeQuietly(f);
            if (f == staticFile) {
                staticFile = null;
            } else {
                open.values().remove(f);
            }
            throw new ActionException("write to " + f.path + " failed: " + e.getMessage(), e, true);
        }
    }

    private OpenFile staticFile() throws IOException {
        if (staticFile == null) {
            staticFile = openFile(staticPath);
        }
        return staticFile;
    }

    private OpenFile dynamicFile(Event e) throws IOException {
        String name = pathTemplate.render(e);
        OpenFile f = open.get(name);
        if (f != null) {
            return f;
        }
        Path p = Path.of(name);
        if (opts.confineTo() != null) {
            Path root = opts.confineTo().toAbsolutePath().normalize();
            Path abs = p.toAbsolutePath().normalize();
            if (!abs.startsWith(root) || abs.equals(root)) {
                throw new IOException("dynamic file name '" + name + "' resolves outside " + root + "; refused");
            }
        }
        f = openFile(p);
        open.put(name, f);
        return f;
    }

    private OpenFile openFile(Path p) throws IOException {
        Path parent = p.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            if (!opts.createDirs()) {
                throw new IOException("directory " + parent + " does not exist and createDirs is off");
            }
            createDirs(parent);
        }
        boolean existed = Files.exists(p);
        FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        if (!existed) {
            applyModeAndOwner(p, opts.fileCreateMode(), opts.fileOwner(), opts.fileGroup());
        }
        return new OpenFile(p, ch, opts.ioBufferSize(), opts.sync());
    }

    private void createDirs(Path dir) throws IOException {
        Path parent = dir.getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirs(parent);
        }
        try {
            Files.createDirectory(dir);
            applyModeAndOwner(dir, opts.dirCreateMode(), opts.dirOwner(), opts.dirGroup());
        } catch (java.nio.file.FileAlreadyExistsException ignored) {
            // another writer made it
        }
    }

    private static void applyModeAndOwner(Path p, int mode, String owner, String group) {
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            view.setPermissions(permissions(mode));
            UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
            if (owner != null) {
                view.setOwner(users.lookupPrincipalByName(owner));
            }
            if (group != null) {
                GroupPrincipal g = users.lookupPrincipalByGroupName(group);
                view.setGroup(g);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("cannot set mode/owner of {}: {}", p, e.getMessage());
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                s.add(order[bit]);
            }
        }
        return s;
    }

    private void logError(Exception e) {
        long now = System.nanoTime();
        if (now - lastErrorLog >= ERROR_LOG_INTERVAL_NANOS) {
            lastErrorLog = now;
            LOG.error("{}: {} (further errors of this action are counted, logged at most once a minute)",
                    describe(), e.getMessage());
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        IOException first = null;
        if (staticFile != null) {
            try {
                staticFile.flush();
            } catch (IOException e) {
                first = e;
            }
        }
        for (OpenFile f : open.values()) {
            try {
                f.flush();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (staticFile != null) {
            closeQuietly(staticFile);
            staticFile = null;
        }
        for (Iterator<OpenFile> it = open.values().iterator(); it.hasNext(); ) {
            closeQuietly(it.next());
            it.remove();
        }
    }

    private static void closeQuietly(OpenFile f) {
        try {
            f.close();
        } catch (IOException e) {
            LOG.warn("closing {} failed: {}", f.path, e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "omfile " + (staticPath != null ? staticPath.toString() : "?" + pathTemplate.name());
    }

    /** Messages written. */
    public long written() {
        return written.get();
    }

    /** Messages that could not be written (open or write errors, refused names). */
    public long failed() {
        return failed.get();
    }

    /** Open dynamic files right now. */
    public synchronized int openFiles() {
        return open.size() + (staticFile != null ? 1 : 0);
    }
}
