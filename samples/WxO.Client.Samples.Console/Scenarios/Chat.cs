using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace WxO.Client.Samples.Console.Scenarios;

/// <summary>
/// A chat with an agent of either server, through Agent Framework's <see cref="AIAgent"/>: the reply prints as it is
/// written, thinking and tool calls dimmed; when the agent asks, the next line is the answer; Ctrl+C during a reply stops
/// that run (explicitly: the caller's token alone would only disconnect) and the chat goes on. An empty line ends it.
/// </summary>
public static class Chat
{
    public static async Task<int> RunAsync(AIAgent agent, TextReader input, TextWriter output, bool ansi, CancellationToken cancellationToken)
    {
        var session = await agent.CreateSessionAsync(cancellationToken);
        await output.WriteLineAsync($"Chatting with {agent.Name}. An empty line ends the chat; Ctrl+C stops a reply.");
        ChatMessage? next = null;
        while (true)
        {
            if (next is null)
            {
                await output.WriteAsync("you> ");
                await output.FlushAsync(cancellationToken);
                if (await input.ReadLineAsync(cancellationToken) is not { Length: > 0 } line)
                {
                    return 0;
                }

                next = new ChatMessage(ChatRole.User, line);
            }

            var questions = await TurnAsync(agent, session, next, output, ansi, cancellationToken);
            next = null;
            if (questions.Count == 0)
            {
                continue;
            }

            // The agent asked: each answer goes back by the question's id, and the run resumes where it stopped.
            var answers = new List<AIContent>();
            foreach (var question in questions)
            {
                await output.WriteAsync($"{question.Question ?? question.Value.GetRawText()} > ");
                await output.FlushAsync(cancellationToken);
                if (await input.ReadLineAsync(cancellationToken) is not { } answer)
                {
                    return 0;
                }

                answers.Add(question.CreateResponse(answer));
            }

            next = new ChatMessage(ChatRole.User, answers);
        }
    }

    /// <summary>One reply, printed as it streams; returns the questions it ended with.</summary>
    private static async Task<List<RunInputRequestContent>> TurnAsync(
        AIAgent agent, AgentSession session, ChatMessage message, TextWriter output, bool ansi, CancellationToken cancellationToken)
    {
        var questions = new List<RunInputRequestContent>();
        using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler stop = (_, e) =>
        {
            e.Cancel = true;
            turn.Cancel();
        };
        System.Console.CancelKeyPress += stop;
        try
        {
            await output.WriteAsync($"{agent.Name}> ");
            await foreach (var update in agent.RunStreamingAsync(message, session, cancellationToken: turn.Token))
            {
                foreach (var content in update.Contents)
                {
                    switch (content)
                    {
                        case TextContent text:
                            await output.WriteAsync(text.Text);
                            break;
                        case TextReasoningContent thinking:
                            await Dim($"({thinking.Text}) ");
                            break;
                        case FunctionCallContent call:
                            await Dim($"[{call.Name}({JsonSerializer.Serialize(call.Arguments?.ToDictionary(a => a.Key, a => a.Value?.ToString()), SampleJson.Default.DictionaryStringString)})] ");
                            break;
                        case FunctionResultContent result:
                            await Dim($"[→ {result.Result}] ");
                            break;
                        case ErrorContent error:
                            await output.WriteAsync($"[error: {error.Message}] ");
                            break;
                        case RunInputRequestContent question:
                            questions.Add(question);
                            break;
                    }
                }

                await output.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (turn.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Leaving the stream only disconnects; stopping the run on the server is its own call.
            var stopped = agent is RunAgent ours && await ours.CancelRunAsync(session, cancellationToken);
            await output.WriteAsync(stopped ? " [stopped]" : " [stopped listening]");
        }
        finally
        {
            System.Console.CancelKeyPress -= stop;
        }

        await output.WriteLineAsync();
        return questions;

        Task Dim(string text) => output.WriteAsync(ansi ? $"\u001b[2m{text}\u001b[0m" : text);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string?>))]
internal sealed partial class SampleJson : System.Text.Json.Serialization.JsonSerializerContext;
