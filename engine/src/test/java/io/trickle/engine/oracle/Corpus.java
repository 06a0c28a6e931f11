package io.trickle.engine.oracle;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The oracle corpus: one query per file under {@code src/test/resources/corpus/<set>/}. */
public final class Corpus {

    /** One corpus query. */
    public record Entry(String name, String query) {
    }

    private Corpus() {
    }

    public static List<Entry> load(String set) {
        try {
            Path dir = Path.of(Corpus.class.getResource("/corpus/" + set).toURI());
            List<Entry> out = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
                    String name = f.getFileName().toString().replace(".sql", "");
                    out.add(new Entry(name, Files.readString(f, StandardCharsets.UTF_8).strip()));
                }
            }
            return out;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read corpus " + set, e);
        }
    }

    public static String resource(String path) {
        try (InputStream in = Corpus.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
