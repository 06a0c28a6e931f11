package io.trickle.desktop.views.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trickle.desktop.workbench.JobsModel;
import io.trickle.desktop.workbench.JobsModel.Job;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobsViewModelTest {

    private final JobsModel jobs = new JobsModel();
    private final JobsViewModel model = new JobsViewModel(jobs);

    @Test
    void cancelIsOfferedForARunningSelectedJobOnly() {
        AtomicInteger cancels = new AtomicInteger();
        Job job = jobs.add("Install catalog", Instant.EPOCH, cancels::incrementAndGet);
        assertFalse(model.cancelSelectedCommand().canExecute(), "nothing selected");

        model.selectedProperty().set(job);
        job.markRunning();
        assertTrue(model.cancelSelectedCommand().canExecute());
        model.cancelSelectedCommand().execute();
        assertEquals(1, cancels.get());

        job.finish(JobsModel.State.CANCELLED, "Cancelled");
        assertFalse(model.cancelSelectedCommand().canExecute(), "a finished job cannot be cancelled");
        model.cancel(job);
        assertEquals(1, cancels.get(), "cancelling a finished job does nothing");
    }

    @Test
    void clearsFinishedJobsAndKeepsRunningOnes() {
        Job done = jobs.add("Test connection", Instant.EPOCH, () -> { });
        Job running = jobs.add("Connect", Instant.EPOCH, () -> { });
        running.markRunning();
        assertFalse(model.clearFinishedCommand().canExecute());

        done.finish(JobsModel.State.SUCCEEDED, "Done");
        model.selectedProperty().set(done);
        assertTrue(model.clearFinishedCommand().canExecute());
        model.clearFinishedCommand().execute();
        assertEquals(1, model.jobs().size());
        assertEquals(running, model.jobs().get(0));
        assertNull(model.selectedProperty().get(), "the cleared job is no longer selected");
        assertEquals(1, jobs.activeCount().get());
    }
}
