package io.keyport.prompter.tty.internal;

import io.keyport.api.prompt.PromptKind;
import io.keyport.api.prompt.PromptReply;
import io.keyport.api.prompt.PromptRequest;
import io.keyport.api.secret.SecretValue;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code keyport prompt} agent attached over the prompt socket, as a {@link Terminal}. Its reader thread runs
 * {@link #serve()}. Questions and withdrawals go out on a writer thread of its own, so the queue never waits for
 * the socket.
 */
final class AgentConnection implements Terminal {

    private static final Logger LOG = LoggerFactory.getLogger(AgentConnection.class);
    private static final long WRITE_GRACE_MILLIS = 1000;

    private final LineChannel channel;
    private final QuestionQueue queue;
    private final String name;
    private final ExecutorService writer;
    private volatile Question displayed;

    /** @param name how log lines name the agent, such as {@code agent 2 (user alice, pid 4711 on /dev/pts/3)} */
    AgentConnection(LineChannel channel, QuestionQueue queue, String name) {
        this.channel = channel;
        this.queue = queue;
        this.name = name;
        this.writer = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "keyport-prompt-agent-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Sends READY, attaches to the queue and reads the agent's replies until it disconnects, then detaches. READY
     * goes through the writer thread first, so it precedes every question.
     */
    void serve() {
        send(PromptWire.READY);
        queue.attach(this);
        try {
            byte[] line;
            while ((line = channel.readLine()) != null) {
                try {
                    handle(line);
                } finally {
                    Arrays.fill(line, (byte) 0);
                }
            }
        } catch (PromptWire.MalformedLineException e) {
            LOG.warn("Closed the connection of {}: {}", name, e.getMessage());
            send(PromptWire.ERROR + " " + PromptWire.text(e.getMessage()));
        } catch (IOException e) {
            if (channel.isOpen()) {
                LOG.info("Connection of {} failed: {}", name, e.toString());
            }
        } finally {
            queue.detach(this);
            finishWriting();
            closeQuietly();
        }
    }

    @Override
    public void show(Question question) {
        displayed = question;
        PromptRequest request = question.request();
        send(String.join(
                " ",
                PromptWire.ASK,
                Long.toString(question.id()),
                request.kind().name(),
                PromptWire.text(request.operation()),
                PromptWire.text(request.target()),
                PromptWire.text(request.caller().describe()),
                PromptWire.text(request.warning())));
    }

    @Override
    public void withdraw(Question question) {
        send(PromptWire.WITHDRAW + " " + question.id());
    }

    @Override
    public String describe() {
        return name;
    }

    /** Closes the connection; the reader thread then detaches the agent. */
    void close() {
        closeQuietly();
    }

    private void handle(byte[] line) {
        String command = PromptWire.command(line);
        switch (command) {
            case PromptWire.PASSPHRASE -> {
                long id = PromptWire.id(PromptWire.fieldsBeforeSecret(line, 2).get(1));
                byte[] passphrase = PromptWire.secretField(line, 2);
                if (kindShown(id) == PromptKind.CONFIRMATION) {
                    Arrays.fill(passphrase, (byte) 0);
                    queue.answer(this, id, PromptReply.confirmed());
                } else {
                    queue.answer(this, id, PromptReply.passphrase(SecretValue.wrap(passphrase, "text/plain")));
                }
            }
            case PromptWire.CONFIRM -> {
                boolean always = confirmsAlways(line);
                long id = PromptWire.id(PromptWire.fields(line).get(1));
                PromptKind kind = kindShown(id);
                if (kind != null && kind != PromptKind.CONFIRMATION) {
                    LOG.warn("{} confirmed question {}, which asks for a passphrase; treated as dismissed", name, id);
                    queue.answer(this, id, PromptReply.dismissed());
                } else {
                    queue.answer(this, id, always ? PromptReply.confirmedAlways() : PromptReply.confirmed());
                }
            }
            case PromptWire.DISMISS -> queue.answer(this, idOf(line), PromptReply.dismissed());
            default ->
                throw new PromptWire.MalformedLineException(
                        "An agent sends PASSPHRASE, CONFIRM or DISMISS, not " + printable(command));
        }
    }

    /** Returns the kind of the question on display if its id is {@code id}, else {@code null}. */
    private PromptKind kindShown(long id) {
        Question question = displayed;
        return question != null && question.id() == id ? question.request().kind() : null;
    }

    /** Returns whether a {@code CONFIRM ID} line carries {@code ALWAYS}, after checking its fields. */
    private static boolean confirmsAlways(byte[] line) {
        List<String> fields = PromptWire.fields(line);
        if (fields.size() == 2) {
            return false;
        }
        if (fields.size() == 3 && fields.get(2).equals(PromptWire.ALWAYS)) {
            return true;
        }
        throw new PromptWire.MalformedLineException(
                "invalid CONFIRM line: it takes the question id and, optionally, ALWAYS");
    }

    private static long idOf(byte[] line) {
        List<String> fields = PromptWire.fields(line);
        if (fields.size() != 2) {
            throw new PromptWire.MalformedLineException("invalid DISMISS line: it takes one field, the question id");
        }
        return PromptWire.id(fields.get(1));
    }

    private void send(String line) {
        try {
            writer.execute(() -> {
                try {
                    channel.writeLine(line);
                } catch (IOException e) {
                    LOG.info("Could not write to {}: {}", name, e.toString());
                    closeQuietly();
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Dropped a message to {}, which has disconnected", name);
        }
    }

    /** Lets the writer send the messages it has queued, such as an ERROR line, before the connection closes. */
    private void finishWriting() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(WRITE_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.debug("{} did not take its last messages within {} ms", name, WRITE_GRACE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing the connection of {} failed: {}", name, e.toString());
        }
    }

    private static String printable(String command) {
        return command.chars().allMatch(c -> c >= 'A' && c <= 'Z' || c == '_') && command.length() <= 20
                ? command
                : "an unknown message";
    }
}
