// A chat graph for the agents layer's tests: it answers with a fake chat model from @langchain/core's testing utilities,
// which streams its answer character by character (no LLM, no network). The answer quotes the last user message and
// says how many messages the thread holds, so a test can tell the conversation continued.
import { MessagesAnnotation, StateGraph, START, END } from "@langchain/langgraph";
import { AIMessage } from "@langchain/core/messages";
import { FakeStreamingChatModel } from "@langchain/core/utils/testing";

async function answer(state) {
  const last = state.messages[state.messages.length - 1];
  const text = typeof last?.content === "string" ? last.content : "";
  const model = new FakeStreamingChatModel({
    sleep: 20,
    responses: [new AIMessage(`You said: ${text} (message ${state.messages.length})`)],
  });
  const reply = await model.invoke(state.messages);
  return { messages: [reply] };
}

export const graph = new StateGraph(MessagesAnnotation)
  .addNode("answer", answer)
  .addEdge(START, "answer")
  .addEdge("answer", END)
  .compile();

// A graph with a tool-calling step: the model (fake) calls get_weather, a tool node answers, the model replies.
import { ToolMessage } from "@langchain/core/messages";

export const tools = new StateGraph(MessagesAnnotation)
  .addNode("agent", async (state) => {
    const model = new FakeStreamingChatModel({
      sleep: 10,
      chunks: [{ content: "", tool_calls: [{ name: "get_weather", args: { city: "Paris" }, id: "call-1", type: "tool_call" }] }],
    });
    return { messages: [await model.invoke(state.messages)] };
  })
  .addNode("tools", async () => ({ messages: [new ToolMessage({ tool_call_id: "call-1", name: "get_weather", content: "sunny" })] }))
  .addNode("answer", async (state) => {
    const model = new FakeStreamingChatModel({ sleep: 10, responses: [new AIMessage("It is sunny in Paris.")] });
    return { messages: [await model.invoke(state.messages)] };
  })
  .addEdge(START, "agent")
  .addEdge("agent", "tools")
  .addEdge("tools", "answer")
  .addEdge("answer", END)
  .compile();
