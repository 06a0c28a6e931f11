package io.trickle.desktop.services;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedSecretStoreTest {

    @TempDir
    Path home;

    private Workspace workspace() {
        return new Workspace(home.resolve("workspace.db"));
    }

    private EncryptedSecretStore store(Workspace workspace) {
        return new EncryptedSecretStore(home.resolve("secret.key"), workspace);
    }

    @Test
    void aPasswordComesBackAfterReopening() {
        store(workspace()).put("prod", "pä55 wörd".toCharArray());
        assertArrayEquals("pä55 wörd".toCharArray(), store(workspace()).find("prod").orElseThrow());
        assertTrue(store(workspace()).find("other").isEmpty());
    }

    @Test
    void theWorkspaceHoldsNoPlainText() throws Exception {
        Workspace workspace = workspace();
        store(workspace).put("prod", "hunter2-hunter2".toCharArray());
        byte[] sealed = workspace.sealedSecret("prod").orElseThrow();
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("hunter2"));
        assertFalse(new String(Files.readAllBytes(home.resolve("workspace.db")), StandardCharsets.ISO_8859_1)
                .contains("hunter2"));
    }

    @Test
    void theKeyFileIsReadableByItsOwnerOnly() throws Exception {
        assumeTrue(home.getFileSystem().supportedFileAttributeViews().contains("posix"));
        store(workspace()).put("prod", "x".toCharArray());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("secret.key"))));

        Files.setPosixFilePermissions(home.resolve("secret.key"), PosixFilePermissions.fromString("rw-r--r--"));
        store(workspace()).find("prod");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("secret.key"))),
                "loosened permissions are tightened again");
    }

    @Test
    void aSealedPasswordDoesNotOpenUnderAnotherName() {
        Workspace workspace = workspace();
        store(workspace).put("prod", "secret".toCharArray());
        workspace.storeSealedSecret("staging", workspace.sealedSecret("prod").orElseThrow());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store(workspace).find("staging"));
        assertTrue(e.getMessage().contains("cannot be decrypted"), e.getMessage());
    }

    @Test
    void anotherKeyCannotReadThePasswordsAndSaysSo() throws Exception {
        Workspace workspace = workspace();
        store(workspace).put("prod", "secret".toCharArray());
        Files.delete(home.resolve("secret.key"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store(workspace).find("prod"));
        assertTrue(e.getMessage().contains("enter it again"), e.getMessage());
    }

    @Test
    void removedPasswordsAreGone() {
        EncryptedSecretStore store = store(workspace());
        store.put("prod", "secret".toCharArray());
        store.remove("prod");
        assertTrue(store.find("prod").isEmpty());
    }
}
