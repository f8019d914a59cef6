namespace WxO.Client.Samples.AspNetCore;

/// <summary>
/// Points each source whose <c>BaseAddress</c> is not configured at the embedded sandbox (fake servers on 127.0.0.1),
/// so the sample runs with no account. A configured source is left alone: the sandbox's token never goes to a real server.
/// </summary>
internal static class SandboxFallback
{
    public static Sandbox? Apply(ConfigurationManager configuration)
    {
        var wxo = string.IsNullOrEmpty(configuration["WxO:BaseAddress"]);
        var langGraph = string.IsNullOrEmpty(configuration["LangGraph:BaseAddress"]);
        if (!wxo && !langGraph)
        {
            return null;
        }

        var sandbox = Sandbox.Start();
        var settings = new Dictionary<string, string?>();
        if (wxo)
        {
            settings["WxO:BaseAddress"] = sandbox.WxOUrl;
            settings["WxO:BearerToken"] = Sandbox.Token;
        }

        if (langGraph)
        {
            settings["LangGraph:BaseAddress"] = sandbox.LangGraphUrl;
        }

        configuration.AddInMemoryCollection(settings);
        return sandbox;
    }
}
