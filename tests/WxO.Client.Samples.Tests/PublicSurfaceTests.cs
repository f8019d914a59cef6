using System.Reflection;
using LangGraph.Client;
using WxO.Client;
using Xunit;

namespace WxO.Client.Samples.Tests;

/// <summary>What the three packages export, seen from outside as a user's code sees it.</summary>
public sealed class PublicSurfaceTests
{
    private static readonly Assembly Core = typeof(IRunSource).Assembly;
    private static readonly Assembly[] Packages = [Core, typeof(IWxORunsClient).Assembly, typeof(ILangGraphRunsClient).Assembly];

    private static IEnumerable<Type> Exported => Packages.SelectMany(a => a.GetExportedTypes());

    [Fact]
    public void The_core_is_its_own_package_and_neither_vendor_depends_on_the_other()
    {
        Assert.Equal("WxO.Client.Core", Core.GetName().Name);
        var langGraphReferences = typeof(ILangGraphRunsClient).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();
        var wxoReferences = typeof(IWxORunsClient).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.Contains("WxO.Client.Core", langGraphReferences);
        Assert.DoesNotContain("WxO.Client", langGraphReferences);
        Assert.Contains("WxO.Client.Core", wxoReferences);
        Assert.DoesNotContain(Packages.SelectMany(a => a.GetReferencedAssemblies()), a => a.Name!.StartsWith("Microsoft.Extensions.Http.Resilience", StringComparison.Ordinal));
    }

    [Fact]
    public void No_plumbing_type_is_public()
    {
        // Converters and the interfaces behind them are how the SDK reads JSON, not something a user calls.
        Assert.Empty(Exported.Where(t => typeof(System.Text.Json.Serialization.JsonConverter).IsAssignableFrom(t)).Select(t => t.FullName));
        Assert.DoesNotContain(Exported, t => t.Name.StartsWith("IExtensibleEnumValue", StringComparison.Ordinal) || t.Name == "IInstrumentedRunSource");
        // The core's types users touch, sign-in, and the seam (the advanced surface, in its own namespace); its one DI
        // extension (AddAgent) sits where the vendors' AddWxOClient / AddLangGraphClient do.
        Assert.Equal(["Microsoft.Extensions.DependencyInjection", "WxO.Client", "WxO.Client.Authentication", "WxO.Client.Primitives"],
            Core.GetExportedTypes().Select(t => t.Namespace!).Distinct().Order());
        Assert.Equal(["RunAgentServiceCollectionExtensions"],
            Core.GetExportedTypes().Where(t => t.Namespace == "Microsoft.Extensions.DependencyInjection").Select(t => t.Name));
        Assert.All(Core.GetExportedTypes().Where(t => t.Namespace == "WxO.Client"), t => Assert.DoesNotContain("Definition", t.Name, StringComparison.Ordinal));
    }

    [Fact]
    public void No_Refit_or_Polly_type_appears_in_any_public_signature()
    {
        var foreign = new List<string>();
        foreach (var type in Exported)
        {
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly);
            foreach (var member in members)
            {
                IEnumerable<Type> types = member switch
                {
                    MethodBase m => m.GetParameters().Select(p => p.ParameterType).Concat(m is MethodInfo mi ? [mi.ReturnType] : []),
                    PropertyInfo p => [p.PropertyType],
                    FieldInfo f => [f.FieldType],
                    _ => [],
                };
                foreign.AddRange(types.Where(t => t.Assembly.GetName().Name is "Refit" or "Polly.Core").Select(t => $"{type.Name}.{member.Name}: {t}"));
            }

            foreign.AddRange(type.GetInterfaces().Concat(type.BaseType is { } b ? [b] : []).Where(t => t.Assembly.GetName().Name is "Refit" or "Polly.Core").Select(t => $"{type.Name}: {t}"));
        }

        Assert.Empty(foreign);
    }

    [Fact]
    public void Server_defined_string_sets_are_extensible_and_enums_are_the_client_s_own()
    {
        var enums = Exported.Where(t => t.IsEnum).Select(t => t.Name).Order();

        // RunState is the SDK's own mapping; AuthenticationMode a choice of the client's options.
        Assert.Equal(["AuthenticationMode", "RunState"], enums);
    }
}
