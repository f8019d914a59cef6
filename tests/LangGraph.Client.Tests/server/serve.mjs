// Starts the test graph on a real LangGraph Agent Server for trying LangGraph.Client by hand: `npm start` (after
// `npm ci`). Port: $PORT, else a free one (2024 is often taken). Prints the URL once the server answers GET /ok, then
// runs until Ctrl+C. The integration tests start their own server; this one is for people.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer().once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const port = Number(process.env.PORT) || (await freePort());
const url = `http://127.0.0.1:${port}`;
const server = spawn("npx", ["langgraphjs", "dev", "--no-browser", "--host", "127.0.0.1", "--port", String(port)], {
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
const stop = () => {
  try { process.kill(-server.pid, "SIGTERM"); } catch { /* already gone */ }
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
server.on("exit", (code) => {
  console.error(`the LangGraph server exited (${code})`);
  process.exit(code ?? 1);
});

for (let waited = 0; waited < 120_000; waited += 250) {
  try {
    if ((await fetch(`${url}/ok`)).ok) {
      console.log(`LangGraph Agent Server ready at ${url} (graph "agent"; Ctrl+C stops it)`);
      console.log(`  try: LANGGRAPH_URL=${url} dotnet run --project samples/WxO.Client.Samples.Console -- langgraph run agent --input '{"mode":"steps"}'`);
      break;
    }
  } catch { /* not listening yet */ }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
