package dev.vigil.index.extract;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code linux_secure} (/var/log/secure, auth.log): sshd, su and sudo messages, with the CIM names
 * Splunk's Linux add-on uses: action (success/failure), user, src, src_ip, src_port,
 * authentication_method, src_user (who ran su), and sudo's tty, pwd, run_as, command.
 */
final class LinuxSecure {
    private static final Set<String> PROCESSES = Set.of("sshd", "sshd-session", "su", "sudo", "login", "passwd",
            "useradd", "userdel", "usermod", "groupadd", "groupdel", "chage", "chpasswd", "unix_chkpwd", "polkitd",
            "systemd-logind", "gdm-password");
    private static final Pattern SSH_AUTH = Pattern.compile(
            "^(Accepted|Failed) (\\S+) for (invalid user )?(\\S*) from (\\S+) port (\\d+)(?: (\\S+))?");
    private static final Pattern SSH_INVALID = Pattern.compile("^Invalid user (\\S*) from (\\S+)(?: port (\\d+))?");
    private static final Pattern SSH_CLOSED = Pattern.compile(
            "^(?:Connection closed by|Disconnected from|Received disconnect from) (?:(?:invalid|authenticating) user (\\S*) )?"
                    + "(\\S+) port (\\d+)");
    private static final Pattern SSH_MAX = Pattern.compile(
            "^(?:error: )?maximum authentication attempts exceeded for (?:invalid user )?(\\S*) from (\\S+) port (\\d+)");
    private static final Pattern PAM_SESSION = Pattern.compile(
            "^pam_unix\\(([^:)]+):session\\): session (opened|closed) for user (\\S+?)(?:\\(uid=\\d+\\))?(?: by (\\S*?)\\(uid=(\\d+)\\))?$");
    private static final Pattern PAM_AUTH_FAIL = Pattern.compile("^pam_unix\\(([^:)]+):auth\\): authentication failure;");
    private static final Pattern SU = Pattern.compile(
            "^(?:\\(to (\\S+)\\) (\\S+) on (\\S+)|Successful su for (\\S+) by (\\S+)|FAILED su for (\\S+) by (\\S+))");
    private static final Pattern SUDO = Pattern.compile(
            "^\\s*(\\S+) : (?:(.*?) ; )?TTY=(\\S+) ; PWD=(.*?) ; USER=(\\S+) ;(?:.*?;)*? COMMAND=(.*)$");

    private LinuxSecure() {
    }

    static boolean isSecureProcess(String process) {
        return PROCESSES.contains(process);
    }

    static void extract(String process, String msg, Map<String, Object> f) {
        if (process != null && process.startsWith("sshd")) {
            sshd(msg, f);
        } else if ("su".equals(process)) {
            su(msg, f);
        } else if ("sudo".equals(process)) {
            sudo(msg, f);
        }
        pam(msg, f);
    }

    private static void sshd(String msg, Map<String, Object> f) {
        Matcher m = SSH_AUTH.matcher(msg);
        if (m.lookingAt()) {
            f.put("action", m.group(1).equals("Accepted") ? "success" : "failure");
            f.put("authentication_method", m.group(2));
            putUser(f, m.group(4));
            src(f, m.group(5), m.group(6));
            if (m.group(7) != null) {
                f.put("protocol", m.group(7));
            }
            return;
        }
        m = SSH_INVALID.matcher(msg);
        if (m.lookingAt()) {
            f.put("action", "failure");
            putUser(f, m.group(1));
            src(f, m.group(2), m.group(3));
            return;
        }
        m = SSH_MAX.matcher(msg);
        if (m.lookingAt()) {
            f.put("action", "failure");
            putUser(f, m.group(1));
            src(f, m.group(2), m.group(3));
            return;
        }
        m = SSH_CLOSED.matcher(msg);
        if (m.lookingAt()) {
            if (m.group(1) != null) {
                putUser(f, m.group(1));
            }
            src(f, m.group(2), m.group(3));
        }
    }

    private static void pam(String msg, Map<String, Object> f) {
        Matcher m = PAM_SESSION.matcher(msg);
        if (m.lookingAt()) {
            f.put("action", "success");
            f.put("session", m.group(2));
            putUser(f, m.group(3));
            if (m.group(4) != null && !m.group(4).isEmpty()) {
                f.put("src_user", m.group(4));
            }
            return;
        }
        if (PAM_AUTH_FAIL.matcher(msg).lookingAt()) {
            f.put("action", "failure");
            Map<String, Object> kv = new java.util.LinkedHashMap<>();
            Kv.extract(msg, kv);
            if (kv.get("rhost") instanceof String rhost) {
                f.put("src", rhost);
            }
            if (kv.get("user") instanceof String u) {
                putUser(f, u);
            }
        }
    }

    private static void su(String msg, Map<String, Object> f) {
        Matcher m = SU.matcher(msg);
        if (!m.lookingAt()) {
            return;
        }
        if (m.group(1) != null) {
            f.put("action", "success");
            putUser(f, m.group(1));
            f.put("src_user", m.group(2));
            f.put("tty", m.group(3));
        } else if (m.group(4) != null) {
            f.put("action", "success");
            putUser(f, m.group(4));
            f.put("src_user", m.group(5));
        } else {
            f.put("action", "failure");
            putUser(f, m.group(6));
            f.put("src_user", m.group(7));
        }
    }

    private static void sudo(String msg, Map<String, Object> f) {
        Matcher m = SUDO.matcher(msg);
        if (!m.lookingAt()) {
            return;
        }
        putUser(f, m.group(1));
        if (m.group(2) != null) {
            f.put("action", "failure");
            f.put("reason", m.group(2));
        } else {
            f.put("action", "success");
        }
        f.put("tty", m.group(3));
        f.put("pwd", m.group(4));
        f.put("run_as", m.group(5));
        f.put("command", m.group(6));
    }

    private static void putUser(Map<String, Object> f, String user) {
        if (user != null && !user.isEmpty()) {
            f.put("user", user);
        }
    }

    private static void src(Map<String, Object> f, String ip, String port) {
        f.put("src", ip);
        f.put("src_ip", ip);
        if (port != null) {
            f.put("src_port", port);
        }
    }
}
