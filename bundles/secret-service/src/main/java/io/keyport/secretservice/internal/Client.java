package io.keyport.secretservice.internal;

import io.keyport.api.prompt.Caller;

/**
 * A caller with the identity that access control uses: the bus identity, plus the Flatpak application id and the systemd unit
 * when the process has them. Both are empty when unknown.
 */
record Client(Caller caller, String appId, String unit) {

    /**
     * Returns the identity that access records and rules name: {@code app:ID} for a Flatpak application, whose
     * executable path inside its sandbox is no stable identity, else {@code exe:PATH}; empty when neither is known.
     */
    String subject() {
        if (!appId.isEmpty()) {
            return "app:" + appId;
        }
        return caller.executable().isEmpty() ? "" : "exe:" + caller.executable();
    }
}
