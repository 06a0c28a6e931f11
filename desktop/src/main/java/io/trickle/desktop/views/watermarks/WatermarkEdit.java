package io.trickle.desktop.views.watermarks;

import io.trickle.engine.api.SqlQuote;
import io.trickle.desktop.services.BackgroundTask;
import io.trickle.desktop.services.EngineSession;
import io.trickle.engine.api.WatermarkGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A change to watermarks as a command object (Scene Builder's habit): what it does in a sentence, the
 * SQL and the command line that do the same, whether it asks first, and the background task that
 * sends it. None can be undone from here: a dropped group can be created again, but a watermark
 * never moves back.
 */
sealed interface WatermarkEdit {

    String description();

    /** The SQL API call that does the same (DESIGN §5), to read and copy. */
    String sql();

    /** The command line that does the same (DESIGN §4). */
    String cli();

    /** Whether the DBA is asked before it is sent. */
    boolean asks();

    /** The job that sends it; yields nothing the view needs. */
    BackgroundTask<?> task(EngineSession session);

    record CreateGroup(String name, List<String> sources, Duration tolerance) implements WatermarkEdit {
        @Override
        public String description() {
            return "Create watermark group " + name + " over " + String.join(", ", sources);
        }

        @Override
        public String sql() {
            return "SELECT pgtrickle.create_watermark_group(" + literal(name) + ", ARRAY[" + String.join(", ",
                    sources.stream().map(WatermarkEdit::literal).toList()) + "]::regclass[], " + interval(tolerance) + ");";
        }

        @Override
        public String cli() {
            return "trickle watermark group create " + name + " --sources " + String.join(",", sources) + " --tolerance "
                    + Durations.input(tolerance);
        }

        @Override
        public boolean asks() {
            return false;
        }

        @Override
        public BackgroundTask<?> task(EngineSession session) {
            return session.createWatermarkGroup(name, sources, tolerance);
        }
    }

    /** New sources or tolerance for a group; the engine drops and creates it (there is no alter). */
    record ChangeGroup(WatermarkGroup old, List<String> sources, Duration tolerance) implements WatermarkEdit {
        @Override
        public String description() {
            return "Change watermark group " + old.name() + " to " + String.join(", ", sources) + " with tolerance "
                    + Durations.text(tolerance);
        }

        @Override
        public String sql() {
            return "BEGIN;\nSELECT pgtrickle.drop_watermark_group(" + literal(old.name()) + ");\n"
                    + new CreateGroup(old.name(), sources, tolerance).sql() + "\nCOMMIT;";
        }

        @Override
        public String cli() {
            return "trickle watermark group drop " + old.name() + " && "
                    + new CreateGroup(old.name(), sources, tolerance).cli();
        }

        @Override
        public boolean asks() {
            return true;
        }

        @Override
        public BackgroundTask<?> task(EngineSession session) {
            return session.replaceWatermarkGroup(old, sources, tolerance);
        }
    }

    record DropGroup(String name) implements WatermarkEdit {
        @Override
        public String description() {
            return "Drop watermark group " + name;
        }

        @Override
        public String sql() {
            return "SELECT pgtrickle.drop_watermark_group(" + literal(name) + ");";
        }

        @Override
        public String cli() {
            return "trickle watermark group drop " + name;
        }

        @Override
        public boolean asks() {
            return true;
        }

        @Override
        public BackgroundTask<?> task(EngineSession session) {
            return session.dropWatermarkGroup(name);
        }
    }

    /** Moves a source's watermark forward by hand, as its loader would. */
    record Advance(String source, Instant current, Instant to) implements WatermarkEdit {
        @Override
        public String description() {
            return "Advance the watermark of " + source + (current == null ? "" : " from " + current) + " to " + to;
        }

        @Override
        public String sql() {
            return "SELECT pgtrickle.advance_watermark(" + literal(source) + ", timestamptz " + literal(to.toString())
                    + ");";
        }

        @Override
        public String cli() {
            return "trickle watermark advance " + source + " " + to;
        }

        @Override
        public boolean asks() {
            return true;
        }

        @Override
        public BackgroundTask<?> task(EngineSession session) {
            return session.advanceWatermark(source, to);
        }
    }

    static String literal(String text) {
        return SqlQuote.literal(text);
    }

    static String interval(Duration d) {
        return "interval " + literal(d.getSeconds() + " seconds").toLowerCase(Locale.ROOT);
    }
}
