// An ASP.NET Core minimal API that reads runs through WxO.Client, configured from the "WxO" and "LangGraph" sections
// (appsettings.json, or environment variables such as WxO__BaseAddress and WxO__ApiKey). A section without a
// BaseAddress uses the embedded sandbox. Listens on http://127.0.0.1:5080 (the "Urls" setting: --urls or URLS to change it).
WxO.Client.Samples.AspNetCore.SampleApp.Build(args).Run();
