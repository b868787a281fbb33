#!/usr/bin/env bash
# System packages geokg needs beyond Python: Java 17/21 and Maven (to fetch and run Neo4j), and
# Chromium + ChromeDriver (the browser tests). Installs what is missing with apt-get when we are
# root (or have sudo); otherwise says exactly what to install.
set -euo pipefail

need=()
java_ok=false
for j in "${JAVA_HOME:-/nonexistent}/bin/java" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
  [ -x "$j" ] || continue
  if "$j" -version 2>&1 | grep -qE 'version "(17|21)[."]'; then java_ok=true; break; fi
done
$java_ok || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || need+=(maven)
if [ -z "${GEOKG_SKIP_BROWSER:-}" ]; then
  command -v chromium >/dev/null || need+=(chromium)
  command -v chromedriver >/dev/null || need+=(chromium-driver)
fi

[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "geokg needs these system packages: ${need[*]} (Debian/Ubuntu names); install them and re-run." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "geokg needs: ${need[*]} (Debian/Ubuntu names); no apt-get here, install them with your package manager." >&2
  exit 1
fi
echo "Installing system packages: ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
