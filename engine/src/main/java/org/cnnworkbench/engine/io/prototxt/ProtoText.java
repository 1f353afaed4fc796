package org.cnnworkbench.engine.io.prototxt;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.cnnworkbench.engine.io.SourceLocation;
import org.cnnworkbench.engine.io.SpecFormatException;

/**
 * Reads and writes protobuf text format without a schema, as far as Caffe's prototxt files use it: fields
 * {@code name: value} and {@code name { ... }} (also {@code name: { ... }} and {@code name < ... >}), quoted
 * strings with C escapes (adjacent strings are joined), numbers, enum names, lists {@code name: [1, 2]},
 * optional {@code ;} or {@code ,} after a field, and {@code #} comments. A malformed file is a
 * {@link SpecFormatException} with the line and column of the problem.
 *
 * <pre>{@code
 * ProtoMessage net = ProtoText.parse("name: \"tiny\"\nlayer { name: \"data\" type: \"Input\" }", "tiny.prototxt");
 * String text = ProtoText.write(net);
 * }</pre>
 */
public final class ProtoText {

    /** Messages nested deeper than this are refused (Caffe's go three or four deep). */
    static final int MAX_DEPTH = 64;

    private ProtoText() {
    }

    /** The message the text holds. */
    public static ProtoMessage parse(String text, String source) throws SpecFormatException {
        return new Parser(text, source).document();
    }

    /** The message as text: one field a line, nested messages indented by two spaces. */
    public static String write(ProtoMessage message) {
        StringBuilder out = new StringBuilder();
        write(message, "", out);
        return out.toString();
    }

    private static void write(ProtoMessage message, String indent, StringBuilder out) {
        for (ProtoMessage.Field f : message.fields()) {
            out.append(indent).append(f.name());
            if (f.value() instanceof ProtoMessage.Nested n) {
                out.append(" {\n");
                write(n.message(), indent + "  ", out);
                out.append(indent).append("}\n");
            } else if (f.value() instanceof ProtoMessage.Text t) {
                out.append(": ").append(quote(t.text())).append('\n');
            } else {
                out.append(": ").append(((ProtoMessage.Word) f.value()).token()).append('\n');
            }
        }
    }

    /** A string in double quotes, with quotes, backslashes and control characters escaped. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\%03o", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** A finite double written briefly ({@code 0.0001}, {@code 5}, {@code 1E-12}) so that it reads back exactly. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        BigDecimal exact = BigDecimal.valueOf(value).stripTrailingZeros();
        String plain = exact.toPlainString();
        return plain.length() <= 20 ? plain : exact.toString();
    }

    private static final class Parser {

        private final String text;
        private final String source;
        private int pos;
        private int line = 1;
        private int lineStart;

        Parser(String text, String source) {
            this.text = text;
            this.source = source;
        }

        ProtoMessage document() throws SpecFormatException {
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
                pos = 1;
                lineStart = 1;
            }
            return message(null, null, 0);
        }

        /** Fields up to {@code close} (or the end of the text when {@code close} is null). */
        private ProtoMessage message(Character close, SourceLocation opened, int depth) throws SpecFormatException {
            if (depth > MAX_DEPTH) {
                throw error(here(), "messages are nested more than " + MAX_DEPTH + " deep");
            }
            SourceLocation start = opened == null ? new SourceLocation(1, 1) : opened;
            List<ProtoMessage.Field> fields = new ArrayList<>();
            while (true) {
                skipSpace();
                if (pos >= text.length()) {
                    if (close != null) {
                        throw error(here(), "the text ends inside the message opened at line " + opened.line()
                                + ", column " + opened.column() + "; a '" + close + "' is missing");
                    }
                    return new ProtoMessage(fields, source, start);
                }
                char c = text.charAt(pos);
                if (close != null && c == close) {
                    pos++;
                    return new ProtoMessage(fields, source, start);
                }
                if (c == '}' || c == '>') {
                    throw error(here(), "unexpected '" + c + "': no message is open here");
                }
                field(fields, depth);
            }
        }

        private void field(List<ProtoMessage.Field> fields, int depth) throws SpecFormatException {
            SourceLocation at = here();
            if (!isIdentifierStart(text.charAt(pos))) {
                throw error(at, "expected a field name, found " + describe(pos));
            }
            String name = identifier();
            skipSpace();
            boolean colon = false;
            if (pos < text.length() && text.charAt(pos) == ':') {
                colon = true;
                pos++;
                skipSpace();
            }
            if (pos < text.length() && (text.charAt(pos) == '{' || text.charAt(pos) == '<')) {
                char open = text.charAt(pos);
                pos++;
                ProtoMessage nested = message(open == '{' ? '}' : '>', at, depth + 1);
                fields.add(new ProtoMessage.Field(name, new ProtoMessage.Nested(nested), at));
            } else if (!colon) {
                throw error(here(), "expected ':' or '{' after the field name '" + name + "', found "
                        + describe(pos));
            } else if (pos < text.length() && text.charAt(pos) == '[') {
                pos++;
                list(name, at, fields, depth);
            } else {
                fields.add(new ProtoMessage.Field(name, scalar(name), at));
            }
            skipSpace();
            if (pos < text.length() && (text.charAt(pos) == ';' || text.charAt(pos) == ',')) {
                pos++;
            }
        }

