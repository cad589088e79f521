#!/bin/sh
# Measures Keyport's cold start (launch to org.freedesktop.secrets owned) and its VmRSS 2 s after
# the start, under several JVM option sets. Prints one markdown table per option set.
set -eu

usage() {
    cat <<'EOF'
Usage: itests/bench/startup.sh [OPTIONS]

Options:
  -n, --runs N         runs per configuration (default 7)
  --home DIR           Keyport distribution to measure (default distribution/target/keyport)
  --configs LIST       comma-separated configurations (default shipped,no-cds,full-jit,cds,
                       and login when bin/keyport has --unlock-stdin):
                         shipped   bin/keyport as it is, without lib/keyport.jsa
                         no-cds    -Xshare:off, without the JDK's own class-data archive
                         full-jit  -XX:TieredStopAtLevel=4, the C2 compiler enabled again
                         cds       with lib/keyport.jsa, the dynamic archive that
                                   bin/create-cds-archive writes (./keyport build runs it)
                         login     as shipped, run with --unlock-stdin: creates and unlocks the
                                   persistent login collection; ready once alias default resolves
                         login-cds login with lib/keyport.jsa, after the cds configuration
  --external-bus       start a dbus-daemon first instead of letting Keyport start its own
  --gnome-keyring      also measure gnome-keyring-daemon --foreground --unlock --components=secrets
  --nmt                print the JVM's native memory summary (jcmd VM.native_memory) at 2 s
  -h, --help           show this help

Every run has fresh HOME and XDG directories and a copy of the distribution, so concurrent
rebuilds of the tree do not change what is measured.
EOF
}

bench_dir=$(cd "$(dirname "$0")" && pwd)
repo_dir=$(cd "$bench_dir/../.." && pwd)
python=/usr/bin/python3
# Keeps the imported helper modules from leaving __pycache__ directories in the work tree.
export PYTHONDONTWRITEBYTECODE=1
runs=7
home=$repo_dir/distribution/target/keyport
configs=
password=keyport-bench
bus=private
gnome_keyring=false
nmt=false

while [ $# -gt 0 ]; do
    case $1 in
        -n | --runs) runs=$2; shift 2 ;;
        --home) home=$2; shift 2 ;;
        --configs) configs=$2; shift 2 ;;
        --external-bus) bus=external; shift ;;
        --gnome-keyring) gnome_keyring=true; shift ;;
        --nmt) nmt=true; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "startup.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done

if [ ! -x "$home/bin/keyport" ]; then
    echo "startup.sh: no distribution at $home; build it with ./keyport build" >&2
    exit 2
fi

if [ -z "$configs" ]; then
    configs=shipped,no-cds,full-jit,cds
    if "$home/bin/keyport" --help | grep -q -- --unlock-stdin; then
        configs=$configs,login,login-cds
    fi
fi

