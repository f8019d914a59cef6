using Microsoft.Extensions.Options;

namespace WxO.Client.Http;

/// <summary>Runs <see cref="RunClientOptions.Validate"/> for the options framework, so bad settings fail at startup.</summary>
internal sealed class RunClientOptionsValidator<TOptions> : IValidateOptions<TOptions> where TOptions : RunClientOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var failures = new List<string>();
        options.Validate(failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
