using System.Net;
using Amazon.Runtime;

namespace BulkMailer.Client.Enqueueing;

/// <summary>Sorts SendMessageBatch exceptions into worth-retrying, wrong-for-this-batch-only, and fatal.</summary>
internal static class SqsErrors
{
    private static readonly string[] TransientCodes =
        ["RequestTimeout", "ServiceUnavailable", "InternalError", "InternalFailure", "SlowDown", "KmsThrottled"];

    private static readonly string[] BatchSpecificCodes =
    [
        "BatchRequestTooLong", "InvalidMessageContents", "InvalidBatchEntryId", "TooManyEntriesInBatchRequest",
        "BatchEntryIdsNotDistinct", "EmptyBatchRequest", "InvalidParameterValue", "MissingParameter",
    ];

    public static bool IsTransient(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        // A cancellation nobody asked for is the HTTP client's timeout.
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        AmazonServiceException service => IsTransientService(service)
            || service.InnerException is { } inner && IsTransient(inner, cancellationToken),
        HttpRequestException or IOException => true,
        AmazonClientException client => client.InnerException is { } inner && IsTransient(inner, cancellationToken),
        _ => false,
    };

    /// <summary>Errors about this batch's content: its jobs fail, other batches go on.</summary>
    public static bool IsBatchSpecific(Exception exception) =>
        exception is AmazonServiceException { ErrorCode: { } code } && BatchSpecificCodes.Any(c => code.EndsWith(c, StringComparison.Ordinal));

    public static string Describe(Exception exception) => exception switch
    {
        AmazonServiceException service => $"{service.ErrorCode ?? "error"} (HTTP {(int)service.StatusCode}): {service.Message}",
        OperationCanceledException => "the SQS request timed out",
        _ => $"{exception.GetType().Name}: {exception.Message}",
    };

    private static bool IsTransientService(AmazonServiceException exception)
    {
        var status = (int)exception.StatusCode;
        var code = exception.ErrorCode ?? string.Empty;
        return status >= 500
            || exception.StatusCode == HttpStatusCode.TooManyRequests
            || code.Contains("Throttl", StringComparison.OrdinalIgnoreCase)
            || TransientCodes.Any(c => code.EndsWith(c, StringComparison.Ordinal));
    }
}
