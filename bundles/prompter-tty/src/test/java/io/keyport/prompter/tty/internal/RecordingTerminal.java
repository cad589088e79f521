package io.keyport.prompter.tty.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A terminal that records what the queue shows and withdraws, and can answer each question at once. */
final class RecordingTerminal implements Terminal {

    final List<Question> shown = new CopyOnWriteArrayList<>();
    final List<Question> withdrawn = new CopyOnWriteArrayList<>();
    private final String name;
    private final Consumer<Question> onShow;

    RecordingTerminal(String name) {
        this(name, question -> {});
    }

    /** @param onShow runs on the queue's thread, with its lock held, for each question shown */
    RecordingTerminal(String name, Consumer<Question> onShow) {
        this.name = name;
        this.onShow = onShow;
    }

    @Override
    public void show(Question question) {
        shown.add(question);
        onShow.accept(question);
    }

    @Override
    public void withdraw(Question question) {
        withdrawn.add(question);
    }

    @Override
    public String describe() {
        return name;
    }

    Question last() {
        return shown.get(shown.size() - 1);
    }
}
