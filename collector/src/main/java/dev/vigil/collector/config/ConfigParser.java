package dev.vigil.collector.config;

import dev.vigil.collector.filter.ExprParser;
import dev.vigil.collector.filter.ExpressionFilter;
import dev.vigil.collector.filter.Filter;
import dev.vigil.collector.filter.FilterSyntaxException;
import dev.vigil.collector.filter.PropertyFilterParser;
import dev.vigil.collector.filter.SelectorParser;
import dev.vigil.collector.rule.Ruleset;
import dev.vigil.collector.rule.Statement;
import dev.vigil.collector.rule.Statements;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one file of rsyslog.conf: legacy {@code $} directives, selector and property-filter lines
 * with their actions, and RainerScript statements and objects, in any mix, as rsyslog 8.2302's grammar
 * accepts them. Syntax errors throw {@link ConfigException} (file:line:column); lines rsyslog rejects
 * for their content (an unknown priority name, a bad regex) are reported and skipped, as rsyslog does.
 */
final class ConfigParser {
    /** rsyslog's lexer pattern for a selector (PRIFILT), case-insensitive. */
    private static final Pattern PRIFILT =
            Pattern.compile("[*a-z][*a-z]*[0-7]*[.,][,!=;.*a-z0-7]+", Pattern.CASE_INSENSITIVE);
    /** rsyslog's LEGACY_ACTION word form (user lists such as {@code root,gildong}). */
    private static final Pattern USER_WORD = Pattern.compile("[a-z0-9_][a-z0-9_\\-+,;]*", Pattern.CASE_INSENSITIVE);
    /** rsyslog's LEGACY_ACTION form {@code :module:...} (e.g. {@code :omusrmsg:root}), not a property filter. */
    private static final Pattern LEGACY_MODULE_ACTION = Pattern.compile(":[a-z0-9]+:", Pattern.CASE_INSENSITIVE);
    private static final Set<String> OBJECTS = Set.of("module", "input", "global", "template", "main_queue",
            "parser", "lookup_table", "timezone", "include", "dyn_stats", "percentile_stats", "ratelimit");
    private static final Set<String> UNSUPPORTED_STATEMENTS = Set.of("set", "unset", "reset", "foreach",
            "call_indirect", "reload_lookup_table", "continue");

    private final Source src;
    private final Lexing lx;
    private final ConfigBuilder b;
    private final ObjectParser objects;
    private Statements.If lastFilter;
    private int discarding;

    ConfigParser(Source src, ConfigBuilder b) {
        this.src = src;
        this.lx = new Lexing(src);
        this.b = b;
        this.objects = new ObjectParser(src, lx, b);
    }

    void parse() {
        statements(null);
    }

    /** Statements up to '}' (consumed) or, at top level ({@code target == null}), the end of the file. */
    private void statements(Statements.Block target) {
        while (true) {
            lx.skipBlank();
            if (lx.eof()) {
                if (target != null) {
                    throw src.error(lx.pos, "expected '}' to close the block, found the end of the file");
                }
                return;
            }
            if (lx.ch() == '}') {
                if (target == null) {
                    throw src.error(lx.pos, "unexpected '}' without a block to close");
                }
                lx.pos++;
                return;
            }
            Statement s = statement();
            if (s != null) {
                (target != null ? target : b.currentRuleset().body()).add(s);
            }
        }
    }

    /** One statement at the current position; null for directives, objects and ignored lines. */
    private Statement statement() {
        int start = lx.pos;
        char c = lx.ch();
        String t = src.text;
        if (c == '$' && start + 1 < t.length() && Character.isLetter(t.charAt(start + 1))) {
            lx.pos++;
            String name = lx.peekWord();
            lx.pos += name.length();
            String value = lx.restOfLine().trim();
            b.directive(name, value, src, start);
            return null;
        }
        if (c == '&') {
            lx.pos++;
            if (lastFilter == null) {
                throw src.error(start, "'&' must follow a filter line (it repeats the previous filter)");
            }
            Statements.If f = lastFilter;
            Statement s = thenStatement();
            if (s != null) {
                f.then().add(s);
            }
            lastFilter = f;
            return null;
        }
        if (c == ':' && !LEGACY_MODULE_ACTION.matcher(t).region(start, t.length()).lookingAt()) {
            return propertyFilterLine(start);
        }
        if ("/-:|@^?~>".indexOf(c) >= 0) {
            // a legacy action on its own is an unfiltered statement in rsyslog's grammar
            lastFilter = null;
            String text = lx.restOfLine();
            return discarding > 0 ? null : b.legacyAction(text, src.location(start));
        }
        String word = lx.peekWord();
        String lw = word.toLowerCase(Locale.ROOT);
        char after = start + word.length() < t.length() ? t.charAt(start + word.length()) : 0;
        if (!word.isEmpty() && after != '.' && after != ',') {
            Statement s = keywordStatement(lw, start);
            if (s != KEYWORD_NONE) {
                return s;
            }
        }
        Matcher m = PRIFILT.matcher(t).region(start, t.length());
        if (m.lookingAt()) {
            return selectorLine(start, m.end());
        }
        throw src.error(start, "expected a selector, a property filter, a $directive or a RainerScript "
                + "statement, found '" + snippet(start) + "'");
    }

