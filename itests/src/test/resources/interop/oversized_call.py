"""Sends Keyport one CreateCollection call whose label is argv[1] MiB long and prints what came back.

Prints "reply ERROR_NAME" for an error reply, "reply ok" for a method return, or "reply none" when no reply
arrived within argv[2] seconds.
"""
import sys

from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import open_dbus_connection

size = int(sys.argv[1]) * 1024 * 1024
timeout = float(sys.argv[2])
service = DBusAddress('/org/freedesktop/secrets', bus_name='org.freedesktop.secrets',
                      interface='org.freedesktop.Secret.Service')
call = new_method_call(service, 'CreateCollection', 'a{sv}s',
                       ({'org.freedesktop.Secret.Collection.Label': ('s', 'x' * size)}, ''))
with open_dbus_connection(bus='SESSION') as connection:
    try:
        reply = connection.send_and_get_reply(call, timeout=timeout)
    except TimeoutError:
        print('reply none')
    else:
        error = reply.header.fields.get(4)
        print('reply ' + (error if error else 'ok'))
