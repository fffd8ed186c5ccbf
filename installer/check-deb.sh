#!/usr/bin/env bash
# Installer check: builds the .deb, installs it, starts the installed app on a virtual display
# until it has rendered its first screen to a PNG (once starting the local demo, once attached
# to a config file), checks the pictures, and removes the package again, also when a step fails.
#
# Usage: installer/check-deb.sh [--no-build]
#   --no-build   use the .deb already in installer/target/deb
# Environment:
#   MVN            the Maven command (default: mvn)
#   CHECK_SHOT_AFTER  how long the demo runs before its screenshot (default 120s; the local
#                     pipeline is up in about 20 s on an idle 2-core machine, 80 s on a busy one)
#
# Needs root for apt-get/dpkg (uses sudo when not root). Installs what it needs from Debian's
# packages first: a JDK 17 with jpackage and jmods, Maven, fakeroot (for dpkg-deb), xvfb, xauth.
# Refuses to run when a package named driftwatch is already installed, since it removes it.
# Pictures and logs are kept in installer/target/check-deb/.
set -euo pipefail

REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
OUT="$REPO/installer/target/check-deb"
PACKAGE=driftwatch
INSTALLED=/opt/driftwatch
SHOT_AFTER="${CHECK_SHOT_AFTER:-120s}"
BUILD=1
[ "${1:-}" = --no-build ] && BUILD=""

say() { printf 'check-deb: %s\n' "$*" >&2; }
die() { printf 'check-deb: FAILED: %s\n' "$*" >&2; exit 1; }
seconds() { echo $(( $(date +%s) - $1 )); }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root to run: $* (install sudo, or run this check as root)"
  fi
}

apt_get() { as_root env DEBIAN_FRONTEND=noninteractive apt-get "$@"; }

# --- what the check itself needs -----------------------------------------------------------
missing=()
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
command -v fakeroot >/dev/null 2>&1 || missing+=(fakeroot)
command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb)
command -v xauth >/dev/null 2>&1 || missing+=(xauth)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  apt_get update -qq
  apt_get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}"
[ -x "$JAVA_HOME/bin/jpackage" ] || die "no jpackage in $JAVA_HOME/bin (install openjdk-17-jdk-headless)"
[ -d "$JAVA_HOME/jmods" ] || die "no jmods in $JAVA_HOME (install openjdk-17-jdk-headless)"

if dpkg-query -W -f='${Status}' "$PACKAGE" 2>/dev/null | grep -q "install ok installed"; then
  die "a package named $PACKAGE is already installed; this check installs and removes it, so remove it first (apt-get purge $PACKAGE)"
fi

rm -rf "$OUT"
mkdir -p "$OUT"

# --- build ---------------------------------------------------------------------------------
if [ -n "$BUILD" ]; then
  start=$(date +%s)
  say "building the app-image and the .deb (mvn -Pinstaller -pl installer -am package)"
  (cd "$REPO" && ${MVN:-mvn} -B -ntp -Pinstaller -pl installer -am package -DskipTests >"$OUT/build.log" 2>&1) \
    || { tail -40 "$OUT/build.log" >&2; die "the build failed; see $OUT/build.log"; }
  say "built in $(seconds "$start") s"
