using System.Text;
using BulkMailer.Core.Privacy;
using BulkMailer.Core.Unsubscribe;
using BulkMailer.Lambda.Events;
using BulkMailer.Unsubscribe;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.Unsubscribe;

public sealed class UnsubscribeHandlerTests
{
    private const string Recipient = "Reader@Example.com";
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingUnsubscribeStore _store = new();
    private readonly UnsubscribeTokenCodec _codec;
    private readonly UnsubscribeHandler _handler;

    public UnsubscribeHandlerTests()
    {
        _codec = new UnsubscribeTokenCodec(UnsubscribeSigningKeys.Parse("0123456789abcdef0123456789abcdef-key"), _clock);
        _handler = new UnsubscribeHandler(_codec, _store);
    }

    private static FunctionUrlRequest Request(string method, string query, string? body = null, bool base64 = false) => new()
    {
        RawQueryString = query,
        RequestContext = new FunctionUrlRequestContext { Http = new FunctionUrlHttp { Method = method } },
        Body = base64 && body is not null ? Convert.ToBase64String(Encoding.UTF8.GetBytes(body)) : body,
        IsBase64Encoded = base64,
    };

    private string Token() => _codec.Issue(Recipient, "camp");

    private Task<FunctionUrlResponse> PostAsync(string query, string? body = "List-Unsubscribe=One-Click", bool base64 = false) =>
        _handler.HandleAsync(Request("POST", query, body, base64), CancellationToken.None);

    [Fact]
    public async Task A_one_click_post_with_a_valid_token_suppresses_the_lower_cased_recipient_and_answers_200()
    {
        var response = await PostAsync("t=" + Token());

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(["reader@example.com"], _store.Calls);
        Assert.Contains(EmailMask.Mask(Recipient), response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_base64_encoded_form_body_is_read_as_lambda_sends_it()
    {
        var response = await PostAsync("t=" + Token(), "List-Unsubscribe=One-Click", base64: true);

        Assert.Equal(200, response.StatusCode);
        Assert.Single(_store.Calls);
    }

    [Fact]
    public async Task A_replayed_post_answers_200_again_and_the_address_stays_suppressed_once()
    {
        var token = Token();

        Assert.Equal(200, (await PostAsync("t=" + token)).StatusCode);
        Assert.Equal(200, (await PostAsync("t=" + token)).StatusCode);
        Assert.Equal(["reader@example.com"], _store.Suppressed);
    }

    [Fact]
    public async Task A_get_with_a_valid_token_shows_a_form_that_posts_the_one_click_body_and_changes_nothing()
    {
        var token = Token();

        var page = await _handler.HandleAsync(Request("GET", "t=" + token), CancellationToken.None);

        Assert.Equal(200, page.StatusCode);
        Assert.Equal("text/html; charset=utf-8", page.Headers["content-type"]);
        Assert.Contains("<html lang=\"en\">", page.Body, StringComparison.Ordinal);
        Assert.Contains("<title>Unsubscribe</title>", page.Body, StringComparison.Ordinal);
        Assert.Contains($"<form method=\"post\" action=\"?t={token}\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">", page.Body, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\"", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("reader@example.com", page.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(_store.Calls);
    }

    [Fact]
    public async Task Pages_keep_the_token_out_of_referrers_and_caches()
    {
        var page = await _handler.HandleAsync(Request("GET", "t=" + Token()), CancellationToken.None);

        Assert.Equal("no-referrer", page.Headers["referrer-policy"]);
        Assert.Equal("no-store", page.Headers["cache-control"]);
    }

    [Fact]
    public async Task A_tampered_token_answers_400_with_its_reason_and_suppresses_nothing()
    {
        var victim = _codec.Issue("victim@example.com", "camp");
        var tampered = string.Join('.', Token().Split('.')[..4]) + "." + victim.Split('.')[4];

        var response = await PostAsync("t=" + tampered);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("altered", response.Body, StringComparison.Ordinal);
        Assert.Empty(_store.Calls);
    }

    [Fact]
    public async Task An_expired_token_answers_400_with_its_reason_and_suppresses_nothing()
    {
        var token = Token();
        _clock.Advance(UnsubscribeTokenCodec.DefaultValidity);

        var response = await PostAsync("t=" + token);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("expired", response.Body, StringComparison.Ordinal);
        Assert.Empty(_store.Calls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("t=")]
    [InlineData("x=1")]
    [InlineData("t=a&t=b")]
    public async Task A_request_without_exactly_one_token_answers_400(string query)
    {
        Assert.Equal(400, (await _handler.HandleAsync(Request("GET", query), CancellationToken.None)).StatusCode);
        Assert.Equal(400, (await PostAsync(query)).StatusCode);
        Assert.Empty(_store.Calls);
    }

    [Fact]
    public async Task A_malformed_token_answers_400_with_its_reason() =>
        Assert.Contains("malformed", (await PostAsync("t=not-a-token")).Body, StringComparison.Ordinal);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("List-Unsubscribe=Yes")]
    [InlineData("unsubscribe=1")]
    public async Task A_post_without_the_one_click_body_answers_400_and_suppresses_nothing(string? body)
    {
        Assert.Equal(400, (await PostAsync("t=" + Token(), body)).StatusCode);
        Assert.Empty(_store.Calls);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("HEAD")]
    public async Task Another_method_answers_400_and_suppresses_nothing(string method)
    {
        Assert.Equal(400, (await _handler.HandleAsync(Request(method, "t=" + Token(), "List-Unsubscribe=One-Click"), CancellationToken.None)).StatusCode);
        Assert.Empty(_store.Calls);
    }
}
