#!/bin/sh
# Runs secret_service_bench.py against Keyport and against gnome-keyring, each on its own private
# dbus-daemon with private HOME and XDG directories, then runs startup.sh. Prints markdown.
set -eu

usage() {
    cat <<'EOF'
Usage: itests/bench/compare.sh [OPTIONS]

Options:
  --home DIR        Keyport distribution to measure (default distribution/target/keyport)
  --large           also fill the in-memory session collections with 10,000 items (about 30 more
                    minutes, nearly all of it gnome-keyring's). The persistent collections always
                    stop at 1,000 items, because gnome-keyring's login collection fills more
                    slowly the larger it gets (54 items/s at 1,000 items on a 2-CPU machine).
  --quick           fewer samples per measurement, for trying the scripts out
  -n, --runs N      startup.sh runs per configuration (default 7)
  --no-startup      skip startup.sh
  -h, --help        show this help

Both providers get a copy of the same dbus-daemon configuration: Debian's session.conf without
its service directories, so nothing on the bus can be activated.
EOF
}

bench_dir=$(cd "$(dirname "$0")" && pwd)
repo_dir=$(cd "$bench_dir/../.." && pwd)
python=/usr/bin/python3
# Keeps the imported helper modules from leaving __pycache__ directories in the work tree.
export PYTHONDONTWRITEBYTECODE=1
home=$repo_dir/distribution/target/keyport
large=false
sample_options=
runs=7
startup=true

while [ $# -gt 0 ]; do
    case $1 in
        --home) home=$2; shift 2 ;;
        --large) large=true; shift ;;
        --quick) sample_options="--pings 300 --sessions 30 --samples 100 --batches 5"; shift ;;
        -n | --runs) runs=$2; shift 2 ;;
        --no-startup) startup=false; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "compare.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done

if [ ! -x "$home/bin/keyport" ]; then
    echo "compare.sh: no distribution at $home; build it with ./keyport build" >&2
    exit 2
fi
for tool in dbus-daemon dbus-send gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null; then
        echo "compare.sh: $tool is missing (Debian: apt install dbus-daemon dbus-bin gnome-keyring)" >&2
        exit 2
    fi
done

work=$(mktemp -d /tmp/keyport-compare-XXXXXX)
started_pids=

stop_started() {
    for pid in $started_pids; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in $started_pids; do
        wait "$pid" 2>/dev/null || true
    done
    started_pids=
}
trap 'stop_started; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

cp -a "$home" "$work/keyport"
# bin/keyport ignores a class-data archive made for another path, so the copy gets its own.
if [ -f "$home/lib/keyport.jsa" ] && [ -x "$work/keyport/bin/create-cds-archive" ]; then
    "$work/keyport/bin/create-cds-archive" >"$work/archive.log" 2>&1 || cat "$work/archive.log" >&2
fi
password_file=$work/password
(umask 077 && printf %s keyport-bench >"$password_file")

# Creates private HOME and XDG directories under $work/$1 and starts a dbus-daemon there.
# Sets bus_address and bus_pid.
start_bus() {
    root=$work/$1
    mkdir -p "$root/home" "$root/data" "$root/config" "$root/cache" "$root/runtime"
    chmod 700 "$root/runtime"
    grep -v standard_session_servicedirs /usr/share/dbus-1/session.conf >"$root/bus.conf"
    dbus-daemon --nofork --nopidfile --config-file="$root/bus.conf" --address="unix:path=$root/bus" \
        --print-address=1 >"$root/bus.address" 2>"$root/bus.log" &
    bus_pid=$!
    started_pids="$bus_pid $started_pids"
    tries=0
    while [ ! -s "$root/bus.address" ]; do
        tries=$((tries + 1))
        if [ "$tries" -gt 500 ]; then
            echo "compare.sh: timed out waiting for the address of dbus-daemon; see $root/bus.log" >&2
            exit 1
        fi
        sleep 0.01
    done
    bus_address=$(head -n 1 "$root/bus.address")
}

# Runs the command in $2... with the private directories of $work/$1 and the bus in bus_address,
# standard input from $provider_input. Sets provider_pid.
start_provider() {
    root=$work/$1
    shift
    env -u DISPLAY -u WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS="$bus_address" HOME="$root/home" \
        XDG_RUNTIME_DIR="$root/runtime" XDG_DATA_HOME="$root/data" XDG_CONFIG_HOME="$root/config" \
        XDG_CACHE_HOME="$root/cache" "$@" <"$provider_input" >"$root/provider.log" 2>&1 &
    provider_pid=$!
    started_pids="$provider_pid $started_pids"
}

