using LlamaCode.LanguageServer.Cli;

LoadedAssembliesReport.InstallFromEnvironment();
return await CliRoot.Build().Parse(args).InvokeAsync();
