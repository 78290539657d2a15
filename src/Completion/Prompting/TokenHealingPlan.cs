using System.Text;
using LlamaCode.Engine.Inference;

namespace LlamaCode.Completion.Prompting;

/// <summary>
/// Token healing: drop the last <see cref="BackOffTokens"/> tokens of the prefix from the prompt and make the
/// generation start with <see cref="RequiredPrefix"/> (exactly the text of the dropped tokens), so the model picks
/// the natural tokenization of a word the cursor is in the middle of ("▁Console" rather than "▁Con" + "sole").
/// </summary>
public sealed record TokenHealingPlan(int BackOffTokens, string RequiredPrefix)
{
    public static readonly TokenHealingPlan None = new(0, "");

    public bool IsNone => BackOffTokens == 0;

    /// <summary>The generated text with the healed part (which the document already has) removed.</summary>
    public string StripRequiredPrefix(string generated) =>
        generated.StartsWith(RequiredPrefix, StringComparison.Ordinal) ? generated[RequiredPrefix.Length..] : generated;

    /// <summary>A fresh constraint to check generated token pieces against.</summary>
    public RequiredPrefixConstraint Constraint() => new(Encoding.UTF8.GetBytes(RequiredPrefix));
}
