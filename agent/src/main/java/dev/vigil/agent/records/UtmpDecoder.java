package dev.vigil.agent.records;

import dev.vigil.agent.login.Addresses;
import dev.vigil.agent.login.LoginEvent;
import dev.vigil.agent.login.LoginEvents;
import dev.vigil.agent.login.UtmpReader;
import dev.vigil.agent.login.UtmpRecord;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * wtmp and btmp records as events. In wtmp a logout record usually leaves the user blank: the user is taken from
 * the login on the same terminal (learnt again from the file's earlier records after a restart).
 */
final class UtmpDecoder implements RecordFramer.Decoder {
    private final boolean failed;
    private final Map<String, String> userOnLine = new HashMap<>();

    /** @param failed btmp: every record is a failed login */
    UtmpDecoder(boolean failed) {
        this.failed = failed;
    }

    @Override
    public void prime(ByteBuffer record, long offset) {
        if (!failed) {
            track(UtmpReader.decode(record, 0, offset));
        }
    }

    private LoginEvent.Kind track(UtmpRecord r) {
        LoginEvent.Kind kind = LoginEvents.kindOf(r);
        if (kind == LoginEvent.Kind.LOGIN) {
            userOnLine.put(r.line(), r.user());
        } else if (kind == LoginEvent.Kind.BOOT || kind == LoginEvent.Kind.SHUTDOWN) {
            userOnLine.clear();
        }
        return kind;
    }

    @Override
    public byte[] decode(ByteBuffer record, long offset) {
        UtmpRecord r = UtmpReader.decode(record, 0, offset);
        String user = r.user();
        LoginEvent.Kind kind;
        if (failed) {
            kind = LoginEvent.Kind.FAILED_LOGIN;
        } else {
            String before = userOnLine.get(r.line());
            kind = track(r);
            if (kind == null) {
                return null;
            }
            if (kind == LoginEvent.Kind.LOGOUT) {
                userOnLine.remove(r.line());
                if (user.isEmpty() && before != null) {
                    user = before;
                }
            }
        }
        KvBody b = new KvBody(r.time()).put("action", action(kind));
        if (kind == LoginEvent.Kind.BOOT) {
            b.put("kernel", UtmpRecord.text(r.host()));
        } else if (kind == LoginEvent.Kind.RUNLEVEL || kind == LoginEvent.Kind.SHUTDOWN) {
            int level = r.pid() & 0xff;
            b.put("runlevel", level >= '0' && level <= '9' || level == 'S' ? String.valueOf((char) level) : "");
        } else if (kind != LoginEvent.Kind.TIME_CHANGE) {
            b.put("user", UtmpRecord.text(user)).put("tty", UtmpRecord.text(r.line()));
            if (!Addresses.isEmpty(r.addrV6())) {
                b.put("src", Addresses.numeric(r.addrV6()));
            }
            b.put("src_host", UtmpRecord.text(r.host()));
            if (r.pid() != 0) {
                b.put("pid", r.pid());
            }
        }
        return b.bytes();
    }

    static String action(LoginEvent.Kind k) {
        return switch (k) {
            case LOGIN -> "login";
            case LOGOUT -> "logout";
            case FAILED_LOGIN -> "failed";
            case BOOT -> "reboot";
            case SHUTDOWN -> "shutdown";
            case RUNLEVEL -> "runlevel";
            case TIME_CHANGE -> "time_change";
            case LAST_LOGIN -> "last_login";
        };
    }
}
