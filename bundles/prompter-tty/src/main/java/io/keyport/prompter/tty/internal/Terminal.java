package io.keyport.prompter.tty.internal;

/**
 * A terminal on which the user answers questions: the console Keyport runs on, or a {@code keyport prompt}
 * agent. It shows one question at a time and reports the answer to the {@link QuestionQueue}.
 */
interface Terminal {

    /** Shows {@code question}. Returns at once, because the queue calls it while it holds its lock. */
    void show(Question question);

    /** Takes back the question on display, because its caller cancelled it. Returns at once. */
    void withdraw(Question question);

    /** Returns a short name for log lines, such as {@code agent 2 (user alice, pid 4711 on /dev/pts/3)}. */
    String describe();
}
