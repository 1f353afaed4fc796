package org.cnnworkbench.app.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.cnnworkbench.app.report.NetworkReport;
import org.cnnworkbench.engine.analysis.AnalysisReport;
import org.cnnworkbench.engine.analysis.Analyzer;
import org.cnnworkbench.engine.plugin.ExportException;
import org.cnnworkbench.engine.plugin.ExportRequest;
import org.cnnworkbench.engine.plugin.NetworkExporter;

/**
 * A report of the network in a folder: {@code report.md} (Markdown), {@code report.html} (one page with an inline
 * stylesheet) and the charts as PNGs beside them ({@link ReportCharts}), which both refer to by relative name.
 * The report holds the name, inputs, the totals and the per-layer table of {@code analyze}, the diagnostics and
 * the charts ({@link NetworkReport}).
 *
 * <p>The folder is written whole under a temporary name beside {@code target} and renamed into place; an earlier
 * report there is replaced only once the new one is complete. A {@code target} that is a file, or a folder that
 * holds anything but an earlier report, is refused, so an export never deletes other files.
 */
public final class ReportExporter implements NetworkExporter {

    static final String MARKDOWN = "report.md";
    static final String HTML = "report.html";
    private static final Set<String> REPORT_FILES = Set.of(MARKDOWN, HTML);

    @Override
    public String id() {
        return "report";
    }

    @Override
    public String label() {
        return "Report (Markdown + HTML)";
    }

    @Override
    public String fileExtension() {
        return "";
    }

    @Override
    public boolean writesDirectory() {
        return true;
    }

    /** Whether {@code dir} may receive a report: it does not exist, is an empty folder or holds only a report. */
    public static boolean canHoldReport(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.allMatch(f -> Files.isRegularFile(f) && isReportFile(f.getFileName().toString()));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isReportFile(String name) {
        return REPORT_FILES.contains(name) || name.endsWith(".png");
    }

    @Override
    public void export(ExportRequest request, Path target) throws ExportException, IOException {
        Path dir = target.toAbsolutePath().normalize();
        if (dir.getParent() == null) {
            throw new ExportException(target + ": a report needs a folder of its own, not the root of the file system");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ExportException(target + " is a file; a report is a folder (report.md, report.html and "
                    + "the charts as PNGs): name a new folder");
        }
        if (!canHoldReport(dir)) {
            throw new ExportException(target + " holds other files than a report; name a new or empty folder "
                    + "(an earlier report there is replaced)");
        }
        Analyzer analyzer = new Analyzer(request.kinds());
        AnalysisReport analysis = analyzer.analyze(request.spec());
        List<ReportCharts.Rendered> charts;
        try {
            charts = ReportCharts.render(analysis, analyzer);
        } catch (RuntimeException e) {
            throw new IOException("cannot render the charts (JavaFX): " + e.getMessage(), e);
        }
        NetworkReport report = new NetworkReport(analysis, charts.stream().map(ReportCharts.Rendered::chart).toList());

        Files.createDirectories(dir.getParent());
        Path temp = freshName(dir, ".tmp-");
        Files.createDirectory(temp);   // not createTempDirectory: the report keeps the usual permissions (umask)
        try {
            for (ReportCharts.Rendered chart : charts) {
                if (!ImageIO.write(chart.image(), "png", temp.resolve(chart.chart().file()).toFile())) {
                    throw new IOException("no PNG writer available");
                }
            }
            Files.writeString(temp.resolve(MARKDOWN), report.markdown(), StandardCharsets.UTF_8);
            Files.writeString(temp.resolve(HTML), report.html(), StandardCharsets.UTF_8);
            replace(temp, dir);
        } finally {
            deleteTree(temp);
        }
    }

    /** Renames {@code complete} to {@code dir}; an earlier {@code dir} is moved aside first and deleted after. */
    private static void replace(Path complete, Path dir) throws IOException {
        if (!Files.exists(dir)) {
            move(complete, dir);
            return;
        }
        Path old = freshName(dir, ".old-");
        move(dir, old);
        try {
            move(complete, dir);
        } catch (IOException e) {
            move(old, dir);   // put the earlier report back
            throw e;
        }
        deleteTree(old);
    }

    /** A name beside {@code dir} that nothing has: {@code .NAME.tmp-1234abcd}. */
    private static Path freshName(Path dir, String kind) {
        Path candidate;
        do {
            candidate = dir.resolveSibling("." + dir.getFileName() + kind
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL));
        } while (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS));
        return candidate;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
