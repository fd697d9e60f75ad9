// Reads Mermaid diagrams, one JSON string per line on stdin, and answers each with one JSON
// line: {"ok": true, "type", "vertices": [[id, text, classes]], "edges": [[start, end, type,
// stroke, text]]} as Mermaid's own parser reads them, or {"ok": false, "error": message}.
// Run with the working directory where `mermaid` and `jsdom` are installed (npm --prefix).
import { createInterface } from "node:readline";
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const mermaid = (await import("mermaid")).default;
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

const lines = createInterface({ input: process.stdin, terminal: false });
for await (const line of lines) {
  const text = JSON.parse(line);
  let answer;
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const vertices = [...diagram.db.getVertices().values()].map((v) => [v.id, v.text, v.classes]);
    const edges = diagram.db.getEdges().map((e) => [e.start, e.end, e.type, e.stroke, e.text]);
    answer = { ok: true, type: diagram.type, vertices, edges };
  } catch (error) {
    answer = { ok: false, error: String(error.message || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
