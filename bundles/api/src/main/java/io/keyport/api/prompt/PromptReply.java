package io.keyport.api.prompt;

import io.keyport.api.secret.SecretValue;

/**
 * The user's reply: dismissed, confirmed, or a passphrase. Closing it wipes the passphrase.
 */
public final class PromptReply implements AutoCloseable {

    private static final PromptReply DISMISSED = new PromptReply(true, false, null);
    private static final PromptReply CONFIRMED = new PromptReply(false, true, null);

    private final boolean dismissed;
    private final boolean confirmed;
    private final SecretValue passphrase;

    private PromptReply(boolean dismissed, boolean confirmed, SecretValue passphrase) {
        this.dismissed = dismissed;
        this.confirmed = confirmed;
        this.passphrase = passphrase;
    }

    public static PromptReply dismissed() {
        return DISMISSED;
    }

    public static PromptReply confirmed() {
        return CONFIRMED;
    }

    /** Returns a reply that owns {@code passphrase} and wipes it on {@link #close()}. */
    public static PromptReply passphrase(SecretValue passphrase) {
        return new PromptReply(false, true, passphrase);
    }

    public boolean isDismissed() {
        return dismissed;
    }

    /** Returns {@code true} for a confirmation and for a passphrase that was entered. */
    public boolean isConfirmed() {
        return confirmed;
    }

    /**
     * Returns the passphrase, which stays owned by this reply.
     *
     * @throws IllegalStateException if the reply holds no passphrase
     */
    public SecretValue passphrase() {
        if (passphrase == null) {
            throw new IllegalStateException("The prompt reply holds no passphrase");
        }
        return passphrase;
    }

    @Override
    public void close() {
        if (passphrase != null) {
            passphrase.close();
        }
    }

    @Override
    public String toString() {
        return dismissed
                ? "PromptReply[dismissed]"
                : passphrase != null ? "PromptReply[passphrase=<redacted>]" : "PromptReply[confirmed]";
    }
}
