package io.trickle.desktop.services.fx;

import atlantafx.base.theme.Styles;
import io.trickle.desktop.services.DialogService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Draws the {@link DialogService}'s requests as JavaFX dialogs owned by the workbench window. Messages
 * are shown as given: callers pass readable text, never a stack trace.
 */
public final class FxDialogService implements DialogService {

    private final Supplier<Window> owner;
    private final Supplier<List<String>> stylesheets;

    /**
     * @param stylesheets the workbench's stylesheets, asked for each dialog so a theme switch applies
     */
    public FxDialogService(Supplier<Window> owner, Supplier<List<String>> stylesheets) {
        this.owner = owner;
        this.stylesheets = stylesheets;
    }

    @Override
    public Optional<List<java.nio.file.Path>> chooseFilesToOpen(FileChoice choice) {
        List<java.io.File> files = chooser(choice).showOpenMultipleDialog(owner.get());
        return files == null || files.isEmpty() ? Optional.empty()
                : Optional.of(files.stream().map(java.io.File::toPath).toList());
    }

    @Override
    public Optional<java.nio.file.Path> chooseFileToSave(FileChoice choice) {
        javafx.stage.FileChooser chooser = chooser(choice);
        chooser.setInitialFileName(choice.initialName());
        return Optional.ofNullable(chooser.showSaveDialog(owner.get())).map(java.io.File::toPath);
    }

