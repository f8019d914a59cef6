namespace SharedSource;

/// <summary>List helpers for answers read from servers. Linked source, compiled into each vendor package.</summary>
internal static class Lists
{
    /// <summary>The list without <c>null</c> items (a server's <c>[{...}, null]</c>); the same instance when it has none.</summary>
    public static IReadOnlyList<T> WithoutNulls<T>(this IReadOnlyList<T> list) where T : class
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                return [.. list.Where(item => item is not null)];
            }
        }

        return list;
    }
}
