using LlamaCode.DevTools.Cli;

return await DevCliRoot.Build().Parse(args).InvokeAsync();
