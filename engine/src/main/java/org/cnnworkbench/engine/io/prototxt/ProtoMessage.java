package org.cnnworkbench.engine.io.prototxt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cnnworkbench.engine.io.SourceLocation;
import org.cnnworkbench.engine.io.SpecFormatException;

/**
 * One message of protobuf text format, as Caffe writes a {@code NetParameter}: its fields in file order, each a
 * scalar or a nested message, with where it stands in the file. It knows no schema: the typed getters convert
 * on demand and a value of the wrong type is a {@link SpecFormatException} at the field's line and column.
 * A field that appears more than once is a repeated field; the single-value getters take its last value, as
 * protobuf does.
 *
 * <pre>{@code
 * ProtoMessage conv = layer.param("convolution_param");
 * long filters = conv.integer("num_output", 0);            // 0 when absent
 * List<Long> kernel = conv.integers("kernel_size");         // repeated in newer Caffe
 * ProtoMessage written = ProtoMessage.builder()
 *         .add("num_output", 96).add("kernel_size", 11).add("stride", 4).build();
 * }</pre>
 */
public final class ProtoMessage {

    /** A value: a {@link Word} (number, enum or boolean, unquoted), a {@link Text} (quoted) or a message. */
    public sealed interface Value permits Word, Text, Nested {
    }

    /** An unquoted token: a number, an enum value or a boolean, e.g. {@code 96}, {@code MAX}, {@code true}. */
    public record Word(String token) implements Value {
    }

    /** A quoted string, unescaped. */
    public record Text(String text) implements Value {
    }

    /** A nested message. */
    public record Nested(ProtoMessage message) implements Value {
    }

