package io.trickle.engine.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups subcommands ({@code watermark}, {@code watermark group}). It carries
 * the connection and output options too, so that they may appear at any level.
 */
abstract class GroupCommand implements Runnable {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    OutputOptions output;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "'" + spec.qualifiedName() + "' needs a subcommand; one of: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
