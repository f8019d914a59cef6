namespace WxO.Client.Streaming;

/// <summary>
/// The ids of the events a stream has yielded, so a re-join that repeats some is caught. Ids the servers hand out in order
/// (a counter such as <c>"7"</c>, or a Redis-style stream id such as <c>"1700000000000-3"</c>) compare by that order, so
/// a replay of any length is caught in constant memory; any other id is remembered among the last <see cref="Window"/>.
/// </summary>
internal sealed class SeenEventIds
{
    /// <summary>How many recent ids without an order are kept.</summary>
    public const int Window = 1024;

    private readonly HashSet<string> _recent = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private (long Major, long Minor) _highest = (-1, -1);

    public void Add(string id)
    {
        if (OrderOf(id) is { } key)
        {
            _highest = Max(_highest, key);
        }
        else if (_recent.Add(id))
        {
            _order.Enqueue(id);
            if (_order.Count > Window)
            {
                _recent.Remove(_order.Dequeue());
            }
        }
    }

    public bool Contains(string id)
        => OrderOf(id) is { } key ? Max(_highest, key) == _highest : _recent.Contains(id);

    /// <summary><c>"N"</c> or <c>"N-M"</c> with non-negative numbers, as a comparable pair; null for any other id.</summary>
    internal static (long Major, long Minor)? OrderOf(string id)
    {
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        var major = dash < 0 ? id.AsSpan() : id.AsSpan(0, dash);
        var minor = dash < 0 ? "0".AsSpan() : id.AsSpan(dash + 1);
        return long.TryParse(major, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var a)
            && long.TryParse(minor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var b)
                ? (a, b)
                : null;
    }

    private static (long Major, long Minor) Max((long Major, long Minor) x, (long Major, long Minor) y)
        => x.Major > y.Major || (x.Major == y.Major && x.Minor >= y.Minor) ? x : y;
}
