package io.trickle.engine.cli;

import picocli.CommandLine.Option;

/**
 * Where to connect: {@code --url} (or {@code TRICKLE_URL}) or {@code --embedded}. Mixed into the
 * root command and every subcommand, so the options work before or after the command's name.
 */
final class ConnectionOptions {

    @Option(names = "--url", paramLabel = "JDBC_URL",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://localhost:5432/app?user=me&password=secret "
                    + "(default: the TRICKLE_URL environment variable)")
    String url;

    @Option(names = "--embedded",
            description = "use the embedded PostgreSQL 18 whose data lives under ~/.trickle/embedded, started on demand")
    boolean embedded;
}
