// A graph whose input picks its behaviour, so tests can create runs that finish at once, take a while, or fail.
//   {"mode": "quick"}                 -> finishes immediately
//   {"mode": "sleep", "ms": 2000}     -> finishes after ms milliseconds
//   {"mode": "throw"}                 -> the node throws, the run ends in "error"
import { Annotation, StateGraph, START, END } from "@langchain/langgraph";

const State = Annotation.Root({
  mode: Annotation(),
  ms: Annotation(),
  result: Annotation(),
});

async function work(state) {
  if (state.mode === "throw") {
    throw new Error("boom: the test graph was asked to fail");
  }
  if (state.mode === "sleep") {
    await new Promise((resolve) => setTimeout(resolve, Number(state.ms ?? 1000)));
  }
  return { result: `done:${state.mode ?? "quick"}` };
}

export const graph = new StateGraph(State).addNode("work", work).addEdge(START, "work").addEdge("work", END).compile();
