package io.trickle.engine.cli;

import io.trickle.engine.api.RefreshMode;
import io.trickle.engine.api.Schedule;
import io.trickle.engine.api.TrickleException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Option;

/**
 * The options {@code create} and {@code alter} share, declared once: the schedule and the refresh
 * mode, read into their types (a bad value is refused with exit 2 naming it, before anything
 * changes). Both stay null when not given: create then takes the defaults (calculated, AUTO), alter
 * leaves the table's as they are.
 */
final class DefinitionOptions {

    @Option(names = "--schedule", paramLabel = "S", converter = ScheduleConverter.class,
            description = "a duration (30s, 5m, 1h30m, or seconds), a cron expression (5 or 6 fields, @hourly…), "
                    + "or calculated (the default of create)")
    Schedule schedule;

    @Option(names = "--mode", paramLabel = "MODE", converter = ModeConverter.class,
            description = "AUTO (the default of create), FULL or DIFFERENTIAL")
    RefreshMode mode;

    /** Reads a schedule as {@link Schedule#parse} does. */
    static final class ScheduleConverter implements ITypeConverter<Schedule> {
        @Override
        public Schedule convert(String value) {
            try {
                return Schedule.parse(value);
            } catch (TrickleException.InvalidInputException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Reads a mode as {@link RefreshMode#parse} does (any case). */
    static final class ModeConverter implements ITypeConverter<RefreshMode> {
        @Override
        public RefreshMode convert(String value) {
            try {
                return RefreshMode.parse(value);
            } catch (TrickleException.InvalidInputException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
