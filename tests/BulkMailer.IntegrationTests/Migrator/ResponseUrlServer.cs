using System.Collections.Concurrent;
using System.Text.Json;
using BulkMailer.LocalServers.Support;

namespace BulkMailer.IntegrationTests.Migrator;

/// <summary>
/// Plays CloudFormation's pre-signed ResponseURL: records every PUT (path, content type, JSON body) and answers 200,
/// as S3 does. A custom-resource test reads the answer the function gave from here.
/// </summary>
public sealed class ResponseUrlServer : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly ConcurrentQueue<(string Method, string Path, string? ContentType, string Body)> _received = new();

    public ResponseUrlServer()
    {
        _server = LoopbackHttpServer.Start(async (context, _) =>
        {
            var body = await LoopbackHttpServer.ReadTextAsync(context.Request);
            _received.Enqueue((context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.ContentType, body));
            await LoopbackHttpServer.ReplyAsync(context, 200, "");
        });
    }

    /// <summary>A URL shaped like CloudFormation's (a path per request, a query string that must be kept intact).</summary>
    public string UrlFor(string requestId) => new Uri(_server.Endpoint, $"cloudformation-response/{requestId}?X-Amz-Signature=abc").ToString();

    public IReadOnlyList<(string Method, string Path, string? ContentType, string Body)> Received => [.. _received];

    /// <summary>The JSON answer PUT for <paramref name="requestId"/>; fails the test when there is not exactly one.</summary>
    public JsonElement AnswerFor(string requestId)
    {
        var answers = _received.Where(r => r.Path.EndsWith("/" + requestId, StringComparison.Ordinal)).ToList();
        Assert.Single(answers);
        Assert.Equal("PUT", answers[0].Method);
        return JsonDocument.Parse(answers[0].Body).RootElement.Clone();
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
