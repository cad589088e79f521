package io.keyport.secretservice.internal;

import io.keyport.api.prompt.Prompter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The registered prompters, best first: the highest {@code service.ranking} that can reach the user wins. */
final class PrompterChoice {

    private final List<Ranked> prompters = new CopyOnWriteArrayList<>();

    void add(Prompter prompter, int ranking) {
        prompters.add(new Ranked(prompter, ranking));
    }

    void remove(Prompter prompter) {
        prompters.removeIf(ranked -> ranked.prompter() == prompter);
    }

    Optional<Prompter> best() {
        return sorted().stream()
                .map(Ranked::prompter)
                .filter(Prompter::isAvailable)
                .findFirst();
    }

    /** Returns why no prompter can reach the user, naming each prompter's own reason. */
    String unavailableReason() {
        List<Ranked> all = sorted();
        if (all.isEmpty()) {
            return "no prompter is installed; run the headless or desktop feature, which include one";
        }
        List<String> reasons = new ArrayList<>();
        for (Ranked ranked : all) {
            reasons.add(ranked.prompter().getClass().getSimpleName() + ": "
                    + ranked.prompter().unavailableReason());
        }
        return String.join("; ", reasons);
    }

    private List<Ranked> sorted() {
        List<Ranked> copy = new ArrayList<>(prompters);
        copy.sort(Comparator.comparingInt(Ranked::ranking).reversed());
        return copy;
    }

    private record Ranked(Prompter prompter, int ranking) {}
}
