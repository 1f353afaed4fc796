package org.cnnworkbench.engine.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import org.cnnworkbench.engine.data.ImageDecoder;
import org.cnnworkbench.engine.testing.PluginJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin's image reader: the dataset files of a format the JDK cannot decode become images. */
class PluginImageReadersTest {

    /** A reader of ".gray" files: "GRAY", width and height as ints, then one byte a pixel. */
    private static final String READER = """
            package p;
            import java.awt.image.BufferedImage;
            import java.io.IOException;
            import java.util.*;
            import javax.imageio.*;
            import javax.imageio.metadata.IIOMetadata;
            import javax.imageio.spi.ImageReaderSpi;
            import javax.imageio.stream.ImageInputStream;
            public final class GrayPlugin implements org.cnnworkbench.engine.plugin.WorkbenchPlugin {
              public String id() { return "gray-images"; }
              public List<ImageReaderSpi> imageReaders() { return List.of(new Spi()); }
              public static final class Spi extends ImageReaderSpi {
                public Spi() {
                  super("test", "1", new String[] {"gray"}, new String[] {"gray"}, new String[] {"image/x-gray"},
                      Reader.class.getName(), new Class<?>[] {ImageInputStream.class}, null,
                      false, null, null, null, null, false, null, null, null, null);
                }
                public boolean canDecodeInput(Object source) throws IOException {
                  ImageInputStream in = (ImageInputStream) source;
                  byte[] magic = new byte[4];
                  in.mark();
                  try { in.readFully(magic); } catch (java.io.EOFException e) { return false; } finally { in.reset(); }
                  return new String(magic, java.nio.charset.StandardCharsets.US_ASCII).equals("GRAY");
                }
                public ImageReader createReaderInstance(Object extension) { return new Reader(this); }
                public String getDescription(Locale locale) { return "gray test images"; }
              }
              public static final class Reader extends ImageReader {
                Reader(ImageReaderSpi spi) { super(spi); }
                private ImageInputStream in() { return (ImageInputStream) getInput(); }
                private int[] size() throws IOException {
                  in().seek(4);
                  return new int[] {in().readInt(), in().readInt()};
                }
                public int getNumImages(boolean allowSearch) { return 1; }
                public int getWidth(int i) throws IOException { return size()[0]; }
                public int getHeight(int i) throws IOException { return size()[1]; }
                public Iterator<ImageTypeSpecifier> getImageTypes(int i) {
                  return List.of(ImageTypeSpecifier.createFromBufferedImageType(BufferedImage.TYPE_BYTE_GRAY)).iterator();
                }
                public IIOMetadata getStreamMetadata() { return null; }
                public IIOMetadata getImageMetadata(int i) { return null; }
                public BufferedImage read(int i, ImageReadParam param) throws IOException {
                  int[] s = size();
                  BufferedImage image = new BufferedImage(s[0], s[1], BufferedImage.TYPE_BYTE_GRAY);
                  for (int y = 0; y < s[1]; y++) for (int x = 0; x < s[0]; x++) {
                    int v = in().read();
                    image.getRaster().setSample(x, y, 0, v);
                  }
                  return image;
                }
              }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aPluginsImageReaderDecodesItsFormat() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("plugins"));
        PluginJars.write(folder.resolve("gray.jar"), Map.of("p.GrayPlugin", READER), List.of("p.GrayPlugin"), "1");
        Plugins plugins = Plugins.load(List.of(folder));
        assertThat(plugins.failed()).isEmpty();
        assertThat(plugins.imageReaders()).singleElement()
                .satisfies(r -> assertThat(r.getFileSuffixes()).containsExactly("gray"));

        Path image = dir.resolve("a.gray");
        Files.write(image, ByteBuffer.allocate(4 + 8 + 6).put("GRAY".getBytes()).putInt(3).putInt(2)
                .put(new byte[] {0, 10, 20, 30, 40, 50}).array());
        assertThat(ImageDecoder.decode(image).image()).as("not decodable before the reader is registered").isEmpty();
        ImageReaderSpi reader = plugins.imageReaders().get(0);
        IIORegistry.getDefaultInstance().registerServiceProvider(reader);   // what Plugins.installed() does
        try {
            var decoded = ImageDecoder.decode(image);
            assertThat(decoded.problem()).isNull();
            assertThat(decoded.image().orElseThrow().getWidth()).isEqualTo(3);
            assertThat(decoded.image().orElseThrow().getRaster().getSample(2, 1, 0)).isEqualTo(50);
        } finally {
            IIORegistry.getDefaultInstance().deregisterServiceProvider(reader);
        }
    }
}
