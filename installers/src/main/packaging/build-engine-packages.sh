#!/bin/sh
# Builds the engine's command-line packages from the shaded jar:
#   trickle_<version>_all.deb   trickle on the PATH (/usr/bin/trickle), the systemd unit, /etc/trickle/trickle.env
#   trickle-<version>.tar.gz    bin/trickle, lib/trickle.jar, the unit and the environment file, to unpack anywhere
# Both need a Java 17 or newer runtime on the target (the .deb depends on Debian's).
# Usage: build-engine-packages.sh VERSION TRICKLE_JAR OUT_DIR   (run by 'mvn -Ppackage', installers module)
set -eu
version=$1
jar=$2
out=$3
here=$(cd "$(dirname "$0")" && pwd)
# Debian versions sort "~" before anything: 0.7.0~snapshot comes before 0.7.0.
deb_version=$(echo "$version" | sed 's/-SNAPSHOT$/~snapshot/')

[ -f "$jar" ] || { echo "no engine jar at $jar: build the engine first (mvn -Ppackage -pl installers -am package)" >&2; exit 1; }
command -v dpkg-deb >/dev/null || { echo "dpkg-deb is missing: apt-get install dpkg-dev" >&2; exit 1; }

rm -rf "$out/deb-root" "$out/trickle-$version"
mkdir -p "$out"

# --- .deb -------------------------------------------------------------------------------------
root=$out/deb-root
install -d "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/trickle/bin" "$root/usr/share/trickle/lib" \
  "$root/lib/systemd/system" "$root/etc/trickle" "$root/usr/share/doc/trickle"
install -m 0644 "$jar" "$root/usr/share/trickle/lib/trickle.jar"
install -m 0755 "$here/bin/trickle" "$root/usr/share/trickle/bin/trickle"
ln -s ../share/trickle/bin/trickle "$root/usr/bin/trickle"
install -m 0644 "$here/systemd/trickle.service" "$root/lib/systemd/system/trickle.service"
install -m 0644 "$here/env/trickle.env" "$root/etc/trickle/trickle.env"
for script in postinst prerm postrm; do
  install -m 0755 "$here/deb/$script" "$root/DEBIAN/$script"
done
echo "/etc/trickle/trickle.env" > "$root/DEBIAN/conffiles"
cat > "$root/usr/share/doc/trickle/copyright" <<COPYRIGHT
Trickle $version: stream tables for PostgreSQL, maintained by an external engine.
The engine jar bundles its dependencies; their licences are in META-INF of the jar.
COPYRIGHT
cat > "$root/usr/share/doc/trickle/README" <<README
Trickle $version: the engine's command line and the scheduler daemon as a systemd service.

  trickle --help
  trickle --url 'jdbc:postgresql://host:5432/db?user=trickle&password=...' install

The service runs 'trickle run --metrics-port \$TRICKLE_METRICS_PORT' for the database in
/etc/trickle/trickle.env (TRICKLE_URL); it is not enabled until you say so:
  editor /etc/trickle/trickle.env
  systemctl enable --now trickle
  journalctl -u trickle -f
Metrics, /health and /ready are served on TRICKLE_METRICS_PORT (9187 by default).
README
size_kb=$(du -sk "$root" --exclude=DEBIAN | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: trickle
Version: $deb_version
Section: database
Priority: optional
Architecture: all
Depends: openjdk-17-jre-headless | java17-runtime-headless | openjdk-21-jre-headless | java21-runtime-headless, adduser
Installed-Size: $size_kb
Maintainer: Trickle maintainers <trickle@localhost>
Description: stream tables for PostgreSQL (engine and command line)
 Trickle keeps tables defined by a query fresh incrementally, from an external
 engine: no extension, no superuser. This package installs the trickle command
 line and a systemd unit (trickle.service) that runs the scheduler daemon for
 the database named in /etc/trickle/trickle.env.
CONTROL
dpkg-deb --root-owner-group -Zxz --build "$root" "$out/trickle_${deb_version}_all.deb" >/dev/null
rm -rf "$root"

# --- .tar.gz ----------------------------------------------------------------------------------
dir=$out/trickle-$version
install -d "$dir/bin" "$dir/lib" "$dir/systemd" "$dir/env"
install -m 0755 "$here/bin/trickle" "$dir/bin/trickle"
install -m 0644 "$jar" "$dir/lib/trickle.jar"
install -m 0644 "$here/systemd/trickle.service" "$dir/systemd/trickle.service"
install -m 0644 "$here/env/trickle.env" "$dir/env/trickle.env"
cat > "$dir/README" <<README
Trickle $version, the engine's command line (needs Java 17 or newer: JAVA_HOME or java on the PATH).

  bin/trickle --help
  ln -s "\$PWD/bin/trickle" /usr/local/bin/trickle        # trickle on the PATH

The service (systemd), with this folder unpacked as /opt/trickle-$version:
  ln -s /opt/trickle-$version/bin/trickle /usr/bin/trickle
  install -D -m 0640 env/trickle.env /etc/trickle/trickle.env   # then set TRICKLE_URL in it
  cp systemd/trickle.service /etc/systemd/system/ && systemctl daemon-reload
  adduser --system --group trickle && chgrp trickle /etc/trickle/trickle.env
  systemctl enable --now trickle
README
tar -C "$out" --owner=0 --group=0 --numeric-owner -czf "$out/trickle-$version.tar.gz" "trickle-$version"
rm -rf "$dir"
ls -l "$out/trickle_${deb_version}_all.deb" "$out/trickle-$version.tar.gz"
