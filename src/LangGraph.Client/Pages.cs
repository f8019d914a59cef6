using System.Runtime.CompilerServices;

namespace LangGraph.Client;

/// <summary>The one paging loop behind every <c>Enumerate…Async</c> of this client.</summary>
internal static class Pages
{
    /// <summary>
    /// Yields every item of a paged list once, asking for the next page as the caller consumes the last one. Every key
    /// yielded is remembered: a page that brings no new item ends the iteration, as does a short page, so a server that
    /// ignores the offset, repeats pages or cycles through a set of them cannot make it loop.
    /// </summary>
    /// <param name="page">Reads a page, given the number of items yielded so far (the offset) and the last item (for lists paged by a cursor such as <c>before</c>).</param>
    /// <param name="key">The identity of an item.</param>
    /// <param name="pageSize">The page size asked for.</param>
    /// <param name="cancellationToken">Cancels the iteration.</param>
    public static async IAsyncEnumerable<T> EnumerateAsync<T, TKey>(
        Func<int, T?, CancellationToken, Task<IReadOnlyList<T>>> page, Func<T, TKey> key, int pageSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
        where TKey : notnull
    {
        var seen = new HashSet<TKey>();
        var offset = 0;
        T? last = null;
        while (true)
        {
            var items = await page(offset, last, cancellationToken).ConfigureAwait(false);
            var fresh = 0;
            foreach (var item in items)
            {
                if (seen.Add(key(item)))
                {
                    // A cancelled enumeration stops here, not after the rest of the page.
                    cancellationToken.ThrowIfCancellationRequested();
                    fresh++;
                    last = item;
                    yield return item;
                }
            }

            if (fresh == 0 || items.Count < pageSize)
            {
                yield break;
            }

            offset += items.Count;
        }
    }
}
