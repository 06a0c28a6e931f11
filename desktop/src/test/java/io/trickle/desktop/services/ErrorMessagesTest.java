package io.trickle.desktop.services;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trickle.engine.api.TrickleException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorMessagesTest {

    @Test
    void theEnginesMessageIsShownAsItIs() {
        assertEquals("Cannot reach db:5432", ErrorMessages.describe(
                new ExecutionException(new TrickleException.NoSessionException("cannot reach db:5432", null))));
    }

    @Test
    void anUnexpectedFailureSaysSoWithoutAStackTrace() {
        assertEquals("Unexpected error (NullPointerException): x is null. Details are in the log.",
                ErrorMessages.describe(new RuntimeException(new NullPointerException("x is null"))));
        assertEquals("Cancelled.", ErrorMessages.describe(new InterruptedException()));
    }
}
