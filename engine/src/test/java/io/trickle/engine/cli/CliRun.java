package io.trickle.engine.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** One run of the command line in this JVM: exit code, standard output and standard error. */
public record CliRun(int exitCode, String out, String err) {

    public static CliRun run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), env, args);
        return new CliRun(code, out.toString(), err.toString());
    }

    public static CliRun run(String... args) {
        return run(Map.of(), args);
    }

    /** A command against the database at {@code jdbcUrl} ({@code --url} goes first). */
    public static CliRun at(String jdbcUrl, String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--url";
        full[1] = jdbcUrl;
        System.arraycopy(args, 0, full, 2, args.length);
        return run(full);
    }

    /** Standard output parsed as one JSON document (fails if it is anything else). */
    public JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (Exception e) {
            throw new AssertionError("standard output is not one JSON document:\n" + out, e);
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out ---\n" + out + "--- err ---\n" + err;
    }
}
