package dev.vigil.agent.login;

import java.time.ZoneId;
import java.util.Locale;

/** Formats one line of {@code last} output (util-linux 2.38 {@code list()}), before careful printing. */
final class LastLine {
    static final int R_CRASH = 1, R_DOWN = 2, R_NORMAL = 3, R_NOW = 4, R_REBOOT = 5, R_PHANTOM = 6,
            R_TIMECHANGE = 7;

    private LastLine() {
    }

    static String loginTime(LastOptions.TimeFormat f, long t, ZoneId zone) {
        return switch (f) {
            case NOTIME -> "";
            case SHORT, FULL -> CTime.ctime(t, zone);
            case ISO -> CTime.iso(t, zone);
        };
    }

    private static String logoutTime(LastOptions.TimeFormat f, long t, ZoneId zone) {
        return switch (f) {
            case NOTIME -> "";
            case SHORT -> CTime.hhmm(t, zone);
            case FULL -> CTime.ctime(t, zone);
            case ISO -> CTime.iso(t, zone);
        };
    }

    private static int inLen(LastOptions.TimeFormat f) {
        return switch (f) {
            case NOTIME -> 0;
            case SHORT -> 16;
            case FULL -> 24;
            case ISO -> 25;
        };
    }

    private static int outLen(LastOptions.TimeFormat f) {
        return switch (f) {
            case NOTIME -> 0;
            case SHORT -> 7;
            case FULL -> 26;
            case ISO -> 27;
        };
    }

    static String format(LastOptions opt, String user, String line, String host, long loginTime, long logoutTime,
                         long now, int what, ZoneId zone) {
        LastOptions.TimeFormat f = opt.timeFormat;
        boolean longFmt = f == LastOptions.TimeFormat.FULL || f == LastOptions.TimeFormat.ISO;
        String login = loginTime(f, loginTime, zone);
        long secs = logoutTime - loginTime;
        long mins = (secs / 60) % 60;
        long hours = (secs / 3600) % 24;
        long days = secs / 86400;
        String logout = "- " + logoutTime(f, logoutTime, zone);
        String length;
        if (logoutTime == now) {
            if (longFmt) {
                logout = "  still running";
                length = "";
            } else {
                logout = "  still";
                length = "running";
            }
        } else if (days != 0) {
            length = String.format(Locale.ROOT, "(%d+%02d:%02d)", days, Math.abs(hours), Math.abs(mins));
        } else if (hours != 0) {
            length = String.format(Locale.ROOT, " (%02d:%02d)", hours, Math.abs(mins));
        } else if (secs >= 0) {
            length = String.format(Locale.ROOT, " (%02d:%02d)", hours, mins);
        } else {
            length = String.format(Locale.ROOT, " (-00:%02d)", Math.abs(mins));
        }
        switch (what) {
            case R_CRASH -> logout = "- crash";
            case R_DOWN -> logout = "- down ";
            case R_NOW -> {
                if (longFmt) {
                    logout = "  still logged in";
                    length = "";
                } else {
                    logout = "  still";
                    length = "logged in";
                }
            }
            case R_PHANTOM -> {
                if (longFmt) {
                    logout = "  gone - no logout";
                    length = "";
                } else if (f == LastOptions.TimeFormat.SHORT) {
                    logout = "   gone";
                    length = "- no logout";
                } else {
                    logout = "";
                    length = "no logout";
                }
            }
            case R_TIMECHANGE -> {
                logout = "";
                length = "";
            }
            default -> {
            }
        }
        int in = inLen(f), outl = outLen(f);
        String s;
        if (opt.showHost) {
            if (!opt.hostLast) {
                s = pad(cut(user, opt.nameLen), 8) + " " + pad(cut(line, 12), 12) + " "
                        + pad(cut(host, opt.domainLen), 16) + " " + pad(cut(login, in), in) + " "
                        + pad(cut(logout, outl), outl) + " " + length;
            } else {
                s = pad(cut(user, opt.nameLen), 8) + " " + pad(cut(line, 12), 12) + " " + pad(cut(login, in), in)
                        + " " + pad(cut(logout, outl), outl) + " " + pad(cut(length, 12), 12) + " " + host;
            }
        } else {
            s = pad(cut(user, opt.nameLen), 8) + " " + pad(cut(line, 12), 12) + " " + pad(cut(login, in), in) + " "
                    + pad(cut(logout, outl), outl) + " " + length;
        }
        return trimTrailing(s) + "\n";
    }

    private static String cut(String s, int n) {
        return s.length() > n ? s.substring(0, n) : s;
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }

    /** last's trim_trailing_spaces: strips isspace() characters from the end. */
    private static String trimTrailing(String s) {
        int e = s.length();
        while (e > 0 && isSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(0, e);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }
}
