package org.cnnworkbench.engine.compression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.StreamCorruptedException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class HuffmanTest {

    // the textbook example (Cormen et al.): a:45 b:13 c:12 d:16 e:9 f:5
    private static final long[] TEXTBOOK = {45, 13, 12, 16, 9, 5};

    @Test
    void codeLengthsMatchTheHandBuiltTree() {
        assertThat(Huffman.codeLengths(TEXTBOOK)).containsExactly(1, 3, 3, 3, 4, 4);
        assertThat(Huffman.encodedBits(TEXTBOOK, Huffman.codeLengths(TEXTBOOK))).isEqualTo(224);
    }

    @Test
    void canonicalCodesGoShortestFirstThenBySymbol() {
        int[] codes = Huffman.canonicalCodes(new int[] {1, 3, 3, 3, 4, 4});
        // 0, 100, 101, 110, 1110, 1111
        assertThat(codes).containsExactly(0b0, 0b100, 0b101, 0b110, 0b1110, 0b1111);
        // DEFLATE's example (RFC 1951): lengths (3,3,3,3,3,2,4,4)
        assertThat(Huffman.canonicalCodes(new int[] {3, 3, 3, 3, 3, 2, 4, 4}))
                .containsExactly(0b010, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111);
    }

    @Test
    void oneUsedSymbolGetsLengthOneAndNoneGetsNothing() {
        assertThat(Huffman.codeLengths(new long[] {0, 7, 0})).containsExactly(0, 1, 0);
        assertThat(Huffman.codeLengths(new long[] {0, 0})).containsExactly(0, 0);
        assertThat(Huffman.codeLengths(new long[0])).isEmpty();

        BitWriter out = new BitWriter();
        Huffman.Encoder enc = new Huffman.Encoder(new int[] {0, 1, 0});
        enc.write(out, 1);
        enc.write(out, 1);
        BitReader in = new BitReader(out.toByteArray());
        Huffman.Decoder dec = new Huffman.Decoder(new int[] {0, 1, 0});
        assertThat(List.of(uncheckedRead(dec, in), uncheckedRead(dec, in))).containsExactly(1, 1);
    }

    @Test
    void lengthsStayWithinTheLimitForFibonacciFrequencies() {
        long[] fib = new long[40];
        fib[0] = 1;
        fib[1] = 1;
        for (int i = 2; i < fib.length; i++) {
            fib[i] = fib[i - 1] + fib[i - 2];
        }
        int[] lengths = Huffman.codeLengths(fib);

        assertThat(java.util.Arrays.stream(lengths).max().getAsInt()).isEqualTo(Huffman.MAX_CODE_LENGTH);
        assertThat(java.util.Arrays.stream(lengths).min().getAsInt()).isGreaterThanOrEqualTo(1);
        Huffman.checkLengths(lengths);
    }

    @Test
    void decoderRefusesTablesThatAreNoPrefixCode() {
        assertThatThrownBy(() -> new Huffman.Decoder(new int[] {1, 1, 1})).hasMessageContaining("Kraft");
        assertThatThrownBy(() -> new Huffman.Decoder(new int[] {25, 1})).hasMessageContaining("outside 0..24");
        assertThatThrownBy(() -> new Huffman.Decoder(new int[] {-1})).hasMessageContaining("outside");
    }

    @Test
    void bitsOutsideAnIncompleteCodeAndTheEndOfTheStreamAreErrors() {
        Huffman.Decoder dec = new Huffman.Decoder(new int[] {1});  // code "0" only
        assertThatThrownBy(() -> dec.read(new BitReader(new byte[] {(byte) 0x80})))
                .isInstanceOf(StreamCorruptedException.class);
        Huffman.Decoder full = new Huffman.Decoder(new int[] {1, 3, 3, 3, 4, 4});
        BitReader in = new BitReader(new byte[] {(byte) 0xff});
        assertThatThrownBy(() -> {
            for (int i = 0; i < 3; i++) {
                full.read(in);
            }
        }).isInstanceOf(EOFException.class).hasMessageContaining("past the end");
    }

    @Test
    void bitReaderReadsWhatTheWriterWroteAndStopsAtTheEnd() throws EOFException {
        BitWriter w = new BitWriter();
        w.write(0b101, 3);
        w.write(0xABCDE, 20);
        w.write(-1, 32);
        byte[] bytes = w.toByteArray();
        assertThat(bytes).hasSize(7);
        assertThat(bytes[0]).isEqualTo((byte) 0b1011_0101);

        BitReader r = new BitReader(bytes);
        assertThat(r.read(3)).isEqualTo(0b101);
        assertThat(r.read(20)).isEqualTo(0xABCDE);
        assertThat(r.read(32)).isEqualTo(-1);
        assertThat(r.remaining()).isEqualTo(1);
        r.readBit();
        assertThatThrownBy(r::readBit).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> new BitReader(bytes, 2, 2).read(17)).isInstanceOf(EOFException.class);
    }

    @Property(tries = 300)
    void randomSequencesRoundTripInExactlyTheComputedBits(
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 40) Integer> symbols,
            @ForAll @IntRange(min = 41, max = 300) int alphabet) throws Exception {
        long[] freq = new long[alphabet];
        for (int s : symbols) {
            freq[s]++;
        }
        int[] lengths = Huffman.codeLengths(freq);
        Huffman.Encoder enc = new Huffman.Encoder(lengths);
        BitWriter out = new BitWriter();
        for (int s : symbols) {
            enc.write(out, s);
        }
        assertThat(out.bitCount()).isEqualTo(Huffman.encodedBits(freq, lengths));

        Huffman.Decoder dec = new Huffman.Decoder(lengths);
        BitReader in = new BitReader(out.toByteArray());
        for (int s : symbols) {
            assertThat(dec.read(in)).isEqualTo(s);
        }
        assertThat(in.remaining()).isLessThan(8);
    }

    private static int uncheckedRead(Huffman.Decoder dec, BitReader in) {
        try {
            return dec.read(in);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
