// Graphs for the thread-state tests (no LLM).
//   draft:  "write" drafts a reply from the input's topic, the graph stops before "publish" (a person reviews the
//           draft), then "publish" sends whatever draft the state holds: result "published:<draft>". Edit the state
//           while it waits and the resumed run publishes the edit.
//   nested: "prepare" then a subgraph node "child" with two steps of its own ("one", "two"), for namespaced stream
//           events (stream_subgraphs) and the subgraph schemas.
// Their state is declared with StateSchema (zod fields), so the JS server can answer the schemas endpoints for them.
import { StateSchema, ReducedValue, StateGraph, START, END } from "@langchain/langgraph";
import { z } from "zod";

const Draft = new StateSchema({
  topic: z.string().optional().describe("What the reply is about"),
  draft: z.string().optional(),
  result: z.string().optional(),
});

export const draft = new StateGraph(Draft)
  .addNode("write", async (state) => ({ draft: `Dear customer, about ${state.topic ?? "your order"}` }))
  .addNode("publish", async (state) => ({ result: `published:${state.draft}` }))
  .addEdge(START, "write")
  .addEdge("write", "publish")
  .addEdge("publish", END)
  .compile({ interruptBefore: ["publish"] });

const Nested = new StateSchema({
  trail: new ReducedValue(z.array(z.string()).default(() => []), { inputSchema: z.array(z.string()), reducer: (a, b) => a.concat(b) }),
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const child = new StateGraph(Nested)
  .addNode("one", async () => { await sleep(150); return { trail: ["child:one"] }; })
  .addNode("two", async () => { await sleep(150); return { trail: ["child:two"] }; })
  .addEdge(START, "one")
  .addEdge("one", "two")
  .addEdge("two", END)
  .compile();

export const nested = new StateGraph(Nested)
  .addNode("prepare", async () => ({ trail: ["prepare"] }))
  .addNode("child", child)
  .addEdge(START, "prepare")
  .addEdge("prepare", "child")
  .addEdge("child", END)
  .compile();
