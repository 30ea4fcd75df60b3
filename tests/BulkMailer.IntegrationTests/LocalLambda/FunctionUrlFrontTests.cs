using System.Net;
using System.Text;
using BulkMailer.Lambda.Events;
using BulkMailer.Lambda.Hosting;
using BulkMailer.Lambda.Observability;
using BulkMailer.Lambda.Runtime;
using BulkMailer.LocalLambda.FunctionUrls;
using BulkMailer.LocalLambda.RuntimeApi;

namespace BulkMailer.IntegrationTests.LocalLambda;

/// <summary>
/// The local function URL: HTTP requests become payload format 2.0 events for a function polling the Runtime API
/// (here the real host and loop in-process), and the function's answer becomes the HTTP answer.
/// </summary>
public sealed class FunctionUrlFrontTests : IAsyncLifetime
{
    private readonly RuntimeApiServer _runtime = RuntimeApiServer.Start();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new();
    private RuntimeApiClient? _client;
    private Task<int>? _host;
    private FunctionUrlFront? _front;

    public Task InitializeAsync()
    {
        _client = new RuntimeApiClient(_runtime.RuntimeApiAddress);
        var echo = LambdaHandlers.Json(FunctionUrlJsonContext.Default.FunctionUrlRequest, FunctionUrlJsonContext.Default.FunctionUrlResponse, (request, _, _) =>
            request.RawQueryString == "fail=1"
                ? throw new InvalidOperationException("the function failed")
                : Task.FromResult(new FunctionUrlResponse
                {
                    StatusCode = 201,
                    Headers = new Dictionary<string, string> { ["content-type"] = "text/plain; charset=utf-8", ["x-method"] = request.RequestContext.Http.Method },
                    Body = $"{request.RawPath}|{request.RawQueryString}|{request.IsBase64Encoded}|{request.BodyText()}|{request.Headers?.GetValueOrDefault("x-test")}",
                }));
        _host = LambdaHost.RunAsync(_ => Task.FromResult<LambdaHandler>(echo), new LambdaHostOptions
        {
            Client = _client,
            Logger = new JsonLogger(TextWriter.Null),
            StopToken = _stop.Token,
            HandleSigterm = false,
        });
        _front = FunctionUrlFront.Start(_runtime);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _front!.DisposeAsync();
        await _stop.CancelAsync();
        await _host!.WaitAsync(TimeSpan.FromSeconds(10));
        _client!.Dispose();
        await _runtime.DisposeAsync();
        _stop.Dispose();
    }

    [Fact]
    public async Task A_form_post_arrives_base64_encoded_with_its_path_query_and_headers_and_the_functions_answer_is_the_http_answer()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_front!.Url, "/unsubscribe?t=abc"))
        {
            Content = new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Test", "seen");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("POST", response.Headers.GetValues("x-method").Single());
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("/unsubscribe|t=abc|True|List-Unsubscribe=One-Click|seen", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_get_arrives_without_a_body_and_a_text_body_arrives_as_text()
    {
        Assert.Equal("/|x=1|False||", await _http.GetStringAsync(new Uri(_front!.Url, "/?x=1")));
        using var posted = await _http.PostAsync(_front.Url, new StringContent("hello", Encoding.UTF8, "text/plain"));
        Assert.Equal("/||False|hello|", await posted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_function_error_answers_502_as_a_function_url_does()
    {
        using var response = await _http.GetAsync(new Uri(_front!.Url, "/?fail=1"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(1, _front.Requests);
    }
}
