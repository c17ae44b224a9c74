#!/bin/sh
# Gives DIR a node_modules installed by `npm ci` from DIR/package-lock.json, installing only once per lock file:
#
#   node-modules.sh DIR
#
# The packages go into a cache beside npm's own (NEWSGRAPH_NODE_MODULES_CACHE, default
# ~/.cache/newsgraph/node-modules), in a folder named by the lock file's hash, and DIR/node_modules becomes a
# link to it. A fresh clone then links in a second instead of unpacking 160-230 MB again (relay-compiler alone
# ships every platform's binary), which took 15-20 s a folder here. Nothing in the cache is changed once it is
# there: an install goes into a folder of its own and is renamed into place, so builds running at once (or
# JsClientIT and LiveSubscriptionsIT) never see half a node_modules. Installs
# that no build used for a week are removed.
# Used by src/main/frontend/build.sh, JsClientIT and LiveSubscriptionsIT.
set -eu

dir="${1:?usage: node-modules.sh DIR}"
lock="$dir/package-lock.json"
[ -f "$lock" ] || { echo "node-modules: no $lock" >&2; exit 2; }
cache="${NEWSGRAPH_NODE_MODULES_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/newsgraph/node-modules}"
hash=$(cat "$dir/package.json" "$lock" | sha256sum | cut -c1-20)
target="$cache/$hash"

if [ ! -d "$target/node_modules" ]; then
  mkdir -p "$cache"
  work=$(mktemp -d "$cache/.installing-XXXXXX")
  cp "$dir/package.json" "$lock" "$work/"
  echo "node-modules: npm ci for $dir (once per package-lock.json, into $target)"
  if ! (cd "$work" && npm ci --no-audit --no-fund --loglevel=error); then
    rm -rf "$work"
    exit 1
  fi
  # another build may have finished the same install first: then keep its folder
  mv -T "$work" "$target" 2>/dev/null || rm -rf "$work"
else
  echo "node-modules: $dir uses the packages installed from this package-lock.json ($target)"
fi
touch "$target"

link="$dir/node_modules"
if [ "$(readlink "$link" 2>/dev/null)" != "$target/node_modules" ]; then
  if [ -d "$link" ] && [ ! -L "$link" ]; then
    rm -rf "$link" # a node_modules of its own, from before the cache
  fi
  # a new link renamed over the old one: node_modules never disappears under a test that is running
  ln -sfn "$target/node_modules" "$link.$$"
  mv -T "$link.$$" "$link"
fi

# installs no build has used for a week go (and what an interrupted install left)
find "$cache" -mindepth 1 -maxdepth 1 -type d -mtime +7 -exec rm -rf {} + 2>/dev/null || true
