package io.trickle.desktop.services;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the workbench's questions from a script the test writes beforehand, and records what was
 * asked. A question with no answer left fails the test, so unexpected dialogs do not go unnoticed.
 */
public final class ScriptedDialogService implements DialogService {

    private final Deque<Boolean> confirmations = new ArrayDeque<>();
    private final Deque<Optional<Map<String, String>>> forms = new ArrayDeque<>();
    private final List<Confirmation> asked = new ArrayList<>();
    private final List<Form> shownForms = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private final List<String> information = new ArrayList<>();
    private final Deque<Optional<List<java.nio.file.Path>>> chosenFiles = new ArrayDeque<>();
    private final List<FileChoice> fileChoices = new ArrayList<>();

    private final List<List<List<String>>> tables = new java.util.ArrayList<>();

    public ScriptedDialogService confirmWith(boolean answer) {
        confirmations.add(answer);
        return this;
    }

    /** The next form is filled with these values (others keep their initial value) and confirmed. */
    public ScriptedDialogService fillForm(Map<String, String> values) {
        forms.add(Optional.of(values));
        return this;
    }

    /** The next file chooser answers with these files (one for a save dialog). */
    public ScriptedDialogService chooseFiles(java.nio.file.Path... files) {
        chosenFiles.add(Optional.of(List.of(files)));
        return this;
    }

    public ScriptedDialogService cancelFileChooser() {
        chosenFiles.add(Optional.empty());
        return this;
    }

    @Override
    public Optional<List<java.nio.file.Path>> chooseFilesToOpen(FileChoice choice) {
        fileChoices.add(choice);
        if (chosenFiles.isEmpty()) {
            throw new AssertionError("unexpected file chooser: " + choice.title());
        }
        return chosenFiles.pop();
    }

    @Override
    public Optional<java.nio.file.Path> chooseFileToSave(FileChoice choice) {
        return chooseFilesToOpen(choice).map(files -> files.get(0));
    }

    public List<FileChoice> fileChoices() {
        return fileChoices;
    }

    public ScriptedDialogService cancelForm() {
        forms.add(Optional.empty());
        return this;
    }

    @Override
    public boolean confirm(Confirmation confirmation) {
        asked.add(confirmation);
        if (confirmations.isEmpty()) {
            throw new AssertionError("unexpected question: " + confirmation.header());
        }
        return confirmations.pop();
    }

    @Override
    public Optional<FormValues> showForm(Form form) {
        shownForms.add(form);
        if (forms.isEmpty()) {
            throw new AssertionError("unexpected form: " + form.title());
        }
        return forms.pop().map(answers -> {
            Map<String, String> values = new java.util.LinkedHashMap<>();
            form.fields().forEach(f -> values.put(f.key(), f.initial()));
            // Answers are typed in the order given, and the fields that follow them follow, as in the dialog.
            answers.forEach((key, value) -> {
                values.put(key, value);
                values.putAll(form.sync().after(key, new FormValues(values)));
            });
            FormValues filled = new FormValues(values);
            form.validation().apply(filled).ifPresent(problem -> {
                throw new AssertionError("the form would not accept these values: " + problem);
            });
            return filled;
        });
    }

    @Override
    public void showError(String title, String message) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showInformation(String title, String message) {
        information.add(title + ": " + message);
    }

    @Override
    public void showTable(String title, String header, List<String> columns, List<List<String>> rows) {
        tables.add(rows);
        information.add(title + ": " + rows.size() + " rows");
    }

    /** The rows of every table shown, in order. */
    public List<List<List<String>>> tables() {
        return tables;
    }

    public List<Confirmation> asked() {
        return asked;
    }

    public List<Form> shownForms() {
        return shownForms;
    }

    public List<String> errors() {
        return errors;
    }

    public List<String> information() {
        return information;
    }
}
