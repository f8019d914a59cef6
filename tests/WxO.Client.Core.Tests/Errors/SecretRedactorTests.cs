using WxO.Client.Errors;
using Xunit;

namespace WxO.Client.Core.Tests.Errors;

/// <summary>
/// What the redactor blanks in server text before it reaches an exception: configured credentials and recently sent
/// tokens, in the forms a server echoes them in, and nothing shorter than a credential can be.
/// </summary>
public sealed class SecretRedactorTests
{
    [Fact]
    public void A_configured_secret_that_contains_another_is_blanked_whole()
    {
        // Blanking the shorter one first would leave the longer one's tail ("ijkl") in the text.
        var redactor = new SecretRedactor("abcdefgh", "abcdefghijkl");

        Assert.Equal("key=*** and ***", redactor.Redact("key=abcdefghijkl and abcdefgh"));
    }

    [Fact]
    public void Six_characters_is_the_shortest_secret()
    {
        var redactor = new SecretRedactor("abcde", "uvwxyz", null);

        Assert.Equal("abcde ***", redactor.Redact("abcde uvwxyz"));

        redactor.Issued("12345");
        redactor.Issued("123456");
        Assert.Equal("12345 ***", redactor.Redact("12345 123456"));
    }

    [Fact]
    public void Url_and_json_escaped_forms_are_blanked_too()
    {
        const string secret = "a b/c\"d\\e";
        var redactor = new SecretRedactor(secret);

        Assert.Equal("raw *** url *** json ***", redactor.Redact($"raw {secret} url {Uri.EscapeDataString(secret)} json a b\\/c\\\"d\\\\e"));
    }

    [Fact]
    public void Issued_tokens_are_blanked_in_every_form()
    {
        var redactor = new SecretRedactor();
        const string token = "tok/en+value";

        redactor.Issued(token);

        Assert.Equal("*** *** ***", redactor.Redact($"{token} {Uri.EscapeDataString(token)} tok\\/en+value"));
    }

    [Fact]
    public void The_last_four_issued_tokens_are_remembered()
    {
        var redactor = new SecretRedactor();
        string[] tokens = ["token/one", "token/two", "token/three", "token/four", "token/five"];
        foreach (var token in tokens[..4])
        {
            redactor.Issued(token);
        }

        // Issuing a known token again (every request does) forgets nothing.
        redactor.Issued("token/one");
        Assert.Equal("*** *** *** ***", redactor.Redact(string.Join(' ', tokens[..4])));

        redactor.Issued("token/five");
        Assert.Equal("token/one *** *** *** ***", redactor.Redact(string.Join(' ', tokens)));
        Assert.Equal("token\\/one ***", redactor.Redact("token\\/one token\\/two"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Nothing_stays_nothing(string? text)
        => Assert.Equal(text, new SecretRedactor("secret-value").Redact(text));

    [Fact]
    public void Text_without_a_secret_is_unchanged()
        => Assert.Equal("Run not found", new SecretRedactor("secret-value").Redact("Run not found"));
}
