"""A Secret Service client that a test drives over standard input, one JSON request per line.

It runs on python3-secretstorage and jeepney against the bus in DBUS_SESSION_BUS_ADDRESS. It opens one
session at start and uses it for every request, so a test can check that a session survives changes in
the daemon. Each request gets one JSON reply line: the result fields, or {"error": "..."} when the call
failed. The first line is {"ready": true, "unique_name": ...} once the session is open.

Requests ("op" and its fields):
  store             collection (path), label, attributes, secret (base64), content_type, replace
  search            attributes; returns every match with its secret when its collection is unlocked
  verify            collection (path), entries [{attributes, secret, path}]; returns the entries not found,
                    those whose secret is not among the matches, and those found elsewhere or more than once
  collections       returns the path, label and lock state of every collection
  locked            collection (path)
  create_collection label; blocks until the prompt completes
  await_signal      member, path, timeout (s); waits for a Secret.Service signal naming path
"""

import base64
import collections
import json
import sys
import time

import secretstorage
from jeepney import HeaderFields, MatchRule, MessageType
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import Proxy
from jeepney.wrappers import DBusErrorResponse
from secretstorage.exceptions import SecretStorageException
from secretstorage.util import BUS_NAME, SERVICE_IFACE, DBusAddressWrapper, open_session

SERVICE_PATH = "/org/freedesktop/secrets"


class Client:
    def __init__(self):
        self.connection = secretstorage.dbus_init()
        Proxy(message_bus, self.connection).AddMatch(
            MatchRule(type=MessageType.signal, sender=BUS_NAME, interface=SERVICE_IFACE)
        )
        self.signals = collections.deque()
        # The local rule names no sender, because signals carry the daemon's unique name, not BUS_NAME.
        # It stays registered for the whole run, so signals that arrive while a call waits land here.
        self.connection.filter(MatchRule(type=MessageType.signal, interface=SERVICE_IFACE), queue=self.signals)
        self.received = []
        self.session = open_session(self.connection)

    def collection(self, path):
        return secretstorage.Collection(self.connection, path, session=self.session)

    def store(self, request):
        item = self.collection(request["collection"]).create_item(
            request["label"],
            request["attributes"],
            base64.b64decode(request["secret"]),
            replace=request.get("replace", False),
            content_type=request.get("content_type", "text/plain"),
        )
        return {"path": item.item_path}

    def search(self, request):
        service = DBusAddressWrapper(SERVICE_PATH, SERVICE_IFACE, self.connection)
        unlocked, locked = service.call("SearchItems", "a{ss}", request["attributes"])
        items = []
        for path in unlocked:
            item = secretstorage.Item(self.connection, path, self.session)
            items.append({
                "path": path,
                "locked": False,
                "secret": base64.b64encode(item.get_secret()).decode("ascii"),
                "content_type": item.get_secret_content_type(),
            })
        items.extend({"path": path, "locked": True} for path in locked)
        return {"items": items}

    def verify(self, request):
        collection = self.collection(request["collection"])
        missing = []
        wrong = []
        moved = []
        for entry in request["entries"]:
            matches = list(collection.search_items(entry["attributes"]))
            if not matches:
                missing.append(entry["attributes"])
                continue
            if [item.item_path for item in matches] != [entry["path"]]:
                moved.append({"expected": entry["path"], "found": [item.item_path for item in matches]})
            secrets = [base64.b64encode(item.get_secret()).decode("ascii") for item in matches]
            if entry["secret"] not in secrets:
                wrong.append(entry["attributes"])
        return {"checked": len(request["entries"]), "missing": missing, "wrong": wrong, "moved": moved}

    def collections(self, request):
        service = DBusAddressWrapper(SERVICE_PATH, SERVICE_IFACE, self.connection)
        found = []
        for path in service.get_property("Collections"):
            collection = self.collection(path)
            found.append({"path": path, "label": collection.get_label(), "locked": collection.is_locked()})
        return {"collections": found}

    def locked(self, request):
        return {"locked": self.collection(request["collection"]).is_locked()}

    def create_collection(self, request):
        collection = secretstorage.create_collection(self.connection, request["label"], session=self.session)
        return {"path": collection.collection_path}

    def await_signal(self, request):
        deadline = time.monotonic() + request["timeout"]
        while True:
            while self.signals:
                message = self.signals.popleft()
                self.received.append((message.header.fields.get(HeaderFields.member), message.body[0]))
            if (request["member"], request["path"]) in self.received:
                self.received.remove((request["member"], request["path"]))
                return {"received": True}
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return {"received": False, "seen": [list(signal) for signal in self.received]}
            try:
                self.connection.recv_messages(timeout=remaining)
            except TimeoutError:
                pass


def main():
    client = Client()
    reply({"ready": True, "unique_name": client.connection.unique_name})
    for line in sys.stdin:
        request = json.loads(line)
        try:
            reply(getattr(client, request["op"])(request))
        except DBusErrorResponse as e:
            reply({"error": "%s: %s" % (e.name, e.data)})
        except SecretStorageException as e:
            cause = e.__cause__
            name = cause.name if isinstance(cause, DBusErrorResponse) else type(e).__name__
            reply({"error": "%s: %s" % (name, e)})


def reply(fields):
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
