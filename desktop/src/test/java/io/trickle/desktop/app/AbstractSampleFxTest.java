package io.trickle.desktop.app;

import io.trickle.engine.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;

/**
 * A workbench connected, through the demo profile, to a test database holding the sample shop; the
 * first test of a class installs the catalog and the sample, the others find them there.
 */
abstract class AbstractSampleFxTest extends AbstractWorkbenchFxTest {

    SampleWorkbench sample;

    /** The class's own database ({@code @RegisterExtension static final TestDatabase db = TestDatabase.perClass()}). */
    abstract TestDatabase database();

    /** Whether the bundled engine schedules refreshes; off unless a test is about it. */
    boolean bundledEngine() {
        return false;
    }

    @Override
    CompositionRoot load(Path home) {
        return SampleWorkbench.load(home, database(), bundledEngine());
    }

    @BeforeEach
    void connectToTheSample() {
        sample = new SampleWorkbench(robot, root);
        sample.connect();
    }
}
