package io.keyport.prompter.tty.internal;

import io.keyport.api.secret.SecretValue;
import io.keyport.api.storage.StorageCollection;
import io.keyport.api.storage.StorageEngine;
import io.keyport.api.storage.StorageItem;
import io.keyport.api.storage.StorageListener;
import io.keyport.api.storage.WrongPassphraseException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A storage engine with one locked collection whose passphrase is fixed; item methods are not needed here. */
final class FakeStorage implements StorageEngine {

    final FakeCollection collection;

    FakeStorage(String id, String passphrase) {
        this.collection = new FakeCollection(id, passphrase);
    }

    @Override
    public List<StorageCollection> collections() {
        return List.of(collection);
    }

    @Override
    public StorageCollection createCollection(String id, String label, SecretValue passphrase) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addListener(StorageListener listener) {}

    @Override
    public void removeListener(StorageListener listener) {}

    static final class FakeCollection implements StorageCollection {

        private final String id;
        private final SecretValue passphrase;
        private volatile boolean locked = true;
        volatile SecretValue lastAttempt;

        FakeCollection(String id, String passphrase) {
            this.id = id;
            this.passphrase = SecretValue.copyOf(passphrase.getBytes(StandardCharsets.UTF_8), "text/plain");
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String label() {
            return "Label of " + id;
        }

        @Override
        public void setLabel(String label) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long created() {
            return 0;
        }

        @Override
        public long modified() {
            return 0;
        }

        @Override
        public boolean isLocked() {
            return locked;
        }

        @Override
        public boolean needsPassphrase() {
            return true;
        }

        @Override
        public void unlock(SecretValue attempt) {
            lastAttempt = attempt;
            if (!attempt.contentEquals(passphrase)) {
                throw new WrongPassphraseException("The passphrase does not open collection " + id);
            }
            locked = false;
        }

        @Override
        public void lock() {
            locked = true;
        }

        @Override
        public List<String> itemIds() {
            return List.of();
        }

        @Override
        public List<String> search(Map<String, String> attributes) {
            return List.of();
        }

        @Override
        public StorageItem item(String itemId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StorageItem createItem(
                String label, Map<String, String> attributes, SecretValue secret, boolean replace) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete() {
            throw new UnsupportedOperationException();
        }
    }
}
