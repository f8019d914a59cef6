namespace WxO.Client.Testing;

/// <summary>Files the tests read, copied next to the test assembly by the project file.</summary>
internal static class TestPaths
{
    public static string Spec(string fileName) => Path.Combine(AppContext.BaseDirectory, "specs", fileName);
}
