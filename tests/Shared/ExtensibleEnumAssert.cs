using Xunit;

namespace WxO.Client.Testing;

/// <summary>
/// What every string-valued enum of both packages promises: equality and hashing ignore case (a value's hash is its text's
/// case-insensitive hash, so distinct values spread over a dictionary's buckets); the default is empty.
/// </summary>
internal static class ExtensibleEnumAssert
{
    public static void IgnoresCase<T>(T known, T otherCase) where T : struct
    {
        Assert.Equal(known, otherCase);
        Assert.Equal(StringComparer.OrdinalIgnoreCase.GetHashCode(known.ToString()!), known.GetHashCode());
        Assert.Equal(known.GetHashCode(), otherCase.GetHashCode());
        Assert.Contains(otherCase, new HashSet<T> { known });
        Assert.NotEqual(known, default);
        Assert.Equal(0, default(T).GetHashCode());
        Assert.Equal(string.Empty, default(T).ToString());
    }
}
