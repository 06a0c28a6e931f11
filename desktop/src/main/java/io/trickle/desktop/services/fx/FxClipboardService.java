package io.trickle.desktop.services.fx;

import io.trickle.desktop.services.ClipboardService;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** {@link ClipboardService} over the JavaFX system clipboard. */
public final class FxClipboardService implements ClipboardService {

    @Override
    public void putText(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
