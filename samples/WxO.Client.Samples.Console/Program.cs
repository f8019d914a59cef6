// WxO.Client quickstart: list, read and wait for runs of IBM watsonx Orchestrate and a LangGraph Agent Server.
// With no configuration it starts an embedded sandbox (fake servers on 127.0.0.1); see --help.
return await WxO.Client.Samples.Console.App.RunAsync(args, System.Console.Out);
