"""Hold one Secret Service session open and store and read in the session collection on request.

Usage: session_client.py TAG

The script opens a DH session with python3-secretstorage, prints "ready SESSION_PATH", then reads
commands from standard input, one per line, and prints one reply line for each:

  store N  ->  "stored N" after storing secret "value-N" under attributes {tag: TAG, n: N}
  read N   ->  "read N VALUE" with the secret found under {tag: TAG, n: N}, or "missing N"

Any failure prints "error N MESSAGE". The session stays the same for the whole run, so a reply after
the Java test changed plugins shows that the session survived.
"""

import sys

import secretstorage
from secretstorage.util import open_session


def main(tag):
    connection = secretstorage.dbus_init()
    session = open_session(connection)
    collection = secretstorage.Collection(connection, '/org/freedesktop/secrets/collection/session', session)
    print('ready', session.object_path, flush=True)
    for line in sys.stdin:
        command, number = line.split()
        attributes = {'tag': tag, 'n': number}
        try:
            if command == 'store':
                collection.create_item('Plugin test ' + number, attributes, ('value-' + number).encode(),
                                       replace=True)
                print('stored', number, flush=True)
            else:
                items = list(collection.search_items(attributes))
                if not items:
                    print('missing', number, flush=True)
                else:
                    items[0].session = session
                    print('read', number, items[0].get_secret().decode(), flush=True)
        except Exception as error:  # noqa: BLE001 - the Java test reads every failure as a line
            print('error', number, type(error).__name__, str(error).replace('\n', ' '), flush=True)


if __name__ == '__main__':
    main(sys.argv[1])
