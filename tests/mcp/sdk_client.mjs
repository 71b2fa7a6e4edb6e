// Drives `mtrack mcp` with the official MCP TypeScript SDK (Client over
// StdioClientTransport) and prints PASS/FAIL lines.
// usage: node sdk_client.mjs MTRACK DB
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const [mtrack, db] = process.argv.slice(2);
const ok = (name, cond, why = "") =>
  console.log(cond ? `PASS mcp_sdk_${name}` : `FAIL mcp_sdk_${name}: ${String(why).slice(0, 300)}`);

const transport = new StdioClientTransport({
  command: mtrack,
  args: ["--db", db, "mcp"],
  env: { ...process.env },
  stderr: "pipe",
});
const client = new Client({ name: "mtrack-test", version: "1.0.0" });
const timeout = process.env.MTRACK_SAN === "1" ? 120000 : 30000;

try {
  await client.connect(transport, { timeout });
  const info = client.getServerVersion();
  ok("connect", info && info.name === "mtrack", JSON.stringify(info));
  const caps = client.getServerCapabilities() || {};
  ok("capabilities", caps.tools && caps.resources, JSON.stringify(caps));

  const { tools } = await client.listTools(undefined, { timeout });
  const names = tools.map((t) => t.name).sort();
  ok("list_tools", JSON.stringify(names) ===
     JSON.stringify(["add_source", "get_event", "get_report", "list_events", "search"]), names);

  const s = await client.callTool({ name: "search", arguments: { query: "Nscale", limit: 5 } },
                                  undefined, { timeout });
  const hits = JSON.parse(s.content[0].text).results;
  ok("search", !s.isError && hits.length >= 1 && hits.some((h) => /Nscale/.test(h.title)),
     s.content[0].text);
  ok("search_structured", s.structuredContent && s.structuredContent.results.length === hits.length);

  const e = await client.callTool(
    { name: "list_events", arguments: { type: "acquisition", limit: 10 } }, undefined, { timeout });
  const evs = JSON.parse(e.content[0].text).events;
  ok("list_events", !e.isError && evs.length >= 1 && evs.every((x) => x.event.type === "acquisition"),
     e.content[0].text);

  const bad = await client.callTool({ name: "add_source", arguments: { url: "http://127.0.0.1/x" } },
                                    undefined, { timeout });
  ok("add_source_refused", bad.isError === true, JSON.stringify(bad));

  const { resources } = await client.listResources(undefined, { timeout });
  const md = resources.find((r) => r.uri === "mtrack://trackers/ai-infra/report.md");
  ok("list_resources", md && md.mimeType === "text/markdown", JSON.stringify(resources));
  const r = await client.readResource({ uri: "mtrack://trackers/ai-infra/report.md" }, { timeout });
  ok("read_resource", r.contents[0].mimeType === "text/markdown" && r.contents[0].text.startsWith("# "),
     JSON.stringify(r).slice(0, 300));

  let refused = false;
  try {
    await client.readResource({ uri: "mtrack://trackers/nope/report.md" }, { timeout });
  } catch (err) {
    refused = true;
  }
  ok("read_unknown_resource_fails", refused);
  await client.ping({ timeout });
  ok("ping", true);
} catch (err) {
  ok("session", false, err && err.stack ? err.stack : err);
} finally {
  await client.close().catch(() => {});
}
