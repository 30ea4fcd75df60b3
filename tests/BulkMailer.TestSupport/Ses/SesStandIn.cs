using BulkMailer.LocalServers.Support;
using BulkMailer.LocalServers.Ses;
using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace BulkMailer.TestSupport.Ses;

/// <summary>
/// A fault-injecting SES v2 on 127.0.0.1: answers <c>/v2/email/outbound-emails</c> and
/// <c>/v2/email/outbound-bulk-emails</c> with scripted replies in order (throttle, 5xx, rejections, paused
/// sending, dropped connections, slow answers), then with success. Records every request.
/// Like SES, it refuses a request that breaks a rule of SES's v2 model (<see cref="SesModelRules"/>), or that is
/// addressed to a recipient refused with <see cref="RefuseRequestsTo"/>, with 400 BadRequestException — the whole
/// request, all entries of a SendBulkEmail — before any scripted reply. It also serves the account-level suppression
/// list (GET <c>/v2/email/suppression/addresses</c>, ListSuppressedDestinations) in pages of at most
/// <see cref="SuppressionPageSize"/>, linked by <c>NextToken</c> as SES's model does, and refuses GetAccount.
/// </summary>
public sealed class SesStandIn : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly ConcurrentQueue<SesStandInReply> _script = new();
    private readonly ConcurrentQueue<SesStandInRequest> _requests = new();
    private readonly ConcurrentDictionary<string, string> _refused = new(StringComparer.OrdinalIgnoreCase);
    private int _badRequests;
    private int _accountReads;
    private int _messageCounter;
    private readonly List<(string Email, string Reason)> _accountSuppressions = [];

    private SesStandIn()
    {
        _server = LoopbackHttpServer.Start(HandleAsync);
    }

    public static SesStandIn Start() => new();

    /// <summary>The value for <c>AWS_ENDPOINT_URL_SES</c>.</summary>
    public Uri Endpoint => _server.Endpoint;

    /// <summary>Requests received so far, in arrival order.</summary>
    public IReadOnlyList<SesStandInRequest> Requests => _requests.ToArray();

    /// <summary>Replies used in order for the next requests; when the script is empty, requests succeed.</summary>
    public void Script(params SesStandInReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>GetAccount calls, each refused 403 AccessDeniedException (not in <see cref="Requests"/>).</summary>
    public int AccountReads => Volatile.Read(ref _accountReads);

    /// <summary>Requests refused with 400 BadRequestException (a broken model rule or a refused recipient).</summary>
    public int BadRequests => Volatile.Read(ref _badRequests);

    /// <summary>Every request holding <paramref name="recipient"/> is refused as a whole with 400 BadRequestException.</summary>
    public void RefuseRequestsTo(string recipient, string message = "The input you provided is invalid.") => _refused[recipient] = message;

    /// <summary>The most addresses one ListSuppressedDestinations page holds, whatever the request's PageSize. Default 2.</summary>
    public int SuppressionPageSize { get; set; } = 2;

    /// <summary>Puts an address on the account-level suppression list (<paramref name="reason"/>: BOUNCE or COMPLAINT).</summary>
    public void SuppressOnAccount(string email, string reason)
    {
        lock (_accountSuppressions)
        {
            _accountSuppressions.Add((email, reason));
        }
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    // A client that hung up (its timeout) or the stand-in stopping ends a request quietly in LoopbackHttpServer.
    private async Task HandleAsync(HttpListenerContext context, CancellationToken stopping)
    {
        var body = await LoopbackHttpServer.ReadTextAsync(context.Request).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in context.Request.Headers.AllKeys)
        {
            if (name is not null)
            {
                headers[name] = context.Request.Headers[name] ?? "";
            }
        }
        var path = context.Request.Url?.AbsolutePath ?? "";
        if (path.EndsWith("/v2/email/account", StringComparison.Ordinal))
        {
            // GetAccount (the sender reads it at init for its send governor) is refused as for a role without
            // ses:GetAccount, outside the script and the recorded requests: the sender then runs without a governor.
            Interlocked.Increment(ref _accountReads);
            await SesReply.WriteAsync(context, 403, """{"message":"User is not authorized to perform: ses:GetAccount"}""", "AccessDeniedException").ConfigureAwait(false);
            return;
        }
        _requests.Enqueue(new SesStandInRequest(context.Request.HttpMethod, path, headers, body));

        if (headers.ContainsKey("Authorization") && Refusal(path, body) is { } refusal)
        {
            Interlocked.Increment(ref _badRequests);
            var error = SesStandInReply.Error(400, "BadRequestException", refusal);
            await SesReply.WriteAsync(context, error.Status, error.Body!, error.ErrorType).ConfigureAwait(false);
            return;
        }
        var reply = _script.TryDequeue(out var scripted) ? scripted : SesStandInReply.Success();
        if (reply.Delay > TimeSpan.Zero)
        {
            await Task.Delay(reply.Delay, stopping).ConfigureAwait(false);
        }
        if (reply.DropConnection)
        {
            // HttpListener cannot reset a connection before answering (Abort alone still completes a
            // response), so promise a body, send one byte of it and cut the connection: the client sees
            // the connection die before SES's answer is complete.
            context.Response.StatusCode = 200;
            context.Response.ContentLength64 = 1024;
            await context.Response.OutputStream.WriteAsync("{"u8.ToArray()).ConfigureAwait(false);
            await context.Response.OutputStream.FlushAsync().ConfigureAwait(false);
            context.Response.Abort();
            return;
        }
        if (!headers.ContainsKey("Authorization"))
        {
            // Like SES (and aws-ses-v2-local): an unsigned request is refused before anything else.
            await SesReply.WriteAsync(context, 403, """{"message":"Missing Authentication Token"}""", "MissingAuthenticationTokenException").ConfigureAwait(false);
            return;
        }
        var answer = reply.Body ?? SuccessBody(path, context.Request.QueryString, body);
        await SesReply.WriteAsync(context, answer is null ? 404 : reply.Status, answer ?? """{"message":"unknown operation"}""", reply.ErrorType).ConfigureAwait(false);
    }

    private string? Refusal(string path, string body)
    {
        var bulk = path.EndsWith("/v2/email/outbound-bulk-emails", StringComparison.Ordinal);
        if (!bulk && !path.EndsWith("/v2/email/outbound-emails", StringComparison.Ordinal))
        {
            return null;
        }
        if (SesModelRules.FirstBroken(body, bulk) is { } broken)
        {
            return broken;
        }
        using var document = JsonDocument.Parse(body);
        var destinations = bulk && document.RootElement.TryGetProperty("BulkEmailEntries", out var entries)
            ? [.. entries.EnumerateArray().Select(e => e.GetProperty("Destination"))]
            : new List<JsonElement> { document.RootElement.GetProperty("Destination") };
        return destinations.SelectMany(d => d.TryGetProperty("ToAddresses", out var to) ? to.EnumerateArray().Select(a => a.GetString() ?? "") : [])
            .Select(a => _refused.TryGetValue(a, out var message) ? message : null)
            .FirstOrDefault(m => m is not null);
    }

    private string? SuccessBody(string path, System.Collections.Specialized.NameValueCollection query, string requestBody)
    {
        if (path.EndsWith("/v2/email/suppression/addresses", StringComparison.Ordinal))
        {
            return SuppressionPage(query["NextToken"], int.TryParse(query["PageSize"], out var size) ? size : 1000);
        }
        if (path.EndsWith("/v2/email/outbound-emails", StringComparison.Ordinal))
        {
            return $$"""{"MessageId":"standin-{{Interlocked.Increment(ref _messageCounter)}}"}""";
        }
        if (path.EndsWith("/v2/email/outbound-bulk-emails", StringComparison.Ordinal))
        {
            using var document = JsonDocument.Parse(requestBody);
            var entries = document.RootElement.TryGetProperty("BulkEmailEntries", out var list) ? list.GetArrayLength() : 0;
            var results = Enumerable.Range(0, entries)
                .Select(_ => $$"""{"Status":"SUCCESS","MessageId":"standin-{{Interlocked.Increment(ref _messageCounter)}}"}""");
            return "{\"BulkEmailEntryResults\":[" + string.Join(",", results) + "]}";
        }
        return null;
    }

    /// <summary>
    /// The page starting at the token's offset ("at+N/=": SES's tokens are base64, so a client must escape '+', '/'
    /// and '=' in the query), with the next page's token while addresses remain.
    /// </summary>
    private string SuppressionPage(string? nextToken, int requestedSize)
    {
        var start = nextToken is { Length: > 5 } token && token.StartsWith("at+", StringComparison.Ordinal) && token.EndsWith("/=", StringComparison.Ordinal)
            ? int.Parse(token[3..^2], System.Globalization.CultureInfo.InvariantCulture)
            : 0;
        List<(string Email, string Reason)> page;
        int total;
        lock (_accountSuppressions)
        {
            total = _accountSuppressions.Count;
            page = [.. _accountSuppressions.Skip(start).Take(Math.Min(requestedSize, SuppressionPageSize))];
        }
        var answer = new Dictionary<string, object>
        {
            ["SuppressedDestinationSummaries"] = page.Select(e => new Dictionary<string, object>
            {
                ["EmailAddress"] = e.Email, ["Reason"] = e.Reason, ["LastUpdateTime"] = 1764712345.5,
            }).ToList(),
        };
        if (start + page.Count < total)
        {
            // The last page has no NextToken at all, as SES answers.
            answer["NextToken"] = $"at+{start + page.Count}/=";
        }
        return JsonSerializer.Serialize(answer);
    }
}
