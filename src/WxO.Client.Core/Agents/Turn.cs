using Microsoft.Extensions.AI;

namespace WxO.Client;

/// <summary>The messages of one turn, checked once for both the chat client and the agent.</summary>
internal static class Turn
{
    public static IReadOnlyList<ChatMessage> Of(IEnumerable<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        IReadOnlyList<ChatMessage> list = messages as IReadOnlyList<ChatMessage> ?? [.. messages];
        if (list.Count == 0)
        {
            throw new ArgumentException("A turn needs at least one message.", nameof(messages));
        }

        if (list.Any(m => m is null))
        {
            throw new ArgumentException("A turn's messages must not be null.", nameof(messages));
        }

        return list;
    }
}
