using System.Buffers.Text;
using System.Text;
using BulkMailer.Core.Unsubscribe;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.Unsubscribe;

public sealed class UnsubscribeTokenCodecTests
{
    private const string Key = "0123456789abcdef0123456789abcdef-current";
    private const string OldKey = "fedcba9876543210fedcba9876543210-retired";
    private static readonly DateTimeOffset Sent = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static UnsubscribeTokenCodec Codec(FixedClock clock, string keys = Key) => new(UnsubscribeSigningKeys.Parse(keys), clock);

    [Fact]
    public void A_fresh_token_names_the_lower_cased_recipient_the_campaign_and_the_expiry()
    {
        var clock = new FixedClock(Sent);
        var codec = Codec(clock);

        var check = codec.Verify(codec.Issue("Ada.Lovelace@Example.COM", "spring-2027"));

        Assert.True(check.IsValid);
        Assert.Equal(new UnsubscribeToken("ada.lovelace@example.com", "spring-2027", Sent + UnsubscribeTokenCodec.DefaultValidity), check.Token);
    }

    [Fact]
    public void A_token_is_url_safe_text()
    {
        var token = Codec(new FixedClock(Sent)).Issue("a+b/c=d@example.com", "camp/1 ü");

        Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.', $"'{c}' is not URL-safe"));
    }

    [Fact]
    public void A_job_without_a_campaign_gets_a_token_with_an_empty_campaign()
    {
        var codec = Codec(new FixedClock(Sent));

        Assert.Equal("", codec.Verify(codec.Issue("a@example.com", null)).Token!.CampaignId);
    }

    [Fact]
    public void A_token_works_until_just_before_its_expiry_and_not_at_it()
    {
        var clock = new FixedClock(Sent);
        var codec = Codec(clock);
        var token = codec.Issue("a@example.com", "c");

        clock.Advance(UnsubscribeTokenCodec.DefaultValidity - TimeSpan.FromSeconds(1));
        Assert.True(codec.Verify(token).IsValid);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(UnsubscribeTokenFault.Expired, codec.Verify(token).Fault);
    }

    [Fact]
    public void A_changed_recipient_is_tampering()
    {
        var codec = Codec(new FixedClock(Sent));
        var parts = codec.Issue("a@example.com", "c").Split('.');
        parts[3] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes("victim@example.com"));

        Assert.Equal(UnsubscribeTokenFault.Tampered, codec.Verify(string.Join('.', parts)).Fault);
    }

    [Fact]
    public void A_pushed_out_expiry_is_tampering_not_a_valid_token()
    {
        var clock = new FixedClock(Sent);
        var codec = Codec(clock);
        var parts = codec.Issue("a@example.com", "c").Split('.');
        parts[1] = (long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) + 86_400).ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(UnsubscribeTokenFault.Tampered, codec.Verify(string.Join('.', parts)).Fault);
    }

    [Fact]
    public void A_flipped_signature_byte_is_tampering()
    {
        var codec = Codec(new FixedClock(Sent));
        var token = codec.Issue("a@example.com", "c");
        var signature = Base64Url.DecodeFromChars(token.AsSpan(token.LastIndexOf('.') + 1));
        signature[0] ^= 1;

        Assert.Equal(UnsubscribeTokenFault.Tampered, codec.Verify(token[..(token.LastIndexOf('.') + 1)] + Base64Url.EncodeToString(signature)).Fault);
    }

    [Fact]
    public void A_token_signed_with_another_key_is_tampering()
    {
        var clock = new FixedClock(Sent);

        Assert.Equal(UnsubscribeTokenFault.Tampered, Codec(clock).Verify(Codec(clock, OldKey).Issue("a@example.com", "c")).Fault);
    }

    [Fact]
    public void After_a_rotation_links_signed_with_the_previous_key_still_verify_and_new_ones_use_the_new_key()
    {
        var clock = new FixedClock(Sent);
        var rotated = Codec(clock, Key + "\n" + OldKey);

        Assert.True(rotated.Verify(Codec(clock, OldKey).Issue("a@example.com", "c")).IsValid);
        Assert.True(Codec(clock, Key).Verify(rotated.Issue("a@example.com", "c")).IsValid);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("1.2.3.4")]
    [InlineData("1.2.3.4.5.6")]
    [InlineData("2.1900000000.Yw.YUBleGFtcGxlLmNvbQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("1.-5.Yw.YUBleGFtcGxlLmNvbQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("1.1900000000.Y*w.YUBleGFtcGxlLmNvbQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("1.1900000000.Yw..AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("1.1900000000.Yw.YUBleGFtcGxlLmNvbQ.AAAA")]
    [InlineData("1.1900000000.Yw.__8.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Anything_not_shaped_like_a_token_is_malformed(string? token) =>
        Assert.Equal(UnsubscribeTokenFault.Malformed, Codec(new FixedClock(Sent)).Verify(token).Fault);

    [Fact]
    public void An_overlong_token_is_malformed_before_any_work() =>
        Assert.Equal(UnsubscribeTokenFault.Malformed, Codec(new FixedClock(Sent)).Verify(new string('A', UnsubscribeTokenCodec.MaxTokenLength + 1)).Fault);

    [Fact]
    public void Each_fault_has_its_own_message()
    {
        var messages = Enum.GetValues<UnsubscribeTokenFault>().Select(f => new UnsubscribeTokenCheck(f, null).Message).ToList();

        Assert.Equal(messages.Count, messages.Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("short-key")]
    [InlineData("0123456789abcdef0123456789abcdef too-short")]
    public void A_secret_without_usable_keys_is_refused_without_echoing_it(string secret)
    {
        var refused = Assert.Throws<ArgumentException>(() => UnsubscribeSigningKeys.Parse(secret));

        Assert.False(secret.Trim().Length > 0 && refused.Message.Contains(secret.Trim(), StringComparison.Ordinal), refused.Message);
    }

    [Fact]
    public void The_keys_never_print_themselves() =>
        Assert.DoesNotContain(Key, UnsubscribeSigningKeys.Parse(Key).ToString(), StringComparison.Ordinal);
}
