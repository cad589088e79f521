"""Drive Keyport through python3-keyring's SecretService backend and print one "key value" line per step.

Usage: keyring_client.py SERVICE USERNAME PASSWORD

The backend stores in the default collection, which the JUnit test points at the session collection
with SetAlias first. The JUnit test checks the printed lines; the script itself asserts nothing.
"""

import sys

import secretstorage
from keyring.backends import SecretService


def report(key, value):
    print(key, value, flush=True)


def stored_attributes(service, username):
    """Return the attributes of the item that keyring stored, read back through secretstorage."""
    connection = secretstorage.dbus_init()
    items = list(secretstorage.get_default_collection(connection).search_items(
        {'service': service, 'username': username}))
    attributes = ','.join(f'{k}={v}' for k, v in sorted(items[0].get_attributes().items())) if items else ''
    connection.close()
    return len(items), attributes


def main(service, username, password):
    backend = SecretService.Keyring()
    report('priority', backend.priority)

    backend.set_password(service, username, password)
    report('get', backend.get_password(service, username))
    count, attributes = stored_attributes(service, username)
    report('items', count)
    report('attributes', attributes)

    backend.set_password(service, username, password + '-changed')
    report('get-after-change', backend.get_password(service, username))
    report('items-after-change', stored_attributes(service, username)[0])

    backend.delete_password(service, username)
    report('get-after-delete', backend.get_password(service, username))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], sys.argv[3])
