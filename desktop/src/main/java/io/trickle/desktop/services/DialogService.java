package io.trickle.desktop.services;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every question the workbench asks the DBA goes through here, so view models can ask without owning
 * a window and tests can answer from a script. The requests are plain data; the FX implementation
 * draws them.
 */
public interface DialogService {

    /** Asks before acting; true when the DBA chose {@code confirmLabel}. */
    boolean confirm(Confirmation confirmation);

    /** Shows a small form; empty when the DBA cancelled. */
    Optional<FormValues> showForm(Form form);

    void showError(String title, String message);

    void showInformation(String title, String message);

    /** Shows a table of text to read (the keyboard shortcuts); returns when the DBA closes it. */
    void showTable(String title, String header, List<String> columns, List<List<String>> rows);

    /** Asks for one or more existing files to open; empty when the DBA cancelled. */
    Optional<List<java.nio.file.Path>> chooseFilesToOpen(FileChoice choice);

    /** Asks where to save a file; empty when the DBA cancelled. */
    Optional<java.nio.file.Path> chooseFileToSave(FileChoice choice);

    /**
     * What a file chooser offers.
     *
     * @param kind        the kind of file, as the filter shows it ("Benchmark CSV")
     * @param extension   without the dot ("csv")
     * @param initialName the suggested name when saving; empty when opening
     */
    record FileChoice(String title, String kind, String extension, String initialName) {
        public FileChoice {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(extension, "extension");
            initialName = initialName == null ? "" : initialName;
        }
    }

    /**
     * A yes/no question.
     *
     * @param header       the question in one line ("Install the Trickle catalog into db:5432/app?")
     * @param details      what will happen, in a sentence or the SQL to run
     * @param confirmLabel the button that acts ("Install"), never a bare "OK"
     * @param destructive  styles the button as dangerous (drop, delete)
     * @param command      the command line that does the same, shown so it can be read and copied;
     *                     empty when there is none
     */
    record Confirmation(String title, String header, String details, String confirmLabel, boolean destructive,
                        String command) {
        public Confirmation {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(confirmLabel, "confirmLabel");
            details = details == null ? "" : details;
            command = command == null ? "" : command;
        }

        public Confirmation(String title, String header, String details, String confirmLabel, boolean destructive) {
            this(title, header, details, confirmLabel, destructive, "");
        }
    }

    enum FieldKind { TEXT, PASSWORD, CHECKBOX, CHOICE }

    /**
     * One input of a form.
     *
     * @param key     how the answer is found in {@link FormValues}
     * @param initial the starting text, or "true"/"false" for a checkbox
     * @param options the values a {@link FieldKind#CHOICE} offers, in order
     */
    record Field(String key, String label, FieldKind kind, String initial, String prompt, List<String> options) {
        public Field {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(kind, "kind");
            initial = initial == null ? "" : initial;
            prompt = prompt == null ? "" : prompt;
            options = List.copyOf(options);
        }

        public Field(String key, String label, FieldKind kind, String initial, String prompt) {
            this(key, label, kind, initial, prompt, List.of());
        }
    }

    /**
     * A form: the OK button is enabled only while {@code validation} returns no message, and the
     * message is shown under the fields. When the DBA changes a field, {@code sync} may give new values
     * for others (the JDBC URL kept in step with host, port and database, and back).
     */
    record Form(String title, String header, List<Field> fields, String confirmLabel,
                Function<FormValues, Optional<String>> validation, Sync sync) {
        public Form {
            Objects.requireNonNull(title, "title");
            fields = List.copyOf(fields);
            Objects.requireNonNull(confirmLabel, "confirmLabel");
            Objects.requireNonNull(validation, "validation");
            Objects.requireNonNull(sync, "sync");
        }

        public Form(String title, String header, List<Field> fields, String confirmLabel,
                    Function<FormValues, Optional<String>> validation) {
            this(title, header, fields, confirmLabel, validation, Sync.NONE);
        }
    }

    /** What changes in other fields when one changes. */
    @FunctionalInterface
    interface Sync {
        Sync NONE = (changed, values) -> Map.of();

        /**
         * @param changed the key of the field the DBA changed
         * @param values  every field's value now
         * @return new values of other fields, by key; fields not named keep theirs
         */
        Map<String, String> after(String changed, FormValues values);
    }

    /** The answers of a form, by field key. */
    record FormValues(Map<String, String> values) {
        public FormValues {
            values = Map.copyOf(values);
        }

        public String text(String key) {
            return values.getOrDefault(key, "").trim();
        }

        /** A password exactly as typed (no trimming), as characters. */
        public char[] secret(String key) {
            return values.getOrDefault(key, "").toCharArray();
        }

        public boolean flag(String key) {
            return Boolean.parseBoolean(values.get(key));
        }
    }
}
