package io.keyport.itests.secretservice;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.Map;
import org.freedesktop.dbus.DBusPath;
import org.junit.After;
import org.junit.Test;

/**
 * {@code org.freedesktop.Secret.Collection.Delete} on the memory engine's session collection. The engine's
 * bundle is restarted after each test, which brings the configured collection back.
 */
public class CollectionDeleteIT extends SecretServiceTestSupport {

    @After
    public void restoreSessionCollection() throws Exception {
        if (!service.ReadAlias("session").getPath().equals(SESSION_COLLECTION)) {
            memoryEngineBundle().stop();
        }
        ensureMemoryEngineStarted();
    }

    @Test
    public void deleteReturnsNoPrompt() throws Exception {
        DBusPath prompt = collection(SESSION_COLLECTION).Delete();

        assertEquals(NONE, prompt.getPath());
    }

    @Test
    public void deleteWithdrawsCollection() throws Exception {
        collection(SESSION_COLLECTION).Delete();

        assertEquals(NONE, service.ReadAlias("session").getPath());
        assertEquals(List.of(), paths(property(SERVICE_PATH, SERVICE_INTERFACE, "Collections")));
    }

    @Test
    public void deletedCollectionPathIsNoSuchObject() throws Exception {
        collection(SESSION_COLLECTION).Delete();

        RawCall reply = raw(SESSION_COLLECTION, PROPERTIES_INTERFACE, "Get", "ss", COLLECTION_INTERFACE, "Label");

        assertEquals(reply.describe(), NO_SUCH_OBJECT, reply.errorName());
    }

    @Test
    public void deleteRemovesItems() throws Exception {
        ClientSession session = openSession(ClientSession.PLAIN);
        String item = createItem(session, "Mail", uniqueAttributes(), "secret");

        collection(SESSION_COLLECTION).Delete();

        assertEquals(List.of(), searchService(Map.of(), false));
        RawCall reply = raw(item, ITEM_INTERFACE, "GetSecret", "o", session.path());
        assertEquals(reply.describe(), NO_SUCH_OBJECT, reply.errorName());
    }

    @Test
    public void deleteSendsCollectionDeleted() throws Exception {
        try (SignalRecorder deleted = SignalRecorder.listen(client, SERVICE_INTERFACE, "CollectionDeleted")) {
            collection(SESSION_COLLECTION).Delete();

            SignalRecorder.Received signal = deleted.await(
                    "for the session collection", s -> s.firstArgument().equals(SESSION_COLLECTION));

            assertEquals(SERVICE_PATH, signal.path());
        }
    }

    @Test
    public void deleteThroughAliasPath() throws Exception {
        DBusPath prompt = collection(SESSION_ALIAS).Delete();

        assertEquals(NONE, prompt.getPath());
        assertEquals(NONE, service.ReadAlias("session").getPath());
    }
}
