"""Blocking D-Bus helpers shared by the benchmark scripts (jeepney, unix sockets only)."""

import math
import statistics

from jeepney import DBusAddress, MatchRule, message_bus, new_method_call
from jeepney.io.blocking import open_dbus_connection
from jeepney.wrappers import DBusErrorResponse, unwrap_msg

SECRETS_NAME = "org.freedesktop.secrets"
SERVICE_PATH = "/org/freedesktop/secrets"
CALL_TIMEOUT_SECONDS = 60.0


def connect(address):
    """Open a connection to the bus at a D-Bus address such as 'unix:path=/run/bus'."""
    return open_dbus_connection(bus=address, auth_timeout=5.0)


def call(connection, path, interface, method, signature=None, body=(), destination=SECRETS_NAME):
    """Call a method and return the reply body. A D-Bus error reply raises DBusErrorResponse."""
    address = DBusAddress(path, destination, interface)
    message = new_method_call(address, method, signature, body)
    return unwrap_msg(connection.send_and_get_reply(message, timeout=CALL_TIMEOUT_SECONDS))


def call_bus(connection, message):
    """Send a message built by jeepney's message_bus generator and return the reply body."""
    return unwrap_msg(connection.send_and_get_reply(message, timeout=CALL_TIMEOUT_SECONDS))


def name_owner(connection, name=SECRETS_NAME):
    """Return the unique name that owns a well-known name, or None when the name has no owner."""
    try:
        return call_bus(connection, message_bus.GetNameOwner(name))[0]
    except DBusErrorResponse as error:
        if error.name == "org.freedesktop.DBus.Error.NameHasNoOwner":
            return None
        raise


def owner_pid(connection, name=SECRETS_NAME):
    """Return the process id of the connection that owns a name, as the bus daemon reports it."""
    owner = name_owner(connection, name)
    if owner is None:
        raise RuntimeError(f"{name} has no owner on this bus")
    return call_bus(connection, message_bus.GetConnectionUnixProcessID(owner))[0]


def watch_name_owner(connection, name=SECRETS_NAME):
    """Subscribe to NameOwnerChanged for one name and return the queue its signals arrive in."""
    rule = MatchRule(type="signal", sender="org.freedesktop.DBus", interface="org.freedesktop.DBus",
                     member="NameOwnerChanged", path="/org/freedesktop/DBus")
    rule.add_arg_condition(0, name)
    handle = connection.filter(rule, bufsize=16)
    call_bus(connection, message_bus.AddMatch(rule))
    return handle.queue


def process_memory_kib(pid):
    """Return VmRSS, VmHWM, RssAnon and RssFile of a process in KiB, read from /proc/PID/status."""
    values = {}
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                values[key] = int(rest.split()[0])
    return values


def median(samples):
    return statistics.median(samples)


def percentile(samples, fraction):
    """Return the nearest-rank percentile, for example fraction=0.99 for p99."""
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]
