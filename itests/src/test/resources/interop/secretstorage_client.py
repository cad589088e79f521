"""Drive Keyport through python3-secretstorage and print one "key value" line per step.

Usage: secretstorage_client.py dh|plain TAG

With "dh" the session is the one that secretstorage opens itself, which negotiates
dh-ietf1024-sha256-aes128-cbc-pkcs7. With "plain" the script opens a plain session with jeepney and
hands it to secretstorage. TAG makes the attributes unique to one test run. The JUnit test checks the
printed lines; the script itself asserts nothing.
"""

import sys

import secretstorage
from jeepney import DBusAddress, new_method_call
from secretstorage.dhcrypto import Session
from secretstorage.util import open_session

SERVICE = DBusAddress('/org/freedesktop/secrets', bus_name='org.freedesktop.secrets',
                      interface='org.freedesktop.Secret.Service')


def open_plain_session(connection):
    """Open a plain session through jeepney, as secretstorage does when DH is unavailable."""
    reply = connection.send_and_get_reply(new_method_call(SERVICE, 'OpenSession', 'sv', ('plain', ('s', ''))))
    _output, path = reply.body
    session = Session()
    session.encrypted = False
    session.object_path = path
    return session


def raw_parameters_length(connection, item, session):
    """Return the length of the parameters in the Secret struct that GetSecret returns: the IV length."""
    address = DBusAddress(item.item_path, bus_name='org.freedesktop.secrets',
                          interface='org.freedesktop.Secret.Item')
    reply = connection.send_and_get_reply(new_method_call(address, 'GetSecret', 'o', (session.object_path,)))
    _session, parameters, _value, _content_type = reply.body[0]
    return len(parameters)


def report(key, value):
    print(key, value, flush=True)


def main(algorithm, tag):
    connection = secretstorage.dbus_init()
    session = open_plain_session(connection) if algorithm == 'plain' else open_session(connection)
    report('session-encrypted', session.encrypted)

    collection = secretstorage.get_collection_by_alias(connection, 'session')
    collection.session = session
    report('collection-label', collection.get_label())

    attributes = {'application': 'keyport-itests', 'tag': tag, 'user': 'alice'}
    item = collection.create_item('Interop item', attributes, b'secretstorage-value', replace=True)
    report('created', item.item_path)

    found = list(collection.search_items({'tag': tag}))
    report('found', len(found))
    report('found-service-wide', len(list(secretstorage.search_items(connection, {'tag': tag}))))
    report('secret', found[0].get_secret().decode('utf-8'))
    report('content-type', found[0].get_secret_content_type())
    report('parameters-length', raw_parameters_length(connection, found[0], session))

    replaced = collection.create_item('Replaced item', attributes, b'replaced-value', replace=True)
    report('replaced-same-path', replaced.item_path == item.item_path)
    report('replaced-secret', item.get_secret().decode('utf-8'))

    item.set_label('Renamed item')
    report('label', item.get_label())
    item.set_attributes({'application': 'keyport-itests', 'tag': tag, 'user': 'bob'})
    report('attributes', ','.join(f'{k}={v}' for k, v in sorted(item.get_attributes().items())))
    report('found-bob', len(list(collection.search_items({'tag': tag, 'user': 'bob'}))))
    report('found-alice', len(list(collection.search_items({'tag': tag, 'user': 'alice'}))))

    binary = bytes(range(256))
    binary_item = collection.create_item('Binary item', {'tag': tag, 'kind': 'binary'}, binary,
                                         content_type='application/octet-stream')
    report('binary-equal', binary_item.get_secret() == binary)
    report('binary-content-type', binary_item.get_secret_content_type())

    item.delete()
    binary_item.delete()
    report('found-after-delete', len(list(collection.search_items({'tag': tag}))))
    connection.close()


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
