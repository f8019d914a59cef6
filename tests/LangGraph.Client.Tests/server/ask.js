// Chat graphs that ask the user, for the agents layer's human-in-the-loop tests (no LLM).
//   ask:     interrupt({question}) once, then answers "Booked: <answer>" (streamed by a fake chat model).
//   ask-two: two nodes run in parallel and each interrupts with its own question; then "A=<a>, B=<b>".
import { MessagesAnnotation, Annotation, StateGraph, START, END, interrupt } from "@langchain/langgraph";
import { AIMessage } from "@langchain/core/messages";
import { FakeStreamingChatModel } from "@langchain/core/utils/testing";

const say = async (text, messages) =>
  new FakeStreamingChatModel({ sleep: 10, responses: [new AIMessage(text)] }).invoke(messages);

export const ask = new StateGraph(MessagesAnnotation)
  .addNode("book", async (state) => {
    const answer = interrupt({ question: "Book the flight?" });
    return { messages: [await say(`Booked: ${answer}`, state.messages)] };
  })
  .addEdge(START, "book")
  .addEdge("book", END)
  .compile();

const Two = Annotation.Root({
  ...MessagesAnnotation.spec,
  a: Annotation(),
  b: Annotation(),
});

export const askTwo = new StateGraph(Two)
  .addNode("first", async () => ({ a: interrupt({ question: "First?" }) }))
  .addNode("second", async () => ({ b: interrupt({ question: "Second?" }) }))
  .addNode("reply", async (state) => ({ messages: [await say(`A=${state.a}, B=${state.b}`, state.messages)] }))
  .addEdge(START, "first")
  .addEdge(START, "second")
  .addEdge("first", "reply")
  .addEdge("second", "reply")
  .addEdge("reply", END)
  .compile();
