package io.keyport.prompter.tty.internal;

import io.keyport.api.prompt.PromptKind;
import io.keyport.contract.prompt.PrompterDriver;
import io.keyport.contract.prompt.ShownQuestion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Plays the user as a {@code keyport prompt} agent on the prompt socket: a reader thread collects the daemon's
 * ASK and WITHDRAW lines, and the answers go back in the line protocol.
 */
final class AgentDriver implements PrompterDriver {

    private final TestClient agent;
    private final BlockingQueue<ShownQuestion> asked = new LinkedBlockingQueue<>();
    private final Set<String> withdrawn = ConcurrentHashMap.newKeySet();
    private final Thread reader;

    AgentDriver(Path socket) throws IOException {
        agent = TestClient.agent(socket);
        reader = new Thread(this::readLines, "contract-agent-reader");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public ShownQuestion awaitQuestion(long timeoutMillis) throws InterruptedException {
        return asked.poll(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void answerPassphrase(ShownQuestion question, String passphrase) throws IOException {
        agent.sendSecret("PASSPHRASE " + question.handle(), passphrase);
    }

    @Override
    public void confirm(ShownQuestion question) throws IOException {
        agent.send("CONFIRM " + question.handle());
    }

    @Override
    public void dismiss(ShownQuestion question) throws IOException {
        agent.send("DISMISS " + question.handle());
    }

    @Override
    public boolean awaitWithdrawn(ShownQuestion question, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (withdrawn) {
            while (!withdrawn.contains(question.handle())) {
                long remaining = deadline - System.currentTimeMillis();
                if (remaining <= 0) {
                    return false;
                }
                withdrawn.wait(remaining);
            }
        }
        return true;
    }

    @Override
    public void close() throws Exception {
        agent.close();
        reader.join(5_000);
    }

    private void readLines() {
        try {
            for (String line = agent.readLine(); line != null; line = agent.readLine()) {
                List<String> fields = List.of(line.split(" ", -1));
                if (fields.get(0).equals(PromptWire.ASK)) {
                    asked.add(new ShownQuestion(
                            fields.get(1), PromptKind.valueOf(fields.get(2)), PromptWire.decodeText(fields.get(4))));
                } else if (fields.get(0).equals(PromptWire.WITHDRAW)) {
                    synchronized (withdrawn) {
                        withdrawn.add(fields.get(1));
                        withdrawn.notifyAll();
                    }
                }
            }
        } catch (IOException e) {
            // The test closed the connection.
        }
    }
}
