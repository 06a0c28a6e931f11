#!/bin/sh
# Builds the engine jar of an earlier commit, for OldEngineIT (a real older release against this one):
#   sh engine/src/test/scripts/build-old-engine.sh COMMIT OUT_DIR
# leaves OUT_DIR/trickle.jar and OUT_DIR/catalog-version (the highest migration of that commit). Builds
# in a temporary git worktree with the local Maven repository, offline, and installs nothing.
set -eu
commit=$1
out=$2
repo=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
tree=$(mktemp -d /tmp/trickle-old-engine.XXXXXX)
trap 'git -C "$repo" worktree remove --force "$tree" >/dev/null 2>&1 || rm -rf "$tree"' EXIT
git -C "$repo" worktree add --detach "$tree" "$commit" >/dev/null 2>&1
(cd "$tree" && mvn -B -q -o -pl engine -am package -DskipTests)
mkdir -p "$out"
cp "$tree/engine/target/trickle.jar" "$out/trickle.jar"
ls "$tree/sql/src/main/resources/db/migration/pgtrickle" | sed -n 's/^V\([0-9_]*\)__.*/\1/p' | tr _ . \
  | sort -t. -k1,1n -k2,2n -k3,3n -k4,4n | tail -1 > "$out/catalog-version"
echo "$out/trickle.jar: engine of $(git -C "$repo" rev-parse --short "$commit"), catalog $(cat "$out/catalog-version")"
