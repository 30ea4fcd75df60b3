using BulkMailer.Core.Jobs;
using BulkMailer.Core.Ses;

namespace BulkMailer.UnitTests.Jobs;

/// <summary>
/// The validator refuses what SES's v2 model refuses (message tags, message headers, the job tag's length), so a job
/// it accepts never makes SES refuse a whole call; and a job's configuration set must be one the deployment may use.
/// </summary>
public sealed class SesModelRulesTests
{
    private const string Valid = """{"jobId":"c/1","from":"Acme <news@acme.example>","to":"ada@example.com","subject":"Hi","text":"x"}""";

    private static string With(string fields) => Valid[..^1] + "," + fields + "}";

    private static string? Reject(string body, ConfigurationSetAllowList? allowList = null) => JobValidator.Parse(body, allowList).RejectReason;

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    [Theory]
    [InlineData("campaign", "spring.2026")]
    [InlineData("campaign", "ada@example.com")]
    [InlineData("camp.aign", "spring")]
    [InlineData("campaign", "caf\u00e9")]
    public void A_tag_with_a_character_SES_does_not_allow_is_rejected(string name, string value) =>
        Assert.Equal("tag names and values may hold only ASCII letters, digits, '_' and '-' (1-256 characters)",
            Reject(With($$"""
                "tags":{{{Json(name)}}:{{Json(value)}}}
                """)));

    [Fact]
    public void A_tag_of_256_allowed_characters_is_accepted() =>
        Assert.Null(Reject(With($$"""
            "tags":{"campaign_2026-x":"{{new string('v', 256)}}"}
            """)));

    [Fact]
    public void A_tag_value_over_256_characters_is_rejected() =>
        Assert.NotNull(Reject(With($$"""
            "tags":{"campaign":"{{new string('v', 257)}}"}
            """)));

    [Theory]
    [InlineData("X-Note", "caf\u00e9")]
    [InlineData("X-Note", "tab\there")]
    [InlineData("X-Note", "")]
    public void A_header_value_that_is_not_printable_ASCII_is_rejected(string name, string value) =>
        Assert.Equal($"header {name} must be 1-995 printable ASCII characters (name and value at most 996)",
            Reject(With($$"""
                "headers":{{{Json(name)}}:{{Json(value)}}}
                """)));

    [Theory]
    [InlineData(1, 995, true)]
    [InlineData(1, 996, false)]
    [InlineData(6, 995, false)]
    [InlineData(126, 1, true)]
    [InlineData(127, 1, false)]
    public void Header_names_and_values_are_accepted_up_to_SES_lengths_and_rejected_past_them(int nameLength, int valueLength, bool accepted)
    {
        var reason = Reject(With($$"""
            "headers":{"{{new string('h', nameLength)}}":"{{new string('v', valueLength)}}"}
            """));
        Assert.Equal(accepted, reason is null);
    }

    [Theory]
    [InlineData("X:Y")]
    [InlineData("X Y")]
    [InlineData("X-\u00e9")]
    public void A_header_name_with_a_colon_space_or_non_ASCII_is_rejected(string name) =>
        Assert.Equal("a header name is not a valid RFC 5322 field name", Reject(With($$"""
            "headers":{{{Json(name)}}:"v"}
            """)));

    [Fact]
    public void More_than_15_headers_are_rejected()
    {
        var headers = string.Join(",", Enumerable.Range(0, 16).Select(i => $"\"X-{i}\":\"v\""));
        Assert.Equal("at most 15 headers are allowed", Reject(With($"\"headers\":{{{headers}}}")));
    }

    [Fact]
    public void A_non_ASCII_job_id_over_192_UTF8_bytes_is_rejected_although_it_has_at_most_128_characters()
    {
        var jobId = new string('\u00e9', 97); // 194 bytes in UTF-8
        Assert.Equal("jobId must be at most 192 bytes in UTF-8 (it travels in an SES tag of at most 256 characters)",
            Reject(Valid.Replace("c/1", jobId, StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_job_id_the_validator_accepts_makes_a_job_tag_SES_accepts()
    {
        var longest = new string('\u00e9', 96); // 192 bytes in UTF-8
        Assert.Null(Reject(Valid.Replace("c/1", longest, StringComparison.Ordinal)));
        var tag = JobTag.Encode(longest);
        Assert.Equal(256, tag.Length);
        Assert.Matches("^[A-Za-z0-9_-]{1,256}$", tag);
        Assert.Equal(longest, JobTag.TryDecode(tag));
    }

    [Fact]
    public void A_job_id_with_a_lone_surrogate_is_rejected()
    {
        // JSON cannot carry one (the parser refuses it); a job built in code, as the client library does, can.
        var job = JobValidator.Parse(Valid).Job! with { JobId = "c/" + '\ud83d' };
        Assert.Equal("jobId is not valid Unicode (it holds a lone surrogate)", JobValidator.Validate(job));
    }

    [Fact]
    public void A_campaign_id_with_a_NUL_is_rejected() =>
        Assert.StartsWith("campaignId must be", Reject(With("\"campaignId\":\"c\\u0000\"")));

    [Fact]
    public void A_configuration_set_other_than_the_default_is_rejected_unless_allowed()
    {
        var allowList = new ConfigurationSetAllowList("events", ["marketing"]);

        Assert.Null(Reject(With("\"configurationSet\":\"events\""), allowList));
        Assert.Null(Reject(With("\"configurationSet\":\"marketing\""), allowList));
        Assert.Equal("configurationSet other is not one this deployment may send with (its default configuration set or an allowed one)",
            Reject(With("\"configurationSet\":\"other\""), allowList));
    }

    [Fact]
    public void Without_an_allow_list_only_the_form_of_the_configuration_set_is_checked()
    {
        Assert.Null(Reject(With("\"configurationSet\":\"any-set_1\"")));
        Assert.Equal("configurationSet is not a valid SES configuration set name", Reject(With("\"configurationSet\":\"has.dot\"")));
    }
}
