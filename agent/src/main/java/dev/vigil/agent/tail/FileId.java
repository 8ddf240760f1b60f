package dev.vigil.agent.tail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A file's identity and size as {@code stat(2)} gives them: device and inode survive renames, so a rotated file
 * is still recognised under its new name.
 *
 * @param dev   st_dev
 * @param ino   st_ino
 * @param size  st_size
 * @param regular whether it is a regular file (FIFOs, devices and directories are never read)
 */
public record FileId(long dev, long ino, long size, boolean regular) {
    /** Stats a path (following symbolic links). */
    public static FileId of(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:dev,ino,size,isRegularFile");
        return new FileId((Long) a.get("dev"), (Long) a.get("ino"), (Long) a.get("size"),
                (Boolean) a.get("isRegularFile"));
    }

    /** Whether two stats name the same inode. */
    public boolean sameFile(FileId o) {
        return o != null && dev == o.dev && ino == o.ino;
    }

    /** The key of the inode alone. */
    public Key key() {
        return new Key(dev, ino);
    }

    /** Device and inode. */
    public record Key(long dev, long ino) {
    }
}
