using System.Collections.Concurrent;
using System.Net;
using Amazon.Runtime;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace BulkMailer.UnitTests.Client;

/// <summary>
/// A hand-written SQS double: SendMessageBatch answers from a script (in call order), then succeeds for every
/// entry. Records each call's entries and the peak number of calls in flight. No network is touched.
/// </summary>
public sealed class ScriptedSqs : AmazonSQSClient
{
    private readonly ConcurrentQueue<Func<SendMessageBatchRequest, SendMessageBatchResponse>> _script = new();
    private readonly ConcurrentQueue<IReadOnlyList<SendMessageBatchRequestEntry>> _calls = new();
    private int _inFlight;
    private int _peakInFlight;

    public ScriptedSqs()
        : base(new BasicAWSCredentials("unit", "unit"), new AmazonSQSConfig { ServiceURL = "http://127.0.0.1:9", MaxErrorRetry = 0 })
    {
    }

    /// <summary>Simulated service time of each call, to let calls overlap.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    public IReadOnlyList<IReadOnlyList<SendMessageBatchRequestEntry>> Calls => _calls.ToArray();

    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    public void Then(Func<SendMessageBatchRequest, SendMessageBatchResponse> reply) => _script.Enqueue(reply);

    public void ThenThrow(Exception exception) => _script.Enqueue(_ => throw exception);

    /// <summary>A reply that fails the given entry positions with the given sender-fault flag and accepts the rest.</summary>
    public static Func<SendMessageBatchRequest, SendMessageBatchResponse> FailPositions(bool senderFault, params int[] positions) => request =>
    {
        var response = new SendMessageBatchResponse { Successful = [], Failed = [], HttpStatusCode = HttpStatusCode.OK };
        for (var i = 0; i < request.Entries.Count; i++)
        {
            var entry = request.Entries[i];
            if (positions.Contains(i))
            {
                response.Failed.Add(new BatchResultErrorEntry { Id = entry.Id, Code = senderFault ? "InvalidParameterValue" : "InternalError", Message = "scripted", SenderFault = senderFault });
            }
            else
            {
                response.Successful.Add(new SendMessageBatchResultEntry { Id = entry.Id, MessageId = Guid.NewGuid().ToString() });
            }
        }
        return response;
    };

    public override async Task<SendMessageBatchResponse> SendMessageBatchAsync(SendMessageBatchRequest request, CancellationToken cancellationToken = default)
    {
        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _peakInFlight, now);
        try
        {
            _calls.Enqueue(request.Entries.ToArray());
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, cancellationToken);
            }
            var reply = _script.TryDequeue(out var scripted) ? scripted : FailPositions(false);
            return reply(request);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
        {
            current = seen;
        }
    }
}
