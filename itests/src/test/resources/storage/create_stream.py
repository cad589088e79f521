"""Streams CreateItem calls into one collection until the Secret Service stops replying.

Usage: create_stream.py COLLECTION_PATH PREFIX

Keeps WINDOW calls outstanding at once, so that the daemon handles several creates at the same time.
Each item gets the attribute "crash-id" = PREFIX-N and a random text secret. As soon as a success reply
arrives, it prints "ACK <crash-id> <item path> <secret>" and flushes, so a line on standard output means
the daemon acknowledged that item. The first error reply, such as NoReply when the daemon was killed,
ends the stream with "END <error name>".
"""

import os
import sys

import secretstorage
from jeepney import DBusAddress, HeaderFields, MessageType, new_method_call
from secretstorage.util import BUS_NAME, format_secret, open_session

WINDOW = 8
COLLECTION_IFACE = "org.freedesktop.Secret.Collection"
ITEM_PREFIX = "org.freedesktop.Secret.Item."


def create_call(collection, session, crash_id, secret):
    properties = {
        ITEM_PREFIX + "Label": ("s", crash_id),
        ITEM_PREFIX + "Attributes": ("a{ss}", {"crash-id": crash_id}),
    }
    secret_struct = format_secret(session, secret.encode("ascii"), "text/plain")
    return new_method_call(collection, "CreateItem", "a{sv}(oayays)b", (properties, secret_struct, False))


def main():
    collection_path, prefix = sys.argv[1], sys.argv[2]
    connection = secretstorage.dbus_init()
    session = open_session(connection)
    collection = DBusAddress(collection_path, BUS_NAME, COLLECTION_IFACE)
    outstanding = {}
    number = 0
    while True:
        while len(outstanding) < WINDOW:
            number += 1
            crash_id = "%s-%d" % (prefix, number)
            secret = os.urandom(12).hex()
            serial = next(connection.outgoing_serial)
            connection.send(create_call(collection, session, crash_id, secret), serial=serial)
            outstanding[serial] = (crash_id, secret)
        message = connection.receive()
        call = outstanding.pop(message.header.fields.get(HeaderFields.reply_serial), None)
        if call is None:
            continue
        if message.header.message_type == MessageType.error:
            print("END %s" % message.header.fields.get(HeaderFields.error_name), flush=True)
            return
        item_path, _prompt = message.body
        print("ACK %s %s %s" % (call[0], item_path, call[1]), flush=True)


if __name__ == "__main__":
    main()
