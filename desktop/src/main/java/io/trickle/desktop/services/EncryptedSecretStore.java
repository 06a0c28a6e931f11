package io.trickle.desktop.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keeps passwords in the workspace encrypted with AES-256-GCM. The key is 32 random bytes in its own
 * file ({@code ~/.trickle/secret.key}), readable and writable by the owner only. Each password gets a
 * fresh 12-byte nonce, and the profile name is bound in as associated data, so a sealed password
 * copied onto another profile's row does not decrypt.
 *
 * <p>What this protects against: the workspace file being read on its own (a backup, a synced folder,
 * a support bundle, a screen share of a SQLite browser), and other users of the machine, who cannot
 * read the key file. What it does not protect against: anyone or anything running as the same OS
 * user (or root), who can read the key file as easily as the workbench, and a copy of the whole
 * {@code ~/.trickle} folder. It is a lock against casual disclosure, not a keyring; DBAs who want
 * more leave "remember" unticked and type the password on each connect.
 */
public final class EncryptedSecretStore implements SecretStore {

    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path keyFile;
    private final Workspace workspace;
    private final SecureRandom random = new SecureRandom();

    public EncryptedSecretStore(Path keyFile, Workspace workspace) {
        this.keyFile = keyFile;
        this.workspace = workspace;
    }

    @Override
    public Optional<char[]> find(String key) {
        return workspace.sealedSecret(key).map(sealed -> open(key, sealed));
    }

    @Override
    public void put(String key, char[] secret) {
        workspace.storeSealedSecret(key, seal(key, secret));
    }

    @Override
    public void remove(String key) {
        workspace.deleteSealedSecret(key);
    }

    private byte[] seal(String name, char[] secret) {
        byte[] plain = toBytes(secret);
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the password for " + name + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private char[] open(String name, byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key(), "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(plain));
            Arrays.fill(plain, (byte) 0);
            char[] out = new char[chars.remaining()];
            chars.get(out);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the saved password for " + name + " cannot be decrypted (was "
                    + keyFile + " replaced?); enter it again", e);
        }
    }

    /** Reads the key, creating it owner-only on first use and tightening loose permissions. */
    private byte[] key() {
        try {
            if (!Files.exists(keyFile)) {
                createKey();
            }
            restrictToOwner();
            byte[] key = Files.readAllBytes(keyFile);
            if (key.length != KEY_BYTES) {
                throw new IllegalStateException(keyFile + " is not a Trickle secret key (" + key.length + " bytes)");
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secret key " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private void createKey() throws IOException {
        Files.createDirectories(keyFile.toAbsolutePath().getParent());
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        try {
            if (supportsPosix()) {
                Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(keyFile);
            }
            Files.write(keyFile, key);
        } catch (FileAlreadyExistsException raced) {
            // another workbench created it first; use theirs
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private void restrictToOwner() throws IOException {
        if (supportsPosix()) {
            if (!Files.getPosixFilePermissions(keyFile).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(keyFile, OWNER_ONLY);
            }
        } else {
            java.io.File f = keyFile.toFile();
            f.setReadable(false, false);
            f.setReadable(true, true);
            f.setWritable(false, false);
            f.setWritable(true, true);
        }
    }

    private boolean supportsPosix() {
        return keyFile.toAbsolutePath().getParent().getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static byte[] toBytes(char[] chars) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return out;
    }
}
