package dev.vigil.collector.action.usrmsg;

import dev.vigil.collector.action.Action;
import dev.vigil.collector.action.ActionException;
import dev.vigil.collector.template.OutBuffer;
import dev.vigil.collector.template.Template;
import dev.vigil.core.event.Event;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/**
 * rsyslog's omusrmsg: renders the message (rsyslog's " WallFmt" for {@code *}, " StdUsrMsgFmt" for
 * named users by default) and writes it to the terminal of every matching session in utmp whose device
 * is writable by its owner, as rsyslog's wallmsg() does. Nobody logged in means nothing written and no
 * error, as in rsyslog. Terminals that cannot be opened are skipped.
 */
public final class UserMessageAction implements Action {
    /** rsyslog's MAXUNAMES: at most this many user names per action. */
    public static final int MAX_USERS = 20;
    private final List<String> users;
    private final Template template;
    private final Path utmp;
    private final Path ttyDir;
    private final OutBuffer out = new OutBuffer(512);

    /**
     * @param users the user names, or an empty list for everybody ({@code *})
     * @param utmp the utmp file (normally /var/run/utmp)
     * @param ttyDir where terminal lines live (normally /dev)
     */
    public UserMessageAction(List<String> users, Template template, Path utmp, Path ttyDir) {
        if (users.size() > MAX_USERS) {
            throw new IllegalArgumentException(users.size() + " user names exceed the maximum " + MAX_USERS);
        }
        this.users = List.copyOf(users);
        this.template = template;
        this.utmp = utmp;
        this.ttyDir = ttyDir;
    }

    @Override
    public void process(Event event) throws ActionException {
        List<Utmp.Session> sessions;
        try {
            sessions = Utmp.sessions(utmp);
        } catch (IOException e) {
            throw new ActionException("cannot read " + utmp + ": " + e.getMessage(), e, true);
        }
        if (sessions.isEmpty()) {
            return;
        }
        out.reset();
        template.render(event, out);
        for (Utmp.Session s : sessions) {
            if (!users.isEmpty() && !users.contains(s.user())) {
                continue;
            }
            Path tty = ttyDir.resolve(s.line()).normalize();
            if (!tty.startsWith(ttyDir) || !writableByOwner(tty)) {
                continue;
            }
            try (OutputStream os = Files.newOutputStream(tty, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                os.write(out.array(), 0, out.length());
            } catch (IOException e) {
                // rsyslog ignores terminals it cannot write to
            }
        }
    }

    private static boolean writableByOwner(Path tty) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(tty);
            return p.contains(PosixFilePermission.OWNER_WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "omusrmsg " + (users.isEmpty() ? "*" : String.join(",", users));
    }
}
