package io.trickle.desktop.workbench;

import java.time.Instant;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The background jobs of this window, running and finished, for the Jobs view and the status bar.
 * The task executor adds a job when it starts a task and updates it as the task reports; everything
 * here is read and changed on the FX thread only.
 */
public final class JobsModel {

    public enum State {
        WAITING, RUNNING, SUCCEEDED, FAILED, CANCELLED;

        public boolean isFinished() {
            return this == SUCCEEDED || this == FAILED || this == CANCELLED;
        }
    }

    /** One job as the DBA sees it. */
    public static final class Job {
        private final String title;
        private final Instant started;
        private final Runnable canceller;
        private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.WAITING);
        private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
        private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");

        Job(String title, Instant started, Runnable canceller) {
            this.title = title;
            this.started = started;
            this.canceller = canceller;
        }

        public String title() {
            return title;
        }

        /** When the job was submitted, by this machine's clock; for display only. */
        public Instant started() {
            return started;
        }

        public ReadOnlyObjectProperty<State> stateProperty() {
            return state.getReadOnlyProperty();
        }

        public State state() {
            return state.get();
        }

        /** 0..1, or negative while the job cannot tell how far it is. */
        public ReadOnlyDoubleProperty progressProperty() {
            return progress.getReadOnlyProperty();
        }

        /** What the job is doing now, or how it ended. */
        public ReadOnlyStringProperty messageProperty() {
            return message.getReadOnlyProperty();
        }

        /** Asks the job to stop; it ends as {@link State#CANCELLED} once it has. */
        public void cancel() {
            if (!state.get().isFinished()) {
                canceller.run();
            }
        }

        public void markRunning() {
            if (!state.get().isFinished()) {
                state.set(State.RUNNING);
            }
        }

        public void report(double workDone, String text) {
            progress.set(workDone);
            if (text != null) {
                message.set(text);
            }
        }

        /** Records how the job ended; later reports are ignored. */
        public void finish(State end, String text) {
            if (!end.isFinished()) {
                throw new IllegalArgumentException(end + " is not an end state");
            }
            if (state.get().isFinished()) {
                return;
            }
            state.set(end);
            if (end == State.SUCCEEDED) {
                progress.set(1);
            }
            message.set(text == null ? "" : text);
        }
    }

    private final ObservableList<Job> jobs = FXCollections.observableArrayList(
            job -> new javafx.beans.Observable[] {job.stateProperty()});
    private final IntegerBinding active = Bindings.createIntegerBinding(
            () -> (int) jobs.stream().filter(j -> !j.state().isFinished()).count(), jobs);

    /** Adds a job in {@link State#WAITING}; {@code canceller} is called when the DBA cancels it. */
    public Job add(String title, Instant started, Runnable canceller) {
        Job job = new Job(title, started, canceller);
        jobs.add(0, job);
        return job;
    }

    /** Newest first; the list fires an update when a job's state changes. */
    public ObservableList<Job> jobs() {
        return FXCollections.unmodifiableObservableList(jobs);
    }

    /** How many jobs are waiting or running. */
    public IntegerBinding activeCount() {
        return active;
    }

    public void clearFinished() {
        jobs.removeIf(j -> j.state().isFinished());
    }
}
