using System.Text.Json;
using System.Text.Json.Serialization;

namespace LangGraph.Client.Models;

/// <summary>Writes the client's own closed sets as the server spells them (<c>DoNothing</c> → <c>do_nothing</c>); AOT-safe.</summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