    private static final Statement KEYWORD_NONE = (e, engine) -> true;

    private Statement keywordStatement(String lw, int start) {
        String loc = src.location(start);
        if (lw.equals("if")) {
            return ifStatement(start);
        }
        if (lw.equals("stop")) {
            lx.pos += 4;
            lastFilter = null;
            return new Statements.Stop(loc);
        }
        if (lw.equals("call")) {
            return callStatement(start);
        }
        if (lw.equals("action") && lx.nextAfterBlanks(start + 6) == '(') {
            lastFilter = null;
            return actionObject(start);
        }
        if (lw.equals("ruleset") && lx.nextAfterBlanks(start + 7) == '(') {
            rulesetObject(start);
            return null;
        }
        if (OBJECTS.contains(lw) && lx.nextAfterBlanks(start + lw.length()) == '(') {
            objects.object(lw, start);
            return null;
        }
        if (UNSUPPORTED_STATEMENTS.contains(lw)) {
            objects.skipUnsupported(lw, start);
            return null;
        }
        return KEYWORD_NONE;
    }

    private Statement selectorLine(int start, int end) {
        String text = src.text.substring(start, end);
        lx.pos = end;
        Filter f;
        try {
            f = SelectorParser.parse(text);
        } catch (IllegalArgumentException e) {
            b.warn(src.location(start), "error: " + e.getMessage() + " - selector line ignored");
            discardThenPart();
            return null;
        }
        return filtered(f, start);
    }

    private Statement propertyFilterLine(int start) {
        int eol = src.text.indexOf('\n', start);
        String line = src.text.substring(start, eol < 0 ? src.text.length() : eol);
        try {
            PropertyFilterParser.Result r = PropertyFilterParser.parse(line, 0);
            lx.pos = start + r.end();
            return filtered(r.filter(), start);
        } catch (FilterSyntaxException e) {
            b.warn(src.location(start), "error: " + e.getMessage() + " - filter line ignored");
            lx.pos = eol < 0 ? src.text.length() : eol;
            lastFilter = null;
            return null;
        }
    }

    private Statement filtered(Filter f, int start) {
        Statements.Block then = new Statements.Block();
        Statements.If s = new Statements.If(f, then, null, src.location(start));
        Statement action = thenStatement();
        if (action != null) {
            then.add(action);
        }
        lastFilter = s;
        return s;
    }

    private void discardThenPart() {
        discarding++;
        try {
            thenStatement();
        } finally {
            discarding--;
        }
        lastFilter = null;
    }

    /** What follows a filter or {@code then}: a block, action(), stop, call, if, or a legacy action. */
    private Statement thenStatement() {
        lx.skipBlank();
        int start = lx.pos;
        if (lx.eof()) {
            throw src.error(start, "expected an action, found the end of the file");
        }
        if (lx.ch() == '{') {
            lx.pos++;
            Statements.Block block = new Statements.Block();
            Statements.If saved = lastFilter;
            statements(block);
            lastFilter = saved;
            return block;
        }
        String lw = lx.peekWord().toLowerCase(Locale.ROOT);
        if (lw.equals("if") || lw.equals("stop") || lw.equals("call")
                || (lw.equals("action") && lx.nextAfterBlanks(start + 6) == '(')) {
            Statements.If saved = lastFilter;
            Statement s = keywordStatement(lw, start);
            lastFilter = saved;
            return s;
        }
        if (!isLegacyActionStart(start)) {
            throw src.error(start, "expected an action (a file path, @host, :omusrmsg:, ~, stop, action(...) or "
                    + "{ ... }), found '" + snippet(start) + "'");
        }
        String text = lx.restOfLine();
        return discarding > 0 ? null : b.legacyAction(text, src.location(start));
    }