    /**
     * One field.
     *
     * @param name the field name
     * @param value its value
     * @param location where the field name stands in the file, or {@code null} for a message built in code
     */
    public record Field(String name, Value value, SourceLocation location) {
        public Field {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    private final List<Field> fields;
    private final String source;
    private final SourceLocation location;

    ProtoMessage(List<Field> fields, String source, SourceLocation location) {
        this.fields = List.copyOf(fields);
        this.source = source;
        this.location = location;
    }

    /** A message without fields (what {@link CaffeLayer#param} gives for a parameter block that is absent). */
    public static ProtoMessage empty(String source, SourceLocation location) {
        return new ProtoMessage(List.of(), source, location);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The fields in file order. */
    public List<Field> fields() {
        return fields;
    }

    /** The file (or other description) it was read from; empty for a message built in code. */
    public String source() {
        return source;
    }

    /** Where the message starts in the file (its field name), or {@code null}. */
    public SourceLocation location() {
        return location;
    }

    public boolean has(String name) {
        return fields.stream().anyMatch(f -> f.name().equals(name));
    }

    /** The values of every field called {@code name}, in order. */
    public List<Field> all(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).toList();
    }

    private Optional<Field> last(String name) {
        Field found = null;
        for (Field f : fields) {
            if (f.name().equals(name)) {
                found = f;
            }
        }
        return Optional.ofNullable(found);
    }

    /** Where the last field {@code name} stands, else where this message starts. */
    public SourceLocation locationOf(String name) {
        return last(name).map(Field::location).orElse(location);
    }

    /** The nested message {@code name} (the last one if repeated). */
    public Optional<ProtoMessage> message(String name) throws SpecFormatException {
        Optional<Field> field = last(name);
        if (field.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(asMessage(field.get()));
    }

    /** Every nested message {@code name}, in order. */
    public List<ProtoMessage> messages(String name) throws SpecFormatException {
        List<ProtoMessage> result = new ArrayList<>();
        for (Field f : all(name)) {
            result.add(asMessage(f));
        }
        return result;
    }

    /** The string field {@code name}; an unquoted word is taken as it is. */
    public Optional<String> text(String name) throws SpecFormatException {
        Optional<Field> field = last(name);
        return field.isEmpty() ? Optional.empty() : Optional.of(asText(field.get()));
    }

    /** Every string field {@code name}, in order (such as a layer's {@code bottom}s). */
    public List<String> texts(String name) throws SpecFormatException {
        List<String> result = new ArrayList<>();
        for (Field f : all(name)) {
            result.add(asText(f));
        }
        return result;
    }

    /** The enum field {@code name} (an unquoted identifier such as {@code MAX}), upper case as written. */
    public Optional<String> enumValue(String name) throws SpecFormatException {
        Optional<Field> field = last(name);
        if (field.isEmpty()) {
            return Optional.empty();
        }
        if (field.get().value() instanceof Word w) {
            return Optional.of(w.token());
        }
        throw wrongType(field.get(), "an enum value (a name such as MAX)");
    }

    /** The whole-number field {@code name}, or {@code fallback} when absent. */
    public long integer(String name, long fallback) throws SpecFormatException {
        Optional<Field> field = last(name);
        return field.isEmpty() ? fallback : asInteger(field.get());
    }

    /** Every whole-number field {@code name}, in order (such as the {@code dim}s of a shape). */
    public List<Long> integers(String name) throws SpecFormatException {
        List<Long> result = new ArrayList<>();
        for (Field f : all(name)) {
            result.add(asInteger(f));
        }
        return result;
    }

    /** The number field {@code name}, or {@code fallback} when absent. */
    public double decimal(String name, double fallback) throws SpecFormatException {
        Optional<Field> field = last(name);
        return field.isEmpty() ? fallback : asDecimal(field.get());
    }

    /** Every number field {@code name}, in order. */
    public List<Double> decimals(String name) throws SpecFormatException {
        List<Double> result = new ArrayList<>();
        for (Field f : all(name)) {
            result.add(asDecimal(f));
        }
        return result;
    }

    /** The boolean field {@code name}, or {@code fallback} when absent. */
    public boolean bool(String name, boolean fallback) throws SpecFormatException {
        Optional<Field> field = last(name);
        if (field.isEmpty()) {
            return fallback;
        }
        if (field.get().value() instanceof Word w) {
            switch (w.token()) {
                case "true", "True", "t", "1":
                    return true;
                case "false", "False", "f", "0":
                    return false;
                default:
                    break;
            }
        }
        throw wrongType(field.get(), "true or false");
    }

    private ProtoMessage asMessage(Field f) throws SpecFormatException {
        if (f.value() instanceof Nested n) {
            return n.message();
        }
        throw wrongType(f, "a message { ... }");
    }

    private String asText(Field f) throws SpecFormatException {
        if (f.value() instanceof Text t) {
            return t.text();
        }
        if (f.value() instanceof Word w) {
            return w.token();
        }
        throw wrongType(f, "a string");
    }

    private long asInteger(Field f) throws SpecFormatException {
        if (f.value() instanceof Word w) {
            try {
                String token = w.token();
                if (token.startsWith("0x") || token.startsWith("0X")) {
                    return Long.parseLong(token.substring(2), 16);
                }
                if (token.startsWith("-0x") || token.startsWith("-0X")) {
                    return -Long.parseLong(token.substring(3), 16);
                }
                return Long.parseLong(token.startsWith("+") ? token.substring(1) : token);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw wrongType(f, "a whole number");
    }

    private double asDecimal(Field f) throws SpecFormatException {
        if (f.value() instanceof Word w) {
            String token = w.token();
            String lower = token.toLowerCase(java.util.Locale.ROOT);
            if (lower.equals("inf") || lower.equals("infinity") || lower.equals("-inf")
                    || lower.equals("-infinity") || lower.equals("nan")) {
                throw new SpecFormatException(source, f.location(), "'" + f.name() + "' is " + token
                        + "; a network holds finite numbers only");
            }
            String number = lower.endsWith("f") && !lower.startsWith("0x") ? token.substring(0, token.length() - 1)
                    : token;
            try {
                double d = Double.parseDouble(number);
                if (Double.isFinite(d)) {
                    return d;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw wrongType(f, "a finite number");
    }

    private SpecFormatException wrongType(Field f, String expected) {
        String got = f.value() instanceof Text t ? "the string \"" + t.text() + "\""
                : f.value() instanceof Word w ? w.token() : "a message { ... }";
        return new SpecFormatException(source, f.location(), "'" + f.name() + "' is " + got + "; expected "
                + expected);
    }

    /** Equal when the fields have the same names and values in the same order; where they stand is ignored. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ProtoMessage other) || fields.size() != other.fields.size()) {
            return false;
        }
        for (int i = 0; i < fields.size(); i++) {
            Field a = fields.get(i);
            Field b = other.fields.get(i);
            if (!a.name().equals(b.name()) || !a.value().equals(b.value())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (Field f : fields) {
            hash = 31 * hash + f.name().hashCode() * 17 + f.value().hashCode();
        }
        return hash;
    }

    @Override
    public String toString() {
        return ProtoText.write(this);
    }

    /** Builds a message in code, for writing; fields keep the order they are added in. */
    public static final class Builder {

        private final List<Field> fields = new ArrayList<>();

        private Builder() {
        }

        public Builder add(String name, long value) {
            return add(name, new Word(Long.toString(value)));
        }

        /** A number written so that reading it back gives exactly {@code value}. */
        public Builder add(String name, double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("'" + name + "' = " + value + " is not finite");
            }
            return add(name, new Word(ProtoText.number(value)));
        }

        public Builder add(String name, boolean value) {
            return add(name, new Word(Boolean.toString(value)));
        }

        /** An enum value, written unquoted. */
        public Builder addEnum(String name, String value) {
            return add(name, new Word(value));
        }

        /** A string, written quoted. */
        public Builder addText(String name, String value) {
            return add(name, new Text(value));
        }

        public Builder add(String name, ProtoMessage message) {
            return add(name, new Nested(message));
        }

        public Builder add(String name, Value value) {
            fields.add(new Field(name, value, null));
            return this;
        }

        public ProtoMessage build() {
            return new ProtoMessage(fields, "", null);
        }
    }
}
