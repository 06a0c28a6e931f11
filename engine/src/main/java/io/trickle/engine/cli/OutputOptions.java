package io.trickle.engine.cli;

import picocli.CommandLine.Option;

/** How to print: text for people, or exactly one JSON document on standard output. */
final class OutputOptions {

    @Option(names = "--json", description = "print exactly one JSON document on standard output; logging stays on standard error")
    boolean json;

    @Option(names = {"-v", "--verbose"}, description = "log what the engine does, and show stack traces of failures")
    boolean verbose;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "how log lines on standard error look: text (default) or json (one JSON object per line)")
    LogFormat logFormat;
}
