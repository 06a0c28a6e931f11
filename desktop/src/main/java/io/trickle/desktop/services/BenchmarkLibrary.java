package io.trickle.desktop.services;

import java.nio.file.Path;
import java.util.List;

/**
 * The benchmark CSV files the DBA opened, remembered in the workspace so they come back on the next
 * start. Calls touch the workspace file: make them in background tasks.
 */
public interface BenchmarkLibrary {

    /** The files, in the order they were first opened. */
    List<Path> benchmarkFiles();

    /** Remembers a file; opening it again changes nothing. */
    void addBenchmarkFile(Path file);

    void removeBenchmarkFile(Path file);
}
