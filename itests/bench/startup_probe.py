#!/usr/bin/python3
"""Measure how long a Secret Service provider takes to own org.freedesktop.secrets, and its RSS.

Each run gets fresh private HOME and XDG directories. The clock starts just before the provider's
process is created. "owned" is when the bus reports an owner for org.freedesktop.secrets, and
"ready" is when ReadAlias first returns a collection for the alias given with --ready-alias.
VmRSS and VmHWM are read from /proc/PID/status of the name owner a fixed delay after the start.
The launched command should exec the provider (bin/keyport does), so its pid is the owner's.

Bus modes:
  private   the provider starts its own bus at --bus-socket (Keyport without a session bus)
  external  this script starts a dbus-daemon first and passes it in DBUS_SESSION_BUS_ADDRESS
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from jeepney.wrappers import DBusErrorResponse

import dbus_support

SESSION_CONF = "/usr/share/dbus-1/session.conf"
POLL_INTERVAL_SECONDS = 0.001
START_TIMEOUT_SECONDS = 30.0
STOP_TIMEOUT_SECONDS = 15.0


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7, help="number of runs (default 7)")
    parser.add_argument("--bus", choices=("private", "external"), default="private",
                        help="who starts the bus (default private)")
    parser.add_argument("--bus-socket", default="{runtime}/keyport/bus",
                        help="socket of the provider's own bus in private mode; {runtime} is "
                             "XDG_RUNTIME_DIR (default {runtime}/keyport/bus)")
    parser.add_argument("--rss-delay", type=float, default=2.0,
                        help="seconds after the start at which VmRSS is read (default 2)")
    parser.add_argument("--stdin", default=None,
                        help="text written to the provider's standard input, then closed "
                             "(for example a password); default: no input")
    parser.add_argument("--ready-alias", default="session",
                        help="the provider counts as ready once ReadAlias returns a collection for this "
                             "alias (default session)")
    parser.add_argument("--label", default="", help="name of this configuration in the output")
    parser.add_argument("--record", default=None,
                        help="append one JSON line per run to this file instead of printing a table")
    parser.add_argument("--report", default=None,
                        help="print the tables for a file written with --record, and measure nothing")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND ARGS...")
    arguments = parser.parse_args()
    if arguments.command and arguments.command[0] == "--":
        arguments.command = arguments.command[1:]
    if not arguments.command and not arguments.report:
        parser.error("missing the provider command after --")
    if arguments.runs < 1:
        parser.error("--runs must be at least 1")
    return arguments


def make_directories(root):
    """Create private HOME and XDG directories under root and return them by variable name."""
    directories = {}
    for name in ("HOME", "XDG_RUNTIME_DIR", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        path = os.path.join(root, name.lower())
        os.mkdir(path, 0o700)
        directories[name] = path
    return directories


def provider_environment(directories):
    environment = dict(os.environ)
    for name in ("DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY"):
        environment.pop(name, None)
    environment.update(directories)
    return environment


def start_bus_daemon(root):
    """Start a dbus-daemon with the session configuration minus its service directories.

    Without service directories nothing can be activated, so only the provider under test can
    own org.freedesktop.secrets.
    """
    config = os.path.join(root, "bus.conf")
    with open(SESSION_CONF, encoding="utf-8") as source, open(config, "w", encoding="utf-8") as target:
        for line in source:
            if "standard_session_servicedirs" not in line:
                target.write(line)
    socket_path = os.path.join(root, "bus")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--nofork", "--nopidfile", f"--config-file={config}",
         f"--address=unix:path={socket_path}", "--print-address=1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    address = daemon.stdout.readline().strip()
    if not address:
        daemon.kill()
        daemon.wait()
        raise RuntimeError("dbus-daemon exited without printing its address")
    return daemon, address


def wait_for_socket(path, deadline):
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            raise TimeoutError(f"no bus socket at {path} after {START_TIMEOUT_SECONDS} s")
        time.sleep(POLL_INTERVAL_SECONDS)
    while True:
        try:
            return dbus_support.connect(f"unix:path={path}")
        except (ConnectionRefusedError, FileNotFoundError):
            if time.monotonic() > deadline:
                raise
            time.sleep(POLL_INTERVAL_SECONDS)


def wait_for_owner(connection, queue, deadline):
    if dbus_support.name_owner(connection) is not None:
        return
    while True:
        timeout = deadline - time.monotonic()
        if timeout <= 0:
            raise TimeoutError(f"{dbus_support.SECRETS_NAME} not owned after {START_TIMEOUT_SECONDS} s")
        signal_message = connection.recv_until_filtered(queue, timeout=timeout)
        if signal_message.body[2]:
            return


def wait_for_alias(connection, alias, deadline):
    """Poll ReadAlias until the alias names a collection. Until then the call fails or returns '/'."""
    while True:
        try:
            (path,) = dbus_support.call(connection, dbus_support.SERVICE_PATH, "org.freedesktop.Secret.Service",
                                        "ReadAlias", "s", (alias,))
            if path != "/":
                return
        except DBusErrorResponse:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"alias {alias} still names no collection after {START_TIMEOUT_SECONDS} s")
        time.sleep(POLL_INTERVAL_SECONDS)


def processes_mentioning(text):
    """Return the ids of processes whose command line contains text (a unique temp path)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                if text.encode() in cmdline.read():
                    found.append(int(entry))
        except OSError:
            continue
    return found


