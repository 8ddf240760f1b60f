package dev.vigil.search.command;

import dev.vigil.search.expr.Expr;
import dev.vigil.search.expr.SearchTerm;
import dev.vigil.search.parse.Cursor;
import dev.vigil.search.parse.DidYouMean;
import dev.vigil.search.parse.ExprParser;
import dev.vigil.search.parse.SearchParser;
import dev.vigil.search.parse.SplSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses a whole query into a {@link Pipeline}: an initial search (or a leading {@code |} and a generating
 * command), then {@code | command args} segments. Unknown commands get "did you mean".
 */
public final class CommandParser {
    /** Every command this parser knows. */
    public static final List<String> COMMANDS = List.of("search", "where", "eval", "stats", "eventstats", "streamstats",
            "timechart", "chart", "top", "rare", "table", "fields", "rename", "sort", "head", "tail", "dedup", "rex",
            "regex", "bin", "bucket", "fillnull", "lookup", "inputlookup", "spath", "transaction", "makeresults");
    private static final Set<String> GENERATING = Set.of("inputlookup", "makeresults");
    /** The longest query accepted, in characters. */
    public static final int MAX_QUERY = 100_000;

    private CommandParser() {}

    /**
     * Parses a query.
     *
     * @throws SplSyntaxException with the position and what was expected
     */
    public static Pipeline parse(String query) {
        if (query.length() > MAX_QUERY) {
            throw new SplSyntaxException(query.substring(0, 80), 0, "query length " + query.length()
                    + " exceeds the maximum " + MAX_QUERY);
        }
        Cursor c = new Cursor(query);
        List<Command> commands = new ArrayList<>();
        String earliest = null, latest = null;
        if (c.peek() == '|') {
            c.eat("|");
            int at = c.pos();
            String name = commandName(c);
            if (!GENERATING.contains(name)) {
                throw c.errorAt(at, "a query starting with '|' needs a generating command (inputlookup, makeresults), found '"
                        + name + "'");
            }
            commands.add(command(c, name));
        } else {
            c.eatKeyword("search");
            SearchParser sp = new SearchParser(c);
            commands.add(new SearchCmd(sp.parse()));
            earliest = sp.earliest();
            latest = sp.latest();
        }
        while (!c.atEnd()) {
            if (!c.eat("|")) throw c.error("'|' before the next command");
            int at = c.pos();
            String name = commandName(c);
            if (GENERATING.contains(name)) throw c.errorAt(at, "'" + name + "' must be the first command, after a leading '|'");
            commands.add(command(c, name));
        }
        return new Pipeline(commands, earliest, latest);
    }

    private static String commandName(Cursor c) {
        c.skipWs();
        int at = c.pos();
        String w = c.word("|()=,\"");
        if (w == null) throw c.error("a command name after '|'");
        String name = w.toLowerCase(Locale.ROOT);
        if (!COMMANDS.contains(name)) {
            String hint = DidYouMean.suggest(name, COMMANDS);
            throw c.errorAt(at, "unknown search command '" + w + "'" + (hint == null ? "" : "; did you mean '" + hint + "'?"));
        }
        return name;
    }