work=$(mktemp -d /tmp/keyport-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
# Two copies of the distribution: bin/keyport uses lib/keyport.jsa whenever the file exists.
mkdir "$work/plain" "$work/cds"
cp -a "$home" "$work/plain/keyport"
cp -a "$home" "$work/cds/keyport"
rm -f "$work/plain/keyport/lib/keyport.jsa" "$work/plain/keyport/lib/keyport.jsa.key"
archive=$work/cds/keyport/lib/keyport.jsa
records=$work/records.jsonl

# Runs Keyport once from the distribution copy in $1 with the JVM options in $3, labelled $2.
probe_keyport() {
    KEYPORT_JAVA_OPTS=$3 "$python" "$bench_dir/startup_probe.py" --runs 1 --bus "$bus" --record "$records" \
        --label "Keyport, $2 (KEYPORT_JAVA_OPTS='$3')" -- "$1/keyport/bin/keyport" run || true
}

# Runs Keyport once from the distribution copy in $1 with --unlock-stdin, labelled $2, so it creates and
# unlocks the persistent login collection.
probe_keyport_login() {
    "$python" "$bench_dir/startup_probe.py" --runs 1 --bus "$bus" --record "$records" --stdin "$password" \
        --ready-alias default --label "Keyport, run --unlock-stdin (login collection)$2" \
        -- "$1/keyport/bin/keyport" run --unlock-stdin || true
}

# Creates lib/keyport.jsa from one start of Keyport; the JVM writes it when it exits on SIGTERM.
create_archive() {
    if [ -x "$work/cds/keyport/bin/create-cds-archive" ]; then
        "$work/cds/keyport/bin/create-cds-archive" >"$work/archive.log" 2>&1 || true
    else
        create_archive_with_probe
    fi
    if [ ! -s "$archive" ]; then
        echo "startup.sh: the JVM wrote no archive at $archive" >&2
        cat "$work/archive.log" >&2
        exit 1
    fi
}

# Creates lib/keyport.jsa for a distribution without bin/create-cds-archive.
create_archive_with_probe() {
    KEYPORT_JAVA_OPTS="-XX:ArchiveClassesAtExit=$archive" "$python" "$bench_dir/startup_probe.py" --runs 1 \
        --bus "$bus" --label "Keyport, creating the archive" -- "$work/cds/keyport/bin/keyport" run \
        >"$work/archive.log" 2>&1 || true
}

# Counts how many of the classes loaded in one start came from a class-data archive.
report_archive_use() {
    log=$work/class-load.log
    KEYPORT_JAVA_OPTS="-Xlog:class+load=info:file=$log" "$python" "$bench_dir/startup_probe.py" --runs 1 \
        --bus "$bus" --label "Keyport, counting archived classes" -- "$work/cds/keyport/bin/keyport" run \
        >/dev/null || true
    total=$(grep -c 'class,load' "$log" || true)
    archived=$(grep -c 'source: shared objects file' "$log" || true)
    top=$(grep -c 'source: shared objects file (top)' "$log" || true)
    echo
    echo "With lib/keyport.jsa, classes loaded in one start: $total; from the JDK's archive:" \
        "$((archived - top)); from lib/keyport.jsa: $top. Archive size: $(du -k "$archive" | cut -f1) KiB."
}

# Prints the JVM's native memory summary 2 s after one start of bin/keyport run with the extra
# arguments in $3..., standard input from the file $2, labelled $1.
print_native_memory() {
    label=$1
    input=$2
    shift 2
    root=$(mktemp -d "$work/nmt-XXXXXX")
    mkdir -p "$root/runtime" "$root/data" "$root/home"
    chmod 700 "$root/runtime"
    (
        unset DBUS_SESSION_BUS_ADDRESS
        export XDG_RUNTIME_DIR=$root/runtime XDG_DATA_HOME=$root/data HOME=$root/home
        KEYPORT_JAVA_OPTS=-XX:NativeMemoryTracking=summary exec "$work/plain/keyport/bin/keyport" run "$@"
    ) <"$input" >"$root/keyport.log" 2>&1 &
    pid=$!
    sleep 2
    echo
    echo "### Native memory at 2 s: Keyport, $label (-XX:NativeMemoryTracking=summary)"
    echo
    echo '```'
    jcmd "$pid" VM.native_memory summary scale=KB | grep -E '^(Total|-)' || true
    echo '```'
    kill -TERM "$pid" || true
    wait "$pid" || true
}

echo "## Cold start"
echo
echo "Machine: $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(free -h | awk '/^Mem:/ {print $2}') RAM." \
    "JDK: $(java -version 2>&1 | sed -n 2p). Date: $(date -u '+%Y-%m-%d %H:%M UTC')."

configs=$(echo "$configs" | tr ',' ' ')
for config in $configs; do
    case $config in
        shipped | no-cds | full-jit) ;;
        cds) create_archive ;;
        login | login-cds)
            if ! "$work/plain/keyport/bin/keyport" --help | grep -q -- --unlock-stdin; then
                echo "startup.sh: this Keyport has no --unlock-stdin; leave out the login configuration" >&2
                exit 2
            fi
            ;;
        *) echo "startup.sh: unknown configuration $config" >&2; exit 2 ;;
    esac
done

# Configurations take turns run by run, so load from other processes falls on all of them alike.
run=0
while [ "$run" -lt "$runs" ]; do
    run=$((run + 1))
    for config in $configs; do
        case $config in
            shipped) probe_keyport "$work/plain" "as shipped" "" ;;
            no-cds) probe_keyport "$work/plain" "no class-data sharing" "-Xshare:off" ;;
            full-jit) probe_keyport "$work/plain" "C1 and C2 compilers" "-XX:TieredStopAtLevel=4" ;;
            cds) probe_keyport "$work/cds" "with lib/keyport.jsa" "" ;;
            login) probe_keyport_login "$work/plain" "" ;;
            login-cds) probe_keyport_login "$work/cds" ", with lib/keyport.jsa" ;;
        esac
    done
    if [ "$gnome_keyring" = true ]; then
        "$python" "$bench_dir/startup_probe.py" --runs 1 --bus external --stdin "$password" --record "$records" \
            --ready-alias default --label "gnome-keyring-daemon --foreground --unlock --components=secrets" \
            -- gnome-keyring-daemon --foreground --unlock --components=secrets || true
    fi
done
"$python" "$bench_dir/startup_probe.py" --report "$records"

case " $configs " in
    *" cds "*) report_archive_use ;;
esac

if [ "$nmt" = true ]; then
    print_native_memory "as shipped" /dev/null
    case " $configs " in
        *" login "*)
            (umask 077 && printf %s "$password" >"$work/password")
            print_native_memory "run --unlock-stdin" "$work/password" --unlock-stdin
            ;;
    esac
fi
