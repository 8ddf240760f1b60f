package dev.vigil.agent.queue;

/**
 * What the queue remembers about one followed file, in the same records as the file's events: who the file is
 * (device, inode and a fingerprint of its first bytes), what its events carry (source, host, sourcetype, index),
 * and how far it was read. Because the position travels with the events, a restart resumes exactly after the
 * last event the queue holds.
 *
 * @param fileNo     the queue's short number for the file (assigned by {@link DiskQueue#track})
 * @param input      the input that found it ({@code "file:/var/log/*.log"}, {@code "wtmp:/var/log/wtmp"}...)
 * @param path       where the file was when last seen
 * @param source     the source field of its events (the path where it was found, kept across renames)
 * @param host       the host field
 * @param sourcetype the sourcetype field, or null
 * @param index      the index field, or null
 * @param dev        the file's device number
 * @param ino        the file's inode number
 * @param fpLength   how many leading bytes {@code fpCrc} covers (0..1024)
 * @param fpCrc      CRC-32C of the first {@code fpLength} bytes: tells a reused inode from the same file
 * @param offset     where reading resumes: the end of the last event queued (a byte offset, or for lastlog the
 *                   last (time, uid) queued)
 */
public record FileState(int fileNo, String input, String path, String source, String host, String sourcetype,
                        String index, long dev, long ino, int fpLength, int fpCrc, long offset) {

    public FileState withFileNo(int n) {
        return new FileState(n, input, path, source, host, sourcetype, index, dev, ino, fpLength, fpCrc, offset);
    }

    public FileState withOffset(long o) {
        return new FileState(fileNo, input, path, source, host, sourcetype, index, dev, ino, fpLength, fpCrc, o);
    }

    public FileState withPath(String p) {
        return new FileState(fileNo, input, p, source, host, sourcetype, index, dev, ino, fpLength, fpCrc, offset);
    }

    public FileState withFingerprint(int length, int crc) {
        return new FileState(fileNo, input, path, source, host, sourcetype, index, dev, ino, length, crc, offset);
    }
}
