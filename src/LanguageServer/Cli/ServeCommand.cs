using System.CommandLine;
using LlamaCode.LanguageServer.Server;

namespace LlamaCode.LanguageServer.Cli;

/// <summary>`llamacode serve`: the language server over stdio. Stdout carries protocol messages only.</summary>
internal static class ServeCommand
{
    public static Command Build()
    {
        var command = new Command("serve", "Run the language server (LSP 3.18 inline completion) over stdio.");
        var model = new Option<FileInfo?>("--model", "-m") { Description = "GGUF model file (the llamacode.modelPath setting overrides it)." };
        var stdio = new Option<bool>("--stdio") { Description = "Talk LSP over stdin/stdout (the default and only transport)." };
        var logFile = new Option<FileInfo?>("--log-file") { Description = "Also write the log to this file." };
        var logLevel = new Option<ServerLogLevel>("--log-level") { Description = "Error, Warning, Info or Debug.", DefaultValueFactory = _ => ServerLogLevel.Info };
        foreach (var o in new Option[] { model, stdio, logFile, logLevel }) command.Options.Add(o);
        var remoteOptions = new RemoteOptions();
        remoteOptions.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            ServerSettings remote;
            try
            {
                var r = remoteOptions.Resolve(parse, null, 4096);
                remote = new ServerSettings { Backend = r?.Api, Endpoint = r?.Endpoint, ApiKeyEnv = r?.ApiKeyEnv, RemoteModel = r?.Model };
            }
            catch (ArgumentException e)
            {
                return CliErrors.Usage(e.Message);
            }
            var options = new LanguageServerOptions
            {
                ModelPath = parse.GetValue(model)?.FullName,
                LogFile = parse.GetValue(logFile)?.FullName,
                LogLevel = parse.GetValue(logLevel),
                Remote = remote,
            };
            // The one place that touches stdout: the protocol stream.
            var (stdin, stdout) = StdioStreams.Open();
            await using (stdin)
            await using (stdout)
                return await LanguageServerHost.RunAsync(stdin, stdout, options, ct);
        });
        return command;
    }
}
