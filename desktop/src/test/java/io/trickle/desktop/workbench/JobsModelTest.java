package io.trickle.desktop.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JobsModelTest {

    private final JobsModel jobs = new JobsModel();

    @Test
    void countsWaitingAndRunningJobsAsActive() {
        JobsModel.Job a = jobs.add("a", Instant.EPOCH, () -> { });
        JobsModel.Job b = jobs.add("b", Instant.EPOCH, () -> { });
        assertEquals(2, jobs.activeCount().get());
        assertEquals(b, jobs.jobs().get(0), "newest first");
        a.markRunning();
        a.finish(JobsModel.State.FAILED, "no route to host");
        assertEquals(1, jobs.activeCount().get());
        assertEquals("no route to host", a.messageProperty().get());
    }

    @Test
    void theFirstEndStateStays() {
        AtomicInteger cancels = new AtomicInteger();
        JobsModel.Job job = jobs.add("job", Instant.EPOCH, cancels::incrementAndGet);
        job.cancel();
        job.finish(JobsModel.State.CANCELLED, "Cancelled");
        job.finish(JobsModel.State.SUCCEEDED, "Done");
        job.markRunning();
        job.cancel();
        assertEquals(JobsModel.State.CANCELLED, job.state());
        assertEquals(1, cancels.get(), "a finished job is not cancelled again");
        assertThrows(IllegalArgumentException.class, () -> job.finish(JobsModel.State.RUNNING, ""));
    }

    @Test
    void aSucceededJobIsComplete() {
        JobsModel.Job job = jobs.add("job", Instant.EPOCH, () -> { });
        job.report(0.3, "halfway-ish");
        job.finish(JobsModel.State.SUCCEEDED, "Done");
        assertEquals(1.0, job.progressProperty().get());
        jobs.clearFinished();
        assertEquals(0, jobs.jobs().size());
    }
}
