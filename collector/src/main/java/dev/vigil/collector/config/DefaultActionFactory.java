package dev.vigil.collector.config;

import dev.vigil.collector.action.Action;
import dev.vigil.collector.action.file.FileAction;
import dev.vigil.collector.action.file.FileOptions;
import dev.vigil.collector.template.Template;
import dev.vigil.collector.action.sql.SqlAction;
import dev.vigil.collector.action.usrmsg.UserMessageAction;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Builds Vigil's output modules from action specifications: omfile, omfwd, omusrmsg, ompgsql, ommysql. */
public class DefaultActionFactory implements ActionFactory {
    @Override
    public Action create(ActionSpec spec, ActionContext ctx) {
        switch (spec.type()) {
            case "omfile": return file(spec.params(), ctx);
            case "omfwd": return ForwardFactory.create(spec.params(), ctx);
            case "omusrmsg": return userMessage(spec.params(), ctx);
            case "ompgsql": case "ommysql": return sql(spec.type(), spec.params(), ctx);
            default: throw new UnsupportedOperationException("output module " + spec.type());
        }
    }

    /** The named template, or the module's / rsyslog's default when {@code name} is null. */
    static Template template(ActionContext ctx, String name, String dflt) {
        String n = name != null ? name : dflt;
        Template t = ctx.template(n);
        if (t == null) {
            throw new IllegalArgumentException("template '" + n + "' not found");
        }
        return t;
    }

    private static Action file(Params p, ActionContext ctx) {
        Params mod = ctx.module("omfile");
        Template line = template(ctx, p.get("template"), mod.get("template", "RSYSLOG_FileFormat"));
        FileOptions o = FileOptions.DEFAULTS
                .withModes(octal(p, "filecreatemode", mod, 0644), octal(p, "dircreatemode", mod, 0700))
                .withOwners(p.get("fileowner", mod.get("fileowner")), p.get("filegroup", mod.get("filegroup")),
                        p.get("dirowner", mod.get("dirowner")), p.get("dirgroup", mod.get("dirgroup")))
                .withCreateDirs(p.getBool("createdirs", true))
                .withSync(!p.getBool("x.nosync", false) && p.getBool("x.enablesync", false)
                        || p.getBool("sync", false))
                .withCacheSize((int) p.getLong("dynafilecachesize", FileOptions.DEFAULTS.dynaFileCacheSize()));
        String dyn = p.get("dynafile");
        if (dyn != null) {
            return FileAction.dynamicFile(template(ctx, dyn, null), line, o);
        }
        String file = p.get("file");
        if (file == null) {
            throw new IllegalArgumentException("needs a file or dynaFile parameter");
        }
        return FileAction.staticFile(Path.of(ctx.options().outputPath().apply(file)), line, o);
    }

    private static Action userMessage(Params p, ActionContext ctx) {
        String users = p.get("users");
        if (users == null || users.isBlank()) {
            throw new IllegalArgumentException("needs a users parameter");
        }
        boolean wall = users.trim().equals("*");
        List<String> names = wall ? List.of() : Arrays.stream(users.split(",")).map(String::trim)
                .filter(u -> !u.isEmpty()).toList();
        Template t = template(ctx, p.get("template"), wall ? "RSYSLOG_WallFmt" : "RSYSLOG_StdUsrMsgFmt");
        return new UserMessageAction(names, t, Path.of(ctx.options().utmpPath()), Path.of(ctx.options().ttyDirectory()));
    }

    private static Action sql(String type, Params p, ActionContext ctx) {
        boolean pg = type.equals("ompgsql");
        String server = p.get("server");
        if (server == null) {
            throw new IllegalArgumentException("needs a server parameter");
        }
        String db = p.get("db", "Syslog");
        int port = (int) p.getLong(pg ? "port" : "serverport", p.getLong("port", pg ? 5432 : 3306));
        String user = p.get("user", p.get("uid"));
        String pass = p.get("pass", p.get("pwd"));
        Template t = template(ctx, p.get("template"), pg ? "RSYSLOG_StdPgSQLFmt" : "RSYSLOG_StdDBFmt");
        String url = pg ? SqlAction.postgresUrl(server, port, db) : SqlAction.mysqlUrl(server, port, db);
        SqlAction a = new SqlAction(url, user, pass, t, type + " " + server + ":" + port + "/" + db);
        return ActionQueues.wrap(a, p, ctx);
    }

    private static int octal(Params p, String name, Params mod, int dflt) {
        String v = p.get(name, mod.get(name));
        try {
            return v == null ? dflt : Integer.parseInt(v.trim(), 8);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " '" + v + "' is not an octal mode");
        }
    }
}
