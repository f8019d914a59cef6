using LangGraph.Client;
using LangGraph.Client.Models;

namespace WxO.Client.Samples.Console.Scenarios;

/// <summary>Which assistants (graphs and their configurations) the LangGraph server runs.</summary>
public static class LangGraphAssistants
{
    public static async Task<int> RunAsync(ILangGraphRunsClient client, TextWriter output, CancellationToken cancellationToken)
    {
        var table = new Table("ASSISTANT_ID", "GRAPH", "NAME", "VERSION", "UPDATED_AT");
        await foreach (var assistant in client.EnumerateAssistantsAsync(cancellationToken: cancellationToken))
        {
            table.Add(assistant.AssistantId.ToString(), assistant.GraphId ?? "-", assistant.Name ?? "-", assistant.Version?.ToString() ?? "-",
                assistant.UpdatedAt?.ToString("O") ?? "-");
        }

        table.Write(output);
        return 0;
    }
}
