package dev.vigil.collector.action.file;

import java.nio.file.Path;

/**
 * omfile settings, named after the rsyslog directives and action() parameters that set them.
 *
 * @param fileCreateMode {@code $FileCreateMode} / fileCreateMode (default 0644)
 * @param dirCreateMode {@code $DirCreateMode} / dirCreateMode (default 0700 in rsyslog, 0755 on Debian)
 * @param fileOwner {@code $FileOwner}, or null to leave it
 * @param fileGroup {@code $FileGroup}, or null
 * @param dirOwner {@code $DirOwner}, or null
 * @param dirGroup {@code $DirGroup}, or null
 * @param createDirs {@code $CreateDirs} / createDirs
 * @param sync {@code $ActionFileEnableSync} with no '-' prefix: fsync after each write batch
 * @param dynaFileCacheSize {@code $DynaFileCacheSize} / dynaFileCacheSize: open dynamic files kept
 * @param ioBufferSize bytes buffered per open file before a write
 * @param confineTo when not null, a dynamic file name that resolves outside this directory is refused
 */
public record FileOptions(int fileCreateMode, int dirCreateMode, String fileOwner, String fileGroup,
                          String dirOwner, String dirGroup, boolean createDirs, boolean sync,
                          int dynaFileCacheSize, int ioBufferSize, Path confineTo) {
    /** rsyslog's defaults, but with a dynamic-file cache large enough for a lab's hosts × programs. */
    public static final FileOptions DEFAULTS = new FileOptions(0644, 0700, null, null, null, null, true, false,
            1000, 64 * 1024, null);

    public FileOptions {
        if (dynaFileCacheSize < 1 || dynaFileCacheSize > 100_000) {
            throw new IllegalArgumentException("dynaFileCacheSize " + dynaFileCacheSize + " is outside 1..100000");
        }
        if (ioBufferSize < 512 || ioBufferSize > 16 << 20) {
            throw new IllegalArgumentException("ioBufferSize " + ioBufferSize + " is outside 512.." + (16 << 20));
        }
    }

    public FileOptions withModes(int file, int dir) {
        return new FileOptions(file, dir, fileOwner, fileGroup, dirOwner, dirGroup, createDirs, sync,
                dynaFileCacheSize, ioBufferSize, confineTo);
    }

    public FileOptions withOwners(String fOwner, String fGroup, String dOwner, String dGroup) {
        return new FileOptions(fileCreateMode, dirCreateMode, fOwner, fGroup, dOwner, dGroup, createDirs, sync,
                dynaFileCacheSize, ioBufferSize, confineTo);
    }

    public FileOptions withSync(boolean s) {
        return new FileOptions(fileCreateMode, dirCreateMode, fileOwner, fileGroup, dirOwner, dirGroup, createDirs,
                s, dynaFileCacheSize, ioBufferSize, confineTo);
    }

    public FileOptions withCacheSize(int n) {
        return new FileOptions(fileCreateMode, dirCreateMode, fileOwner, fileGroup, dirOwner, dirGroup, createDirs,
                sync, n, ioBufferSize, confineTo);
    }

    public FileOptions withCreateDirs(boolean c) {
        return new FileOptions(fileCreateMode, dirCreateMode, fileOwner, fileGroup, dirOwner, dirGroup, c, sync,
                dynaFileCacheSize, ioBufferSize, confineTo);
    }

    public FileOptions confinedTo(Path dir) {
        return new FileOptions(fileCreateMode, dirCreateMode, fileOwner, fileGroup, dirOwner, dirGroup, createDirs,
                sync, dynaFileCacheSize, ioBufferSize, dir);
    }
}