def stop(process):
    """Send SIGTERM and return the exit status, or None when SIGKILL was needed."""
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=STOP_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return None


def run_once(arguments, root):
    directories = make_directories(root)
    environment = provider_environment(directories)
    bus_daemon = None
    connection = None
    queue = None
    if arguments.bus == "external":
        bus_daemon, address = start_bus_daemon(root)
        environment["DBUS_SESSION_BUS_ADDRESS"] = address
        connection = dbus_support.connect(address)
        queue = dbus_support.watch_name_owner(connection)
    log_path = os.path.join(root, "provider.log")
    result = {}
    try:
        with open(log_path, "wb") as log:
            start = time.monotonic()
            provider = subprocess.Popen(
                arguments.command, env=environment, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.PIPE if arguments.stdin is not None else subprocess.DEVNULL)
            if arguments.stdin is not None:
                provider.stdin.write(arguments.stdin.encode())
                provider.stdin.close()
        try:
            deadline = start + START_TIMEOUT_SECONDS
            if connection is None:
                socket_path = arguments.bus_socket.format(runtime=directories["XDG_RUNTIME_DIR"])
                connection = wait_for_socket(socket_path, deadline)
                queue = dbus_support.watch_name_owner(connection)
            wait_for_owner(connection, queue, deadline)
            result["owned_ms"] = (time.monotonic() - start) * 1000
            wait_for_alias(connection, arguments.ready_alias, deadline)
            result["ready_ms"] = (time.monotonic() - start) * 1000
            owner_pid = dbus_support.owner_pid(connection)
            time.sleep(max(0.0, start + arguments.rss_delay - time.monotonic()))
            if provider.poll() is not None:
                raise RuntimeError(f"provider exited with status {provider.returncode} before the memory reading")
            memory = dbus_support.process_memory_kib(owner_pid)
            result["rss_mib"] = memory["VmRSS"] / 1024
            result["hwm_mib"] = memory["VmHWM"] / 1024
            result["anon_mib"] = memory["RssAnon"] / 1024
            result["file_mib"] = memory["RssFile"] / 1024
            result["same_pid"] = owner_pid == provider.pid
        finally:
            if connection is not None:
                connection.close()
            result["exit"] = stop(provider)
            leftovers = processes_mentioning(root)
            if bus_daemon is not None:
                leftovers = [pid for pid in leftovers if pid != bus_daemon.pid]
                stop(bus_daemon)
            for pid in leftovers:
                os.kill(pid, signal.SIGKILL)
            result["leftovers"] = len(leftovers)
    except Exception:
        with open(log_path, "rb") as log:
            sys.stderr.write(log.read()[-4000:].decode(errors="replace"))
        raise
    return result


