package io.trickle.desktop.services;

import io.trickle.engine.api.TrickleException;
import java.util.concurrent.CancellationException;

/**
 * Turns a failure into a sentence a DBA can act on. The engine's exceptions already carry such a
 * message; anything else is unexpected, so the text says so and names the type rather than showing a
 * stack trace (the stack trace goes to the log).
 */
public final class ErrorMessages {

    private ErrorMessages() {
    }

    public static String describe(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof CancellationException || t instanceof InterruptedException) {
            return "Cancelled.";
        }
        String message = t.getMessage();
        if (t instanceof UnsupportedOperationException) {
            return "Not available in this engine" + (message == null || message.isBlank() ? "." : ": " + message + ".");
        }
        if (t instanceof TrickleException || t instanceof IllegalArgumentException
                || t instanceof IllegalStateException || t instanceof java.io.IOException) {
            return message == null || message.isBlank() ? t.getClass().getSimpleName() : sentence(message);
        }
        String said = message == null || message.isBlank() ? "" : ": " + message;
        return "Unexpected error (" + t.getClass().getSimpleName() + ")" + said
                + (said.endsWith(".") ? "" : ".") + " Details are in the log.";
    }

    /** The engine writes messages for a command line, in lower case; a dialog shows them as sentences. */
    private static String sentence(String message) {
        return Character.toUpperCase(message.charAt(0)) + message.substring(1);
    }

    /** Wrappers such as ExecutionException add nothing a DBA needs. */
    private static Throwable unwrap(Throwable t) {
        Throwable current = t;
        while ((current instanceof java.util.concurrent.ExecutionException
                || current instanceof java.lang.reflect.InvocationTargetException
                || current instanceof java.io.UncheckedIOException
                || current.getClass() == RuntimeException.class)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
