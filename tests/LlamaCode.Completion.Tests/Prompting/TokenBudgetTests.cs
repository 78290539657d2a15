using LlamaCode.Completion.Prompting;

namespace LlamaCode.Completion.Tests.Prompting;

public sealed class TokenBudgetTests
{
    [Theory]
    // total, fixed, shares (prefix/suffix/context), wanted (prefix/suffix/context) -> allocation
    [InlineData(100, 0, 0.5, 0.2, 0.3, 1000, 1000, 1000, 50, 20, 30)] // everyone wants more: the shares
    [InlineData(100, 0, 0.5, 0.2, 0.3, 10, 10, 10, 10, 10, 10)]       // everyone fits
    [InlineData(100, 0, 0.5, 0.2, 0.3, 1000, 1000, 0, 72, 28, 0)]     // no context: its share goes 5:2 to the others, the rounding remainder to the largest share
    [InlineData(100, 0, 0.5, 0.2, 0.3, 1000, 0, 0, 100, 0, 0)]        // only the prefix wants anything
    [InlineData(100, 4, 0.5, 0.2, 0.3, 1000, 5, 1000, 58, 5, 33)]     // fixed tokens come off the top
    [InlineData(100, 0, 1.0, 0.0, 0.0, 1000, 1000, 1000, 100, 0, 0)]  // a zero share gets nothing
    [InlineData(10, 20, 0.5, 0.2, 0.3, 5, 5, 5, 0, 0, 0)]             // nothing left after the fixed tokens
    public void Splits_by_share_and_passes_on_what_a_part_does_not_need(int total, int fixedTokens,
        double prefixShare, double suffixShare, double contextShare, int prefixWanted, int suffixWanted, int contextWanted,
        int prefix, int suffix, int context)
    {
        var budget = new TokenBudget(total, prefixShare, suffixShare, contextShare);

        var allocation = budget.Allocate(fixedTokens, prefixWanted, suffixWanted, contextWanted);

        Assert.Equal(new BudgetAllocation(prefix, suffix, context), allocation);
    }

    [Fact]
    public void Caps_limit_a_part_and_its_leftover_goes_to_the_others()
    {
        var budget = new TokenBudget(100) { MaxContextTokens = 10 };

        var allocation = budget.Allocate(0, 1000, 1000, 1000);

        Assert.Equal(10, allocation.Context);
        Assert.Equal(90, allocation.Prefix + allocation.Suffix);
        Assert.True(allocation.Prefix > 2 * allocation.Suffix);
    }

    [Fact]
    public void The_context_size_less_the_output_is_the_prompt_budget()
    {
        Assert.Equal(2048 - 128, TokenBudget.ForContext(2048, 128).PromptTokens);
        Assert.Equal(0, TokenBudget.ForContext(100, 128).PromptTokens);
    }
}
