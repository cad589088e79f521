package io.keyport.api.prompt;

import io.keyport.api.secret.SecretValue;

/**
 * The user's reply: dismissed, confirmed (once or from now on), or a passphrase. Closing it wipes the
 * passphrase.
 */
public final class PromptReply implements AutoCloseable {

    private static final PromptReply DISMISSED = new PromptReply(true, false, false, null);
    private static final PromptReply CONFIRMED = new PromptReply(false, true, false, null);
    private static final PromptReply CONFIRMED_ALWAYS = new PromptReply(false, true, true, null);

    private final boolean dismissed;
    private final boolean confirmed;
    private final boolean always;
    private final SecretValue passphrase;

    private PromptReply(boolean dismissed, boolean confirmed, boolean always, SecretValue passphrase) {
        this.dismissed = dismissed;
        this.confirmed = confirmed;
        this.always = always;
        this.passphrase = passphrase;
    }

    public static PromptReply dismissed() {
        return DISMISSED;
    }

    public static PromptReply confirmed() {
        return CONFIRMED;
    }

    /**
     * Returns a confirmation that the user wants remembered, such as "always allow" for a program that reads
     * an item. Only a {@link PromptKind#CONFIRMATION} question has this reply.
     *
     * @since 1.1
     */
    public static PromptReply confirmedAlways() {
        return CONFIRMED_ALWAYS;
    }

    /** Returns a reply that owns {@code passphrase} and wipes it on {@link #close()}. */
    public static PromptReply passphrase(SecretValue passphrase) {
        return new PromptReply(false, true, false, passphrase);
    }

    public boolean isDismissed() {
        return dismissed;
    }

    /** Returns {@code true} for a confirmation and for a passphrase that was entered. */
    public boolean isConfirmed() {
        return confirmed;
    }

    /**
     * Returns {@code true} when the user confirmed and asked for the answer to be remembered.
     *
     * @since 1.1
     */
    public boolean isAlways() {
        return always;
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
                : passphrase != null
                        ? "PromptReply[passphrase=<redacted>]"
                        : always ? "PromptReply[confirmed always]" : "PromptReply[confirmed]";
    }
}