    private static javafx.stage.FileChooser chooser(FileChoice choice) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(choice.title());
        chooser.getExtensionFilters().addAll(
                new javafx.stage.FileChooser.ExtensionFilter(choice.kind(), "*." + choice.extension()),
                new javafx.stage.FileChooser.ExtensionFilter("All files", "*"));
        return chooser;
    }

    @Override
    public boolean confirm(Confirmation c) {
        ButtonType act = new ButtonType(c.confirmLabel(), ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", act, ButtonType.CANCEL);
        prepare(alert, c.title(), c.header());
        alert.getDialogPane().setContent(c.command().isEmpty() ? wrapped(c.details())
                : new VBox(10, wrapped(c.details()), command(c.command())));
        Node button = alert.getDialogPane().lookupButton(act);
        button.setId("dialog-confirm");
        button.getStyleClass().add(c.destructive() ? Styles.DANGER : Styles.ACCENT);
        return alert.showAndWait().filter(act::equals).isPresent();
    }

    @Override
    public Optional<FormValues> showForm(Form form) {
        Dialog<FormValues> dialog = new Dialog<>();
        prepare(dialog, form.title(), form.header());
        ButtonType ok = new ButtonType(form.confirmLabel(), ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);

        GridPane grid = new GridPane();
        grid.getStyleClass().add("form-grid");
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        inputs.setMinWidth(320);
        grid.getColumnConstraints().addAll(labels, inputs);
        Map<String, Supplier<String>> readers = new LinkedHashMap<>();
        Map<String, java.util.function.Consumer<String>> writers = new LinkedHashMap<>();
        Map<String, ObservableValue<?>> changes = new LinkedHashMap<>();
        int row = 0;
        for (Field field : form.fields()) {
            Node input = input(field, readers, writers, changes);
            input.setId("form-" + field.key());
            if (field.kind() == FieldKind.CHECKBOX) {
                grid.add(input, 1, row++);
            } else {
                Label label = new Label(field.label());
                label.setLabelFor(input);
                grid.add(label, 0, row);
                grid.add(input, 1, row++);
            }
        }
        Label problem = new Label();
        problem.setId("form-problem");
        problem.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.DANGER);
        problem.setWrapText(true);
        VBox content = new VBox(10, grid, problem);
        dialog.getDialogPane().setContent(content);

        Node okButton = dialog.getDialogPane().lookupButton(ok);
        okButton.setId("dialog-confirm");
        okButton.getStyleClass().add(Styles.ACCENT);
        Runnable validate = () -> {
            Optional<String> why = form.validation().apply(values(readers));
            problem.setText(why.orElse(""));
            okButton.setDisable(why.isPresent());
        };
        boolean[] syncing = {false};
        changes.forEach((key, o) -> o.addListener((obs, old, now) -> {
            if (!syncing[0]) {
                // Another field follows this one (the URL and its parts); its own change does not echo back.
                syncing[0] = true;
                try {
                    form.sync().after(key, values(readers)).forEach((other, value) -> {
                        if (writers.containsKey(other)) {
                            writers.get(other).accept(value);
                        }
                    });
                } finally {
                    syncing[0] = false;
                }
            }
            validate.run();
        }));
        validate.run();
        dialog.setResultConverter(button -> button == ok ? values(readers) : null);
        javafx.application.Platform.runLater(() -> grid.getChildren().stream()
                .filter(n -> n instanceof TextInputControl).findFirst().ifPresent(Node::requestFocus));
        return dialog.showAndWait();
    }

    @Override
    public void showError(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, "", ButtonType.CLOSE);
        prepare(alert, title, title);
        alert.getDialogPane().setContent(wrapped(message));
        alert.getDialogPane().setId("error-dialog");
        alert.showAndWait();
    }

    @Override
    public void showInformation(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        prepare(alert, title, title);
        alert.getDialogPane().setContent(wrapped(message));
        alert.showAndWait();
    }

    @Override
    public void showTable(String title, String header, List<String> columns, List<List<String>> rows) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, "", ButtonType.CLOSE);
        prepare(alert, title, header);
        javafx.scene.control.TableView<List<String>> table = new javafx.scene.control.TableView<>(
                javafx.collections.FXCollections.observableArrayList(rows));
        table.setId("dialog-table");
        table.getStyleClass().add(Styles.DENSE);
        for (int i = 0; i < columns.size(); i++) {
            int index = i;
            javafx.scene.control.TableColumn<List<String>, String> column = new javafx.scene.control.TableColumn<>(columns.get(i));
            column.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyStringWrapper(c.getValue().get(index)));
            column.setSortable(false);
            table.getColumns().add(column);
        }
        table.setColumnResizePolicy(javafx.scene.control.TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefSize(640, Math.min(560, 32 + 26 * rows.size()));
        alert.getDialogPane().setContent(table);
        alert.setResizable(true);
        alert.showAndWait();
    }

    private static Node input(Field field, Map<String, Supplier<String>> readers,
                              Map<String, java.util.function.Consumer<String>> writers,
                              Map<String, ObservableValue<?>> changes) {
        switch (field.kind()) {
            case CHECKBOX: {
                CheckBox box = new CheckBox(field.label());
                box.setSelected(Boolean.parseBoolean(field.initial()));
                readers.put(field.key(), () -> Boolean.toString(box.isSelected()));
                writers.put(field.key(), v -> box.setSelected(Boolean.parseBoolean(v)));
                changes.put(field.key(), box.selectedProperty());
                return box;
            }
            case CHOICE: {
                javafx.scene.control.ComboBox<String> box = new javafx.scene.control.ComboBox<>(
                        javafx.collections.FXCollections.observableArrayList(field.options()));
                box.setValue(field.initial());
                box.setMaxWidth(Double.MAX_VALUE);
                readers.put(field.key(), () -> box.getValue() == null ? "" : box.getValue());
                writers.put(field.key(), box::setValue);
                changes.put(field.key(), box.valueProperty());
                return box;
            }
            case PASSWORD: {
                PasswordField text = new PasswordField();
                return text(text, field, readers, writers, changes);
            }
            default:
                return text(new TextField(), field, readers, writers, changes);
        }
    }

    private static Node text(TextInputControl text, Field field, Map<String, Supplier<String>> readers,
                             Map<String, java.util.function.Consumer<String>> writers,
                             Map<String, ObservableValue<?>> changes) {
        text.setText(field.initial());
        text.setPromptText(field.prompt());
        readers.put(field.key(), text::getText);
        writers.put(field.key(), v -> {
            if (!text.getText().equals(v)) {
                text.setText(v);
            }
        });
        changes.put(field.key(), text.textProperty());
        return text;
    }

    private static FormValues values(Map<String, Supplier<String>> readers) {
        Map<String, String> out = new LinkedHashMap<>();
        readers.forEach((key, reader) -> out.put(key, reader.get()));
        return new FormValues(out);
    }

    private void prepare(Dialog<?> dialog, String title, String header) {
        Window window = owner.get();
        if (window != null) {
            dialog.initOwner(window);
        }
        dialog.setTitle(title);
        dialog.setHeaderText(header);
        DialogPane pane = dialog.getDialogPane();
        pane.getStylesheets().setAll(stylesheets.get());
        pane.getStyleClass().add("trickle-dialog");
        pane.setMinWidth(460);
        if (dialog instanceof Alert alert) {
            FontIcon icon = new FontIcon(iconFor(alert.getAlertType()));
            icon.getStyleClass().add("dialog-icon-" + alert.getAlertType().name().toLowerCase(java.util.Locale.ROOT));
            alert.setGraphic(icon);
        }
    }

    private static String iconFor(Alert.AlertType type) {
        switch (type) {
            case ERROR:
                return "fth-alert-octagon";
            case WARNING:
                return "fth-alert-triangle";
            case CONFIRMATION:
                return "fth-help-circle";
            default:
                return "fth-info";
        }
    }

    /** The command line, in a read-only monospaced box the DBA can select and copy from. */
    private static Node command(String text) {
        TextArea area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefRowCount(Math.min(8, 1 + text.length() / 70));
        area.setPrefColumnCount(60);
        area.setId("dialog-command");
        area.getStyleClass().add("command-preview");
        Label caption = new Label("Command line");
        caption.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        return new VBox(4, caption, area);
    }

    private static Node wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setMaxWidth(520);
        label.getStyleClass().add("dialog-message");
        return label;
    }
}
