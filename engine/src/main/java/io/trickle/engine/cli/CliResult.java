package io.trickle.engine.cli;

import java.io.PrintWriter;

/** What a command produced: printed as text for people or as one JSON document. */
interface CliResult {

    void printText(PrintWriter out);

    /** The value that {@code --json} prints (a record, list or map; keys become snake_case). */
    Object json();

    default int exitCode() {
        return ExitCodes.OK;
    }

    static CliResult of(Object json, java.util.function.Consumer<PrintWriter> text) {
        return new CliResult() {
            @Override
            public void printText(PrintWriter out) {
                text.accept(out);
            }

            @Override
            public Object json() {
                return json;
            }
        };
    }
}
