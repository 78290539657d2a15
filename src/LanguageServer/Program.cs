using LlamaCode.LanguageServer.Cli;

return await CliRoot.Build().Parse(args).InvokeAsync();
