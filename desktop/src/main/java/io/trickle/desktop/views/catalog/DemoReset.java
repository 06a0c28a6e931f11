package io.trickle.desktop.views.catalog;

import io.trickle.desktop.services.DialogService;
import io.trickle.desktop.services.EngineSession;
import io.trickle.desktop.services.ErrorMessages;
import io.trickle.desktop.services.NotificationService;
import io.trickle.desktop.services.TaskExecutor;
import io.trickle.desktop.workbench.WorkbenchCommand;
import javafx.beans.binding.Bindings;

/**
 * File ▸ Reset Demo and {@code --demo --reset}: puts the embedded demo back as a first install leaves
 * it — the ETL feeds misaligned again, the shop's rows as generated, the DBA's own stream tables over
 * the demo gone — after a confirmation that says so (the command line needs none: the DBA asked).
 */
public final class DemoReset {

    /** The same from the shell. */
    static final String CLI = CliCommand.PROGRAM + " demo --reset";

    private final CatalogModel catalog;
    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final NotificationService notices;
    private final WorkbenchCommand command;
    private boolean resetWhenReady;

    public DemoReset(CatalogModel catalog, TaskExecutor tasks, DialogService dialogs, NotificationService notices) {
        this.catalog = catalog;
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.notices = notices;
        command = WorkbenchCommand.of(Bindings.createBooleanBinding(this::available, catalog.sessionProperty(),
                catalog.stateProperty()), this::askAndReset);
        catalog.stateProperty().addListener((obs, old, now) -> {
            if (resetWhenReady && now == CatalogModel.State.READY) {
                resetWhenReady = false;
                // A fresh demo (no stream tables yet) is installed by the catalog model; nothing to reset.
                if (!catalog.snapshot().tables().isEmpty()) {
                    reset();
                }
            }
        });
    }

    private boolean available() {
        EngineSession session = catalog.sessionProperty().get();
        return session != null && session.profile().isEmbeddedDemo() && catalog.stateProperty().get() == CatalogModel.State.READY;
    }

    /** {@code --demo --reset}: resets the demo once it is connected and read, without asking. */
    public void resetOnceReady() {
        resetWhenReady = true;
    }

    private void askAndReset() {
        if (dialogs.confirm(new DialogService.Confirmation("Reset demo", "Put the demo back as it was first installed?",
                "Drops the schemas shop, reporting and etl with everything in them — also stream tables of your own "
                        + "that read them — and the watermark group etl_feeds, then installs the demo again: the sample "
                        + "data as generated, the shipments loader an hour behind again, the referral cycle. Nothing "
                        + "outside the demo's schemas is touched.", "Reset Demo", true, CLI))) {
            reset();
        }
    }

    private void reset() {
        EngineSession session = catalog.sessionProperty().get();
        if (session == null) {
            return;
        }
        tasks.execute(session.resetDemo()
                .onSuccess(done -> {
                    long created = done.stream().filter(d -> d.startsWith("stream table ")).count();
                    notices.success("Demo reset", created + " stream tables installed afresh in schemas shop, "
                            + "reporting and etl");
                    catalog.reload();
                })
                .onFailure(e -> notices.error("Demo not reset", ErrorMessages.describe(e))));
    }

    public WorkbenchCommand command() {
        return command;
    }
}
