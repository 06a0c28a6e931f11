package io.trickle.desktop.views.jobs;

import io.trickle.desktop.workbench.JobsModel;
import io.trickle.desktop.workbench.JobsModel.Job;
import io.trickle.desktop.workbench.WorkbenchCommand;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/** The background jobs, newest first, with cancel for the selected one and a way to clear finished ones. */
public final class JobsViewModel {

    private final JobsModel jobs;
    private final ObjectProperty<Job> selected = new SimpleObjectProperty<>(this, "selected");
    private final WorkbenchCommand cancelSelected;
    private final WorkbenchCommand clearFinished;

    public JobsViewModel(JobsModel jobs) {
        this.jobs = jobs;
        // The list fires an update when a job's state changes, so these follow running → finished.
        cancelSelected = WorkbenchCommand.of(Bindings.createBooleanBinding(
                () -> selected.get() != null && !selected.get().state().isFinished(), selected, jobs.jobs()),
                () -> cancel(selected.get()));
        clearFinished = WorkbenchCommand.of(Bindings.createBooleanBinding(
                () -> jobs.jobs().stream().anyMatch(j -> j.state().isFinished()), jobs.jobs()), this::clear);
    }

    public ObservableList<Job> jobs() {
        return jobs.jobs();
    }

    public ObjectProperty<Job> selectedProperty() {
        return selected;
    }

    /** Asks a job to stop; it shows as cancelled once it has. */
    public void cancel(Job job) {
        if (job != null) {
            job.cancel();
        }
    }

    private void clear() {
        jobs.clearFinished();
        if (selected.get() != null && !jobs.jobs().contains(selected.get())) {
            selected.set(null);
        }
    }

    public WorkbenchCommand cancelSelectedCommand() {
        return cancelSelected;
    }

    public WorkbenchCommand clearFinishedCommand() {
        return clearFinished;
    }
}
