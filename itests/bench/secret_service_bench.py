#!/usr/bin/python3
"""Measure the Secret Service provider that owns org.freedesktop.secrets on the session bus.

Drives whichever provider owns the name on the bus in DBUS_SESSION_BUS_ADDRESS (Keyport,
gnome-keyring, ...) through one jeepney connection, so every latency includes this Python client's
own cost. The bus daemon's Peer.Ping, measured the same way, is the floor. Items are created in
the collection given with --collection, tagged with a per-run attribute, and deleted again.
Prints markdown tables; these are measurements, nothing is asserted.
"""

import argparse
import json
import os
import random
import sys
import time
import uuid

from jeepney import DBusAddress, new_method_call
from jeepney.wrappers import DBusErrorResponse, unwrap_msg

import dbus_support
from transfer_session import DH_AES, PLAIN, DhKeyPair, TransferSession

SERVICE = "org.freedesktop.Secret.Service"
COLLECTION = "org.freedesktop.Secret.Collection"
ITEM = "org.freedesktop.Secret.Item"
SESSION = "org.freedesktop.Secret.Session"
PROPERTIES = "org.freedesktop.DBus.Properties"
PEER = "org.freedesktop.DBus.Peer"
NO_PROMPT = "/"
BATCH_SIZE = 100
WARMUP_CALLS = 50


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--collection", default="/org/freedesktop/secrets/aliases/session",
                        help="object path of the collection, or an alias name such as 'default' "
                             "(default /org/freedesktop/secrets/aliases/session)")
    parser.add_argument("--sizes", default="100,1000",
                        help="comma-separated item counts to fill the collection with (default 100,1000)")
    parser.add_argument("--large", action="store_true", help="add 10000 to --sizes")
    parser.add_argument("--pings", type=int, default=2000, help="Peer.Ping calls per target (default 2000)")
    parser.add_argument("--sessions", type=int, default=200,
                        help="OpenSession calls per algorithm (default 200)")
    parser.add_argument("--samples", type=int, default=500,
                        help="SearchItems and GetSecret calls per algorithm and size (default 500)")
    parser.add_argument("--batches", type=int, default=30,
                        help=f"GetSecrets calls of {BATCH_SIZE} items per algorithm and size (default 30)")
    parser.add_argument("--label", default="", help="name of the provider in the output")
    parser.add_argument("--json", default=None, help="also write the rows to this JSON file")
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.sizes.split(",") if size]
    if arguments.large and 10000 not in sizes:
        sizes.append(10000)
    arguments.sizes = sorted(sizes)
    if not arguments.collection.startswith("/"):
        arguments.collection = f"/org/freedesktop/secrets/aliases/{arguments.collection}"
    for name in ("pings", "sessions", "samples", "batches"):
        if getattr(arguments, name) < 1:
            parser.error(f"--{name} must be at least 1")
    if any(size < BATCH_SIZE for size in arguments.sizes):
        parser.error(f"every size must be at least {BATCH_SIZE}, the GetSecrets batch")
    return arguments


def message(path, interface, method, signature=None, body=(), destination=dbus_support.SECRETS_NAME):
    return new_method_call(DBusAddress(path, destination, interface), method, signature, body)


