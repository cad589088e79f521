#!/usr/bin/env bash
# Creates a storage engine project for Keyport from templates/storage-engine.
#
# Usage: new-engine.sh NAME PACKAGE [DIRECTORY]
#   NAME       the Maven artifactId, such as vault-engine; lower-case letters, digits and '-'
#   PACKAGE    the Java package and factory PID, such as org.example.keyport.vault
#   DIRECTORY  where to create the project (default: ./NAME); it must not exist
#
# Class names come from NAME without a trailing "-engine", in CamelCase: vault-engine gives
# VaultStorageEngine, VaultCollection and so on. The default engine name and collection id are that
# name with '_' for '-', such as vault.
set -euo pipefail

usage() {
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

[ $# -ge 2 ] && [ $# -le 3 ] || usage
name=$1
package=$2
target=${3:-./$name}

if ! [[ $name =~ ^[a-z][a-z0-9-]*$ ]]; then
    echo "new-engine.sh: invalid NAME '$name': use lower-case letters, digits and '-', starting with a letter" >&2
    exit 2
fi
if ! [[ $package =~ ^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$ ]]; then
    echo "new-engine.sh: invalid PACKAGE '$package': use a Java package name such as org.example.keyport.vault" >&2
    exit 2
fi
if [ -e "$target" ]; then
    echo "new-engine.sh: $target exists already; pass a new DIRECTORY" >&2
    exit 1
fi

source_dir=$(cd "$(dirname "$0")/storage-engine" && pwd)
short=${name%-engine}
collection_id=${short//-/_}
camel=$(echo "$short" | awk -F- '{ for (i = 1; i <= NF; i++) printf "%s", toupper(substr($i, 1, 1)) substr($i, 2) }')
package_path=${package//.//}

mkdir -p "$target"
# Copy the sources and the pom only, not build output.
(cd "$source_dir" && find . -path ./target -prune -o -type f -print) | while read -r file; do
    relative=${file#./}
    relative=${relative//org\/example\/keyport\/template/$package_path}
    relative=${relative//Template/$camel}
    mkdir -p "$target/$(dirname "$relative")"
    # Order matters: the package first, then the artifactId, then class names, then the remaining lower-case
    # placeholder (the default engine name and collection id).
    sed -e "s/org\.example\.keyport\.template/$package/g" \
        -e "s/template-engine/$name/g" \
        -e "s/template_it/${collection_id}_it/g" \
        -e "s/template-it/${short}-it/g" \
        -e "s/Template/$camel/g" \
        -e "s/\"template\"/\"$collection_id\"/g" \
        "$source_dir/$file" > "$target/$relative"
done

echo "Created $name in $target: build it with mvn verify, which runs the contract tests and, when"
echo "-Dkeyport.home points at a Keyport distribution, the deploy integration test."
