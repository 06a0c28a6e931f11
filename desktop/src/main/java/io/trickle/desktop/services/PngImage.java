package io.trickle.desktop.services;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The pixels of a picture the workbench drew (a chart), taken on the FX thread and written as PNG
 * in a background task; no JavaFX type crosses into the services.
 *
 * @param argb one int per pixel, row by row, alpha in the top byte
 */
public record PngImage(int width, int height, int[] argb) {

    public PngImage {
        if (width <= 0 || height <= 0 || argb.length != width * height) {
            throw new IllegalArgumentException("an image of " + width + "×" + height + " needs " + width * height
                    + " pixels, not " + argb.length);
        }
    }

    /** Writes the picture as a PNG file; blocks on I/O. */
    public void write(Path file) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, width, height, argb, 0, width);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer is available to write " + file);
        }
    }
}