fi
debs=("$REPO"/installer/target/deb/${PACKAGE}_*.deb)
[ ${#debs[@]} = 1 ] && [ -f "${debs[0]}" ] || die "expected one .deb in installer/target/deb, found: ${debs[*]}"
DEB="${debs[0]}"
say "package: $(basename "$DEB"), $(du -m "$DEB" | cut -f1) MB"
dpkg-deb -f "$DEB" Depends Recommends | sed 's/^/check-deb:   /' >&2

# --- install, and remove again whatever happens ------------------------------------------
# The servers the installed app started for its local stack, by the pids its stack.json records.
stack_pids() { grep -o '"pid" : [0-9]*' "$OUT/stack/stack.json" 2>/dev/null | grep -o '[0-9]*$' || true; }

# Waits up to 20 s for every server of the stack to be gone, then stops those left by pid.
# Returns 1 when some had to be stopped: none may outlive the app that started them.
stop_stack_leftovers() {
  local pids alive="" pid
  pids=$(stack_pids)
  for _ in $(seq 1 20); do
    alive=""
    for pid in $pids; do kill -0 "$pid" 2>/dev/null && alive="$alive $pid"; done
    [ -z "$alive" ] && return 0
    sleep 1
  done
  say "servers of the local stack still ran 20 s after the app exited (pids$alive): stopping them"
  for pid in $alive; do kill "$pid" 2>/dev/null || true; done
  return 1
}

installed=""
remove_package() {
  local status=$?
  stop_stack_leftovers || true
  if [ -n "$installed" ]; then
    say "removing the package (apt-get purge)"
    apt_get purge -y -qq "$PACKAGE" >"$OUT/remove.log" 2>&1 || as_root dpkg --purge "$PACKAGE" >>"$OUT/remove.log" 2>&1 || true
    if dpkg-query -W "$PACKAGE" >/dev/null 2>&1 || [ -e "$INSTALLED" ] || compgen -G "/usr/share/applications/*driftwatch*" >/dev/null; then
      say "FAILED: the package or some of its files are still there after removal; see $OUT/remove.log"
      status=1
    else
      say "removed: no $PACKAGE package, no $INSTALLED, no desktop entry left"
    fi
  fi
  rm -rf "$OUT/stack"
  if [ "$status" = 0 ]; then say "PASSED"; else say "FAILED (exit $status)"; fi
  exit "$status"
}
trap remove_package EXIT

start=$(date +%s)
say "installing with apt-get (dependencies from Debian's packages)"
installed=1
if ! apt_get install -y -qq "$DEB" >"$OUT/install.log" 2>&1; then
  # A fresh machine may lack package lists for the dependencies: fetch them and try once more.
  grep -qE "Unable to locate package|has no installation candidate|unmet dependencies|Failed to fetch" "$OUT/install.log" \
    || { tail -20 "$OUT/install.log" >&2; die "apt-get install failed (see $OUT/install.log)"; }
  say "dependencies not found; updating Debian's package lists and trying once more"
  apt_get update -qq >>"$OUT/install.log" 2>&1 || true
  apt_get install -y -qq "$DEB" >>"$OUT/install.log" 2>&1 \
    || { tail -20 "$OUT/install.log" >&2; die "apt-get install failed (see $OUT/install.log)"; }
fi
say "installed in $(seconds "$start") s: $(du -sm "$INSTALLED" | cut -f1) MB under $INSTALLED"

[ -x "$INSTALLED/bin/driftwatch" ] || die "$INSTALLED/bin/driftwatch is missing"
[ -x "$INSTALLED/lib/runtime/bin/java" ] || die "the bundled runtime has no bin/java, which the local stack needs for its servers"
grep -qx 'arguments=demo' "$INSTALLED/lib/app/driftwatch.cfg" || die "the launcher's default arguments are not 'demo'"
[ -f "$INSTALLED/lib/app/dist/apicurio/apicurio-registry-app-2.6.13.Final-runner.jar" ] || die "the registry distribution is not in the image"
desktop=$(ls /usr/share/applications/*driftwatch*.desktop 2>/dev/null | head -1 || true)
[ -n "$desktop" ] || die "no desktop entry in /usr/share/applications"
grep -q '^Icon=/opt/driftwatch/lib/driftwatch.png$' "$desktop" && [ -f "$INSTALLED/lib/driftwatch.png" ] \
  || die "the desktop entry $desktop does not point at the installed icon"
modules="$("$INSTALLED/lib/runtime/bin/java" --list-modules)"
[[ "$modules" == *javafx.controls@* ]] || die "JavaFX is not in the bundled runtime"
say "installed: launcher, runtime with bin/java and JavaFX, registry, desktop entry $desktop, icon"

# --- run the installed app on a virtual display ------------------------------------------
# Runs the installed launcher until it exits by itself (--duration); timeout stops the whole
# process group if it does not. Prints the status line the app reports with its screenshot.
run_app() {
  local name="$1" limit="$2"
  shift 2
  local start rc=0
  start=$(date +%s)
  timeout -k 20s "$limit" xvfb-run -a -s "-screen 0 1440x900x24" "$INSTALLED/bin/driftwatch" "$@" \
    >"$OUT/$name.log" 2>&1 || rc=$?
  say "$name: the app ran $(seconds "$start") s and exited with $rc"
  [ "$rc" = 0 ] || { tail -30 "$OUT/$name.log" >&2; die "$name: the installed app did not exit cleanly (see $OUT/$name.log)"; }
  grep -h '^status when the screenshot was taken:' "$OUT/$name.log" | sed "s/^/check-deb:   /" >&2 \
    || die "$name: the app reported no screenshot (see $OUT/$name.log)"
}

shot_seconds=${SHOT_AFTER%s}
say "starting the installed app: the local demo (1 region) in $OUT/stack, screenshot after $SHOT_AFTER"
run_app demo "$((shot_seconds + 120))s" demo --regions 1 --dir "$OUT/stack" \
  --screenshot "$OUT/demo.png" --screenshot-after "$SHOT_AFTER" --duration "$((shot_seconds + 5))s"
stop_stack_leftovers || die "demo: servers of the local stack outlived the app"
"$JAVA_HOME/bin/java" "$REPO/installer/src/check/PngCheck.java" "$OUT/demo.png" | sed 's/^/check-deb:   /' >&2 \
  || die "demo: the first screen is not a real picture"
grep -q '^status when the screenshot was taken: .*transactions committed' "$OUT/demo.log" \
  || die "demo: the local pipeline was not running when the screenshot was taken (see the status above and $OUT/demo.log)"

say "starting the installed app attached to $REPO/installer/src/check/attach.yaml"
run_app attach 90s --config "$REPO/installer/src/check/attach.yaml" \
  --screenshot "$OUT/attach.png" --screenshot-after 8s --duration 10s
"$JAVA_HOME/bin/java" "$REPO/installer/src/check/PngCheck.java" "$OUT/attach.png" | sed 's/^/check-deb:   /' >&2 \
  || die "attach: the first screen is not a real picture"
grep -q '^status when the screenshot was taken: Attached to ' "$OUT/attach.log" \
  || die "attach: the console did not attach to the config's endpoints (see $OUT/attach.log)"

say "screenshots: $OUT/demo.png, $OUT/attach.png"
