using LlamaCode.Completion.Retrieval;

namespace LlamaCode.Completion.Tests.Retrieval;

/// <summary>Text: the terms it is found by (distinct, in order of first occurrence).</summary>
public class IdentifierTermsTests
{
    [Theory]
    [InlineData("HttpClientFactory", "httpclientfactory http client factory")]
    [InlineData("XMLParser", "xmlparser xml parser")]
    [InlineData("orderRepository.", "orderrepository order repository")]
    [InlineData("MAX_RETRY_COUNT", "max_retry_count max retry count")]
    [InlineData("_cache", "_cache")]                              // one word: no sub-words
    [InlineData("utf8Reader", "utf8reader utf8 reader")]         // digits stay with the word before
    [InlineData("parseURL", "parseurl parse url")]
    [InlineData("Order order ORDER", "order")]                    // lower-cased, distinct
    [InlineData("public static void Main()", "main")]             // keywords dropped
    [InlineData("def fn func let i x", "")]                       // keywords of other languages, 1-char terms
    [InlineData("aB", "ab")]                                      // 1-char sub-words dropped
    [InlineData("IsNull", "isnull")]                              // keyword sub-words dropped (is, null)
    [InlineData("x => x.Count > 42", "count")]                    // numbers are not identifiers
    [InlineData("Größe = café", "größe café")]                    // letters beyond ASCII
    public void Extracts_identifiers_and_their_sub_words(string text, string expected) =>
        Assert.Equal(expected, string.Join(' ', IdentifierTerms.Distinct(text)));

    [Fact]
    public void Counts_every_occurrence_of_a_term()
    {
        var counts = IdentifierTerms.Count("orderRepository.Save(order)");
        Assert.Equal(2, counts["order"]);
        Assert.Equal(1, counts["orderrepository"]);
        Assert.Equal(1, counts["save"]);
    }

    [Theory]
    [InlineData("HttpClientFactory", "http client factory")]
    [InlineData("IPolicyWrap", "policy wrap")]                    // one-letter words dropped
    [InlineData("XMLParser", "xml parser")]
    [InlineData("StringUtils", "string utils")]                   // keywords kept: names are matched against names
    [InlineData("Order", "order")]                                // a plain word is its own word
    public void Words_of_a_name_are_its_lower_cased_parts(string identifier, string expected) =>
        Assert.Equal(expected, string.Join(' ', IdentifierTerms.Words(identifier)));

    [Fact]
    public void Words_of_a_text_are_the_words_of_its_identifiers()
    {
        var words = IdentifierTerms.WordsOf("var mailer = new InvoiceMailer(); // send it");
        Assert.Equal(["invoice", "it", "mailer", "new", "send", "var"], words.Order().ToArray());
    }
}
