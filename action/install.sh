#!/usr/bin/env bash
# The GitHub Action's install step (action.yml): egenregi from the action's own checkout, as the
# crate is not on crates.io; the version is the one this action ships, and `version` must agree.
# A binary of that version already on PATH (restored from the cache) is kept.
set -euo pipefail
src="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set: run this from action.yml}"
have=$(sed -n 's/^version = "\(.*\)"$/\1/p' "$src/Cargo.toml" | head -n 1)
want="${INPUT_VERSION:-}"
want="${want#v}"
if [ -n "$want" ] && [ "$want" != "$have" ]; then
    echo "::error title=egenregi::this action ships egenregi $have, not $want; pin the action to the tag of $want instead (uses: OWNER/egenregi@v$want)"
    exit 1
fi
if command -v egenregi >/dev/null 2>&1 && [ "$(egenregi --version)" = "egenregi $have" ]; then
    echo "egenregi $have is installed (from the cache)"
    exit 0
fi
cargo install --locked --path "$src"
egenregi --version
