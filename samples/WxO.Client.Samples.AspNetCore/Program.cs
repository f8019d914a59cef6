// An ASP.NET Core minimal API that reads runs through WxO.Client, configured from appsettings.json
// ("WxO" and "LangGraph" sections; environment variables such as WxO__ApiKey override them).
WxO.Client.Samples.AspNetCore.SampleApp.Build(args).Run();
