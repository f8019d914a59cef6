// WxO.Client sample: list, read and wait for runs of IBM watsonx Orchestrate and a LangGraph Agent Server.
// The scenarios are in Scenarios/, one per file; App.cs is the command line around them. See --help.
return await WxO.Client.Samples.Console.App.RunAsync(args, System.Console.Out, System.Console.Error);
