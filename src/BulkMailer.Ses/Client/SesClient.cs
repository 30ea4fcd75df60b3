using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using BulkMailer.Ses.Errors;
using BulkMailer.Ses.Model;
using BulkMailer.Ses.Signing;

namespace BulkMailer.Ses.Client;

/// <summary>
/// SES v2 over REST-JSON with SigV4. Create one per process in the Lambda init phase: it owns one pooled
/// HttpClient for the process lifetime, so connections (and TLS sessions) survive across invocations.
/// </summary>
public sealed class SesClient : ISesClient, IDisposable
{
    private const string SendEmailPath = "v2/email/outbound-emails";
    private const string SendBulkEmailPath = "v2/email/outbound-bulk-emails";
    private const string SuppressedDestinationsPath = "v2/email/suppression/addresses";
    private const string AccountPath = "v2/email/account";
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly SesClientOptions _options;
    private readonly HttpClient _http;
    private readonly Uri _baseUri;
    private readonly TimeProvider? _signingClock;
    private readonly SemaphoreSlim _credentialsGate = new(1, 1);
    private SigV4RequestSigner? _signer;

    /// <param name="handler">Optional transport for tests; by default a SocketsHttpHandler tuned for Lambda.</param>
    /// <param name="signingClock">A fixed clock for signing tests; null in production.</param>
    public SesClient(SesClientOptions options, HttpMessageHandler? handler = null, TimeProvider? signingClock = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _http = new HttpClient(handler ?? CreateHandler(), disposeHandler: true)
        {
            // Per-request limits come from a CancellationToken (RequestTimeout) so a timeout can be told
            // apart from the caller's own cancellation.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("bulkmailer-ses/1.0");
        var endpoint = options.Endpoint.AbsoluteUri;
        _baseUri = new Uri(endpoint.EndsWith('/') ? endpoint : endpoint + "/");
        _signingClock = signingClock;
        if (options.Credentials is not null)
        {
            _signer = new SigV4RequestSigner(options.Credentials, options.Region, options.SigningService, signingClock);
        }
    }

    public Task<SendEmailResponse> SendEmailAsync(SendEmailRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SendAsync(SendEmailPath, "SendEmail", request, SesJsonContext.Default.SendEmailRequest, SesJsonContext.Default.SendEmailResponse,
            static response => response.MessageId is { Length: > 0 }, cancellationToken);
    }

    public Task<SendBulkEmailResponse> SendBulkEmailAsync(SendBulkEmailRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entries = request.BulkEmailEntries?.Count ?? 0;
        if (entries is 0 or > SendBulkEmailRequest.MaxEntries)
        {
            throw new ArgumentException($"SendBulkEmail takes 1 to {SendBulkEmailRequest.MaxEntries} entries, got {entries}", nameof(request));
        }
        return SendAsync(SendBulkEmailPath, "SendBulkEmail", request, SesJsonContext.Default.SendBulkEmailRequest, SesJsonContext.Default.SendBulkEmailResponse,
            response => response.BulkEmailEntryResults?.Count == entries, cancellationToken);
    }

    public Task<GetAccountResponse> GetAccountAsync(CancellationToken cancellationToken = default) =>
        ExchangeAsync(HttpMethod.Get, AccountPath, null, "GetAccount", SesJsonContext.Default.GetAccountResponse,
            static response => response.SendQuota is not null, cancellationToken);

    /// <summary>
    /// One page of the account-level suppression list (ListSuppressedDestinations): <paramref name="nextToken"/> null
    /// for the first page, else the <see cref="ListSuppressedDestinationsResponse.NextToken"/> of the page before.
    /// </summary>
    public Task<ListSuppressedDestinationsResponse> ListSuppressedDestinationsAsync(string? nextToken, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var query = $"?PageSize={pageSize}" + (nextToken is null ? "" : "&NextToken=" + Uri.EscapeDataString(nextToken));
        return ExchangeAsync(HttpMethod.Get, SuppressedDestinationsPath + query, null, "ListSuppressedDestinations",
            SesJsonContext.Default.ListSuppressedDestinationsResponse, static _ => true, cancellationToken);
    }

    /// <summary>
    /// Resolves credentials now. Call it in the Lambda init phase so the first invocation does not pay for
    /// walking the credential chain; throws <see cref="SesException"/> (Systemic) when none can be found.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken = default) =>
        await GetSignerAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The exact HTTP request this client would send (serialized and signed); used by tests and diagnostics.</summary>
    public async Task<HttpRequestMessage> BuildSendEmailRequestAsync(SendEmailRequest request, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, SesJsonContext.Default.SendEmailRequest);
        return await BuildSignedRequestAsync(HttpMethod.Post, SendEmailPath, body, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _http.Dispose();
        _credentialsGate.Dispose();
    }

    private Task<TResponse> SendAsync<TRequest, TResponse>(
        string path,
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<TResponse, bool> isComplete,
        CancellationToken cancellationToken) =>
        ExchangeAsync(HttpMethod.Post, path, JsonSerializer.SerializeToUtf8Bytes(request, requestType), operation, responseType, isComplete, cancellationToken);

    /// <summary>One signed round trip (<paramref name="body"/> null: a GET without content), every failure as a classified <see cref="SesException"/>.</summary>
    private async Task<TResponse> ExchangeAsync<TResponse>(
        HttpMethod method,
        string pathAndQuery,
        byte[]? body,
        string operation,
        JsonTypeInfo<TResponse> responseType,
        Func<TResponse, bool> isComplete,
        CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        using var message = await BuildSignedRequestAsync(method, pathAndQuery, body, timeout.Token).ConfigureAwait(false);
        // A request without content cannot have been accepted half-way: never ambiguous.
        var content = message.Content as WriteTrackingContent;
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
            var requestId = Header(response, "x-amzn-RequestId");
            if (!response.IsSuccessStatusCode)
            {
                throw ErrorFromResponse(operation, (int)response.StatusCode, Header(response, "x-amzn-ErrorType"), bytes, requestId);
            }
            TResponse? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize(bytes, responseType);
            }
            catch (JsonException invalid)
            {
                throw new SesException(SesErrorKind.Transient, "InvalidResponse", $"SES {operation} answered {(int)response.StatusCode} with a body that is not the expected JSON", (int)response.StatusCode, isAmbiguous: true, requestId, invalid);
            }
            if (parsed is null || !isComplete(parsed))
            {
                // SES said 2xx, so it may well have accepted the mail; without its answer we cannot know which.
                throw new SesException(SesErrorKind.Transient, "InvalidResponse", $"SES {operation} answered {(int)response.StatusCode} without the expected result", (int)response.StatusCode, isAmbiguous: true, requestId);
            }
            return parsed;
        }
        catch (OperationCanceledException canceled) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SesException(SesErrorKind.Transient, "RequestTimeout", $"SES {operation} did not answer within {_options.RequestTimeout.TotalSeconds:0.###} s", null, isAmbiguous: content?.WriteStarted == true, null, canceled);
        }
        catch (HttpRequestException network)
        {
            // Failures to connect happen before a byte is written; anything later (reset, truncated answer)
            // may have followed an accepted request.
            var beforeSend = network.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
            throw new SesException(SesErrorKind.Transient, "NetworkError", $"SES {operation} failed on the network: {network.HttpRequestError}", null, isAmbiguous: !beforeSend && content?.WriteStarted == true, null, network);
        }
        catch (IOException io)
        {
            throw new SesException(SesErrorKind.Transient, "NetworkError", $"SES {operation} failed on the network", null, isAmbiguous: content?.WriteStarted == true, null, io);
        }
    }

    private async Task<HttpRequestMessage> BuildSignedRequestAsync(HttpMethod method, string pathAndQuery, byte[]? body, CancellationToken cancellationToken)
    {
        var signer = await GetSignerAsync(cancellationToken).ConfigureAwait(false);
        var message = new HttpRequestMessage(method, new Uri(_baseUri, pathAndQuery));
        if (body is not null)
        {
            message.Content = new WriteTrackingContent(body);
            message.Content.Headers.ContentType = JsonMediaType;
        }
        await signer.SignAsync(message, body ?? [], cancellationToken).ConfigureAwait(false);
        return message;
    }

    private async Task<SigV4RequestSigner> GetSignerAsync(CancellationToken cancellationToken)
    {
        if (_signer is { } ready)
        {
            return ready;
        }
        await _credentialsGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_signer is null)
            {
                AWSCredentials credentials;
                try
                {
                    // The resolved object refreshes itself (container/instance credentials); the signer asks it
                    // for current keys on every request, so resolving the chain once is enough.
                    using var resolver = new DefaultAWSCredentialsIdentityResolver();
                    credentials = await resolver.ResolveIdentityAsync(null, cancellationToken).ConfigureAwait(false);
                }
                catch (AmazonClientException missing)
                {
                    throw new SesException(SesErrorKind.Systemic, "CredentialsUnavailable", "no AWS credentials could be resolved", null, isAmbiguous: false, null, missing);
                }
                _signer = new SigV4RequestSigner(credentials, _options.Region, _options.SigningService, _signingClock);
            }
            return _signer;
        }
        finally
        {
            _credentialsGate.Release();
        }
    }

    private static SesException ErrorFromResponse(string operation, int status, string? errorTypeHeader, byte[] body, string? requestId)
    {
        string? code = SesErrorClassifier.NormalizeCode(errorTypeHeader);
        string? text = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                code ??= SesErrorClassifier.NormalizeCode(StringMember(document.RootElement, "__type", "code", "Code", "type"));
                text = StringMember(document.RootElement, "message", "Message");
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, an empty body): the status alone classifies it.
        }
        var kind = SesErrorClassifier.Classify(code, status);
        var reported = code ?? $"Http{status}";
        return new SesException(kind, reported, $"SES {operation} failed: {reported} ({status}){(text is null ? "" : ": " + text)}", status, isAmbiguous: SesErrorClassifier.IsAmbiguousStatus(status), requestId);
    }

    private static string? StringMember(JsonElement element, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }
        return null;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static SocketsHttpHandler CreateHandler() => new()
    {
        // Recycle connections so DNS changes of the SES endpoint are picked up in long-lived environments.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        // Shorter than SES's idle close and than a typical freeze: a connection idle this long is not reused,
        // so the first send after a thaw does not land on a socket the server already closed.
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(20),
        ConnectTimeout = TimeSpan.FromSeconds(3),
        MaxConnectionsPerServer = 64,
        UseProxy = false,
    };
}
