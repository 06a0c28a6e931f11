package io.trickle.desktop.services;

/** The system clipboard, for commands that copy text ("Copy Create Command"). Called on the FX thread. */
@FunctionalInterface
public interface ClipboardService {

    void putText(String text);
}
