namespace WxO.Client;

/// <summary>One problem the server found in a request, as listed in a validation error answer.</summary>
public sealed record ValidationError
{
    /// <summary>Where the problem is, outermost first (e.g. <c>["query", "limit"]</c>); list indices as their decimal text.</summary>
    public IReadOnlyList<string> Location { get; init; } = [];

    /// <summary>What is wrong.</summary>
    public string Message { get; init; } = string.Empty;

    /// <summary>The server's machine-readable error type or code (e.g. <c>greater_than_equal</c>), if it gave one.</summary>
    public string? Type { get; init; }

    /// <summary><c>location: message</c>, e.g. <c>query.limit: Input should be greater than or equal to 1</c>.</summary>
    public override string ToString() => Location.Count == 0 ? Message : $"{string.Join('.', Location)}: {Message}";
}
