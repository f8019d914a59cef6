namespace WxO.Client.Testing;

/// <summary>Where a fault-injecting server cuts a stream: before event <see cref="At"/> (or inside it), by a reset or a clean close.</summary>
/// <param name="At">The first event the connection does not deliver whole.</param>
/// <param name="Reset">A reset (RST); otherwise a clean end of the body, as a proxy closing an idle connection leaves it.</param>
/// <param name="MidEvent">Half of event <see cref="At"/> is written before the cut.</param>
internal sealed record StreamCut(int At, bool Reset, bool MidEvent);

/// <summary>A seeded, repeatable plan of cuts for a chaos test.</summary>
internal static class StreamCuts
{
    /// <summary><paramref name="count"/> distinct cuts in events 1..<paramref name="events"/>-1, in order, the kinds mixed at random.</summary>
    public static IReadOnlyList<StreamCut> Plan(int events, int count, int seed)
    {
        var random = new Random(seed);
        var at = new SortedSet<int>();
        while (at.Count < count)
        {
            at.Add(random.Next(1, events));
        }

        var plan = at.Select(a => new StreamCut(a, random.Next(2) == 0, random.Next(2) == 0)).ToList();
        // Every kind at least once, whatever the seed.
        plan[0] = plan[0] with { Reset = true, MidEvent = false };
        plan[1] = plan[1] with { Reset = true, MidEvent = true };
        plan[2] = plan[2] with { Reset = false, MidEvent = false };
        plan[3] = plan[3] with { Reset = false, MidEvent = true };
        return plan;
    }
}
