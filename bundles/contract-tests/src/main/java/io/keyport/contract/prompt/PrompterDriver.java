package io.keyport.contract.prompt;

/**
 * Plays the user for a prompter under test: sees its questions and answers or dismisses them, as a person at a
 * terminal or a dialog would. While a driver is open, the prompter can reach a user; {@link #close()} takes the
 * user away, as a terminal that detaches or a display that closes does.
 */
public interface PrompterDriver extends AutoCloseable {

    /**
     * Waits until the prompter shows a question that this driver has not reported yet.
     *
     * @return the question, or {@code null} when none was shown within {@code timeoutMillis}
     */
    ShownQuestion awaitQuestion(long timeoutMillis) throws Exception;

    /** Enters {@code passphrase} as the answer to a passphrase or new passphrase question. */
    void answerPassphrase(ShownQuestion question, String passphrase) throws Exception;

    /** Accepts a confirmation question. */
    void confirm(ShownQuestion question) throws Exception;

    /** Dismisses a question, as the user's Cancel button or Ctrl-D does. */
    void dismiss(ShownQuestion question) throws Exception;

    /**
     * Waits until the prompter takes {@code question} away from the user.
     *
     * @return whether it did within {@code timeoutMillis}
     */
    boolean awaitWithdrawn(ShownQuestion question, long timeoutMillis) throws Exception;

    /** Takes the user away from the prompter. */
    @Override
    void close() throws Exception;
}
