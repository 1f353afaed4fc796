package org.cnnworkbench.engine.io.prototxt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.cnnworkbench.engine.io.SourceLocation;
import org.cnnworkbench.engine.io.SpecFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProtoTextTest {

    @Test
    void readsFieldsNestedMessagesCommentsAndEveryBlockSyntax() throws Exception {
        ProtoMessage m = ProtoText.parse("""
                name: "net"  # a comment
                layer { name: 'a' top: "a"; }
                layer: { name: "b" convolution_param < kernel_size: [3, 5] stride: 2 > }
                """, "t");

        assertThat(m.text("name")).contains("net");
        assertThat(m.messages("layer")).hasSize(2);
        ProtoMessage conv = m.messages("layer").get(1).message("convolution_param").orElseThrow();
        assertThat(conv.integers("kernel_size")).containsExactly(3L, 5L);
        assertThat(conv.integer("stride", 1)).isEqualTo(2);
        assertThat(conv.integer("pad", 0)).isZero();
        assertThat(m.messages("layer").get(1).location()).isEqualTo(new SourceLocation(3, 1));
    }

    @Test
    void readsStringEscapesAdjacentStringsNumbersAndEnums() throws Exception {
        ProtoMessage m = ProtoText.parse("s: \"a\\\"b\\n\\101\\x42\" 'c'\nx: -1.5e-3 y: 0.75f e: MAX b: true h: 0x10",
                "t");

        assertThat(m.text("s")).contains("a\"b\nABc");
        assertThat(m.decimal("x", 0)).isEqualTo(-1.5e-3);
        assertThat(m.decimal("y", 0)).isEqualTo(0.75);
        assertThat(m.enumValue("e")).contains("MAX");
        assertThat(m.bool("b", false)).isTrue();
        assertThat(m.integer("h", 0)).isEqualTo(16);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "layer { name: \"a\"                  | 1 | 18 | a '}' is missing",
            "name \"a\"                           | 1 | 6  | expected ':' or '{' after the field name 'name'",
            "name: \"abc                          | 1 | 7  | not closed",
            "layer { }\\n}                        | 2 | 1  | unexpected '}'",
            "x: [1, 2                             | 1 | 9  | expected ',' or ']'",
            "x: :                                 | 1 | 4  | expected a value for 'x'",
            "9x: 1                                | 1 | 1  | expected a field name"})
    void malformedTextIsRefusedWithLineAndColumn(String text, int line, int column, String reason) {
        assertThatThrownBy(() -> ProtoText.parse(text.strip().replace("\\n", "\n"), "f.prototxt"))
                .isInstanceOfSatisfying(SpecFormatException.class, e -> {
                    assertThat(e.location()).isEqualTo(new SourceLocation(line, column));
                    assertThat(e.getMessage()).startsWith("f.prototxt:" + line + ":" + column + ": malformed prototxt")
                            .contains(reason);
                });
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() throws Exception {
        ProtoMessage m = ProtoText.parse("\n  num_output: \"96\"", "f");

        assertThatThrownBy(() -> m.integer("num_output", 0)).isInstanceOf(SpecFormatException.class)
                .hasMessage("f:2:3: 'num_output' is the string \"96\"; expected a whole number");
    }

    @Test
    void deepNestingIsRefusedInsteadOfOverflowingTheStack() {
        String deep = "a { ".repeat(10_000);

        assertThatThrownBy(() -> ProtoText.parse(deep, "f")).isInstanceOf(SpecFormatException.class)
                .hasMessageContaining("nested more than");
    }

    @Test
    void whatIsWrittenReadsBackEqual() throws Exception {
        ProtoMessage m = ProtoMessage.builder().addText("name", "quote \" and \\ and\nnewline")
                .add("alpha", 1e-4).add("big", 3.0000000000000003E-4).add("n", 96L).add("flag", false)
                .addEnum("pool", "MAX").add("shape", ProtoMessage.builder().add("dim", 1L).add("dim", 3L).build())
                .build();

        ProtoMessage back = ProtoText.parse(ProtoText.write(m), "t");

        assertThat(back).isEqualTo(m);
        assertThat(back.decimal("big", 0)).isEqualTo(3.0000000000000003E-4);
        assertThat(ProtoText.write(m)).contains("alpha: 0.0001\n", "shape {\n  dim: 1\n");
    }
}
