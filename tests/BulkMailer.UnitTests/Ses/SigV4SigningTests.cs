using System.Net.Http.Headers;
using System.Text;
using Amazon.Runtime;
using BulkMailer.Ses.Client;
using BulkMailer.Ses.Model;
using BulkMailer.Ses.Signing;
using BulkMailer.UnitTests.Fakes;

namespace BulkMailer.UnitTests.Ses;

/// <summary>
/// SigV4 against the published AWS test suite (aws-sig-v4-test-suite: AKIDEXAMPLE, 20150830T123600Z,
/// us-east-1, service "service"). AWSSDK.Core's public signer always signs X-Amz-Content-SHA256 as well,
/// so its signatures cannot equal the suite's byte for byte; instead an independent reference computation
/// is first shown to reproduce the suite's signatures exactly, and then must accept every signature the
/// product's signing path produces for the same requests.
/// </summary>
public sealed class SigV4SigningTests
{
    private const string SessionToken = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    private static readonly DateTimeOffset SuiteDate = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    /// <summary>name, method, query, extra headers ("Name:value|..."), body, published SignedHeaders, published signature.</summary>
    public static TheoryData<string, string, string, string, string, string, string> Vectors => new()
    {
        { "get-vanilla", "GET", "", "", "", "host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
        { "post-vanilla", "POST", "", "", "", "host;x-amz-date", "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
        { "get-vanilla-query-order-key-case", "GET", "?Param2=value2&Param1=value1", "", "", "host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
        { "post-header-key-sort", "POST", "", "My-Header1:value1", "", "host;my-header1;x-amz-date", "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c" },
        { "post-header-value-case", "POST", "", "My-Header1:VALUE1", "", "host;my-header1;x-amz-date", "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d" },
        { "post-x-www-form-urlencoded", "POST", "", "Content-Type:application/x-www-form-urlencoded", "Param1=value1", "content-type;host;x-amz-date", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a" },
        { "post-sts-header-before", "POST", "", "X-Amz-Security-Token:" + SessionToken, "", "host;x-amz-date;x-amz-security-token", "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead" },
    };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_reference_computation_reproduces_the_published_signature(string name, string method, string query, string extraHeaders, string body, string signedHeaders, string expected)
    {
        var headers = ParseHeaders(extraHeaders);
        headers["Host"] = "example.amazonaws.com";
        headers["X-Amz-Date"] = SigV4Reference.AmzDate;

        var signature = SigV4Reference.Signature(method, "/", query, headers, signedHeaders.Split(';'), SigV4Reference.PayloadHash(body));

        Assert.True(expected == signature, $"{name}: expected {expected}, computed {signature}");
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public async Task The_signing_path_of_the_client_produces_a_signature_valid_for_the_published_request(string name, string method, string query, string extraHeaders, string body, string signedHeaders, string expected)
    {
        _ = expected;
        var headers = ParseHeaders(extraHeaders);
        var token = headers.Remove("X-Amz-Security-Token", out var t) ? t : null;
        AWSCredentials credentials = token is null
            ? new BasicAWSCredentials(SigV4Reference.AccessKey, SigV4Reference.SecretKey)
            : new SessionAWSCredentials(SigV4Reference.AccessKey, SigV4Reference.SecretKey, token);
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://example.amazonaws.com/" + query);
        var payload = Encoding.UTF8.GetBytes(body);
        if (headers.Remove("Content-Type", out var contentType) || body.Length > 0)
        {
            request.Content = new ByteArrayContent(payload);
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }
        foreach (var header in headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        var signer = new SigV4RequestSigner(credentials, SigV4Reference.Region, SigV4Reference.Service, new FixedClock(SuiteDate));

        await signer.SignAsync(request, payload, CancellationToken.None);

        var authorization = Authorization.Parse(Single(request, "Authorization"));
        Assert.Equal($"{SigV4Reference.AccessKey}/20150830/us-east-1/service/aws4_request", authorization.Credential);
        Assert.Equal(SigV4Reference.AmzDate, Single(request, "X-Amz-Date"));
        Assert.Equal(SigV4Reference.PayloadHash(body), Single(request, "X-Amz-Content-SHA256"));
        // Exactly the suite's signed headers, plus the payload hash header the SDK signer always adds.
        var expectedSigned = signedHeaders.Split(';').Append("x-amz-content-sha256").Order(StringComparer.Ordinal);
        Assert.Equal(expectedSigned, authorization.SignedHeaders);
        var reference = SigV4Reference.Signature(method, "/", query, SentHeaders(request), authorization.SignedHeaders, SigV4Reference.PayloadHash(body));
        Assert.True(reference == authorization.Signature, $"{name}: signer {authorization.Signature}, reference {reference}");
    }

    [Fact]
    public async Task A_send_email_request_is_signed_for_service_ses_in_the_configured_region_over_its_exact_body()
    {
        var options = new SesClientOptions
        {
            Region = "eu-west-1",
            Endpoint = new Uri("https://email.eu-west-1.amazonaws.com"),
            Credentials = new BasicAWSCredentials(SigV4Reference.AccessKey, SigV4Reference.SecretKey),
        };
        using var client = new SesClient(options, signingClock: new FixedClock(SuiteDate));

        using var request = await client.BuildSendEmailRequestAsync(new SendEmailRequest
        {
            FromEmailAddress = "news@acme.example",
            Destination = new Destination { ToAddresses = ["ada@example.com"] },
            Content = new EmailContent { Simple = new Message { Subject = Content.Utf8("Hi"), Body = new Body { Text = Content.Utf8("Hello") } } },
        });

        var body = await request.Content!.ReadAsStringAsync();
        var authorization = Authorization.Parse(Single(request, "Authorization"));
        Assert.Equal("/v2/email/outbound-emails", request.RequestUri!.AbsolutePath);
        Assert.Equal($"{SigV4Reference.AccessKey}/20150830/eu-west-1/ses/aws4_request", authorization.Credential);
        Assert.Equal(["content-type", "host", "x-amz-content-sha256", "x-amz-date"], authorization.SignedHeaders);
        Assert.Equal(SigV4Reference.PayloadHash(body), Single(request, "X-Amz-Content-SHA256"));
        var reference = SigV4Reference.Signature("POST", "/v2/email/outbound-emails", "", SentHeaders(request), authorization.SignedHeaders,
            SigV4Reference.PayloadHash(body), region: "eu-west-1", service: "ses");
        Assert.Equal(reference, authorization.Signature);
    }

    private static Dictionary<string, string> ParseHeaders(string text) =>
        text.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Select(h => h.Split(':', 2))
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);

    private static string Single(HttpRequestMessage request, string name) => Assert.Single(request.Headers.GetValues(name));

    private static Dictionary<string, string> SentHeaders(HttpRequestMessage request)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        if (request.Content?.Headers.ContentType is { } type)
        {
            headers["Content-Type"] = type.ToString();
        }
        headers["Host"] = request.RequestUri!.IsDefaultPort ? request.RequestUri.Host : request.RequestUri.Authority;
        return headers;
    }

    private sealed record Authorization(string Credential, IReadOnlyList<string> SignedHeaders, string Signature)
    {
        public static Authorization Parse(string header)
        {
            Assert.StartsWith("AWS4-HMAC-SHA256 ", header, StringComparison.Ordinal);
            var parts = header["AWS4-HMAC-SHA256 ".Length..].Split(", ").Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            return new Authorization(parts["Credential"], parts["SignedHeaders"].Split(';'), parts["Signature"]);
        }
    }
}
