package io.keyport.api.prompt;

/** What a prompt asks for. */
public enum PromptKind {
    /** An existing passphrase, for example to unlock a collection. */
    PASSPHRASE,
    /** A new passphrase, typed twice, for example for a new collection. */
    NEW_PASSPHRASE,
    /** A yes or no answer, for example to let a program read an item. */
    CONFIRMATION
}