class Bench:
    """One benchmark run against the provider on one bus connection."""

    def __init__(self, connection, arguments):
        self.connection = connection
        self.arguments = arguments
        self.collection = arguments.collection
        self.run_id = uuid.uuid4().hex[:12]
        self.random = random.Random(20261204)
        self.rows = []
        self.provider_pid = dbus_support.owner_pid(connection)
        self.sessions = {}
        self.bus_ping = message("/org/freedesktop/DBus", PEER, "Ping", destination="org.freedesktop.DBus")

    # Calls and records

    def timed(self, request):
        """Send a prepared method call and return its reply body and round trip in microseconds."""
        start = time.perf_counter_ns()
        reply = self.connection.send_and_get_reply(request, timeout=dbus_support.CALL_TIMEOUT_SECONDS)
        elapsed = (time.perf_counter_ns() - start) / 1000
        return unwrap_msg(reply), elapsed

    def call(self, path, interface, method, signature=None, body=()):
        return dbus_support.call(self.connection, path, interface, method, signature, body)

    def record(self, name, items, samples_us, unit="µs", errors=0, ping_samples_us=None):
        scale = 1000 if unit == "ms" else 1
        row = {"measurement": name, "items": items, "unit": unit, "samples": len(samples_us),
               "median": dbus_support.median(samples_us) / scale,
               "p99": dbus_support.percentile(samples_us, 0.99) / scale, "errors": errors,
               "ping_ratio": None}
        if ping_samples_us:
            row["ping_ratio"] = dbus_support.median(samples_us) / dbus_support.median(ping_samples_us)
        self.rows.append(row)
        print(f"  {name} ({items} items): median {row['median']:.1f} {unit}, p99 {row['p99']:.1f} {unit}",
              file=sys.stderr, flush=True)

    def record_rate(self, name, items, count, elapsed_us):
        row = {"measurement": name, "items": items, "unit": "/s", "samples": count,
               "median": count / (elapsed_us / 1e6), "p99": None, "errors": 0, "ping_ratio": None}
        self.rows.append(row)
        print(f"  {name} ({items} items): {row['median']:.0f}/s", file=sys.stderr, flush=True)

    def record_memory(self, name, items, field):
        """Record one field of the provider's /proc/PID/status, such as VmRSS, in MiB."""
        memory = dbus_support.process_memory_kib(self.provider_pid)
        self.rows.append({"measurement": name, "items": items, "unit": "MiB", "samples": 1,
                          "median": memory[field] / 1024, "p99": None, "errors": 0, "ping_ratio": None})

    def repeat(self, name, items, requests, check=None, unit="µs"):
        """Time each prepared request. check(reply, index) returns False for a wrong reply.

        A bus daemon Peer.Ping precedes every timed request, so the ratio to the bus round trip
        compares calls made under the same load.
        """
        for request in requests[:WARMUP_CALLS]:
            self.timed(request)
        samples = []
        ping_samples = []
        errors = 0
        for index, request in enumerate(requests):
            ping_samples.append(self.timed(self.bus_ping)[1])
            reply, elapsed = self.timed(request)
            samples.append(elapsed)
            if check is not None and not check(reply, index):
                errors += 1
        self.record(name, items, samples, unit, errors, ping_samples)

    # Sessions

    def open_session(self, algorithm):
        """Open a session and return it with the OpenSession round trip alone, in microseconds."""
        if algorithm == PLAIN:
            (output, path), elapsed = self.timed(
                message(dbus_support.SERVICE_PATH, SERVICE, "OpenSession", "sv", (PLAIN, ("s", ""))))
            return TransferSession(path), elapsed
        key_pair = DhKeyPair()
        (output, path), elapsed = self.timed(
            message(dbus_support.SERVICE_PATH, SERVICE, "OpenSession", "sv", (DH_AES, ("ay", key_pair.public_bytes))))
        return TransferSession(path, key_pair.derive_aes_key(output[1])), elapsed

    def close_session(self, session):
        self.call(session.path, SESSION, "Close")

    # Measurements

    def measure_floors(self):
        count = self.arguments.pings
        self.repeat("bus daemon Peer.Ping", 0, [self.bus_ping] * count)
        provider_ping = message(dbus_support.SERVICE_PATH, PEER, "Ping")
        self.repeat("provider Peer.Ping", 0, [provider_ping] * count)

    def measure_open_session(self):
        for algorithm in (PLAIN, DH_AES):
            for _ in range(min(WARMUP_CALLS, self.arguments.sessions)):
                session, _ = self.open_session(algorithm)
                self.close_session(session)
            samples = []
            ping_samples = []
            for _ in range(self.arguments.sessions):
                ping_samples.append(self.timed(self.bus_ping)[1])
                session, elapsed = self.open_session(algorithm)
                samples.append(elapsed)
                self.close_session(session)
            self.record(f"OpenSession {algorithm}", 0, samples, ping_samples_us=ping_samples)
        key_samples = []
        for _ in range(self.arguments.sessions):
            start = time.perf_counter_ns()
            DhKeyPair()
            key_samples.append((time.perf_counter_ns() - start) / 1000)
        self.record("client DH key pair, not part of OpenSession above", 0, key_samples)

    def item_attributes(self, index):
        return {"bench-run": self.run_id, "bench-item": f"{self.run_id}-{index}",
                "service": "keyport-bench", "username": f"user{index}"}

    def secret_value(self, index):
        return f"secret-{self.run_id}-{index}".encode()

    def create_items(self, count, session):
        """Create count items. Return their paths and the summed round trips in microseconds."""
        paths = []
        total = 0.0
        for index in range(count):
            attributes = self.item_attributes(index)
            properties = {f"{ITEM}.Label": ("s", f"keyport-bench {index}"),
                          f"{ITEM}.Attributes": ("a{ss}", attributes)}
            parameters, value = session.encode(self.secret_value(index))
            request = message(self.collection, COLLECTION, "CreateItem", "a{sv}(oayays)b",
                              (properties, (session.path, parameters, value, "text/plain"), False))
            (path, prompt), elapsed = self.timed(request)
            if prompt != NO_PROMPT:
                raise RuntimeError(f"CreateItem returned prompt {prompt}, but this benchmark cannot complete "
                                   "prompts")
            total += elapsed
            paths.append(path)
        return paths, total

    def delete_items(self, paths):
        total = 0.0
        for path in paths:
            (prompt,), elapsed = self.timed(message(path, ITEM, "Delete"))
            if prompt != NO_PROMPT:
                raise RuntimeError(f"Delete returned prompt {prompt}, but this benchmark cannot complete prompts")
            total += elapsed
        return total

    def measure_size(self, count):
        print(f"{count} items:", file=sys.stderr, flush=True)
        paths, elapsed = self.create_items(count, self.sessions[PLAIN])
        self.record_rate(f"CreateItem, {PLAIN} session", count, count, elapsed)
        deleted_time = self.delete_items(paths)
        paths, elapsed = self.create_items(count, self.sessions[DH_AES])
        self.record_rate(f"CreateItem, {DH_AES} session", count, count, elapsed)

        picks = [self.random.randrange(count) for _ in range(self.arguments.samples)]
        searches = [message(self.collection, COLLECTION, "SearchItems", "a{ss}",
                            ({"bench-item": f"{self.run_id}-{index}"},)) for index in picks]
        self.repeat("Collection.SearchItems, 1 attribute, 1 hit", count, searches,
                    lambda reply, i: list(reply[0]) == [paths[picks[i]]])
        service_searches = [message(dbus_support.SERVICE_PATH, SERVICE, "SearchItems", "a{ss}",
                                    ({"bench-item": f"{self.run_id}-{index}"},)) for index in picks]
        self.repeat("Service.SearchItems, 1 attribute, 1 hit", count, service_searches,
                    lambda reply, i: list(reply[0]) == [paths[picks[i]]] and not reply[1])

        for algorithm in (PLAIN, DH_AES):
            session = self.sessions[algorithm]
            requests = [message(paths[index], ITEM, "GetSecret", "o", (session.path,)) for index in picks]
            self.repeat(f"GetSecret, {algorithm}", count, requests,
                        lambda reply, i, s=session: self.secret_matches(s, reply[0], picks[i]))

        batches = []
        for _ in range(self.arguments.batches):
            start = self.random.randrange(count - BATCH_SIZE + 1)
            batches.append(list(range(start, start + BATCH_SIZE)))
        for algorithm in (PLAIN, DH_AES):
            session = self.sessions[algorithm]
            requests = [message(dbus_support.SERVICE_PATH, SERVICE, "GetSecrets", "aoo",
                                ([paths[index] for index in batch], session.path)) for batch in batches]
            self.repeat(f"GetSecrets of {BATCH_SIZE}, {algorithm}", count, requests,
                        lambda reply, i, s=session: self.batch_matches(s, reply[0], batches[i], paths), unit="ms")

        self.record_memory("provider VmRSS", count, "VmRSS")
        deleted_time += self.delete_items(paths)
        self.record_rate("Item.Delete", count, 2 * count, deleted_time)

    def secret_matches(self, session, secret, index):
        return session.decode(secret[1], secret[2]) == self.secret_value(index)

    def batch_matches(self, session, secrets, batch, paths):
        if len(secrets) != len(batch):
            return False
        return all(self.secret_matches(session, secrets[paths[index]], index) for index in batch)

    def delete_leftovers(self):
        """Delete items of this run that an interrupted measurement left in the collection."""
        (found,) = self.call(self.collection, COLLECTION, "SearchItems", "a{ss}", ({"bench-run": self.run_id},))
        for path in found[:20000]:
            self.call(path, ITEM, "Delete")
        return len(found)

    def run(self):
        self.measure_floors()
        self.measure_open_session()
        for algorithm in (PLAIN, DH_AES):
            self.sessions[algorithm], _ = self.open_session(algorithm)
        try:
            for count in self.arguments.sizes:
                self.measure_size(count)
        finally:
            left = self.delete_leftovers()
            if left:
                print(f"Deleted {left} items that an interrupted run left behind", file=sys.stderr)
            for session in self.sessions.values():
                self.close_session(session)
        self.record_memory("provider VmHWM, peak since it started", max(self.arguments.sizes), "VmHWM")