def read_load_average():
    with open("/proc/loadavg", encoding="ascii") as loadavg:
        return float(loadavg.read().split()[0])


def measure(arguments):
    """Run the provider --runs times and append one JSON record per run to the --record file."""
    label = arguments.label or " ".join(arguments.command)
    failures = 0
    for _ in range(arguments.runs):
        record = {"label": label, "bus": arguments.bus, "rss_delay": arguments.rss_delay,
                  "ready_alias": arguments.ready_alias, "load": read_load_average()}
        root = tempfile.mkdtemp(prefix="keyport-startup-")
        try:
            record.update(run_once(arguments, root))
        except (OSError, RuntimeError, TimeoutError, DBusErrorResponse) as error:
            failures += 1
            record["error"] = str(error)
        finally:
            shutil.rmtree(root, ignore_errors=True)
        with open(arguments.record, "a", encoding="utf-8") as records:
            records.write(json.dumps(record) + "\n")
        if "error" in record:
            print(f"startup_probe.py: {label}: {record['error']}", file=sys.stderr)
    return failures


def format_exit(status):
    return "killed" if status is None else str(status)


def print_report(path):
    """Print one markdown table per label, in the order the labels first appear in the records."""
    groups = {}
    with open(path, encoding="utf-8") as records:
        for line in records:
            record = json.loads(line)
            groups.setdefault(record["label"], []).append(record)
    for label, records in groups.items():
        loads = [record["load"] for record in records]
        print(f"\n### Startup: {label}\n")
        print(f"Bus: {records[0]['bus']}. Ready: ReadAlias('{records[0]['ready_alias']}') returns a collection. "
              f"VmRSS read {records[0]['rss_delay']:g} s after the start. "
              f"1-minute load average before the runs: {min(loads):.2f} to {max(loads):.2f}.\n")
        print("| run | name owned (ms) | ready (ms) | VmRSS (MiB) | RssAnon (MiB) | RssFile (MiB) "
              "| VmHWM (MiB) | exit | processes left |")
        print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
        passed = []
        for run, record in enumerate(records, start=1):
            if "error" in record:
                print(f"| {run} | failed: {record['error']} | | | | | | | |")
                continue
            passed.append(record)
            if not record["same_pid"]:
                print(f"| {run} | the name owner is not the launched process; its memory is shown | | | | | | | |")
            print(f"| {run} | {record['owned_ms']:.0f} | {record['ready_ms']:.0f} | {record['rss_mib']:.1f} "
                  f"| {record['anon_mib']:.1f} | {record['file_mib']:.1f} | {record['hwm_mib']:.1f} "
                  f"| {format_exit(record['exit'])} | {record['leftovers']} |")
        if passed:
            medians = {key: dbus_support.median([record[key] for record in passed])
                       for key in ("owned_ms", "ready_ms", "rss_mib", "anon_mib", "file_mib", "hwm_mib")}
            print(f"| median | {medians['owned_ms']:.0f} | {medians['ready_ms']:.0f} | {medians['rss_mib']:.1f} "
                  f"| {medians['anon_mib']:.1f} | {medians['file_mib']:.1f} | {medians['hwm_mib']:.1f} | | |")


def main():
    arguments = parse_arguments()
    if arguments.report:
        print_report(arguments.report)
        return
    if arguments.record:
        failures = measure(arguments)
    else:
        handle, arguments.record = tempfile.mkstemp(prefix="keyport-startup-", suffix=".jsonl")
        os.close(handle)
        try:
            failures = measure(arguments)
            print_report(arguments.record)
        finally:
            os.unlink(arguments.record)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
