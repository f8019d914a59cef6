using System.Diagnostics;

namespace WxO.Client.Testing;

/// <summary>Records the activities (spans) of the named sources that stop while it is alive.</summary>
internal sealed class ActivityRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly List<Activity> _stopped = [];

    public ActivityRecorder(params string[] sourceNames)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => sourceNames.Contains(source.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (_stopped) { _stopped.Add(activity); } },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> Stopped
    {
        get { lock (_stopped) { return [.. _stopped]; } }
    }

    public IReadOnlyList<Activity> From(string sourceName) => Stopped.Where(a => a.Source.Name == sourceName).ToList();

    public void Dispose() => _listener.Dispose();
}
