using BulkMailer.Core.Jobs;

namespace BulkMailer.UnitTests.Jobs;

public sealed class UnicodeTextTests
{
    [Fact]
    public void A_cut_that_would_split_a_surrogate_pair_ends_before_the_pair()
    {
        var to = new string('a', 253) + "\U0001F600" + "@x.com";

        var cut = UnicodeText.Truncate(to, 254);

        Assert.Equal(new string('a', 253), cut);
        Assert.True(UnicodeText.IsWellFormed(cut));
    }

    [Fact]
    public void A_cut_after_a_whole_pair_keeps_the_pair() =>
        Assert.Equal("ab\U0001F600", UnicodeText.Truncate("ab\U0001F600cd", 4));

    [Fact]
    public void A_text_within_the_limit_is_returned_as_it_is() =>
        Assert.Equal("abc", UnicodeText.Truncate("abc", 3));

    [Fact]
    public void Text_whose_surrogates_all_pair_up_is_well_formed()
    {
        Assert.True(UnicodeText.IsWellFormed("plain"));
        Assert.True(UnicodeText.IsWellFormed("emoji \U0001F600"));
    }

    // Built in code, not as theory data: test data is serialized as UTF-8 on the way to the test, which cannot hold a
    // lone surrogate.
    [Fact]
    public void Text_with_a_lone_or_reversed_surrogate_is_not_well_formed()
    {
        Assert.False(UnicodeText.IsWellFormed("lone high " + '\ud83d'));
        Assert.False(UnicodeText.IsWellFormed('\ude00' + " lone low"));
        Assert.False(UnicodeText.IsWellFormed("reversed " + '\ude00' + '\ud83d'));
    }
}
