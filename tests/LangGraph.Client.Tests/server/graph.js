// A graph whose input picks its behaviour, so tests can create runs that finish at once, take a while, stream, fail,
// or wait for a person. It needs no LLM.
//   {"mode": "quick"}                       -> finishes immediately, result "done:quick"
//   {"mode": "sleep", "ms": 2000}           -> finishes after ms milliseconds
//   {"mode": "steps", "count": 3, "ms": 300} -> count steps, ms apart: one values event per step, result "done:steps"
//   {"mode": "throw"}                       -> the node throws, the run ends in "error"
//   {"mode": "interrupt"}                   -> interrupt({question}) parks the thread; resuming with Command.resume = X
//                                              finishes with result "answer:X"
import { Annotation, StateGraph, START, END, interrupt } from "@langchain/langgraph";

const State = Annotation.Root({
  mode: Annotation(),
  ms: Annotation(),
  count: Annotation(),
  step: Annotation(),
  result: Annotation(),
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Number(ms)));

async function work(state) {
  switch (state.mode) {
    case "throw":
      throw new Error("boom: the test graph was asked to fail");
    case "sleep":
      await sleep(state.ms ?? 1000);
      break;
    case "steps": {
      await sleep(state.ms ?? 300);
      const step = (state.step ?? 0) + 1;
      return step < Number(state.count ?? 3) ? { step } : { step, result: "done:steps" };
    }
    case "interrupt": {
      const answer = interrupt({ question: "Approve the refund?" });
      return { result: `answer:${answer}` };
    }
  }
  return { result: `done:${state.mode ?? "quick"}` };
}

const next = (state) => (state.mode === "steps" && state.result === undefined ? "work" : END);

export const graph = new StateGraph(State)
  .addNode("work", work)
  .addEdge(START, "work")
  .addConditionalEdges("work", next, ["work", END])
  .compile();
