package org.cnnworkbench.engine.data;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test that reads the real Fashion-MNIST from {@link FashionMnist#DEFAULT_DIRECTORY}. Such tests are extra
 * coverage: the build runs them only where the Debian package dataset-fashion-mnist is installed (the parent POM's
 * profile {@code real-fashion-mnist}, activated by that folder, or chosen with {@code -Preal-fashion-mnist}), and
 * leaves them out, not skipped, elsewhere. Every test of the data path also runs on generated IDX files
 * ({@link IdxFiles}).
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Tag(RealFashionMnist.TAG)
public @interface RealFashionMnist {

    /** The JUnit tag, named in the POMs' surefire configuration. */
    String TAG = "real-fashion-mnist";
}
