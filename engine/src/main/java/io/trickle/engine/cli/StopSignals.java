package io.trickle.engine.cli;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT for {@code trickle run}. The JVM's own answer to SIGTERM is to run shutdown
 * hooks and exit with 143, and a shutdown hook cannot change that code; DESIGN §4 wants 0 after a
 * clean stop. So {@code run} replaces the handlers with {@code sun.misc.Signal} (in module
 * jdk.unsupported, present in every JDK 17 runtime): the signal only asks the daemon to stop, and
 * {@code run} returns normally once it has, with exit code 0. The previous handlers come back when
 * {@code run} ends, so a second signal during a slow stop still ends the process the usual way.
 */
final class StopSignals implements AutoCloseable {

    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();

    StopSignals(Runnable onSignal) {
        for (String name : List.of("TERM", "INT")) {
            try {
                Signal signal = new Signal(name);
                SignalHandler before = Signal.handle(signal, s -> {
                    Thread stopper = new Thread(onSignal, "trickle-stop");
                    stopper.start();
                });
                signals.add(signal);
                previous.add(before);
            } catch (IllegalArgumentException e) {
                // the signal is not available here (or the JVM reserves it): leave it alone
            }
        }
    }

    @Override
    public void close() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
    }
}
