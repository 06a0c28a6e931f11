package io.trickle.desktop.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CatalogStatusTest {

    @Test
    void comparesVersionsNumberByNumber() {
        assertEquals(CatalogStatus.State.MISSING, new CatalogStatus(Optional.empty(), "0.6.0").state());
        assertEquals(CatalogStatus.State.OUTDATED, new CatalogStatus(Optional.of("0.6.0"), "0.7.0.1").state());
        assertEquals(CatalogStatus.State.OUTDATED, new CatalogStatus(Optional.of("0.9.1"), "0.10.0").state());
        assertEquals(CatalogStatus.State.CURRENT, new CatalogStatus(Optional.of("0.6.0"), "0.6.0").state());
        assertEquals(CatalogStatus.State.NEWER, new CatalogStatus(Optional.of("0.7.0.2"), "0.7.0.1").state());
    }

    @Test
    void describesItselfForTheDba() {
        assertEquals("catalog 0.6.0 (current)", new CatalogStatus(Optional.of("0.6.0"), "0.6.0").describe());
        assertTrue(new CatalogStatus(Optional.empty(), "0.6.0").describe().startsWith("no Trickle catalog"));
    }
}
