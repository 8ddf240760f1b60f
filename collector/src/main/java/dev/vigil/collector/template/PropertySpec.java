package dev.vigil.collector.template;

/**
 * Everything the property replacer can be told about one property, whether written as
 * {@code %name:from:to:options%} or as a list template's {@code property(...)}. Mutable while a
 * template is being read; {@link PropertyPart#PropertyPart(PropertySpec)} freezes it.
 */
public final class PropertySpec {
    /** How control characters are treated (options escape-cc, space-cc, drop-cc). */
    public enum ControlChars { KEEP, ESCAPE, SPACE, DROP }

    /** Output formatting (options csv, json, jsonf, jsonr). */
    public enum Format { PLAIN, CSV, JSON, JSONF, JSONR }

    /** What a regex that does not match yields (nomatchmode). */
    public enum NoMatch { DFLT, BLANK, ZERO, FIELD }

    public String name;
    public String outName;
    public int from;
    public int to;
    public boolean toEnd;
    public String regex;
    public boolean regexExtended;
    public int regexSubmatch;
    public int regexMatch;
    public NoMatch noMatch = NoMatch.DFLT;
    public int fieldNumber;
    public String fieldDelimiter = "\t";
    public boolean uppercase;
    public boolean lowercase;
    public ControlChars controlChars = ControlChars.KEEP;
    public boolean dropLastLf;
    public boolean secpathDrop;
    public boolean secpathReplace;
    public boolean spIfNo1stSp;
    public boolean fixedWidth;
    public boolean mandatory;
    public Format format = Format.PLAIN;
    public DateFormat date = DateFormat.DEFAULT;
    public boolean dateUtc;

    public PropertySpec(String name) {
        this.name = name;
    }

    /**
     * Applies one comma-separated option of the string syntax.
     *
     * @throws IllegalArgumentException naming the option when it is unknown
     */
    public void option(String opt) {
        String o = opt.trim().toLowerCase(java.util.Locale.ROOT);
        DateFormat d = DateFormat.ofOption(o);
        if (d != null) {
            date = d;
            return;
        }
        switch (o) {
            case "": break;
            case "uppercase": uppercase = true; break;
            case "lowercase": lowercase = true; break;
            case "escape-cc": controlChars = ControlChars.ESCAPE; break;
            case "space-cc": controlChars = ControlChars.SPACE; break;
            case "drop-cc": controlChars = ControlChars.DROP; break;
            case "drop-last-lf": dropLastLf = true; break;
            case "secpath-drop": secpathDrop = true; break;
            case "secpath-replace": secpathReplace = true; break;
            case "sp-if-no-1st-sp": spIfNo1stSp = true; break;
            case "fixed-width": fixedWidth = true; break;
            case "mandatory-field": mandatory = true; break;
            case "csv": format = Format.CSV; break;
            case "json": format = Format.JSON; break;
            case "jsonf": format = Format.JSONF; break;
            case "jsonr": format = Format.JSONR; break;
            case "date-utc": dateUtc = true; break;
            default:
                throw new IllegalArgumentException("unknown property replacer option '" + opt.trim() + "'");
        }
    }
}
