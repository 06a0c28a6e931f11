#!/bin/sh
# Builds the workbench with a Java runtime of its own (no JDK needed on the target), with jpackage:
#   trickle-workbench/                       the app image (bin/trickle-workbench, lib/runtime, lib/app)
#   trickle-workbench_<version>_amd64.deb    the same under /opt/trickle-workbench, with a menu entry and icon
# Usage: build-workbench-packages.sh VERSION INPUT_DIR MAIN_JAR OUT_DIR
#   INPUT_DIR holds the desktop jar and every runtime dependency (the Maven profile copies them there).
set -eu
version=$1
input=$2
main_jar=$3
out=$4
here=$(cd "$(dirname "$0")" && pwd)
# jpackage takes only numeric versions.
app_version=$(echo "$version" | sed 's/-.*$//')

command -v jpackage >/dev/null || { echo "jpackage is missing: it comes with a JDK 17 or newer" >&2; exit 1; }

# The runtime: the modules the workbench, JavaFX (from the class path) and the bundled engine use.
# jdk.unsupported: JavaFX and the PostgreSQL driver; java.desktop: AWT image export and javafx-swing;
# java.management: HikariCP; java.naming: logback and JDBC; jdk.crypto.ec: TLS to the database;
# jdk.httpserver: the engine's metrics endpoint; java.net.http, java.scripting for libraries that probe them.
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.jfr,jdk.unsupported,jdk.zipfs,jdk.localedata

rm -rf "$out/trickle-workbench"
mkdir -p "$out"
package() {
  kind=$1
  shift
  jpackage --type "$kind" --dest "$out" --name trickle-workbench --app-version "$app_version" --vendor Trickle \
    --description "Trickle workbench: stream tables for PostgreSQL" --icon "$here/icons/trickle.png" \
    --input "$input" --main-jar "$main_jar" --main-class io.trickle.desktop.app.Main \
    --add-modules "$modules" --jlink-options "--strip-debug --no-header-files --no-man-pages" \
    --java-options -Xmx1g "$@"
}
package app-image
package deb --linux-shortcut --linux-menu-group "Development;Database" --linux-app-category database \
  --linux-package-name trickle-workbench --linux-deb-maintainer trickle@localhost
ls -ld "$out/trickle-workbench" "$out"/trickle-workbench_*.deb