    private static Command command(Cursor c, String name) {
        Command cmd;
        switch (name) {
            case "search": cmd = new SearchCmd(new SearchParser(c).parse()); break;
            case "where": {
                if (c.atCommandEnd()) throw c.error("an expression after where");
                Expr e = new ExprParser(c).parse();
                cmd = new WhereCmd(e);
                break;
            }
            case "eval": cmd = EvalCmd.parse(c); break;
            case "stats": cmd = StatsCmd.parse(c, false); break;
            case "eventstats": cmd = StatsCmd.parse(c, true); break;
            case "streamstats": cmd = StreamstatsCmd.parse(c); break;
            case "timechart": cmd = TimechartCmd.parse(c); break;
            case "chart": cmd = ChartCmd.parse(c); break;
            case "top": cmd = TopCmd.parse(c, false); break;
            case "rare": cmd = TopCmd.parse(c, true); break;
            case "table": {
                List<String> f = Parsing.fields(c, Set.of(), "a field name");
                if (f.isEmpty()) throw c.error("a field list for table");
                cmd = new TableCmd(f);
                break;
            }
            case "fields": {
                boolean remove = false;
                if (c.eat("-")) remove = true;
                else c.eat("+");
                List<String> f = Parsing.fields(c, Set.of(), "a field name");
                if (f.isEmpty()) throw c.error("a field list for fields");
                cmd = new FieldsCmd(remove, f);
                break;
            }
            case "rename": cmd = rename(c); break;
            case "sort": cmd = SortCmd.parse(c); break;
            case "head": cmd = new HeadCmd(count(c, "head")); break;
            case "tail": cmd = new TailCmd(count(c, "tail")); break;
            case "dedup": cmd = DedupCmd.parse(c); break;
            case "rex": cmd = RexCmd.parse(c); break;
            case "regex": cmd = regex(c); break;
            case "bin": case "bucket": cmd = BinCmd.parse(c); break;
            case "fillnull": cmd = FillnullCmd.parse(c); break;
            case "lookup": cmd = LookupCmd.parse(c); break;
            case "inputlookup": cmd = inputlookup(c); break;
            case "spath": cmd = SpathCmd.parse(c); break;
            case "transaction": cmd = TransactionCmd.parse(c); break;
            case "makeresults": {
                int n = 1;
                String opt;
                while ((opt = c.optionName()) != null) {
                    if (opt.equals("count")) n = Parsing.integer(c, opt);
                    else if (opt.equals("annotate")) Parsing.bool(c, opt);
                    else throw c.errorAt(c.pos(), Parsing.unknownOption("makeresults", opt, List.of("count", "annotate")));
                }
                cmd = new MakeresultsCmd(n);
                break;
            }
            default: throw new IllegalStateException(name);
        }
        if (!c.atCommandEnd()) throw c.error("'|' or the end of the query after " + name);
        return cmd;
    }

    private static long count(Cursor c, String name) {
        if (c.atCommandEnd()) return 10;
        String opt = c.optionName();
        if (opt != null && !opt.equals("limit")) throw c.errorAt(c.pos(), Parsing.unknownOption(name, opt, List.of("limit")));
        return Parsing.integer(c, name + " count");
    }

    private static RenameCmd rename(Cursor c) {
        List<RenameCmd.Pair> pairs = new ArrayList<>();
        while (!c.atCommandEnd()) {
            if (c.eat(",")) continue;
            String from = c.fieldName("a field to rename");
            if (!c.eatKeyword("as")) throw c.error("AS after '" + from + "'");
            String to = c.fieldName("a new name after AS");
            if (from.chars().filter(ch -> ch == '*').count() != to.chars().filter(ch -> ch == '*').count()
                    && to.indexOf('*') >= 0) {
                throw c.errorAt(c.pos(), "rename " + from + " AS " + to + ": both names need the same number of wildcards");
            }
            pairs.add(new RenameCmd.Pair(from, to));
        }
        if (pairs.isEmpty()) throw c.error("a field AS new-name for rename");
        return new RenameCmd(pairs);
    }

    private static RegexCmd regex(Cursor c) {
        String field = "_raw";
        boolean negate = false;
        c.skipWs();
        if (c.peekRaw() != '"') {
            field = c.fieldName("a field name or a quoted regular expression");
            if (c.eat("!=")) negate = true;
            else c.expect("=", "'=' or '!=' after the field name");
        }
        int at = c.pos();
        String re = c.value("a regular expression");
        try {
            dev.vigil.search.expr.Regexes.compile(re);
        } catch (IllegalArgumentException e) {
            throw c.errorAt(at, e.getMessage());
        }
        return new RegexCmd(field, negate, re);
    }

    private static InputlookupCmd inputlookup(Cursor c) {
        int start = 0, max = 0;
        String opt;
        while ((opt = c.optionName()) != null) {
            switch (opt) {
                case "start": start = Parsing.integer(c, opt); break;
                case "max": max = Parsing.integer(c, opt); break;
                case "append": Parsing.bool(c, opt); break;
                default: throw c.errorAt(c.pos(), Parsing.unknownOption("inputlookup", opt, List.of("start", "max", "append")));
            }
        }
        String table = c.fieldName("a lookup table name");
        return new InputlookupCmd(table, start, max);
    }

    /** The initial search of a query, for stores that push filters down. */
    public static SearchTerm initialSearch(Pipeline p) {
        return p.initialSearch();
    }
}