# Waits until the collection at path $1 replies to Properties.Get on the bus in bus_address.
wait_for_collection() {
    tries=0
    until dbus-send --bus="$bus_address" --print-reply=literal --dest=org.freedesktop.secrets "$1" \
        org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Label \
        >/dev/null 2>&1; do
        tries=$((tries + 1))
        if ! kill -0 "$provider_pid" 2>/dev/null || [ "$tries" -gt 300 ]; then
            echo "compare.sh: no collection at $1 on $bus_address after 30 s; see $root/provider.log" >&2
            return 1
        fi
        sleep 0.1
    done
}

# Stops the provider and the bus that start_bus and start_provider started, and prints the
# provider's exit status.
stop_provider_and_bus() {
    kill -TERM "$provider_pid" 2>/dev/null || true
    status=0
    wait "$provider_pid" || status=$?
    kill -TERM "$bus_pid"
    wait "$bus_pid" || true
    started_pids=
    echo
    echo "$1 exited with status $status after SIGTERM."
}

# Runs the benchmark against the collection in $1 with the item counts in $2, labelled $3, and
# keeps its rows in $work/$4.json.
bench() {
    # shellcheck disable=SC2086
    DBUS_SESSION_BUS_ADDRESS=$bus_address "$python" "$bench_dir/secret_service_bench.py" \
        --collection "$1" --sizes "$2" --label "$3" --json "$work/$4.json" $sample_options
}

session_sizes=100,1000
if [ "$large" = true ]; then
    session_sizes=100,1000,10000
fi
session_collection=/org/freedesktop/secrets/aliases/session
default_collection=/org/freedesktop/secrets/aliases/default

echo "# Keyport and gnome-keyring side by side"
echo
echo "Machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(free -h | awk '/^Mem:/ {print $2}') RAM." \
    "JDK: $(java -version 2>&1 | sed -n 2p). gnome-keyring $(gnome-keyring-daemon --version | head -n 1 |
        sed 's/.*: //'). dbus-daemon $(dbus-daemon --version | head -n 1 | sed 's/.* //')." \
    "Date: $(date -u '+%Y-%m-%d %H:%M UTC')."

echo
echo "## Keyport"
start_bus keyport
keyport_command="$work/keyport/bin/keyport run"
provider_input=/dev/null
if "$work/keyport/bin/keyport" --help | grep -q -- --unlock-stdin; then
    keyport_command="$keyport_command --unlock-stdin"
    provider_input=$password_file
fi
# shellcheck disable=SC2086
start_provider keyport $keyport_command
wait_for_collection "$session_collection"
bench "$session_collection" "$session_sizes" "Keyport, in-memory session collection" keyport-session
if [ "$provider_input" != "$password_file" ]; then
    echo
    echo "This Keyport has no --unlock-stdin, so its persistent collection was not measured."
elif wait_for_collection "$default_collection"; then
    bench "$default_collection" 100,1000 "Keyport, persistent default collection" keyport-default
else
    echo
    echo "Keyport ran with --unlock-stdin but served no collection at $default_collection," \
        "so its persistent collection was not measured."
fi
stop_provider_and_bus Keyport

echo
echo "## gnome-keyring"
start_bus gnome-keyring
provider_input=$password_file
start_provider gnome-keyring gnome-keyring-daemon --foreground --unlock --components=secrets
wait_for_collection "$default_collection"
bench "$default_collection" 100,1000 "gnome-keyring, persistent login collection" gnome-keyring-default
wait_for_collection "$session_collection"
bench "$session_collection" "$session_sizes" "gnome-keyring, in-memory session collection" \
    gnome-keyring-session
stop_provider_and_bus gnome-keyring-daemon

echo
echo "## Side by side"
if [ -f "$work/keyport-default.json" ]; then
    "$python" "$bench_dir/side_by_side.py" "Persistent collections" "$work/keyport-default.json" \
        "$work/gnome-keyring-default.json"
fi
"$python" "$bench_dir/side_by_side.py" "In-memory session collections" "$work/keyport-session.json" \
    "$work/gnome-keyring-session.json"

if [ "$startup" = true ]; then
    echo
    "$bench_dir/startup.sh" --runs "$runs" --home "$home" --gnome-keyring --nmt
fi
