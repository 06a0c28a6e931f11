package io.trickle.desktop.services;

import java.util.Objects;

/**
 * A profile and the password to use with it for one connect. The password lives only as long as the
 * request: it is never written into the profile or logged.
 *
 * @param password null when the server needs none (the embedded demo, trust or .pgpass setups)
 */
public record ConnectionRequest(ConnectionProfile profile, char[] password) {

    public ConnectionRequest {
        Objects.requireNonNull(profile, "profile");
    }

    public static ConnectionRequest withoutPassword(ConnectionProfile profile) {
        return new ConnectionRequest(profile, null);
    }

    @Override
    public String toString() {
        return "ConnectionRequest[" + profile.name() + "]";
    }
}
