#!/bin/sh
# mtrack mcp, the Model Context Protocol server: raw JSON-RPC (lifecycle,
# every tool, resources, errors, hostile input, add_source's address check)
# with tests/mcp/raw_client.py, then the official MCP TypeScript SDK's
# Client over stdio (tests/mcp/sdk_client.mjs; skipped without node/npm).
. "$TOP/tests/cli/lib.sh"
M=$MTRACK
DB="$TESTDIR/mcp.db"

expect_status mcp_help 0 $M mcp --help
expect_status mcp_bad_option 2 $M mcp --frob
expect_status mcp_extra_arg 2 $M mcp extra

if ! command -v python3 >/dev/null 2>&1; then
    skip mcp_raw "python3 is not installed"
    exit 0
fi
if ! $M --db "$DB" init >/dev/null 2>&1 || ! $M --db "$DB" ingest -q "$TOP/samples" >/dev/null 2>&1; then
    fail mcp_store "could not build the store from samples/"
    exit 0
fi
python3 "$TOP/tests/mcp/raw_client.py" "$M" "$DB" || fail mcp_raw "raw_client.py exited with status $?"

# The official SDK: installed once into tests/mcp/node_modules (git-ignored).
sdk="$TOP/tests/mcp/node_modules/@modelcontextprotocol/sdk/package.json"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    skip mcp_sdk "node or npm is not installed"
    exit 0
fi
if [ ! -f "$sdk" ]; then
    (cd "$TOP/tests/mcp" && timeout 180 npm install --no-audit --no-fund --no-package-lock --fetch-retries=1 \
        --loglevel=error >"$TESTDIR/npm.log" 2>&1)
fi
if [ ! -f "$sdk" ]; then
    skip mcp_sdk "npm install @modelcontextprotocol/sdk failed: $(tail -n 1 "$TESTDIR/npm.log" 2>/dev/null)"
    exit 0
fi
(cd "$TOP/tests/mcp" && timeout 300 node sdk_client.mjs "$M" "$DB") || fail mcp_sdk "sdk_client.mjs exited with status $?"
exit 0
