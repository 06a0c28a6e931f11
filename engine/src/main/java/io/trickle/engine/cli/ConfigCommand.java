package io.trickle.engine.cli;

import io.trickle.engine.api.SettingValue;
import io.trickle.engine.api.Trickle;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "config", mixinStandardHelpOptions = true,
        header = "Show or change the engine's settings.",
        description = {"Without a subcommand, shows every setting with its value, default and allowed values. "
                + "Settings live in the catalog, so every engine and the workbench see the same values; running "
                + "engines apply a change within one tick."},
        subcommands = {ConfigCommand.Set.class, ConfigCommand.Reset.class})
final class ConfigCommand extends EngineCommand {

    @Override
    protected CliResult execute(Trickle trickle) {
        List<SettingValue> settings = trickle.settings();
        return CliResult.of(Map.of("settings", settings), out -> printTable(out, settings));
    }

    static void printTable(PrintWriter out, List<SettingValue> settings) {
        int width = settings.stream().mapToInt(s -> s.key().length()).max().orElse(10);
        int valueWidth = Math.max(5, settings.stream().mapToInt(s -> s.value().length()).max().orElse(5));
        out.printf("%-" + width + "s  %-" + valueWidth + "s  %s%n", "KEY", "VALUE", "DESCRIPTION");
        for (SettingValue s : settings) {
            out.printf("%-" + width + "s  %-" + valueWidth + "s  %s%s%n", s.key(), s.value(), s.description(),
                    s.isDefault() ? "" : " (default " + s.defaultValue() + ")");
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true, header = "Change a setting.")
    static final class Set extends EngineCommand {
        @Parameters(index = "0", paramLabel = "KEY", description = "the setting's key, e.g. scheduler_interval_ms")
        String key;

        @Parameters(index = "1", paramLabel = "VALUE", description = "the new value")
        String value;

        @Override
        protected CliResult execute(Trickle trickle) {
            SettingValue v = trickle.setSetting(key, value);
            return CliResult.of(v, out -> out.printf("%s = %s%n", v.key(), v.value()));
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true, header = "Return a setting to its default.")
    static final class Reset extends EngineCommand {
        @Parameters(index = "0", paramLabel = "KEY", description = "the setting's key")
        String key;

        @Override
        protected CliResult execute(Trickle trickle) {
            SettingValue v = trickle.resetSetting(key);
            return CliResult.of(v, out -> out.printf("%s = %s (default)%n", v.key(), v.value()));
        }
    }
}