        private void list(String name, SourceLocation at, List<ProtoMessage.Field> fields, int depth)
                throws SpecFormatException {
            skipSpace();
            if (pos < text.length() && text.charAt(pos) == ']') {
                pos++;
                return;
            }
            while (true) {
                skipSpace();
                SourceLocation element = here();
                if (pos < text.length() && text.charAt(pos) == '{') {
                    pos++;
                    fields.add(new ProtoMessage.Field(name,
                            new ProtoMessage.Nested(message('}', element, depth + 1)), element));
                } else {
                    fields.add(new ProtoMessage.Field(name, scalar(name), element));
                }
                skipSpace();
                if (pos < text.length() && text.charAt(pos) == ',') {
                    pos++;
                } else if (pos < text.length() && text.charAt(pos) == ']') {
                    pos++;
                    return;
                } else {
                    throw error(here(), "expected ',' or ']' in the list of '" + name + "', found "
                            + describe(pos));
                }
            }
        }

        private ProtoMessage.Value scalar(String name) throws SpecFormatException {
            if (pos >= text.length()) {
                throw error(here(), "the text ends where the value of '" + name + "' should be");
            }
            char c = text.charAt(pos);
            if (c == '"' || c == '\'') {
                StringBuilder joined = new StringBuilder();
                do {
                    joined.append(string());
                    skipSpace();
                } while (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\''));
                return new ProtoMessage.Text(joined.toString());
            }
            int start = pos;
            if (c == '-' || c == '+') {
                pos++;
            }
            while (pos < text.length() && isWordPart(text.charAt(pos))) {
                pos++;
            }
            if (pos == start || (pos == start + 1 && (c == '-' || c == '+'))) {
                throw error(here(), "expected a value for '" + name + "' (a number, a name or a quoted string), "
                        + "found " + describe(pos));
            }
            return new ProtoMessage.Word(text.substring(start, pos));
        }

        private String string() throws SpecFormatException {
            SourceLocation at = here();
            char quote = text.charAt(pos++);
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length() || text.charAt(pos) == '\n') {
                    throw error(at, "the string that starts here is not closed with " + quote + " on its line");
                }
                char c = text.charAt(pos++);
                if (c == quote) {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    throw error(at, "the string that starts here ends in a lone backslash");
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'a' -> out.append('\u0007');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'v' -> out.append('\u000b');
                    case '\\', '\'', '"', '?' -> out.append(e);
                    case 'x', 'X' -> out.append((char) digits(16, 2, at));
                    default -> {
                        if (e >= '0' && e <= '7') {
                            pos--;
                            out.append((char) digits(8, 3, at));
                        } else {
                            throw error(at, "the string that starts here has an unknown escape \\" + e);
                        }
                    }
                }
            }
        }

        private int digits(int radix, int max, SourceLocation at) throws SpecFormatException {
            int value = 0;
            int n = 0;
            while (n < max && pos < text.length() && Character.digit(text.charAt(pos), radix) >= 0) {
                value = value * radix + Character.digit(text.charAt(pos), radix);
                pos++;
                n++;
            }
            if (n == 0) {
                throw error(at, "the string that starts here has an escape without digits");
            }
            return value;
        }

        private String identifier() {
            int start = pos;
            while (pos < text.length() && isIdentifierPart(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\n') {
                    pos++;
                    line++;
                    lineStart = pos;
                } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b') {
                    pos++;
                } else if (c == '#') {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else {
                    return;
                }
            }
        }

        private SourceLocation here() {
            return new SourceLocation(line, pos - lineStart + 1);
        }

        private String describe(int at) {
            if (at >= text.length()) {
                return "the end of the text";
            }
            int cp = text.codePointAt(at);
            return cp < 0x20 ? String.format("the character U+%04X", cp) : "'" + new String(Character.toChars(cp))
                    + "'";
        }

        private SpecFormatException error(SourceLocation at, String reason) {
            return new SpecFormatException(source, at, "malformed prototxt: " + reason);
        }

        private static boolean isIdentifierStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }

        private static boolean isIdentifierPart(char c) {
            return isIdentifierStart(c) || (c >= '0' && c <= '9');
        }

        /** Characters of a number or enum token: letters, digits, '_', '.', and signs after an exponent. */
        private boolean isWordPart(char c) {
            if (isIdentifierPart(c) || c == '.') {
                return true;
            }
            return (c == '-' || c == '+') && pos > 0 && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')
                    && pos > 1 && (Character.isDigit(text.charAt(pos - 2)) || text.charAt(pos - 2) == '.');
        }
    }
}