def describe_provider(connection, pid, collection):
    executable = os.readlink(f"/proc/{pid}/exe")
    with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
        arguments = cmdline.read().split(b"\0")
    main_class = next((a.decode() for a in arguments if a.startswith(b"io.keyport")), "")
    label, = dbus_support.call(connection, collection, PROPERTIES, "Get", "ss", (COLLECTION, "Label"))
    locked, = dbus_support.call(connection, collection, PROPERTIES, "Get", "ss", (COLLECTION, "Locked"))
    items, = dbus_support.call(connection, collection, PROPERTIES, "Get", "ss", (COLLECTION, "Items"))
    return {"pid": pid, "executable": f"{executable} {main_class}".strip(), "collection": collection,
            "label": label[1], "locked": locked[1], "items_before": len(items[1])}


def read_load_average():
    with open("/proc/loadavg", encoding="ascii") as loadavg:
        return loadavg.read().split()[0]


def format_number(value):
    if value is None:
        return ""
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}"


def print_table(title, info, rows):
    print(f"\n### {title}\n")
    print(f"Provider pid {info['pid']} ({info['executable']}); collection {info['collection']} "
          f"(Label '{info['label']}', {info['items_before']} items before the run). "
          f"Bus: {os.environ.get('DBUS_SESSION_BUS_ADDRESS', '')}. "
          f"{WARMUP_CALLS} untimed calls precede each latency loop. "
          f"1-minute load average at the start and the end: {info['load_start']} and {info['load_end']}.\n")
    print("| measurement | items in collection | median | p99 | unit | median ÷ bus Ping | samples "
          "| wrong replies |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in rows:
        ratio = "" if row["ping_ratio"] is None else f"{row['ping_ratio']:.2f}"
        print(f"| {row['measurement']} | {row['items']:,} | {format_number(row['median'])} "
              f"| {format_number(row['p99'])} | {row['unit']} | {ratio} | {row['samples']:,} | {row['errors']} |")


def main():
    arguments = parse_arguments()
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        sys.exit("secret_service_bench.py: DBUS_SESSION_BUS_ADDRESS is not set; point it at the provider's bus")
    connection = dbus_support.connect(os.environ["DBUS_SESSION_BUS_ADDRESS"])
    try:
        bench = Bench(connection, arguments)
        info = describe_provider(connection, bench.provider_pid, arguments.collection)
        if info["locked"]:
            sys.exit(f"secret_service_bench.py: collection {arguments.collection} is locked; unlock it first")
        started = time.time()
        info["load_start"] = read_load_average()
        bench.run()
        info["load_end"] = read_load_average()
        info["seconds"] = round(time.time() - started, 1)
    except (DBusErrorResponse, RuntimeError) as error:
        sys.exit(f"secret_service_bench.py: {error}")
    finally:
        connection.close()
    title = arguments.label or info["executable"]
    print_table(f"{title}: {arguments.collection}", info, bench.rows)
    print(f"\nDuration: {info['seconds']} s.")
    if arguments.json:
        with open(arguments.json, "w", encoding="utf-8") as output:
            json.dump({"label": title, "provider": info, "rows": bench.rows}, output, indent=1)


if __name__ == "__main__":
    main()
