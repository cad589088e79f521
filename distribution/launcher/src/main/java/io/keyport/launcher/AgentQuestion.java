package io.keyport.launcher;

import java.io.IOException;
import java.util.List;

/**
 * A question that Keyport sent to {@code keyport prompt}, decoded from {@code ASK ID KIND OPERATION TARGET CALLER
 * WARNING}. {@code kind} is {@code PASSPHRASE}, {@code NEW_PASSPHRASE} or {@code CONFIRMATION}.
 */
record AgentQuestion(long id, String kind, String operation, String target, String caller, String warning) {

    static final String PASSPHRASE = "PASSPHRASE";
    static final String NEW_PASSPHRASE = "NEW_PASSPHRASE";
    static final String CONFIRMATION = "CONFIRMATION";

    /**
     * Decodes the fields of an ASK line.
     *
     * @throws IOException if the line has another number of fields, an invalid id or an unknown kind
     */
    static AgentQuestion parse(List<String> fields) throws IOException {
        if (fields.size() != 7) {
            throw new IOException("Keyport sent an ASK line with " + fields.size() + " fields instead of 7");
        }
        long id;
        try {
            id = Long.parseLong(fields.get(1));
        } catch (NumberFormatException e) {
            throw new IOException("Keyport sent an ASK line with an invalid question id");
        }
        String kind = fields.get(2);
        if (!List.of(PASSPHRASE, NEW_PASSPHRASE, CONFIRMATION).contains(kind)) {
            throw new IOException("Keyport asked a question of an unknown kind; update the keyport command");
        }
        return new AgentQuestion(
                id,
                kind,
                PromptConnection.decodeText(fields.get(3)),
                PromptConnection.decodeText(fields.get(4)),
                PromptConnection.decodeText(fields.get(5)),
                PromptConnection.decodeText(fields.get(6)));
    }
}