    private boolean isLegacyActionStart(int p) {
        String t = src.text;
        char c = t.charAt(p);
        if ("/-:|.@^?~>*".indexOf(c) >= 0) {
            return true;
        }
        return USER_WORD.matcher(t).region(p, t.length()).lookingAt();
    }

    private Statement ifStatement(int start) {
        lx.pos = start + 2;
        ExprParser.Result r;
        try {
            r = ExprParser.parse(src.text, lx.pos);
        } catch (FilterSyntaxException e) {
            throw src.error(e.offset(), e.getMessage());
        }
        lx.pos = r.end();
        lx.skipBlank();
        if (!lx.peekWord().equalsIgnoreCase("then")) {
            throw src.error(lx.pos, "expected 'then' after the condition, found '" + snippet(lx.pos) + "'");
        }
        lx.pos += 4;
        boolean bad = !r.problems().isEmpty();
        for (FilterSyntaxException p : r.problems()) {
            b.warn(src.location(p.offset()), "error: " + p.getMessage() + " - if statement ignored");
        }
        if (bad) {
            discarding++;
        }
        Statements.Block then;
        Statements.Block otherwise = null;
        try {
            then = asBlock(thenStatement());
            int save = lx.pos;
            lx.skipBlank();
            if (!lx.eof() && lx.peekWord().equalsIgnoreCase("else")) {
                lx.pos += 4;
                otherwise = asBlock(thenStatement());
            } else {
                lx.pos = save;
            }
        } finally {
            if (bad) {
                discarding--;
            }
        }
        if (bad) {
            lastFilter = null;
            return null;
        }
        Statements.If s = new Statements.If(new ExpressionFilter(r.expr()), then, otherwise, src.location(start));
        lastFilter = otherwise == null ? s : null;
        return s;
    }

    private static Statements.Block asBlock(Statement s) {
        if (s instanceof Statements.Block blk) {
            return blk;
        }
        Statements.Block blk = new Statements.Block();
        if (s != null) {
            blk.add(s);
        }
        return blk;
    }

    private Statement callStatement(int start) {
        lx.pos = start + 4;
        lx.skipBlank();
        String name = lx.peekWord();
        int p = lx.pos + name.length();
        while (p < src.text.length() && ParamListParser.isNameChar(src.text.charAt(p))) {
            p++;
        }
        name = src.text.substring(lx.pos, p);
        if (name.isEmpty()) {
            throw src.error(lx.pos, "expected a ruleset name after 'call'");
        }
        if (name.length() < 2) {
            // rsyslog 8.2302's lexer rejects one-character names here ("invalid character 'r' in 'call' statement")
            throw src.error(lx.pos, "invalid character '" + name + "' in 'call' statement: rsyslog 8.2302 accepts only "
                    + "ruleset names of two or more characters after 'call'");
        }
        lx.pos = p;
        lastFilter = null;
        return new Statements.Call(name, src.location(start));
    }

    private Statement actionObject(int start) {
        Params p = objects.params(start, 6);
        return discarding > 0 ? null : b.action(p, src.location(start));
    }

    private void rulesetObject(int start) {
        Params p = objects.params(start, 7);
        String name = p.get("name");
        if (name == null) {
            throw src.error(start, "ruleset() needs a name parameter");
        }
        lx.skipBlank();
        if (lx.eof() || lx.ch() != '{') {
            throw src.error(lx.pos, "expected '{' after ruleset(...)");
        }
        lx.pos++;
        Ruleset r = b.ruleset(name, p, src.location(start));
        Statements.If saved = lastFilter;
        lastFilter = null;
        statements(r.body());
        lastFilter = saved;
    }

    private String snippet(int p) {
        return snippet(src, p);
    }

    static String snippet(Source src, int p) {
        int e = p;
        String t = src.text;
        while (e < t.length() && e - p < 40 && t.charAt(e) != '\n') {
            e++;
        }
        return t.substring(p, e).trim();
    }
}
