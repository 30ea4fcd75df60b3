using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using BulkMailer.Lambda.Configuration;

namespace BulkMailer.Lambda.Runtime;

/// <summary>
/// HTTP client of the Lambda Runtime API 2018-06-01 (<c>http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/...</c>).
/// </summary>
public sealed class RuntimeApiClient : IRuntimeApiClient, IDisposable
{
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    private const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";
    private const string FunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    private const string TraceIdHeader = "Lambda-Runtime-Trace-Id";
    private const string ClientContextHeader = "Lambda-Runtime-Client-Context";
    private const string CognitoIdentityHeader = "Lambda-Runtime-Cognito-Identity";

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _baseUri;
    private readonly TimeProvider _clock;

    /// <param name="runtimeApi">The <c>host:port</c> Lambda puts in <c>AWS_LAMBDA_RUNTIME_API</c>.</param>
    /// <param name="httpClient">Optional; its timeout is switched off because /next may legitimately block for hours.</param>
    public RuntimeApiClient(string runtimeApi, HttpClient? httpClient = null, TimeProvider? clock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(runtimeApi);
        _baseUri = new Uri($"http://{runtimeApi}/2018-06-01/runtime/");
        _ownsHttp = httpClient is null;
        _http = httpClient ?? new HttpClient(new SocketsHttpHandler
        {
            // The Runtime API is a local endpoint; connections are never stale in the DNS sense, and a
            // connection left idle across a freeze is simply reused or re-opened by the handler.
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        });
        // The environment can be frozen while /next is outstanding, for minutes or hours; any client-side
        // timeout would fire right after a thaw and lose the invocation Lambda is about to hand over.
        _http.Timeout = Timeout.InfiniteTimeSpan;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>Reads <see cref="FunctionVariables.RuntimeApi"/>; throws when it is missing (not running under Lambda or a runner).</summary>
    public static RuntimeApiClient FromEnvironment(FunctionEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new RuntimeApiClient(environment.RuntimeApi
            ?? throw new InvalidOperationException($"{FunctionVariables.RuntimeApi} is not set: this process must run under Lambda or the local runner."));
    }

    public async Task<InvocationRequest> GetNextInvocationAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri(_baseUri, "invocation/next"), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync("invocation/next", response, cancellationToken).ConfigureAwait(false);
        }
        var requestId = Header(response, RequestIdHeader)
            ?? throw new RuntimeApiException($"invocation/next answered without {RequestIdHeader}", (int)response.StatusCode, null);
        var deadline = long.TryParse(Header(response, DeadlineHeader), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        var traceId = Header(response, TraceIdHeader);
        // The managed runtimes export the trace header this way; the X-Ray SDK and AWSSDK read it from here.
        Environment.SetEnvironmentVariable(FunctionVariables.TraceId, traceId);
        var payload = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new InvocationRequest(
            requestId,
            deadline,
            Header(response, FunctionArnHeader),
            traceId,
            payload,
            _clock,
            Header(response, ClientContextHeader),
            Header(response, CognitoIdentityHeader));
    }

    public async Task SendResponseAsync(string requestId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = JsonMediaType;
        await PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/response", content, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task ReportInvocationErrorAsync(string requestId, Exception exception, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(LambdaErrorJson.Write(exception));
        content.Headers.ContentType = JsonMediaType;
        await PostAsync($"invocation/{Uri.EscapeDataString(requestId)}/error", content, LambdaErrorJson.ErrorType(exception), cancellationToken).ConfigureAwait(false);
    }

    public async Task ReportInitErrorAsync(Exception exception, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(LambdaErrorJson.Write(exception));
        content.Headers.ContentType = JsonMediaType;
        await PostAsync("init/error", content, LambdaErrorJson.ErrorType(exception), cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private async Task PostAsync(string path, HttpContent content, string? errorType, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUri, path)) { Content = content };
        if (errorType is not null)
        {
            request.Headers.TryAddWithoutValidation(ErrorTypeHeader, errorType);
        }
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(path, response, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<RuntimeApiException> FailureAsync(string path, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new RuntimeApiException($"Runtime API {path} answered {(int)response.StatusCode}", (int)response.StatusCode, body);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
