using System.CommandLine;
using System.Text.Json;
using LlamaCode.Completion.Models;
using LlamaCode.LanguageServer.Conversions;

namespace LlamaCode.LanguageServer.Cli;

/// <summary>`llamacode models`: the GGUF files in the local stores (Ollama, LM Studio, llama.cpp, Hugging Face), FIM marked.</summary>
internal static class ModelsCommand
{
    public static Command Build()
    {
        var command = new Command("models", "List the GGUF models in Ollama's, LM Studio's, llama.cpp's and the Hugging Face hub's local stores, and whether each carries fill-in-the-middle tokens (read from the file's header).");
        var json = new Option<bool>("--json") { Description = "Print one JSON object (version 1): models (name, path, store, sizeBytes, architecture, fim, detail) and notes." };
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            var found = LocalModelDiscovery.Discover(ModelStores.ForCurrentUser());
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(ModelListConversion.ToResult(found), CliErrors.JsonOptions));
                return 0;
            }
            foreach (var note in found.Notes) Console.Error.WriteLine($"note: {note}");
            if (found.Models.Count == 0)
            {
                Console.Error.WriteLine("no GGUF models found in the local stores: " +
                    string.Join(", ", ModelStores.ForCurrentUser().Select(r => r.Path)));
                return 0;
            }
            Console.Out.Write(Table(found.Models));
            return 0;
        });
        return command;
    }

    /// <summary>Name, FIM, size, store and path, in aligned columns.</summary>
    public static string Table(IReadOnlyList<DiscoveredModel> models)
    {
        string[] header = ["NAME", "FIM", "SIZE", "STORE", "PATH"];
        var rows = models.Select(m => new[] { m.Name, m.Fim ? "yes" : "no", $"{m.SizeBytes / 1_073_741_824.0:F1} GiB", ModelListConversion.StoreName(m.Store), m.Path }).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Append(header).Max(r => r[i].Length)).ToArray();
        var text = new System.Text.StringBuilder();
        foreach (var row in rows.Prepend(header))
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))));
        return text.ToString();
    }
}
