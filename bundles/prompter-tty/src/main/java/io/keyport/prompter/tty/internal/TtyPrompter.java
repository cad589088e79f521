package io.keyport.prompter.tty.internal;

import io.keyport.api.prompt.PromptReply;
import io.keyport.api.prompt.PromptRequest;
import io.keyport.api.prompt.Prompter;
import io.keyport.api.storage.StorageEngine;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks on terminals: the console when Keyport runs in the foreground, and every {@code keyport prompt} agent
 * attached to {@code <keyport.runtime.dir>/prompt}. The same socket serves {@code keyport unlock}, which unlocks
 * a collection of any registered storage engine. The ranking is low, so a GUI prompter takes over while a
 * display exists.
 */
@Component(
        service = Prompter.class,
        immediate = true,
        configurationPolicy = ConfigurationPolicy.IGNORE,
        property = Constants.SERVICE_RANKING + ":Integer=10")
public final class TtyPrompter implements Prompter {

    static final String UNAVAILABLE = "no terminal agent is attached: run `keyport prompt` in a terminal, or start"
            + " Keyport in the foreground";

    private static final Logger LOG = LoggerFactory.getLogger(TtyPrompter.class);

    private final QuestionQueue queue = new QuestionQueue();
    private final CollectionRegistry collections = new CollectionRegistry();
    private final PromptAgentServer server;
    private final ConsoleTerminal console;

    @Activate
    public TtyPrompter(BundleContext context) throws IOException {
        Path socket = Path.of(context.getProperty("keyport.runtime.dir"), PromptAgentServer.SOCKET_NAME);
        this.server = new PromptAgentServer(socket, queue, collections, null);
        server.start();
        Console terminal = System.console();
        if (terminal != null && ConsoleTerminal.inForeground()) {
            this.console = new ConsoleTerminal(terminal, queue, System.out);
            console.start();
        } else {
            this.console = null;
        }
        LOG.info(
                "Terminal prompter started: agents attach at {}; the console {}",
                socket,
                console != null ? "answers questions too" : "is not used (Keyport has no foreground terminal)");
    }

    @Deactivate
    void deactivate() {
        if (console != null) {
            console.close();
        }
        try {
            server.close();
        } catch (IOException e) {
            LOG.warn("Could not close the prompt socket {}: {}", server.socket(), e.toString());
        }
        queue.close();
        LOG.info("Terminal prompter stopped");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEngine(StorageEngine engine) {
        collections.add(engine);
    }

    void removeEngine(StorageEngine engine) {
        collections.remove(engine);
    }

    @Override
    public boolean isAvailable() {
        return queue.hasTerminals();
    }

    @Override
    public String unavailableReason() {
        return isAvailable() ? "" : UNAVAILABLE;
    }

    @Override
    public CompletableFuture<PromptReply> ask(PromptRequest request) {
        return queue.ask(request);
    }
}
